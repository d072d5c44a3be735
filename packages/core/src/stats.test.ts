import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn } from './dates.js';
import { ageBand, locationOf } from './stats.js';

describe('ageBand (RULES.md §9, 篇七: ≤25, 26–30, 31–35, 36–40, ≥41)', () => {
  it.each([
    ['2000-07-01', '<=25'], // 25 on 2025-06-30
    ['1999-06-30', '26-30'], // 26th birthday today
    ['1994-07-01', '26-30'], // still 30
    ['1994-06-30', '31-35'],
    ['1989-07-01', '31-35'],
    ['1985-07-01', '36-40'], // 39
    ['1984-07-01', '36-40'], // 40
    ['1984-06-30', '>=41'],
  ] as const)('born %s → %s on 2025-06-30', (birth, band) => expect(ageBand(birth, '2025-06-30')).toBe(band));

  it('agrees with whole years of age', () => {
    const date = fc
      .date({
        min: new Date('1920-01-01T00:00:00Z'),
        max: new Date('2025-06-30T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(date, (birth) => {
        const age = ageOn(birth, '2025-06-30');
        const expected =
          age <= 25 ? '<=25' : age <= 30 ? '26-30' : age <= 35 ? '31-35' : age <= 40 ? '36-40' : '>=41';
        expect(ageBand(birth, '2025-06-30')).toBe(expected);
      }),
    );
  });
});

describe('locationOf (API.md stats: same city local, same province, else outside)', () => {
  it.each([
    ['430104', '430102', 'local'],
    ['430100', '430104', 'local'],
    ['430200', '430104', 'province'],
    ['430000', '430104', 'province'],
    ['440300', '430104', 'outside'],
    [null, '430104', 'unknown'],
    ['430104', null, 'unknown'],
  ] as const)('%s vs org %s → %s', (member, org, location) => expect(locationOf(member, org)).toBe(location));

  it('is symmetric', () => {
    const code = fc.integer({ min: 110000, max: 659999 }).map(String);
    fc.assert(
      fc.property(code, code, (a, b) => {
        expect(locationOf(a, b)).toBe(locationOf(b, a));
      }),
    );
  });
});
