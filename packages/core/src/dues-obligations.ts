import { addDays, daysBetween } from './dates.js';
import type { Obligation, OrgObligation } from './obligations.js';
import type { DuesPolicy } from './policies.js';

/**
 * The part of the dues policy the member obligation is judged by (RULES.md §1 "fixed collection day"):
 * the collection day (1–28), the reminder's lead in days, the unpaid months after which it escalates.
 */
export type DuesObligationPolicy = Pick<DuesPolicy, 'collectionDay' | 'reminderDays' | 'escalateAfterMonths'>;

export interface DuesFacts {
  memberId: string;
  /** 'YYYY-MM' months the member is assessed for (a yearly assessment's months from its start). */
  assessedMonths: string[];
  /** Months paid for and the day each was paid, to whichever organization (RULES.md §1 L256: never both). */
  paid: { month: string; on: string }[];
  /** Months exempted, or delayed with a recorded reason (good reason): not owed now. */
  excusedMonths: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The collection day of a month under the policy. */
export function collectionDate(policy: Pick<DuesObligationPolicy, 'collectionDay'>, month: string): string {
  return `${month}-${pad(policy.collectionDay)}`;
}

/**
 * The assessed, unexcused months before the month of `asOf` that are unpaid (API.md arrears: "before the
 * month of asOf"), in order.
 */
export function unpaidMonths(facts: DuesFacts, asOf: string): string[] {
  const current = asOf.slice(0, 7);
  const paid = new Set(facts.paid.map((p) => p.month));
  const excused = new Set(facts.excusedMonths);
  return [...new Set(facts.assessedMonths)]
    .filter((m) => m < current && !paid.has(m) && !excused.has(m))
    .sort();
}

/**
 * The longest run of consecutive unpaid months ending with the month before `asOf` (RULES.md §1 and §6:
 * "unpaid for 6 consecutive months without good reason"); an excused or paid month ends the run.
 */
export function consecutiveUnpaidMonths(facts: DuesFacts, asOf: string): number {
  const unpaid = new Set(unpaidMonths(facts, asOf));
  let [y, m] = asOf.slice(0, 7).split('-').map(Number) as [number, number];
  let run = 0;
  for (;;) {
    m -= 1;
    if (m === 0) [y, m] = [y - 1, 12];
    if (!unpaid.has(`${y}-${pad(m)}`)) return run;
    run += 1;
  }
}

/**
 * The `dues` obligation of a member on `asOf` (RULES.md §1: pay monthly, on a fixed collection day; issue
 * 10 §7): with an unpaid past month, that oldest month, overdue, and breached (the escalating reminder) once
 * `escalateAfterMonths` months are unpaid; else the current month, due soon from `reminderDays` before its
 * collection day, ok once paid or excused. A member not assessed for the current month owes nothing new.
 */
export function duesObligationOf(policy: DuesObligationPolicy, facts: DuesFacts, asOf: string): Obligation[] {
  const unpaid = unpaidMonths(facts, asOf);
  const base = { memberId: facts.memberId, kind: 'dues' as const };
  const oldest = unpaid[0];
  if (oldest) {
    return [
      {
        ...base,
        period: oldest,
        dueOn: collectionDate(policy, oldest),
        state: unpaid.length >= policy.escalateAfterMonths ? 'breached' : 'overdue',
        fulfilledOn: null,
      },
    ];
  }
  const month = asOf.slice(0, 7);
  if (!facts.assessedMonths.includes(month)) return [];
  const dueOn = collectionDate(policy, month);
  // An excused month has no payment day: its collection day stands for the fulfilment date.
  const fulfilledOn =
    facts.paid.find((p) => p.month === month)?.on ?? (facts.excusedMonths.includes(month) ? dueOn : null);
  const late = daysBetween(dueOn, asOf);
  const state = fulfilledOn
    ? 'ok'
    : late > 0
      ? 'overdue'
      : asOf >= addDays(dueOn, -policy.reminderDays)
        ? 'due_soon'
        : 'ok';
  return [{ ...base, period: month, dueOn, state, fulfilledOn }];
}

/**
 * The yearly publication an organization owes (篇二 L226 每年公布一次党费收缴、使用情况; DOMAIN.md
 * `dues_publication`): on `asOf`, the publication of the year before, due by `publicationDueMonthDay` of
 * this year; `publishedYears` are the years already published (with their day).
 */
export function duesPublicationObligationOf(
  policy: Pick<DuesPolicy, 'publicationDueMonthDay' | 'publicationDueSoonDays'>,
  facts: { orgId: string; published: { year: number; on: string }[] },
  asOf: string,
): OrgObligation[] {
  const year = Number(asOf.slice(0, 4)) - 1;
  const dueOn = `${year + 1}-${policy.publicationDueMonthDay}`;
  const fulfilledOn = facts.published.find((p) => p.year === year)?.on ?? null;
  const late = daysBetween(dueOn, asOf);
  const state = fulfilledOn
    ? 'ok'
    : late > 0
      ? 'overdue'
      : -late <= policy.publicationDueSoonDays
        ? 'due_soon'
        : 'ok';
  return [{ orgId: facts.orgId, kind: 'dues_publication', period: String(year), dueOn, state, fulfilledOn }];
}
