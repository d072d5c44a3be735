// The words of 党费 shared by the console and the portal (plain constants: the portal imports them too).

export const duesChannelLabels: Record<string, string> = {
  cash: '现金',
  bank_transfer: '银行转账',
  wechat: '微信',
  alipay: '支付宝',
  other: '其他',
};

export const duesChannelOptions = Object.entries(duesChannelLabels).map(([value, label]) => ({
  value,
  label,
}));

export const duesMemberStateLabels: Record<string, string> = {
  paid: '已交',
  unpaid: '未交',
  exempt: '免交',
  delayed: '缓交',
  submitted: '待确认',
  upcoming: '未到期',
};

export const duesMemberStateColors: Record<string, string> = {
  paid: 'green',
  unpaid: 'red',
  exempt: 'blue',
  delayed: 'orange',
  submitted: 'gold',
  upcoming: 'default',
};

export const duesCycleStatusLabels: Record<string, string> = {
  open: '未开始收缴',
  collecting: '收缴中',
  settled: '已结算',
};

export const duesPaymentStatusLabels: Record<string, string> = {
  submitted: '待确认',
  confirmed: '已确认',
  rejected: '已退回',
};

export const duesReliefKindLabels: Record<string, string> = { reduction: '少交', exemption: '免交' };

export const duesReliefStatusLabels: Record<string, string> = {
  pending: '待支部决定',
  branch_approved: '待上级党委审批',
  approved: '已批准',
  rejected: '未批准',
};

export const reliefStepLabels: Record<string, string> = { branch: '党支部决定', committee: '上级党委审批' };

/** 2026-03 → 2026年3月 */
export const monthLabel = (ym: string) => `${ym.slice(0, 4)}年${Number(ym.slice(5, 7))}月`;

/** Yuan as the server sends them ("45.00"), shown with the unit. */
export const yuan = (v: string | null | undefined) => (v == null ? '—' : `${v} 元`);

export const thisMonth = () => new Date().toISOString().slice(0, 7);

export const ratePercent = (rate: string | null) =>
  rate === null ? '定额' : `${(Number(rate) * 100).toFixed(1).replace(/\.0$/, '')}%`;

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;

/** Months as runs: 2026-06…2026-12 → 2026年6月—12月（7 个月）; a payment of many months stays one line. */
export function monthsLabel(months: readonly string[]): string {
  const sorted = [...months].sort();
  const runs: [string, string][] = [];
  for (const m of sorted) {
    const last = runs.at(-1);
    if (last && monthIndex(m) === monthIndex(last[1]) + 1) last[1] = m;
    else runs.push([m, m]);
  }
  const text = runs
    .map(([a, b]) =>
      a === b
        ? monthLabel(a)
        : `${monthLabel(a)}—${a.slice(0, 4) === b.slice(0, 4) ? `${Number(b.slice(5, 7))}月` : monthLabel(b)}`,
    )
    .join('、');
  return sorted.length > 1 ? `${text}（${sorted.length} 个月）` : text;
}
