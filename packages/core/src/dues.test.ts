import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type duesCategories, quoteDues } from './dues.js';
import { DomainError } from './errors.js';
import { formatYuan, parseYuan, roundHalfUpToFen } from './money.js';
import { defaultPolicies } from './policies.js';

const policy = defaultPolicies().dues;
const quote = (category: (typeof duesCategories)[number], base?: string | null, farmerAmount?: string) =>
  quoteDues(policy, { category, base, farmerAmount });

describe('quoteDues brackets (RULES.md §1, 篇二: "3000 元以下(含 3000 元)", bound in the lower bracket)', () => {
  it.each([
    ['3000', '0.005', '15.00'],
    ['3000.01', '0.01', '30.00'],
    ['5000', '0.01', '50.00'],
    ['5000.01', '0.015', '75.00'],
    ['10000', '0.015', '150.00'],
    ['10000.01', '0.02', '200.00'],
    ['0', '0.005', '0.00'],
  ])('salaried base %s → rate %s, %s a month', (base, rate, monthlyAmount) => {
    expect(quote('salaried', base)).toEqual({ rate, monthlyAmount, capped: false });
  });

  it.each(['annual_salary', 'self_employed', 'other'] as const)('%s uses the salaried table (篇二)', (c) => {
    expect(quote(c, '4500')).toEqual({ rate: '0.01', monthlyAmount: '45.00', capped: false });
  });

  it.each([
    ['5000', '0.005', '25.00'],
    ['5000.01', '0.01', '50.00'],
  ])('retired base %s → rate %s, %s (篇二: 离退休 5000 元以下(含))', (base, rate, monthlyAmount) => {
    expect(quote('retired', base)).toEqual({ rate, monthlyAmount, capped: false });
  });

  it('charges the whole base at its bracket rate, not progressively (篇二)', () => {
    // Progressive slices would give 3000×0.5% + 1500×1% = 30.00.
    expect(quote('salaried', '4500').monthlyAmount).toBe('45.00');
  });
});

describe('quoteDues rounding (RULES.md: half-up to the fen)', () => {
  it.each([
    // 3000.10 lies in the salaried 1% bracket, so 0.5% × 3000.10 is exercised on the retired table.
    ['retired', '3000.10', '15.00'], // 15.0005
    ['retired', '3000.09', '15.00'], // 15.00045
    ['retired', '2999', '15.00'], // 14.995
    ['salaried', '5000.30', '75.00'], // 75.0045
    ['salaried', '2999.99', '15.00'], // 14.99995
    ['salaried', '1001', '5.01'], // 5.005
    ['salaried', '3000.50', '30.01'], // 30.005
  ] as const)('%s base %s → %s', (category, base, monthlyAmount) => {
    expect(quote(category, base).monthlyAmount).toBe(monthlyAmount);
  });
});

describe('quoteDues cap (篇二: 每月党费一般不超过 1000 元)', () => {
  it('caps base 60000 at 1000.00', () => {
    expect(quote('salaried', '60000')).toEqual({ rate: '0.02', monthlyAmount: '1000.00', capped: true });
  });
  it('does not flag exactly 1000.00 as capped', () => {
    expect(quote('salaried', '50000')).toEqual({ rate: '0.02', monthlyAmount: '1000.00', capped: false });
  });
});

describe('quoteDues fixed categories (篇二: 农民 0.2–1 元, 学生/下岗失业/低保 0.2 元)', () => {
  it.each(['student', 'unemployed', 'relief', 'farmer'] as const)('%s pays 0.20 without a base', (c) => {
    expect(quote(c)).toEqual({ rate: null, monthlyAmount: '0.20', capped: false });
  });
  it.each([
    ['0.50', '0.50'],
    ['1.00', '1.00'],
    ['0.20', '0.20'],
    ['1.01', '0.20'],
    ['0.10', '0.20'],
    ['abc', '0.20'],
  ])('farmer choosing %s pays %s', (farmerAmount, monthlyAmount) => {
    expect(quote('farmer', null, farmerAmount).monthlyAmount).toBe(monthlyAmount);
  });
});

describe('quoteDues errors', () => {
  it.each([undefined, null, '', '  '])('requires a base for bracket categories (%j)', (base) => {
    expect(() => quote('salaried', base)).toThrow(expect.objectContaining({ code: 'DUES_BASE_REQUIRED' }));
  });
  it.each(['-5', '12.345', 'abc', '1e4'])('rejects malformed base %j', (base) => {
    const call = () => quote('retired', base);
    expect(call).toThrow(DomainError);
    expect(call).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
  });
});

describe('quoteDues properties (RULES.md §1)', () => {
  const baseFen = fc.bigInt({ min: 0n, max: 10n ** 9n });
  const bracketCategory = fc.constantFrom(
    'salaried',
    'annual_salary',
    'retired',
    'self_employed',
    'other' as const,
  );
  const fen = (s: string) => parseYuan(s)!;

  it('is non-decreasing in the base', () => {
    fc.assert(
      fc.property(bracketCategory, baseFen, baseFen, (category, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(fen(quote(category, formatYuan(lo)).monthlyAmount)).toBeLessThanOrEqual(
          fen(quote(category, formatYuan(hi)).monthlyAmount),
        );
      }),
    );
  });

  it('never exceeds the monthly cap', () => {
    fc.assert(
      fc.property(bracketCategory, baseFen, (category, b) => {
        expect(fen(quote(category, formatYuan(b)).monthlyAmount)).toBeLessThanOrEqual(fen(policy.monthlyCap));
      }),
    );
  });

  it('equals base × rate rounded half-up, computed independently with decimal.js', () => {
    fc.assert(
      fc.property(bracketCategory, baseFen, (category, b) => {
        const q = quote(category, formatYuan(b));
        const exact = roundHalfUpToFen(new Decimal(formatYuan(b)).times(q.rate!));
        const capped = exact > fen(policy.monthlyCap);
        expect(q.monthlyAmount).toBe(capped ? policy.monthlyCap : formatYuan(exact));
        expect(q.capped).toBe(capped);
      }),
    );
  });

  it('honours a policy with other rates and normalizes rate strings', () => {
    const custom = { ...policy, salariedBrackets: [{ upTo: null, rate: '0.0150' }] };
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 6_666_666n }), (b) => {
        const q = quoteDues(custom, { category: 'salaried', base: formatYuan(b) });
        expect(q.rate).toBe('0.015');
        expect(q.monthlyAmount).toBe(formatYuan(roundHalfUpToFen(new Decimal(formatYuan(b)).times('0.015'))));
      }),
    );
  });
});
