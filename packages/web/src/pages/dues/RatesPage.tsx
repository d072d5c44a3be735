import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Segmented, Space, Statistic, Table } from 'antd';
import { useMemo, useState } from 'react';
import { duesApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { DuesRate } from '../../api/types';
import { ErrorState } from '../../components/QueryState';
import { usePageTitle } from '../../lib/title';
import { type ChartOption, EChart } from '../stats/EChart';
import { yuan } from './labels';
import { MonthPicker, NeedsOrg, useMonthParam } from './shared';

const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

function ratesChart(items: DuesRate[]): ChartOption {
  return {
    color: ['#c8161d'],
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    grid: { left: 48, right: 16, top: 24, bottom: 60 },
    xAxis: {
      type: 'category',
      data: items.map((i) => i.orgName),
      axisLabel: { interval: 0, rotate: items.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 48,
        data: items.map((i) => Number((i.rate * 100).toFixed(1))),
        label: { show: true, position: 'top', formatter: '{c}%' },
      },
    ],
  };
}

function Rates({ orgId, period }: { orgId: string; period: { month?: string; year?: number } }) {
  const key = period.month ?? String(period.year);
  const rates = useQuery({
    queryKey: keys.dues.rates(orgId, key),
    queryFn: () => duesApi.rates({ orgId, ...period }),
  });
  const ledger = useQuery({
    queryKey: keys.dues.ledger(orgId, period.month ?? ''),
    queryFn: () => duesApi.ledger(orgId, period.month!),
    enabled: !!period.month,
  });
  // Worst first: the officer's eye goes to the branches that lag.
  const items = useMemo(() => [...(rates.data?.items ?? [])].sort((a, b) => a.rate - b.rate), [rates.data]);
  const option = useMemo(() => ratesChart(items), [items]);
  if (rates.error) return <ErrorState error={rates.error} onRetry={() => rates.refetch()} />;
  const l = ledger.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {l && (
        <Card size="small" title="本级及下级合计（账目）">
          <Row gutter={16} data-testid="dues-ledger">
            <Col span={6}>
              <Statistic title="应交（元）" value={l.due} />
            </Col>
            <Col span={6}>
              <Statistic title="实交（元）" value={l.paid} />
            </Col>
            <Col span={6}>
              <Statistic title="核定人数" value={l.members} />
            </Col>
            <Col span={6}>
              <Statistic title="自愿多交（元）" value={l.voluntary ?? '0.00'} />
            </Col>
          </Row>
        </Card>
      )}
      <Card title="各支部收缴率" loading={rates.isLoading}>
        {items.length > 0 ? (
          <EChart option={option} height={320} testId="dues-rates-chart" />
        ) : (
          <div style={{ color: '#8c8c8c' }}>没有应交党费的支部</div>
        )}
        <Table<DuesRate>
          rowKey="orgId"
          size="small"
          style={{ marginTop: 16 }}
          dataSource={items}
          pagination={false}
          columns={[
            { title: '党组织', dataIndex: 'orgName' },
            { title: '应交', dataIndex: 'due', align: 'right', render: yuan },
            { title: '实交', dataIndex: 'paid', align: 'right', render: yuan },
            { title: '收缴率', dataIndex: 'rate', align: 'right', render: percent },
          ]}
        />
      </Card>
    </Space>
  );
}

/** 收缴率: collection rates across the branches below the selected organization, a month or a year. */
export default function RatesPage() {
  usePageTitle('党费收缴率');
  const [month, setMonth] = useMonthParam();
  const [span, setSpan] = useState<'month' | 'year'>('month');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        <Segmented
          value={span}
          onChange={(v) => setSpan(v as 'month' | 'year')}
          options={[
            { value: 'month', label: '按月' },
            { value: 'year', label: '全年' },
          ]}
        />
        <MonthPicker value={month} onChange={setMonth} />
      </Space>
      <NeedsOrg>
        {(org) => (
          <Rates orgId={org.id} period={span === 'month' ? { month } : { year: Number(month.slice(0, 4)) }} />
        )}
      </NeedsOrg>
    </Space>
  );
}
