const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The calendar date of `d` where the server runs (TZ, e.g. Asia/Shanghai). Dues months, due dates
 * and validity are days of the local calendar: a UTC date would still be yesterday until 08:00 in
 * China, so one definition of "today" serves every module.
 */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export const today = () => localDate(new Date());
