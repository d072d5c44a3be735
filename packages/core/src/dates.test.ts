import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ageOn,
  daysBetween,
  formatMonth,
  isValidIsoDate,
  parseFlexibleDate,
} from './dates.js';

const day = (date: string) => ({ date, precision: 'day' });
const month = (date: string) => ({ date, precision: 'month' });

describe('parseFlexibleDate strings (API.md import: 2021-07-01, 2021/7/1, 2021.07, 202107)', () => {
  it.each([
    ['2021-07-01', day('2021-07-01')],
    ['2021/7/1', day('2021-07-01')],
    ['2021.7.1', day('2021-07-01')],
    ['2021年7月1日', day('2021-07-01')],
    ['2021年07月01号', day('2021-07-01')],
    ['20210701', day('2021-07-01')],
    [' 2021-07-01 ', day('2021-07-01')],
    ['2021-07', month('2021-07-01')],
    ['2021.07', month('2021-07-01')],
    ['2021/7', month('2021-07-01')],
    ['2021年7月', month('2021-07-01')],
    ['202107', month('2021-07-01')],
  ])('%j', (input, expected) => expect(parseFlexibleDate(input)).toEqual(expected));

  it.each([
    '',
    '2021-02-30',
    '2021-13',
    '2021-00-10',
    '1899-12-31',
    '2201-01-01',
    '2021-7/1',
    '21-07-01',
    '2021',
    'abc',
  ])('rejects %j', (input) => expect(parseFlexibleDate(input)).toBeNull());

  it('knows leap years', () => {
    expect(parseFlexibleDate('2000-02-29')).toEqual(day('2000-02-29'));
    expect(parseFlexibleDate('2100-02-29')).toBeNull();
  });
});

describe('parseFlexibleDate Excel serials (1900 date system)', () => {
  it.each([
    [44378, '2021-07-01'],
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [44378.75, '2021-07-01'],
  ])('%d → %s', (serial, date) => expect(parseFlexibleDate(serial)).toEqual(day(date)));

  it.each([
    [20210701, day('2021-07-01')],
    [202107, month('2021-07-01')],
  ])('reads the integer %d typed into a cell as digits', (n, expected) =>
    expect(parseFlexibleDate(n)).toEqual(expected),
  );

  it.each([0, -1, 60, 150000, 20210231, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects %d (60 is the fake 1900-02-29)',
    (serial) => expect(parseFlexibleDate(serial)).toBeNull(),
  );
});

describe('parseFlexibleDate Date objects (UTC fields, as exceljs returns them)', () => {
  it('reads the UTC calendar day', () => {
    expect(parseFlexibleDate(new Date(Date.UTC(2021, 6, 1)))).toEqual(day('2021-07-01'));
    expect(parseFlexibleDate(new Date('2021-07-01T23:30:00Z'))).toEqual(day('2021-07-01'));
  });
  it('rejects invalid dates and other types', () => {
    expect(parseFlexibleDate(new Date('x'))).toBeNull();
    expect(parseFlexibleDate(null)).toBeNull();
    expect(parseFlexibleDate({})).toBeNull();
  });
});

const MIN = Date.UTC(1900, 0, 1);
const MAX = Date.UTC(2200, 11, 31);
const anyDate = fc
  .integer({ min: 0, max: (MAX - MIN) / 86_400_000 })
  .map((n) => new Date(MIN + n * 86_400_000));
const iso = (d: Date) => d.toISOString().slice(0, 10);

describe('parseFlexibleDate round trips', () => {
  const pad = (n: number) => String(n).padStart(2, '0');
  const daySpellings = (d: Date) => {
    const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
    return [
      iso(d),
      `${y}/${m}/${dd}`,
      `${y}.${m}.${dd}`,
      `${y}.${pad(m)}.${pad(dd)}`,
      `${y}年${m}月${dd}日`,
      `${y}${pad(m)}${pad(dd)}`,
    ];
  };
  const monthSpellings = (d: Date) => {
    const [y, m] = [d.getUTCFullYear(), d.getUTCMonth() + 1];
    return [`${y}-${pad(m)}`, `${y}.${pad(m)}`, `${y}/${m}`, `${y}年${m}月`, `${y}${pad(m)}`];
  };

  it('reads back every day spelling', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        for (const s of daySpellings(d)) expect(parseFlexibleDate(s)).toEqual(day(iso(d)));
      }),
    );
  });

  it('reads back every month spelling as the first of the month', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        for (const s of monthSpellings(d))
          expect(parseFlexibleDate(s)).toEqual(month(`${formatMonth(iso(d))}-01`));
      }),
    );
  });

  it('reads back Date objects and Excel serials (anchored at 44378 = 2021-07-01)', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        expect(parseFlexibleDate(d)).toEqual(day(iso(d)));
        const serial = 44378 + daysBetween('2021-07-01', iso(d));
        fc.pre(serial > 60);
        expect(parseFlexibleDate(serial)).toEqual(day(iso(d)));
      }),
    );
  });
});

describe('isValidIsoDate', () => {
  it.each(['2021-07-01', '2000-02-29', '1850-01-01'])('accepts %s', (s) =>
    expect(isValidIsoDate(s)).toBe(true),
  );
  it.each(['2021-7-1', '2021-02-29', '2021-13-01', '2021-00-01', '2021-04-31', '20210701', ''])(
    'rejects %j',
    (s) => expect(isValidIsoDate(s)).toBe(false),
  );
  it('agrees with the calendar of Date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(isValidIsoDate(s)).toBe(iso(new Date(Date.UTC(y, m - 1, d))) === s);
        },
      ),
    );
  });
});

describe('formatMonth', () => {
  it('keeps year and month', () => expect(formatMonth('2021-07-15')).toBe('2021-07'));
  it('rejects non-dates', () => expect(() => formatMonth('July')).toThrow(RangeError));
});

describe('ageOn (whole years)', () => {
  it.each([
    ['1990-03-07', '2008-03-06', 17],
    ['1990-03-07', '2008-03-07', 18],
    ['2000-02-29', '2018-02-28', 17],
    ['2000-02-29', '2018-03-01', 18],
    ['1990-12-31', '1990-12-31', 0],
  ])('born %s, on %s → %d', (birth, asOf, age) => expect(ageOn(birth, asOf)).toBe(age));

  it('grows by exactly one on each birthday', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 120 }), (d, years) => {
        const birth = iso(d);
        fc.pre(!birth.endsWith('02-29'));
        const birthday = `${Number(birth.slice(0, 4)) + years}${birth.slice(4)}`;
        expect(ageOn(birth, birthday)).toBe(years);
        expect(ageOn(birth, iso(new Date(Date.parse(birthday) - 86_400_000)))).toBe(years - 1);
      }),
    );
  });
});

describe('daysBetween', () => {
  it('counts calendar days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
  });
  it('agrees with the calendar of Date (leap years, centuries, 2000)', () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(daysBetween(iso(a), iso(b))).toBe(Math.round((b.getTime() - a.getTime()) / 86_400_000));
      }),
    );
    expect(daysBetween('1900-02-28', '1900-03-01')).toBe(1);
    expect(daysBetween('2000-02-28', '2000-03-01')).toBe(2);
  });
  it('is additive', () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyDate, (a, b, c) => {
        expect(daysBetween(iso(a), iso(b)) + daysBetween(iso(b), iso(c))).toBe(daysBetween(iso(a), iso(c)));
      }),
    );
  });
});

describe('addDays and addMonths (certificate validity, expected return, periods)', () => {
  it.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-11-15', 3, '2025-02-15'],
    ['2024-02-29', 12, '2025-02-28'],
  ])("%s + %i months = %s (kept to the month's last day)", (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('adds calendar days across months and years, and back', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 5000 }), (n) => {
        expect(daysBetween('2024-06-15', addDays('2024-06-15', n))).toBe(n);
      }),
    );
  });
});
