import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Progress, Row, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { mobilityApi } from '../../api/endpoints';
import type { MobilityStats, ObligationKind } from '../../api/types';
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

interface ComplianceRow {
  orgId: string;
  orgName: string;
  rates: Partial<Record<ObligationKind, { ok: number; total: number }>>;
}

function compliance(stats: MobilityStats): ComplianceRow[] {
  const byOrg = new Map<string, ComplianceRow>();
  for (const c of stats.compliance) {
    const row = byOrg.get(c.orgId) ?? { orgId: c.orgId, orgName: c.orgName, rates: {} };
    row.rates[c.kind] = { ok: c.ok, total: c.total };
    byOrg.set(c.orgId, row);
  }
  return [...byOrg.values()];
}

function Rate({ v }: { v: { ok: number; total: number } | undefined }) {
  if (!v || v.total === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  const pct = Math.round((v.ok / v.total) * 100);
  return (
    <div style={{ minWidth: 130 }}>
      <Progress
        percent={pct}
        size="small"
        status={pct >= 90 ? 'success' : pct >= 60 ? 'normal' : 'exception'}
        format={() => `${pct}%`}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {v.ok}/{v.total} 人正常
      </Typography.Text>
    </div>
  );
}

function Dashboard({ stats }: { stats: MobilityStats }) {
  const total = stats.provinces.reduce((s, p) => s + p.n, 0);
  if (total === 0 && stats.compliance.length === 0) {
    return <Empty description="当前组织没有在外的流动党员" style={{ padding: 48 }} />;
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
          <Statistic title="涉及党组织" value={compliance(stats).length} suffix="个" />
        </Card>
      </Col>
      <Col xs={24}>
        <Card
          title="各党组织落实情况（当前期应办事项为“正常”的比例）"
          size="small"
          extra={<Link to="/mobility/alerts">查看预警名单</Link>}
        >
          <Table<ComplianceRow>
            size="small"
            rowKey="orgId"
            data-testid="stats-compliance"
            dataSource={compliance(stats)}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '没有应办事项' }}
            columns={[
              { title: '党组织', dataIndex: 'orgName', width: 220 },
              ...obligationKinds.map((k) => ({
                title: obligationKindLabels[k],
                key: k,
                render: (_: unknown, r: ComplianceRow) => <Rate v={r.rates[k]} />,
              })),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <CountTable
          title="流向（按省份）"
          nameTitle="省份"
          testId="stats-provinces"
          total={total}
          rows={stats.provinces.map((p) => ({ key: p.code, name: p.name ?? p.code, n: p.n }))}
        />
      </Col>
      <Col xs={24} lg={12}>
        <CountTable
          title="流向（按城市）"
          nameTitle="城市"
          testId="stats-cities"
          total={total}
          rows={stats.cities.map((p) => ({ key: p.code, name: p.name ?? p.code, n: p.n }))}
        />
      </Col>
      <Col xs={24} lg={12}>
        <CountTable
          title="外出原因"
          nameTitle="原因"
          testId="stats-reasons"
          total={total}
          rows={stats.reasons.map((r) => ({
            key: r.reason,
            name: outflowReasonLabels[r.reason] ?? r.reason,
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
  const q = useQuery({ queryKey: ['mobility', 'stats', org?.id], queryFn: () => mobilityApi.stats(org?.id) });
  return (
    <Card title={`流动党员统计${org ? ` · ${org.name}及下级` : ''}`}>
      <QueryState query={q}>{(stats) => <Dashboard stats={stats} />}</QueryState>
    </Card>
  );
}
