import { Alert, Col, DatePicker, Row, Space } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import { keys } from '../../api/keys';
import { useSelectedOrg } from '../../console/selected-org';
import { useAuth } from '../../lib/auth';
import { thisMonth } from './labels';

/** Every dues write changes the month, the ledger, the arrears and the rates: refresh them all. */
export const duesWrites = [keys.dues.all];

/** The month a page looks at, kept in the address (`?month=2026-03`) so a link or a reload keeps it. */
export function useMonthParam(): [string, (m: string) => void] {
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? thisMonth();
  return [month, (m) => setParams((p) => ({ ...Object.fromEntries(p), month: m }), { replace: true })];
}

/** The year a page looks at (`?year=2026`). */
export function useYearParam(): [number, (y: number) => void] {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? new Date().getFullYear());
  return [year, (y) => setParams((p) => ({ ...Object.fromEntries(p), year: String(y) }), { replace: true })];
}

export function MonthPicker({ value, onChange }: { value: string; onChange: (m: string) => void }) {
  return (
    <DatePicker
      picker="month"
      aria-label="月份"
      allowClear={false}
      value={dayjs(`${value}-01`)}
      format="YYYY年M月"
      onChange={(d) => d && onChange(d.format('YYYY-MM'))}
    />
  );
}

export function YearPicker({ value, onChange }: { value: number; onChange: (y: number) => void }) {
  return (
    <DatePicker
      picker="year"
      aria-label="年度"
      allowClear={false}
      value={dayjs(`${value}-01-01`)}
      format="YYYY年"
      onChange={(d) => d && onChange(d.year())}
    />
  );
}

/** Dues are kept per organization: without one chosen there is nothing to show. */
export function NeedsOrg({ children }: { children: (org: { id: string; name: string }) => ReactNode }) {
  const { org } = useSelectedOrg();
  if (!org) return <Alert type="info" showIcon title="请先在左侧组织机构中选择一个党组织" />;
  return <>{children(org)}</>;
}

/**
 * A year's page of one organization: its form beside the year's list, the form only for those who may
 * record dues (上缴, 公布).
 */
export function YearFormAndList({
  formSpan,
  form,
  list,
}: {
  formSpan: number;
  form: (orgId: string, year: number) => ReactNode;
  list: (orgId: string, year: number) => ReactNode;
}) {
  const { can } = useAuth();
  const [year, setYear] = useYearParam();
  const writes = can('dues.write');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <YearPicker value={year} onChange={setYear} />
      <NeedsOrg>
        {(org) => (
          <Row gutter={[16, 16]}>
            {writes && (
              <Col xs={24} xl={formSpan}>
                {form(org.id, year)}
              </Col>
            )}
            <Col xs={24} xl={writes ? 24 - formSpan : 24}>
              {list(org.id, year)}
            </Col>
          </Row>
        )}
      </NeedsOrg>
    </Space>
  );
}
