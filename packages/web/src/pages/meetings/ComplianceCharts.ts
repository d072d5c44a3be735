import type { LifeComparisonRow, LifeComplianceItem } from '../../api/types';
import { meetingTypeLabels } from '../../lib/meeting-labels';
import type { ChartOption } from '../stats/EChart';

/** Per type: the periods held, missed (ended without one) and still open, stacked to the periods required. */
export function complianceBars(items: LifeComplianceItem[]): ChartOption {
  const shown = items.filter((i) => i.required > 0);
  return {
    color: ['#50b87a', '#c8161d', '#d9d9d9'],
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 24, bottom: 56 },
    xAxis: {
      type: 'category',
      data: shown.map((i) => meetingTypeLabels[i.type]),
      axisLabel: { interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1, name: '期数' },
    series: [
      { name: '已开展', type: 'bar', stack: 'p', data: shown.map((i) => i.held), barMaxWidth: 48 },
      { name: '未开展', type: 'bar', stack: 'p', data: shown.map((i) => i.missingPeriods.length) },
      { name: '未到期', type: 'bar', stack: 'p', data: shown.map((i) => i.openPeriods.length) },
    ],
  };
}

/** The branches of a page by 落实率, worst at the top (the server's order); no rate yet reads as 0 with a note. */
export function rateBars(rows: LifeComparisonRow[]): ChartOption {
  const shown = [...rows].reverse();
  return {
    color: ['#c8161d'],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => `${v}%`,
    },
    grid: { left: 8, right: 48, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      data: shown.map((r) => r.name),
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: shown.map((r) => (r.rate === null ? 0 : Math.round(r.rate * 1000) / 10)),
        label: { show: true, position: 'right', formatter: '{c}%' },
      },
    ],
  };
}
