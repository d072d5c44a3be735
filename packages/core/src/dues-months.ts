import { DomainError } from './errors.js';

/**
 * Month arithmetic of the dues (RULES.md §1): a dues month is `YYYY-MM`, and every rule about months
 * (back-pay, advancing, quarters, arrears) counts whole calendar months.
 */

export type DuesMonth = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isDuesMonth = (s: string): boolean => MONTH.test(s);

/** Months since year 0: the index that makes month arithmetic integer arithmetic. */
export function monthIndex(month: DuesMonth): number {
  const m = MONTH.exec(month);
  if (!m) throw new DomainError('INVALID_MONTH', `月份格式应为 YYYY-MM：${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

export function monthFromIndex(index: number): DuesMonth {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The month of an ISO date (YYYY-MM-DD). */
export const monthOfDate = (date: string): DuesMonth => date.slice(0, 7);

export const addDuesMonths = (month: DuesMonth, n: number): DuesMonth =>
  monthFromIndex(monthIndex(month) + n);

/** Whole months from `a` to `b` (negative when `b` is earlier). */
export const monthsBetween = (a: DuesMonth, b: DuesMonth): number => monthIndex(b) - monthIndex(a);

/** Every month from `from` to `to`, both included; empty when `to` is earlier. */
export function monthRange(from: DuesMonth, to: DuesMonth): DuesMonth[] {
  const out: DuesMonth[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
}

export const monthsOfYear = (year: number): DuesMonth[] =>
  monthRange(`${String(year).padStart(4, '0')}-01`, `${String(year).padStart(4, '0')}-12`);

/** The calendar quarter (1–4) of a month. */
export const quarterOf = (month: DuesMonth): number => Math.floor((monthIndex(month) % 12) / 3) + 1;

/** The three months of a month's calendar quarter. */
export function quarterMonths(month: DuesMonth): DuesMonth[] {
  const first = monthIndex(month) - (monthIndex(month) % 3);
  return [first, first + 1, first + 2].map(monthFromIndex);
}

/** Months sorted and without repeats. */
export const uniqueMonths = (months: readonly DuesMonth[]): DuesMonth[] =>
  [...new Set(months)].sort((a, b) => monthIndex(a) - monthIndex(b));
