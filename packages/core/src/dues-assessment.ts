import { type DuesCategory, type DuesQuote, quoteDues } from './dues.js';
import { DomainError } from './errors.js';
import { formatYuan, parseYuan } from './money.js';
import type { DuesPolicy } from './policies.js';

/**
 * The yearly assessment 年初核定 (RULES.md §1, 篇二 L226–L240): the base composed from the items the policy
 * includes, the excluded items shown apart so staff see why, the amount under the policy, and the approval
 * chain of a reduction or exemption (篇二 L250).
 */

export type BaseLine = { key: string; label: string; amount: string; source: string | null };
export type ComposedBase = { base: string; included: BaseLine[]; excluded: BaseLine[] };

/**
 * Sums the included components of a member's pay into the base; excluded ones are listed, not added
 * (篇二 L238–L240). A component the policy does not know, or not for this category, is refused.
 */
export function composeBase(
  policy: DuesPolicy,
  category: DuesCategory,
  amounts: Readonly<Record<string, string>>,
): ComposedBase {
  const included: BaseLine[] = [];
  const excluded: BaseLine[] = [];
  let total = 0n;
  for (const [key, raw] of Object.entries(amounts)) {
    const item = policy.baseComponents.find((c) => c.key === key);
    if (!item) throw new DomainError('BASE_COMPONENT_UNKNOWN', `未知的计算基数项目：${key}`);
    if (!(item.categories as readonly string[]).includes(category)) {
      throw new DomainError('BASE_COMPONENT_CATEGORY', `“${item.label}”不适用于该类党员`);
    }
    const fen = parseYuan(raw);
    if (fen === null) throw new DomainError('INVALID_AMOUNT', `“${item.label}”金额格式不正确：${raw}`);
    const line = { key, label: item.label, amount: formatYuan(fen), source: item.source ?? null };
    if (item.included) {
      total += fen;
      included.push(line);
    } else excluded.push(line);
  }
  return { base: formatYuan(total), included, excluded };
}

/** The policy's items for a category, as the assessment form lists them. */
export const baseComponentsFor = (policy: DuesPolicy, category: DuesCategory) =>
  policy.baseComponents.filter((c) => (c.categories as readonly string[]).includes(category));

/** Why a member pays what they pay, in words for the portal and the assessment table. */
export function explainAssessment(
  policy: DuesPolicy,
  input: { category: DuesCategory; base?: string | null },
  quote: DuesQuote,
): string {
  if (quote.rate === null) return `按规定每月交纳固定数额 ${quote.monthlyAmount} 元（篇二）`;
  const baseFen = parseYuan(input.base ?? '') ?? 0n;
  const pct = `${(Number(quote.rate) * 100).toFixed(1).replace(/\.0$/, '')}%`;
  const text = `计算基数 ${formatYuan(baseFen)} 元，按 ${pct} 交纳`;
  return quote.capped
    ? `${text}，超过每月 ${policy.monthlyCap} 元的一般上限，按 ${quote.monthlyAmount} 元交纳`
    : `${text}，每月 ${quote.monthlyAmount} 元`;
}

export const reliefSteps = ['branch', 'committee'] as const;
export type ReliefStep = (typeof reliefSteps)[number];

export const duesReliefStatuses = ['pending', 'branch_approved', 'approved', 'rejected'] as const;
export type DuesReliefStatus = (typeof duesReliefStatuses)[number];

/**
 * 篇二 L250: 经党支部研究，报上一级党委批准 — the branch decides and the next-higher committee approves; for a
 * retired member in hardship the branch's approval suffices (policy `retiredHardshipBranchOnly`).
 */
export function reliefChain(
  policy: Pick<DuesPolicy, 'retiredHardshipBranchOnly'>,
  input: { category: DuesCategory | null; hardship: boolean },
): ReliefStep[] {
  return policy.retiredHardshipBranchOnly && input.category === 'retired' && input.hardship
    ? ['branch']
    : ['branch', 'committee'];
}

/** The status after a step's decision; a step out of turn is `RELIEF_STEP`. */
export function decideRelief(
  current: DuesReliefStatus,
  chain: readonly ReliefStep[],
  step: ReliefStep,
  approve: boolean,
): DuesReliefStatus {
  const expected: ReliefStep | null =
    current === 'pending' ? 'branch' : current === 'branch_approved' ? 'committee' : null;
  if (expected === null) throw new DomainError('RELIEF_DECIDED', '该申请已办结');
  if (step !== expected || !chain.includes(step)) {
    throw new DomainError(
      'RELIEF_STEP',
      step === 'committee' ? '须先由党支部研究决定' : '该申请待上级党委审批',
    );
  }
  if (!approve) return 'rejected';
  return step === chain.at(-1) ? 'approved' : 'branch_approved';
}

/** Quotes an assessment, composing the base from components when they are given. */
export function assessDues(
  policy: DuesPolicy,
  input: {
    category: DuesCategory;
    base?: string | null;
    components?: Readonly<Record<string, string>> | null;
    farmerAmount?: string;
  },
): DuesQuote & { base: string | null; composed: ComposedBase | null } {
  const composed =
    input.components && Object.keys(input.components).length > 0
      ? composeBase(policy, input.category, input.components)
      : null;
  const base = composed?.base ?? input.base ?? null;
  const quote = quoteDues(policy, { category: input.category, base, farmerAmount: input.farmerAmount });
  return { ...quote, base: quote.rate === null ? (base ?? null) : base, composed };
}

/** The categories as the seed names them (篇二 L228–L246), for forms, tables and the import. */
export const duesCategoryLabels: Record<DuesCategory, string> = {
  salaried: '在职（按月领取工资）',
  annual_salary: '年薪制',
  retired: '离退休',
  farmer: '农民',
  student: '学生',
  unemployed: '下岗失业',
  relief: '依靠抚恤或救济生活、低保',
  self_employed: '个体、灵活就业',
  other: '其他',
};

/** A category from a spreadsheet cell: its code, its label, or the label's first words (在职, 离退休 …). */
export function parseDuesCategory(text: string): DuesCategory | null {
  const t = text.trim();
  if (t === '') return null;
  const entries = Object.entries(duesCategoryLabels) as [DuesCategory, string][];
  return (
    entries.find(([code, label]) => code === t || label === t)?.[0] ??
    entries.find(([, label]) => label.startsWith(t) || label.split(/[（、，]/).includes(t))?.[0] ??
    null
  );
}
