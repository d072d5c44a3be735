export type FlexibleDate = { date: string; precision: 'day' | 'month' };

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;
const DAY_MS = 86_400_000;
// Excel's 1900 date system counts the non-existent 1900-02-29 as serial 60, so later serials are
// days since 1899-12-30 and earlier ones days since 1899-12-31.
const EXCEL_FAKE_LEAP_DAY = 60;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const YYYYMM_MIN = 190001;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** 0 for a month outside 1..12, so every day check fails. */
export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1] ?? 0;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

function isoOf(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [month, day] = [Number(m[2]), Number(m[3])];
  return day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

const PATTERNS = [
  /^(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})$/,
  /^(?<y>\d{4})年(?<m>\d{1,2})月(?<d>\d{1,2})[日号]?$/,
  /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/,
  /^(?<y>\d{4})[-/.](?<m>\d{1,2})$/,
  /^(?<y>\d{4})年(?<m>\d{1,2})月?$/,
  /^(?<y>\d{4})(?<m>\d{2})$/,
];

function fromUtcMs(ms: number): FlexibleDate | null {
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const date = isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  return date ? { date, precision: 'day' } : null;
}

function fromExcelSerial(serial: number): FlexibleDate | null {
  const day = Math.floor(serial);
  if (!(day >= 1) || day === EXCEL_FAKE_LEAP_DAY) return null;
  return fromUtcMs(EXCEL_EPOCH_MS + (day < EXCEL_FAKE_LEAP_DAY ? day + 1 : day) * DAY_MS);
}

/** Reads the date spellings found in member forms (API.md, import), Date cells and Excel serials. */
export function parseFlexibleDate(input: unknown): FlexibleDate | null {
  if (input instanceof Date) return fromUtcMs(input.getTime());
  // A 202107 or 20210701 typed into a cell arrives as a number; serials only reach 2200 at ~110000.
  if (typeof input === 'number' && !(Number.isInteger(input) && input >= YYYYMM_MIN)) {
    return fromExcelSerial(input);
  }
  if (typeof input !== 'string' && typeof input !== 'number') return null;
  const s = String(input).trim();
  for (const re of PATTERNS) {
    const g = re.exec(s)?.groups;
    if (!g) continue;
    const date = isoOf(Number(g.y), Number(g.m), Number(g.d ?? 1));
    return date ? { date, precision: g.d ? 'day' : 'month' } : null;
  }
  return null;
}

export function formatMonth(date: string): string {
  if (!/^\d{4}-\d{2}/.test(date)) throw new RangeError(`not an ISO date: ${date}`);
  return date.slice(0, 7);
}

/** Whole years (周岁) completed on `asOf`. */
export function ageOn(birthDate: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5, 10) < birthDate.slice(5, 10) ? years - 1 : years;
}

/**
 * Days since 1970-01-01 of an ISO date, by arithmetic rather than Date.parse: the obligations scan
 * calls this millions of times (H. Hinnant's days_from_civil, proleptic Gregorian).
 */
function dayNumber(iso: string): number {
  const m = Number(iso.slice(5, 7));
  const y = Number(iso.slice(0, 4)) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + Number(iso.slice(8, 10)) - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `date` plus `months` calendar months, kept to the month's last day (01-31 + 1 month = 02-28/29). */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}
