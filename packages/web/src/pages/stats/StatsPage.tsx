import { App, Button, Card, Col, DatePicker, Empty, Row, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { printApi } from '../../api/endpoints';
import type { AgeBand, MemberFilter, MemberStats, RegionNode } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { useRegions } from '../../components/regions';
import { useSelectedOrg } from '../../console/selected-org';
import { todayIso } from '../../lib/format';
import { ageBandLabels, locationLabels, statsEducationLabels } from '../../lib/labels';
import { usePageTitle } from '../../lib/title';
import { type ChartOption, EChart } from './EChart';
import { useMemberStats } from './use-member-stats';

const palette = ['#c8161d', '#f5a623', '#4a90e2', '#50b87a', '#9b59b6', '#8c8c8c'];

const bar = (names: string[], values: number[], color = '#c8161d'): ChartOption => ({
  color: [color],
  tooltip: { trigger: 'axis' },
  grid: { left: 40, right: 16, top: 24, bottom: 40 },
  xAxis: { type: 'category', data: names, axisLabel: { interval: 0 } },
  yAxis: { type: 'value', minInterval: 1 },
  series: [{ type: 'bar', data: values, barMaxWidth: 48, label: { show: true, position: 'top' } }],
});

// Empty slices only clutter the labels; clicks are matched by name, so dropping them is safe.
const pie = (entries: [string, number][]): ChartOption => ({
  color: palette,
  tooltip: { trigger: 'item', formatter: '{b}：{c} 名（{d}%）' },
  legend: { bottom: 0 },
  series: [
    {
      type: 'pie',
      radius: ['38%', '66%'],
      center: ['50%', '45%'],
      data: entries.filter(([, value]) => value > 0).map(([name, value]) => ({ name, value })),
      label: { formatter: '{b}\n{c}' },
    },
  ],
});

const ages = Object.keys(ageBandLabels) as AgeBand[];
const edus = Object.keys(statsEducationLabels) as (keyof typeof statsEducationLabels)[];
const locs = Object.keys(locationLabels) as (keyof typeof locationLabels)[];

function chartOptions(
  stats: MemberStats,
  destinations: { provinceCode: string; count: number }[],
  regions: RegionNode[] | undefined,
) {
  const provinceName = (code: string) => regions?.find((r) => r.value === code)?.label ?? code;
  return {
    age: bar(
      ages.map((a) => ageBandLabels[a]),
      ages.map((a) => stats.ageBands[a]),
    ),
    edu: pie(edus.map((e) => [statsEducationLabels[e], stats.education[e]])),
    loc: pie(locs.map((l) => [locationLabels[l], stats.location[l]])),
    dest: bar(
      destinations.map((d) => provinceName(d.provinceCode)),
      destinations.map((d) => d.count),
      '#4a90e2',
    ),
    standing: bar(
      ['正常', '停止党籍', '失联'],
      [stats.standing.normal, stats.standing.stopped, stats.standing.lostContact],
      '#f5a623',
    ),
  };
}

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

function Dashboard({
  stats,
  destinations,
  regions,
}: {
  stats: MemberStats;
  destinations: { provinceCode: string; count: number }[];
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
                if (d) go({ mobile: 'true', destinationProvince: d.provinceCode.slice(0, 2) });
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

export default function StatsPage() {
  usePageTitle('统计分析');
  const { org } = useSelectedOrg();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [exporting, setExporting] = useState(false);
  // 统计日期: ages are counted on this day (API.md asOf), so a county's cut-off date can be answered.
  const asOf = params.get('asOf') ?? todayIso();
  const regions = useRegions();
  const both = useMemberStats(org?.id, asOf);
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await printApi.exportStats(org?.id, asOf);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };
  return (
    <Card
      title={`党员队伍统计${org ? ` · ${org.name}及下级` : ''}`}
      extra={
        <Space wrap>
          <span>统计日期</span>
          <DatePicker
            aria-label="统计日期"
            allowClear={false}
            value={dayjs(asOf)}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            onChange={(d) => d && setParams({ asOf: d.format('YYYY-MM-DD') }, { replace: true })}
          />
          <Button loading={exporting} onClick={exportXlsx} data-testid="export-stats">
            导出 Excel
          </Button>
          <Button onClick={() => navigate(`/stats/print?asOf=${asOf}`)} data-testid="print-stats">
            打印
          </Button>
        </Space>
      }
    >
      <QueryState query={both}>
        {(d) => <Dashboard stats={d.stats} destinations={d.dest} regions={regions.data} />}
      </QueryState>
    </Card>
  );
}
