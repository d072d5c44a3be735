import { canContain } from '@dangjian/core';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Progress, Result, Row, Space, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { meetingsApi, orgApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { LifeComparisonRow, LifeComplianceItem } from '../../api/types';
import { useFormMutation } from '../../api/use-form-mutation';
import { ErrorState, PageLoading, QueryState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import { periodLabel } from '../../lib/format';
import { meetingFrequencyLabels, meetingTypeLabels } from '../../lib/meeting-labels';
import { usePageTitle } from '../../lib/title';
import { complianceBars, rateBars } from './ComplianceCharts';
import { YearPicker, yearOf } from './shared';

// ECharts only when someone opens this page: it is most of a megabyte.
const EChart = lazy(() => import('../stats/EChart').then((m) => ({ default: m.EChart })));

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

function BranchCompliance({ orgId, year }: { orgId: string; year: number }) {
  const q = useQuery({
    queryKey: keys.meetings.compliance(orgId, year),
    queryFn: () => meetingsApi.compliance(orgId, year),
  });
  return (
    <QueryState query={q}>
      {(c) => (
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Table<LifeComplianceItem>
              rowKey="type"
              size="middle"
              pagination={false}
              dataSource={c.items}
              data-testid="compliance-table"
              columns={[
                {
                  title: '会议类型',
                  dataIndex: 'type',
                  render: (t: LifeComplianceItem['type']) => meetingTypeLabels[t],
                },
                {
                  title: '要求',
                  dataIndex: 'frequency',
                  render: (f: LifeComplianceItem['frequency']) => meetingFrequencyLabels[f],
                },
                { title: '应开展', dataIndex: 'required', align: 'right' },
                { title: '已开展', dataIndex: 'held', align: 'right' },
                {
                  title: '未开展的期间',
                  key: 'missing',
                  render: (_: unknown, i) =>
                    i.missingPeriods.length === 0 && i.openPeriods.length === 0 ? (
                      <Tag color="green">全部落实</Tag>
                    ) : (
                      <Space size={[4, 4]} wrap>
                        {i.missingPeriods.map((p) => (
                          <Tag key={p} color="red">
                            {periodLabel(p)}
                          </Tag>
                        ))}
                        {i.openPeriods.map((p) => (
                          <Tag key={p} title="期间未结束">
                            {periodLabel(p)}（未到期）
                          </Tag>
                        ))}
                      </Space>
                    ),
                },
              ]}
            />
          </Col>
          <Col span={24}>
            <Suspense fallback={<PageLoading />}>
              <EChart option={complianceBars(c.items)} height={300} testId="compliance-chart" />
            </Suspense>
          </Col>
        </Row>
      )}
    </QueryState>
  );
}

function Comparison({
  orgId,
  year,
  onDrill,
}: {
  orgId: string;
  year: number;
  onDrill: (row: LifeComparisonRow) => void;
}) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useQuery({
    queryKey: keys.meetings.comparison(orgId, year, page, pageSize),
    queryFn: () => meetingsApi.comparison(orgId, { year, page, pageSize }),
    placeholderData: (prev) => prev,
  });
  if (q.error) return <ErrorState error={q.error} onRetry={() => q.refetch()} />;
  const rows = q.data?.items ?? [];
  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Table<LifeComparisonRow>
          rowKey="orgId"
          size="middle"
          loading={q.isFetching}
          dataSource={rows}
          data-testid="comparison-table"
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize,
            total: q.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 个党支部`,
            onChange: (p, s) => {
              setPage(s === pageSize ? p : 1);
              setPageSize(s);
            },
          }}
          columns={[
            {
              title: '党支部',
              dataIndex: 'name',
              render: (v: string, r) => (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onDrill(r)}>
                  {v}
                </Button>
              ),
            },
            { title: '应开展', dataIndex: 'required', align: 'right' },
            { title: '已开展', dataIndex: 'held', align: 'right' },
            {
              title: '未开展',
              dataIndex: 'missing',
              align: 'right',
              render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
            },
            {
              title: '落实率',
              dataIndex: 'rate',
              width: 180,
              render: (r: number | null) =>
                r === null ? (
                  <Typography.Text type="secondary">尚无到期期间</Typography.Text>
                ) : (
                  <Progress
                    percent={percent(r) ?? 0}
                    size="small"
                    status={r < 1 ? 'exception' : 'success'}
                    format={(p) => `${p}%`}
                  />
                ),
            },
          ]}
        />
      </Col>
      <Col xs={24} xl={10}>
        <Typography.Text type="secondary">本页党支部落实率（由低到高），点击查看该支部</Typography.Text>
        <Suspense fallback={<PageLoading />}>
          <EChart
            option={rateBars(rows)}
            height={Math.max(240, rows.length * 28 + 40)}
            testId="comparison-chart"
            onClick={(_, i) => {
              const row = [...rows].reverse()[i];
              if (row) onDrill(row);
            }}
          />
        </Suspense>
      </Col>
    </Row>
  );
}

/** 落实情况: a branch's periods per meeting type, or a township's branches compared with drill-down. */
export default function CompliancePage() {
  usePageTitle('组织生活落实情况');
  const { org } = useSelectedOrg();
  const [params, setParams] = useSearchParams();
  const year = yearOf(params);
  const drill = params.get('org');
  const drillName = params.get('name');
  const detail = useQuery({
    queryKey: keys.orgs.detail(org?.id),
    queryFn: () => orgApi.get(org!.id),
    enabled: Boolean(org),
  });
  const exportXlsx = useFormMutation({
    mutate: (v: { orgId: string; year: number }) => meetingsApi.exportComparison(v.orgId, v.year),
    errorToast: true,
  });
  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined) p.delete(k);
      else p.set(k, v);
    }
    setParams(p, { replace: !('org' in next) });
  };
  if (!org) return <Result status="info" title="请先在左侧选择党支部或乡镇（街道）党委" />;
  // A branch holds the meetings itself (it is what may contain 党小组); anything above compares its branches.
  const isBranch = detail.data ? canContain(detail.data.type, 'group') : false;
  const comparing = detail.data && !isBranch && !drill;
  return (
    <Card
      title={
        drill ? (
          <Space>
            <Button size="small" onClick={() => set({ org: undefined, name: undefined })}>
              返回对比
            </Button>
            {`组织生活落实情况 · ${drillName ?? ''}`}
          </Space>
        ) : (
          `组织生活落实情况 · ${org.name}${comparing ? '（各党支部对比）' : ''}`
        )
      }
      extra={
        <Space wrap>
          <YearPicker value={year} onChange={(y) => set({ year: String(y) })} />
          {comparing && (
            <Button
              loading={exportXlsx.busy}
              onClick={() => exportXlsx.submit({ orgId: org.id, year })}
              data-testid="export-comparison"
            >
              导出 Excel
            </Button>
          )}
        </Space>
      }
    >
      <QueryState query={detail}>
        {() =>
          drill ? (
            <BranchCompliance orgId={drill} year={year} />
          ) : comparing ? (
            <Comparison orgId={org.id} year={year} onDrill={(r) => set({ org: r.orgId, name: r.name })} />
          ) : (
            <BranchCompliance orgId={org.id} year={year} />
          )
        }
      </QueryState>
    </Card>
  );
}
