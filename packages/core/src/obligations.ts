import { daysBetween, daysInMonth } from './dates.js';
import { isLifeInsideProvince } from './mobility.js';
import type { MobilityPolicy } from './policies.js';

/**
 * Every kind of obligation the API knows (API.md "GET /api/obligations", DOMAIN.md "Obligations and
 * disposal"). Each kind is judged by exactly one provider of the server's registry; dues and receipt
 * are listed by the contract before their providers exist.
 */
export const obligationKinds = [
  'monthly_contact',
  'monthly_report',
  'org_life',
  'yearly_review',
  'dues',
  'receipt',
  'meeting_due',
  'disposal',
  'dues_publication',
] as const;
export type ObligationKind = (typeof obligationKinds)[number];

/** 篇九 "一月一联系、一月一汇报、一年一评议" and organizational life: what a mobile member owes while away. */
export const mobilityObligationKinds = [
  'monthly_contact',
  'monthly_report',
  'org_life',
  'yearly_review',
] as const satisfies readonly ObligationKind[];
export type MobilityObligationKind = (typeof mobilityObligationKinds)[number];

export const obligationStates = ['ok', 'due_soon', 'overdue', 'breached'] as const;
export type ObligationState = (typeof obligationStates)[number];

/** Who owes an obligation (DOMAIN.md "owed by"): a member, or an organization (a receipt, a term's end). */
export const obligationSubjects = ['member', 'org'] as const;
export type ObligationSubject = (typeof obligationSubjects)[number];

export interface MobileFacts {
  memberId: string;
  /** YYYY-MM-DD, the episode start. */
  leftOn: string;
  returnedOn: string | null;
  originRegion: string | null;
  destinationRegion: string | null;
  /** Abroad (出国(境)) for study or research: contacted every policy.abroadStudyContactMonths. */
  abroadStudy?: boolean;
  /** Dates of successful contacts by the organization. */
  contactDates: string[];
  /** 'YYYY-MM' months with a submitted thought report. */
  reportMonths: string[];
  /** Dates the member attended organizational life (present or online). */
  lifeDates: string[];
  /** Years with a yearly review recorded. */
  reviewYears: number[];
}

export interface Obligation {
  memberId: string;
  kind: ObligationKind;
  /** '2026-03', '2026-Q1', '2026-H1' or '2026'. */
  period: string;
  dueOn: string;
  state: ObligationState;
  fulfilledOn: string | null;
}

/** An obligation an organization owes: the same judgement, keyed by the organization. */
export interface OrgObligation extends Omit<Obligation, 'memberId'> {
  orgId: string;
}

type Period = { label: string; start: string; end: string; year: number; month: number };

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (year: number, month: number, day: number) =>
  `${year}-${pad(month)}-${pad(Math.min(day, daysInMonth(year, month)))}`;
const yearOf = (date: string) => Number(date.slice(0, 4));
const monthOf = (date: string) => Number(date.slice(5, 7));

/**
 * Calendar periods of `months` months (1, 3, 6 or 12) from the one holding `from` to the one holding `to`;
 * with `back`, only the last `back` + 1 of them.
 */
function periods(
  from: string,
  to: string,
  months: 1 | 3 | 6 | 12,
  back = Number.POSITIVE_INFINITY,
): Period[] {
  const out: Period[] = [];
  const index = (d: string) => yearOf(d) * 12 + Math.floor((monthOf(d) - 1) / months) * months;
  const last = index(to);
  for (let i = Math.max(index(from), last - back * months); i <= last; i += months) {
    const [year, month] = [Math.floor(i / 12), (i % 12) + 1];
    const endMonth = month + months - 1;
    const label = {
      1: `${year}-${pad(month)}`,
      3: `${year}-Q${(month + 2) / 3}`,
      6: `${year}-H${(month + 5) / 6}`,
      12: `${year}`,
    }[months];
    out.push({ label, start: ymd(year, month, 1), end: ymd(year, endMonth, 31), year, month });
  }
  return out;
}

/**
 * The state of one obligation on `asOf`, for every provider (RULES.md §2): done is ok; late by more than
 * the grace days is breached, late at all overdue; due within `dueSoonDays` is due soon.
 */
export function obligationState(
  dueOn: string,
  fulfilledOn: string | null,
  asOf: string,
  dueSoonDays: number,
  graceDays: number,
): ObligationState {
  if (fulfilledOn !== null) return 'ok';
  const late = daysBetween(dueOn, asOf);
  if (late > graceDays) return 'breached';
  if (late > 0) return 'overdue';
  return -late <= dueSoonDays ? 'due_soon' : 'ok';
}

/** The date on which the `needed`-th attendance inside the period happened, if it did. */
function nth(dates: string[], p: Period, needed: number): string | null {
  if (needed === 0) return p.start;
  return dates.filter((d) => p.start <= d && d <= p.end)[needed - 1] ?? null;
}

/**
 * The obligations a mobile member's episode has produced by `asOf` (RULES.md §2; ARCHITECTURE.md
 * principle 5): 篇九 "一人一台帐、一月一联系、一月一汇报、一年一评议" and 篇三 街道 三(三) organizational life.
 */
export function computeObligations(policy: MobilityPolicy, facts: MobileFacts, asOf: string): Obligation[] {
  return obligationsWithin(policy, facts, asOf, false);
}

/**
 * `currentObligations(computeObligations(…))` without the history: the pick only ever chooses from
 * the last two periods of a kind (the last one already due, or the one coming due), and a quarter's
 * grace depends on the quarter before, so those are all that need judging. The daily scan runs this
 * for every mobile member.
 */
export function currentObligationsOf(policy: MobilityPolicy, facts: MobileFacts, asOf: string): Obligation[] {
  return currentObligations(obligationsWithin(policy, facts, asOf, true), asOf);
}

function obligationsWithin(
  policy: MobilityPolicy,
  facts: MobileFacts,
  asOf: string,
  recentOnly: boolean,
): Obligation[] {
  const back = (n: number) => (recentOnly ? n : Number.POSITIVE_INFINITY);
  // A returned member is back in the home branch's ordinary life; nothing is owed as a mobile member.
  if ((facts.returnedOn !== null && facts.returnedOn <= asOf) || asOf < facts.leftOn) return [];
  // Facts dated after asOf are ignored so that a past asOf shows what was known then.
  const known = (dates: string[]) => dates.filter((d) => d <= asOf).sort();
  const contacts = known(facts.contactDates);
  const life = known(facts.lifeDates);
  const out: Obligation[] = [];
  const push = (
    kind: ObligationKind,
    p: Period,
    dueOn: string,
    fulfilledOn: string | null,
    graceDays = policy.breachAfterDays,
  ) =>
    out.push({
      memberId: facts.memberId,
      kind,
      period: p.label,
      dueOn,
      state: obligationState(dueOn, fulfilledOn, asOf, policy.dueSoonDays, graceDays),
      fulfilledOn,
    });
  const dueDay = (day: number | 'end', p: Period) => ymd(p.year, p.month, day === 'end' ? 31 : day);

  const months = periods(facts.leftOn, asOf, 1, back(1));
  // 《党员教育管理工作条例》: members abroad for study or research are contacted at least once every
  // 6 months (policy); such a period is due on its last day.
  const contactMonths = facts.abroadStudy ? policy.abroadStudyContactMonths : 1;
  for (const p of contactMonths === 1 ? months : periods(facts.leftOn, asOf, contactMonths, back(1))) {
    const due = contactMonths === 1 ? dueDay(policy.contactDueDay, p) : p.end;
    push('monthly_contact', p, due, nth(contacts, p, 1));
  }
  if (policy.reportCadence === 'half_yearly') {
    // 篇三 L356 "每年至少汇报两次": one report in each half-year, due on its last day; the earliest
    // report month inside it stands for the fulfilment date.
    for (const p of periods(facts.leftOn, asOf, 6, back(1))) {
      const first = facts.reportMonths
        .filter((m) => p.start.slice(0, 7) <= m && m <= p.end.slice(0, 7) && m <= asOf.slice(0, 7))
        .sort()[0];
      push('monthly_report', p, p.end, first ? `${first}-01` : null);
    }
  } else {
    for (const p of months) {
      // A report month carries no day; its period start stands for the fulfilment date.
      const reported = facts.reportMonths.includes(p.label) ? p.start : null;
      push('monthly_report', p, dueDay(policy.reportDueDay, p), reported);
    }
  }

  // 篇三 街道 三(三): inside the province quarterly, outside (or unknown) twice a year.
  if (isLifeInsideProvince(facts.originRegion, facts.destinationRegion) === true) {
    let previousMissed = false;
    for (const p of periods(facts.leftOn, asOf, 3, back(2))) {
      const fulfilledOn = nth(life, p, policy.lifeInsideProvincePerQuarter);
      // 篇三 街道 三(三) "不能连续两个季度不回村参加党组织生活": a second missed quarter gets no grace.
      push('org_life', p, p.end, fulfilledOn, previousMissed ? 0 : policy.breachAfterDays);
      previousMissed = fulfilledOn === null;
    }
  } else {
    for (const p of periods(facts.leftOn, asOf, 12, back(1))) {
      push('org_life', p, p.end, nth(life, p, policy.lifeOutsideProvincePerYear));
    }
  }

  const [reviewMonth, reviewDay] = policy.reviewDueMonthDay.split('-').map(Number) as [number, number];
  for (const p of periods(facts.leftOn, asOf, 12, back(1))) {
    const reviewed = facts.reviewYears.includes(p.year) ? p.start : null;
    push('yearly_review', p, ymd(p.year, reviewMonth, reviewDay), reviewed);
  }
  return out;
}

/**
 * Per member and kind, the obligation to show now: the last period already due if it was missed
 * (overdue or breached), else the period coming due. Older misses stay in the history and the
 * compliance rates; they do not keep a member red once the work has resumed.
 */
export function currentObligations(all: Obligation[], asOf: string): Obligation[] {
  const groups = new Map<string, Obligation[]>();
  for (const o of all) {
    const key = `${o.memberId}\u0000${o.kind}`;
    const list = groups.get(key);
    if (list) list.push(o);
    else groups.set(key, [o]);
  }
  return [...groups.values()].map((list) => {
    const sorted = [...list].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
    const lastDue = sorted.filter((o) => o.dueOn < asOf).at(-1);
    const upcoming = sorted.find((o) => o.dueOn >= asOf);
    if (lastDue && lastDue.fulfilledOn === null) return lastDue;
    return upcoming ?? lastDue!;
  });
}
