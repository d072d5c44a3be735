import type { AgeBand, MemberStats, RegionNode } from '../../api/types';
import { ageBandLabels, locationLabels, statsEducationLabels } from '../../lib/labels';
import type { ChartOption } from './EChart';

/** One province's mobile members, as the destinations statistic answers it. */
export type Destination = { provinceCode: string | null; count: number };

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

export const ages = Object.keys(ageBandLabels) as AgeBand[];
export const edus = Object.keys(statsEducationLabels) as (keyof typeof statsEducationLabels)[];
export const locs = Object.keys(locationLabels) as (keyof typeof locationLabels)[];

export function chartOptions(
  stats: MemberStats,
  destinations: Destination[],
  regions: RegionNode[] | undefined,
) {
  const provinceName = (code: string | null) => regions?.find((r) => r.value === code)?.label ?? code ?? '';
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
