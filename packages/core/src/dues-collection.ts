import {
  addDuesMonths,
  type DuesMonth,
  monthIndex,
  monthOfDate,
  quarterMonths,
  uniqueMonths,
} from './dues-months.js';
import { DomainError } from './errors.js';
import { parseYuan } from './money.js';
import type { DuesPolicy } from './policies.js';

/**
 * Collection of the dues (RULES.md §1, 篇二 L220–L226): which months a member owes, what a payment may
 * cover, how arrears count, when a branch's month settles and how remittance periods run. Amounts are
 * integer fen.
 */

/** A member's assessment in force from `fromMonth` (a mid-year change starts a later one). */
export type AssessmentSpan = { fromMonth: DuesMonth; monthlyFen: bigint };

export const duesReliefKinds = ['reduction', 'exemption'] as const;
export type DuesReliefKind = (typeof duesReliefKinds)[number];

/** An approved reduction (少交, the monthly amount still paid) or exemption (免交) over a run of months. */
export type ReliefSpan = {
  kind: DuesReliefKind;
  fromMonth: DuesMonth;
  toMonth: DuesMonth;
  monthlyFen?: bigint;
};

export type MonthDue = { month: DuesMonth; dueFen: bigint; relief: DuesReliefKind | null };

/**
 * The months a member owes in a year and the amount of each (篇二 L226 年初核定, fixed for the year unless
 * changed with a reason). A month is due from the first assessment in force; `startMonth` is the month the
 * member began to pay (篇二 L220: a probationary member from the assembly's date) and `endMonth` the last one
 * (left the branch). Exempted months owe nothing and are reported with `relief: 'exemption'`.
 */
export function monthsDue(input: {
  year: number;
  assessments: readonly AssessmentSpan[];
  reliefs?: readonly ReliefSpan[];
  startMonth?: DuesMonth | null;
  endMonth?: DuesMonth | null;
}): MonthDue[] {
  const spans = [...input.assessments].sort((a, b) => monthIndex(a.fromMonth) - monthIndex(b.fromMonth));
  const first = Math.max(
    input.year * 12,
    input.startMonth ? monthIndex(input.startMonth) : Number.NEGATIVE_INFINITY,
  );
  const last = Math.min(
    input.year * 12 + 11,
    input.endMonth ? monthIndex(input.endMonth) : Number.POSITIVE_INFINITY,
  );
  const out: MonthDue[] = [];
  for (let i = first; i <= last; i++) {
    const span = spans.findLast((s) => monthIndex(s.fromMonth) <= i);
    if (!span) continue;
    const relief = input.reliefs?.find((r) => monthIndex(r.fromMonth) <= i && i <= monthIndex(r.toMonth));
    const month = addDuesMonths('0000-01', i);
    if (relief?.kind === 'exemption') out.push({ month, dueFen: 0n, relief: 'exemption' });
    else if (
      relief?.kind === 'reduction' &&
      relief.monthlyFen !== undefined &&
      relief.monthlyFen < span.monthlyFen
    )
      out.push({ month, dueFen: relief.monthlyFen, relief: 'reduction' });
    else out.push({ month, dueFen: span.monthlyFen, relief: null });
  }
  return out;
}

/** The earliest month a payment on `paidOn` may cover without an override (篇二 L224: 补交一般不超过 6 个月). */
export const backPayLimitMonth = (paidOn: string, policy: Pick<DuesPolicy, 'backPayMonths'>): DuesMonth =>
  addDuesMonths(monthOfDate(paidOn), -policy.backPayMonths);

/**
 * What months one payment may cover (RULES.md §1; API.md `POST /api/dues/payments`):
 * - a month more than `backPayMonths` before the month of `paidOn` needs an override with a reason
 *   (paid 2026-11-10: 2026-05 is allowed, 2026-04 is not) — except months `backPayExempt` names (a mobile
 *   member's catch-up at the inflow organization, RULES.md §1 decision on L256);
 * - a month after the month of `paidOn` is advancing, which the organization may not do, except a later
 *   month of the same calendar quarter when the branch approved quarterly payment for it (篇二 L224).
 * Returns the months sorted; throws the API's error codes.
 */
export function checkPaymentMonths(input: {
  months: readonly DuesMonth[];
  paidOn: string;
  policy: Pick<DuesPolicy, 'backPayMonths'>;
  override?: { reason: string } | null;
  quarterlyApproved?: (month: DuesMonth) => boolean;
  backPayExempt?: (month: DuesMonth) => boolean;
}): DuesMonth[] {
  if (input.months.length === 0) throw new DomainError('MONTHS_REQUIRED', '请选择交纳的月份');
  if (new Set(input.months).size !== input.months.length) {
    throw new DomainError('MONTHS_DUPLICATE', '交纳月份有重复');
  }
  const months = uniqueMonths(input.months);
  const paidMonth = monthOfDate(input.paidOn);
  const limit = monthIndex(backPayLimitMonth(input.paidOn, input.policy));
  const tooOld = months.filter((m) => monthIndex(m) < limit && !input.backPayExempt?.(m));
  if (tooOld.length > 0 && !input.override?.reason?.trim()) {
    throw new DomainError(
      'BACK_PAY_LIMIT',
      `补交党费一般不超过 ${input.policy.backPayMonths} 个月：${tooOld.join('、')} 需注明原因`,
      { months: tooOld, earliest: backPayLimitMonth(input.paidOn, input.policy) },
    );
  }
  const inQuarter = new Set(quarterMonths(paidMonth));
  const advanced = months.filter(
    (m) => monthIndex(m) > monthIndex(paidMonth) && !(inQuarter.has(m) && input.quarterlyApproved?.(m)),
  );
  if (advanced.length > 0) {
    throw new DomainError(
      'DUES_ADVANCE',
      `不得预交党费：${advanced.join('、')} 尚未到期（按季交纳须经支部同意）`,
      {
        months: advanced,
      },
    );
  }
  return months;
}

export type PaymentSplit = { dueFen: bigint; surplusFen: bigint; largeDues: boolean };

/**
 * An amount against the months' assessed total (篇二 L224 足额; L248): below it is `DUES_SHORT`; above it the
 * surplus is voluntary dues, and 大额党费 when the surplus is over `largeDuesThreshold` (1000 yuan).
 */
export function splitPayment(
  amountFen: bigint,
  dueFen: bigint,
  policy: Pick<DuesPolicy, 'largeDuesThreshold'>,
): PaymentSplit {
  if (amountFen < dueFen) {
    throw new DomainError('DUES_SHORT', '交纳金额少于所选月份的核定党费', {
      due: dueFen.toString(),
      amount: amountFen.toString(),
    });
  }
  const surplusFen = amountFen - dueFen;
  return { dueFen, surplusFen, largeDues: surplusFen > (parseYuan(policy.largeDuesThreshold) ?? 0n) };
}

export type Arrears = {
  unpaidMonths: number;
  since: DuesMonth | null;
  months: DuesMonth[];
  consecutive: number;
};

/**
 * Arrears as of a day (API.md `GET /api/dues/arrears`): the assessed, unexempted months before the month of
 * `asOf` that are unpaid; `since` the first of them; `consecutive` the unpaid run ending with the month before
 * `asOf` (篇三 L380: 连续 6 个月不交纳党费).
 */
export function arrearsOf(due: readonly MonthDue[], paid: ReadonlySet<DuesMonth>, asOf: string): Arrears {
  const before = monthIndex(monthOfDate(asOf));
  const owed = due
    .filter((d) => d.relief !== 'exemption' && monthIndex(d.month) < before)
    .sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
  const months = owed.filter((d) => !paid.has(d.month)).map((d) => d.month);
  let consecutive = 0;
  for (let i = owed.length - 1; i >= 0 && !paid.has(owed[i]!.month); i--) consecutive++;
  return { unpaidMonths: months.length, since: months[0] ?? null, months, consecutive };
}

export const duesCycleStatuses = ['open', 'collecting', 'settled'] as const;
export type DuesCycleStatus = (typeof duesCycleStatuses)[number];

export const duesMemberStates = ['paid', 'exempt', 'delayed', 'unpaid'] as const;
export type DuesMemberState = (typeof duesMemberStates)[number];

/** A member's standing in a branch's month. */
export function memberMonthState(input: {
  paid: boolean;
  exempt: boolean;
  delayReason?: string | null;
}): DuesMemberState {
  if (input.paid) return 'paid';
  if (input.exempt) return 'exempt';
  return input.delayReason?.trim() ? 'delayed' : 'unpaid';
}

/**
 * The month cycle of a branch (issue 10 item 3): open → collecting → settled. A month settles only when every
 * member has paid, is exempt, or is marked delayed with a reason; otherwise `DUES_NOT_SETTLED` names them.
 */
export function nextCycleStatus(
  current: DuesCycleStatus,
  action: 'collect' | 'settle',
  members: readonly { memberId: string; state: DuesMemberState }[] = [],
): DuesCycleStatus {
  if (current === 'settled') throw new DomainError('CYCLE_SETTLED', '该月党费已结算');
  if (action === 'collect') return 'collecting';
  const unpaid = members.filter((m) => m.state === 'unpaid').map((m) => m.memberId);
  if (unpaid.length > 0) {
    throw new DomainError('DUES_NOT_SETTLED', `尚有 ${unpaid.length} 名党员未交纳且未说明缓交原因`, {
      memberIds: unpaid,
    });
  }
  return 'settled';
}

/**
 * A remittance period upward (篇二 L226: 一般每季度上缴 1 次，最长不能超过 6 个月): whole months, no longer
 * than `remitMaxMonths`, following the last period without gap or overlap, and ended before `asOfMonth`
 * (a month is remitted once collected).
 */
export function checkRemittancePeriod(input: {
  fromMonth: DuesMonth;
  toMonth: DuesMonth;
  lastRemittedThrough: DuesMonth | null;
  asOfMonth: DuesMonth;
  policy: Pick<DuesPolicy, 'remitMaxMonths'>;
}): void {
  const length = monthIndex(input.toMonth) - monthIndex(input.fromMonth) + 1;
  if (length < 1) throw new DomainError('REMIT_PERIOD_INVALID', '上缴期间的结束月份早于开始月份');
  if (length > input.policy.remitMaxMonths) {
    throw new DomainError(
      'REMIT_PERIOD_TOO_LONG',
      `党费上缴间隔最长不能超过 ${input.policy.remitMaxMonths} 个月`,
    );
  }
  if (monthIndex(input.toMonth) > monthIndex(input.asOfMonth)) {
    throw new DomainError('REMIT_PERIOD_INVALID', '不能上缴尚未到来月份的党费');
  }
  if (input.lastRemittedThrough && input.fromMonth !== addDuesMonths(input.lastRemittedThrough, 1)) {
    throw new DomainError(
      'REMIT_PERIOD_GAP',
      `上缴期间应从 ${addDuesMonths(input.lastRemittedThrough, 1)} 开始（上次上缴至 ${input.lastRemittedThrough}）`,
    );
  }
}

/** Whether a branch is late to remit on `asOfMonth`: more than `remitMaxMonths` months not remitted. */
export function remittanceOverdue(
  lastRemittedThrough: DuesMonth | null,
  firstCollectedMonth: DuesMonth | null,
  asOfMonth: DuesMonth,
  policy: Pick<DuesPolicy, 'remitMaxMonths'>,
): boolean {
  const from = lastRemittedThrough ? addDuesMonths(lastRemittedThrough, 1) : firstCollectedMonth;
  if (!from) return false;
  return monthIndex(asOfMonth) - monthIndex(from) > policy.remitMaxMonths;
}

/** Receipt numbers run per branch per year: `2026-000042`. */
export const formatReceiptNumber = (year: number, sequence: number): string =>
  `${year}-${String(sequence).padStart(6, '0')}`;
