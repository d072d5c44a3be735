import { Decimal } from 'decimal.js';

const YUAN = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** Parses a non-negative yuan amount with at most 2 fraction digits into fen. */
export function parseYuan(s: string): bigint | null {
  const m = YUAN.exec(s.trim());
  if (!m) return null;
  return BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

export function formatYuan(fen: bigint | number): string {
  const v = BigInt(fen);
  const abs = v < 0n ? -v : v;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${v < 0n ? '-' : ''}${abs / 100n}.${frac}`;
}

/** RULES.md (decision): money is rounded half-up to 0.01 yuan at the end of each calculation. */
export function roundHalfUpToFen(d: Decimal): bigint {
  return BigInt(d.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
}
