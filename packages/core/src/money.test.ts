import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatYuan, parseYuan, roundHalfUpToFen } from './money.js';

describe('parseYuan', () => {
  it.each([
    ['15', 1500n],
    ['15.5', 1550n],
    ['0.20', 20n],
    [' 3000.01 ', 300001n],
    ['000.05', 5n],
    ['999999999999.99', 99999999999999n],
  ])('%s → %s fen', (s, fen) => expect(parseYuan(s)).toBe(fen));

  it.each(['', '-1', '1.234', '1e3', '1,000', '.5', '5.', '1234567890123', 'abc', '+1'])('rejects %j', (s) =>
    expect(parseYuan(s)).toBeNull(),
  );
});

describe('formatYuan', () => {
  it.each([
    [1500n, '15.00'],
    [5, '0.05'],
    [0n, '0.00'],
    [-150n, '-1.50'],
    [99999999999999n, '999999999999.99'],
  ])('%s fen → %s', (fen, s) => expect(formatYuan(fen)).toBe(s));

  it('round-trips with parseYuan for every amount up to 12 integer digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }), (fen) => {
        expect(parseYuan(formatYuan(fen))).toBe(fen);
      }),
    );
  });
});

describe('roundHalfUpToFen (RULES.md: half-up to 0.01 yuan)', () => {
  it.each([
    ['15.0005', 1500n],
    ['14.99995', 1500n],
    ['75.0045', 7500n],
    ['0.005', 1n],
    ['0.00499', 0n],
    ['12.345', 1235n],
  ])('%s yuan → %s fen', (d, fen) => expect(roundHalfUpToFen(new Decimal(d))).toBe(fen));

  it('equals the integer half-up of the exact rational n / 10^k', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }), (n, k) => {
        const scale = 10n ** BigInt(k);
        // n / 10^k yuan = 100n / 10^k fen; half-up is floor(x + 1/2).
        const expected = (200n * n + scale) / (2n * scale);
        expect(roundHalfUpToFen(new Decimal(n.toString()).div(scale.toString()))).toBe(expected);
      }),
    );
  });
});
