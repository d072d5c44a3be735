import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteDues } from './dues.js';
import {
  assessDues,
  baseComponentsFor,
  composeBase,
  decideRelief,
  explainAssessment,
  parseDuesCategory,
  reliefChain,
} from './dues-assessment.js';
import { DomainError } from './errors.js';
import { formatYuan } from './money.js';
import { defaultPolicies } from './policies.js';

const policy = defaultPolicies().dues;

const codeOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'THROWN';
  }
};

describe('base components (RULES.md §1; 篇二 L228–L240)', () => {
  it('adds the included items and lists the excluded ones apart', () => {
    const c = composeBase(policy, 'salaried', {
      post_salary: '3000',
      grade_salary: '1200.50',
      allowances: '800',
      income_tax: '120',
      housing_fund: '600',
      reform_allowances: '500',
    });
    expect(c.base).toBe('5000.50');
    expect(c.included.map((l) => l.key)).toEqual(['post_salary', 'grade_salary', 'allowances']);
    expect(c.excluded.map((l) => l.key)).toEqual(['income_tax', 'housing_fund', 'reform_allowances']);
    expect(c.excluded[0]!.source).toBe('篇二 L238');
  });

  it('a retiree’s base keeps the enterprise annuity and leaves out allowances (篇二 L234)', () => {
    const c = composeBase(policy, 'retired', {
      basic_pension: '4200',
      enterprise_annuity: '500',
      extra_pension: '300',
      retiree_allowances: '900',
    });
    expect(c.base).toBe('5000.00');
    expect(c.excluded.map((l) => l.key)).toEqual(['retiree_allowances']);
  });

  it('incentive performance and irregular bonuses are not in the base (篇二 L240)', () => {
    expect(
      composeBase(policy, 'salaried', { incentive_performance: '2000', irregular_bonus: '1000' }).base,
    ).toBe('0.00');
  });

  it('refuses unknown items and items of another category', () => {
    expect(codeOf(() => composeBase(policy, 'salaried', { lottery: '1' }))).toBe('BASE_COMPONENT_UNKNOWN');
    expect(codeOf(() => composeBase(policy, 'salaried', { basic_pension: '1' }))).toBe(
      'BASE_COMPONENT_CATEGORY',
    );
    expect(codeOf(() => composeBase(policy, 'salaried', { post_salary: '-1' }))).toBe('INVALID_AMOUNT');
  });

  it('lists the items of a category as policy data', () => {
    expect(baseComponentsFor(policy, 'retired').map((c) => c.key)).toContain('enterprise_annuity');
    expect(baseComponentsFor(policy, 'salaried').map((c) => c.key)).not.toContain('enterprise_annuity');
  });

  it('the base is the sum of the included items whatever the excluded ones are (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 3, maxLength: 3 }),
        (inc, exc) => {
          const keys = ['post_salary', 'grade_salary', 'bonus'];
          const out = ['income_tax', 'social_insurance', 'annuity'];
          const amounts = Object.fromEntries([
            ...keys.map((k, i) => [k, formatYuan(inc[i]!)]),
            ...out.map((k, i) => [k, formatYuan(exc[i]!)]),
          ]);
          expect(composeBase(policy, 'salaried', amounts).base).toBe(
            formatYuan(inc.reduce((a, b) => a + b, 0)),
          );
        },
      ),
    );
  });
});

describe('assessment equals the quote (issue 10: the rule tests of /api/dues/quote extended to assessments)', () => {
  it('a composed base quotes like the same base given directly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (a, b) => {
          const assessed = assessDues(policy, {
            category: 'salaried',
            components: { basic_wage: formatYuan(a), bonus: formatYuan(b) },
          });
          const quoted = quoteDues(policy, { category: 'salaried', base: formatYuan(a + b) });
          expect({
            rate: assessed.rate,
            monthlyAmount: assessed.monthlyAmount,
            capped: assessed.capped,
          }).toEqual(quoted);
        },
      ),
    );
  });

  it('explains the amount in words', () => {
    const q = quoteDues(policy, { category: 'salaried', base: '4500' });
    expect(explainAssessment(policy, { category: 'salaried', base: '4500' }, q)).toBe(
      '计算基数 4500.00 元，按 1% 交纳，每月 45.00 元',
    );
    const capped = quoteDues(policy, { category: 'salaried', base: '60000' });
    expect(explainAssessment(policy, { category: 'salaried', base: '60000' }, capped)).toContain(
      '1000.00 元',
    );
    const fixed = quoteDues(policy, { category: 'student' });
    expect(explainAssessment(policy, { category: 'student' }, fixed)).toContain('0.20 元');
  });
});

describe('reduction and exemption chain (篇二 L250)', () => {
  it('branch decides and the committee approves', () => {
    const chain = reliefChain(policy, { category: 'salaried', hardship: true });
    expect(chain).toEqual(['branch', 'committee']);
    const afterBranch = decideRelief('pending', chain, 'branch', true);
    expect(afterBranch).toBe('branch_approved');
    expect(decideRelief(afterBranch, chain, 'committee', true)).toBe('approved');
  });

  it('a retiree in hardship needs the branch only (离退休干部职工党员生活确有困难的，经党支部研究同意)', () => {
    const chain = reliefChain(policy, { category: 'retired', hardship: true });
    expect(chain).toEqual(['branch']);
    expect(decideRelief('pending', chain, 'branch', true)).toBe('approved');
    expect(reliefChain(policy, { category: 'retired', hardship: false })).toEqual(['branch', 'committee']);
    expect(
      reliefChain({ retiredHardshipBranchOnly: false }, { category: 'retired', hardship: true }),
    ).toEqual(['branch', 'committee']);
  });

  it('out of turn or after the end is refused; a refusal ends it', () => {
    const chain = ['branch', 'committee'] as const;
    expect(codeOf(() => decideRelief('pending', chain, 'committee', true))).toBe('RELIEF_STEP');
    expect(codeOf(() => decideRelief('approved', chain, 'committee', true))).toBe('RELIEF_DECIDED');
    expect(decideRelief('branch_approved', chain, 'committee', false)).toBe('rejected');
  });
});

describe('categories from a spreadsheet cell', () => {
  it.each([
    ['salaried', 'salaried'],
    ['在职', 'salaried'],
    ['离退休', 'retired'],
    ['低保', 'relief'],
    ['学生', 'student'],
    ['年薪制', 'annual_salary'],
    ['外星人', null],
    ['', null],
  ] as const)('%s → %s', (text, category) => {
    expect(parseDuesCategory(text)).toBe(category);
  });
});
