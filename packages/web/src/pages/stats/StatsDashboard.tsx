import { Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import type { MemberFilter, MemberStats, RegionNode } from '../../api/types';
import { locationLabels, statsEducationLabels } from '../../lib/labels';
import { ages, chartOptions, type Destination, edus, locs } from './charts';
import { EChart } from './EChart';

function ChartCard({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <Card
      title={title}
      size="small"
      extra={hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
    >
      {children}
    </Card>
  );
}

/** The counts and charts of one organization and below; every chart opens the matching member list. */
export function Dashboard({
  stats,
  destinations,
  regions,
}: {
  stats: MemberStats;
  destinations: Destination[];
  regions: RegionNode[] | undefined;
}) {
  const navigate = useNavigate();
  const go = (f: MemberFilter) => navigate(`/members?${new URLSearchParams(f as Record<string, string>)}`);
  const mobileTotal = destinations.reduce((s, d) => s + d.count, 0);
  const options = useMemo(() => chartOptions(stats, destinations, regions), [stats, destinations, regions]);

  if (stats.total === 0) {
    return <Empty description="当前组织还没有党员，导入或登记党员后即可查看统计" style={{ padding: 48 }} />;
  }

  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={6}>
        <Card size="small">
          <Statistic title="党员总数" value={stats.total} suffix="名" />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small" hoverable onClick={() => go({ mobile: 'true' })}>
          <Statistic title="流动党员" value={mobileTotal} suffix="名" />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small" hoverable onClick={() => go({ lostContact: 'true' })}>
          <Statistic title="失联党员" value={stats.standing.lostContact} suffix="名" />
        </Card>
      </Col>
      <Col xs={12} md={6}>
        <Card size="small" hoverable onClick={() => go({ standing: 'stopped' })}>
          <Statistic title="停止党籍" value={stats.standing.stopped} suffix="名" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title="年龄结构" hint="点击柱形查看名单">
          <EChart
            testId="chart-age"
            option={options.age}
            onClick={(_, i) => ages[i] && go({ ageBand: ages[i] })}
          />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title="学历结构" hint="点击扇区查看名单">
          <EChart
            testId="chart-education"
            option={options.edu}
            onClick={(name) => {
              const e = edus.find((k) => statsEducationLabels[k] === name);
              // The last slice groups several education levels; the list filter takes one, so open 其他.
              if (e) go({ education: e });
            }}
          />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title="所在地分布" hint="相对本组织所在地">
          <EChart
            testId="chart-location"
            option={options.loc}
            onClick={(name) => {
              const l = locs.find((k) => locationLabels[k] === name);
              if (l === 'province' || l === 'outside') go({ mobile: 'true' });
              if (l === 'local') go({ mobile: 'false' });
            }}
          />
        </ChartCard>
      </Col>
      <Col xs={24} lg={12}>
        <ChartCard title="流动党员流向（按省份）" hint="点击柱形查看名单">
          {destinations.length ? (
            <EChart
              testId="chart-destinations"
              option={options.dest}
              onClick={(_, i) => {
                const d = destinations[i];
                if (d) go({ mobile: 'true', destinationProvince: d.provinceCode?.slice(0, 2) });
              }}
            />
          ) : (
            <Empty description="暂无流动党员" style={{ height: 268, paddingTop: 80 }} />
          )}
        </ChartCard>
      </Col>
      <Col xs={24}>
        <ChartCard title="党籍状态" hint="点击柱形查看名单">
          <EChart
            testId="chart-standing"
            option={options.standing}
            height={240}
            onClick={(_, i) =>
              go(
                [{ standing: 'normal' }, { standing: 'stopped' }, { lostContact: 'true' }][i] as MemberFilter,
              )
            }
          />
        </ChartCard>
      </Col>
    </Row>
  );
}
