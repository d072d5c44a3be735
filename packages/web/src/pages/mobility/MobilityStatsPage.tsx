import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Progress, Row, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { mobilityApi } from '../../api/endpoints';
import { keys } from '../../api/keys';
import type { BranchComparison, MobilityStats, PeriodTally } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { useSelectedOrg } from '../../console/selected-org';
import {
  durationBandLabels,
  obligationKindLabels,
  obligationKinds,
  outflowReasonLabels,
} from '../../lib/labels';
import { usePageTitle } from '../../lib/title';

const bands = Object.keys(durationBandLabels);

function share(n: number, total: number) {
  return total ? `${((n / total) * 100).toFixed(1)}%` : '—';
}

function CountTable({
  title,
  rows,
  total,
  testId,
  nameTitle,
}: {
  title: string;
  nameTitle: string;
  rows: { key: string; name: string; n: number }[];
  total: number;
  testId: string;
}) {
  return (
    <Card title={title} size="small">
      <Table
        size="small"
        rowKey="key"
        data-testid={testId}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
        locale={{ emptyText: '暂无数据' }}
        columns={[
          { title: nameTitle, dataIndex: 'name', render: (v: string | null) => v ?? '未知' },
          { title: '人数', dataIndex: 'n', width: 80, align: 'right' },
          { title: '占比', key: 'share', width: 90, align: 'right', render: (_, r) => share(r.n, total) },
        ]}
      />
    </Card>
  );
}

type Kind = keyof BranchComparison['kinds'];
const comparedKinds: readonly Kind[] = obligationKinds;

/**
 * Done out of due in the current period, with what is not yet done and what is overdue: a contact
 * not yet made this month is not counted as done, however early in the month.
 */
function Rate({ v }: { v: PeriodTally }) {
  if (v.due === 0) return <Typography.Text type="secondary">无应办</Typography.Text>;
  const pct = Math.round((v.done / v.due) * 100);
  return (
    <div style={{ minWidth: 150 }}>
      <Progress
        percent={pct}
        size="small"
        status={pct >= 90 ? 'success' : v.overdue > 0 ? 'exception' : 'normal'}
        format={() => `${pct}%`}
      />
      <Typography.Text style={{ fontSize: 12 }}>
        已办 {v.done}/{v.due}
        {v.pending > 0 && <Typography.Text type="secondary"> · 未办 {v.pending}</Typography.Text>}
        {v.overdue > 0 && <Typography.Text type="danger"> · 逾期 {v.overdue}</Typography.Text>}
      </Typography.Text>
    </div>
  );
}

function Comparison({ stats }: { stats: MobilityStats }) {
  const rows: (BranchComparison & { isTotal?: boolean })[] = [
    ...stats.branches,
    { orgId: 'total', orgName: '合计', isTotal: true, ...stats.total },
  ];
  return (
    <Table<BranchComparison & { isTotal?: boolean }>
      size="small"
      rowKey="orgId"
      data-testid="stats-compliance"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: '党组织',
          dataIndex: 'orgName',
          width: 220,
          fixed: 'left',
          render: (v: string, r) => (r.isTotal ? <Typography.Text strong>{v}</Typography.Text> : v),
        },
        { title: '在外', dataIndex: 'mobile', width: 70, align: 'right', render: (n: number) => `${n} 人` },
        {
          title: '失联',
          dataIndex: 'lost',
          width: 70,
          align: 'right',
          render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n} 人</Typography.Text> : '0 人'),
        },
        ...comparedKinds.map((k) => ({
          title: obligationKindLabels[k],
          key: k,
          render: (_: unknown, r: BranchComparison) => <Rate v={r.kinds[k]} />,
        })),
      ]}
    />
  );
}

function Dashboard({ stats }: { stats: MobilityStats }) {
  const total = stats.provinces.reduce((s, p) => s + p.n, 0);
  if (total === 0 && stats.branches.length === 0) {
    return <Empty description="当前组织下没有党支部" style={{ padding: 48 }} />;
  }
  const outside = stats.durations
    .filter((d) => d.band === '6-12' || d.band === '12-24' || d.band === '>24')
    .reduce((s, d) => s + d.n, 0);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="在外流动党员" value={total} suffix="名" />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="流向省份" value={stats.provinces.length} suffix="个" />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="外出半年以上" value={outside} suffix="名" />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="失联党员" value={stats.total.lost} suffix="名" />
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          title={`各党支部落实情况（截至 ${stats.asOf}，当前期已办/应办）`}
          size="small"
          extra={<Link to="/mobility/alerts">查看预警名单</Link>}
        >
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            当前期：一月一联系、一月一汇报为本月，组织生活为本季度（省内）或本年度（省外），年度评议为本年度。
            “已办”为本期已完成，“未办”为本期尚未完成、仍在期限内，“逾期”为上期未完成。范围内每个党支部均列出，无外出党员的显示“无应办”。
          </Typography.Paragraph>
          <Comparison stats={stats} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <CountTable
          title="流向（按省份）"
          nameTitle="省份"
          testId="stats-provinces"
          total={total}
          rows={stats.provinces.map((p) => ({ key: p.code ?? '', name: p.name ?? p.code ?? '', n: p.n }))}
        />
      </Col>
      <Col xs={24} lg={12}>
        <CountTable
          title="流向（按城市）"
          nameTitle="城市"
          testId="stats-cities"
          total={total}
          rows={stats.cities.map((p) => ({ key: p.code ?? '', name: p.name ?? p.code ?? '', n: p.n }))}
        />
      </Col>
      <Col xs={24} lg={12}>
        <CountTable
          title="外出原因"
          nameTitle="原因"
          testId="stats-reasons"
          total={total}
          rows={stats.reasons.map((r) => ({
            key: r.reason ?? '',
            name: r.reason ? (outflowReasonLabels[r.reason] ?? r.reason) : '',
            n: r.n,
          }))}
        />
      </Col>
      <Col xs={24} lg={12}>
        <CountTable
          title="已外出时长"
          nameTitle="时长"
          testId="stats-durations"
          total={total}
          rows={bands.flatMap((b) => {
            const d = stats.durations.find((x) => x.band === b);
            return d ? [{ key: b, name: durationBandLabels[b] ?? b, n: d.n }] : [];
          })}
        />
      </Col>
    </Row>
  );
}

/** 流动统计 as tables (篇七's forms): the chart library stays on the 统计分析 route. */
export default function MobilityStatsPage() {
  usePageTitle('流动党员统计');
  const { org } = useSelectedOrg();
  const q = useQuery({ queryKey: keys.mobility.stats(org?.id), queryFn: () => mobilityApi.stats(org?.id) });
  return (
    <Card title={`流动党员统计${org ? ` · ${org.name}及下级` : ''}`}>
      <QueryState query={q}>{(stats) => <Dashboard stats={stats} />}</QueryState>
    </Card>
  );
}
