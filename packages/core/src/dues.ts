import { Decimal } from 'decimal.js';
import { DomainError } from './errors.js';
import { formatYuan, parseYuan } from './money.js';
import type { DuesPolicy } from './policies.js';

export const duesCategories = [
  'salaried',
  'annual_salary',
  'retired',
  'farmer',
  'student',
  'unemployed',
  'relief',
  'self_employed',
  'other',
] as const;
export type DuesCategory = (typeof duesCategories)[number];

type FixedCategory = keyof DuesPolicy['fixedAmounts'];
type BracketCategory = keyof DuesPolicy['categoryBrackets'];

export type DuesQuote = { rate: string | null; monthlyAmount: string; capped: boolean };

const isFixed = (c: DuesCategory): c is FixedCategory =>
  c === 'farmer' || c === 'student' || c === 'unemployed' || c === 'relief';

/** Policy values are schema-validated, so a parse failure here is a programming error. */
function policyFen(s: string): bigint {
  const fen = parseYuan(s);
  if (fen === null) throw new DomainError('POLICY_INVALID', `策略中的金额无效：${s}`);
  return fen;
}

/** fen × rate, rounded half-up to the fen in integer arithmetic (RULES.md: exact money, half-up). */
function applyRate(baseFen: bigint, rate: string): bigint {
  const [int = '', frac = ''] = rate.split('.');
  const numerator = BigInt(int + frac);
  const denominator = 10n ** BigInt(frac.length);
  return (2n * baseFen * numerator + denominator) / (2n * denominator);
}

function quoteFixed(policy: DuesPolicy, category: FixedCategory, farmerAmount?: string): DuesQuote {
  let fen = policyFen(policy.fixedAmounts[category]);
  if (category === 'farmer' && farmerAmount !== undefined) {
    // RULES.md §1, 篇二: a farmer pays a fixed amount chosen within the range (0.2 – 1 yuan).
    const chosen = parseYuan(farmerAmount);
    const inRange =
      chosen !== null &&
      chosen >= policyFen(policy.farmerRange.min) &&
      chosen <= policyFen(policy.farmerRange.max);
    if (inRange) fen = chosen;
  }
  return { rate: null, monthlyAmount: formatYuan(fen), capped: false };
}

function quoteBracket(policy: DuesPolicy, category: BracketCategory, base?: string | null): DuesQuote {
  if (base == null || base.trim() === '') {
    throw new DomainError('DUES_BASE_REQUIRED', '该党费类别需要填写计算基数');
  }
  const baseFen = parseYuan(base);
  if (baseFen === null) throw new DomainError('INVALID_AMOUNT', `计算基数格式不正确：${base}`);
  const table =
    policy.categoryBrackets[category] === 'retired' ? policy.retiredBrackets : policy.salariedBrackets;
  // RULES.md §1, 篇二: the whole base takes the rate of its bracket, and a bound belongs to the lower
  // bracket ("3000 元以下(含 3000 元)").
  const bracket = table.find((b) => b.upTo === null || baseFen <= policyFen(b.upTo)) ?? table.at(-1)!;
  const amount = applyRate(baseFen, bracket.rate);
  const cap = policyFen(policy.monthlyCap);
  const capped = amount > cap;
  return {
    rate: new Decimal(bracket.rate).toFixed(),
    monthlyAmount: formatYuan(capped ? cap : amount),
    capped,
  };
}

/** Monthly dues for a member category under a dues policy (RULES.md §1). */
export function quoteDues(
  policy: DuesPolicy,
  input: { category: DuesCategory; base?: string | null; farmerAmount?: string },
): DuesQuote {
  return isFixed(input.category)
    ? quoteFixed(policy, input.category, input.farmerAmount)
    : quoteBracket(policy, input.category, input.base);
}
