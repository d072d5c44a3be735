import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arrearsOf,
  backPayLimitMonth,
  checkPaymentMonths,
  checkRemittancePeriod,
  formatReceiptNumber,
  type MonthDue,
  memberMonthState,
  monthsDue,
  nextCycleStatus,
  remittanceOverdue,
  splitPayment,
} from './dues-collection.js';
import {
  addDuesMonths,
  monthFromIndex,
  monthIndex,
  monthRange,
  quarterMonths,
  quarterOf,
} from './dues-months.js';
import { DomainError } from './errors.js';
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

describe('month arithmetic (RULES.md §1: whole calendar months)', () => {
  it('adds across years and counts ranges inclusively', () => {
    expect(addDuesMonths('2026-11', -6)).toBe('2026-05');
    expect(addDuesMonths('2026-01', -1)).toBe('2025-12');
    expect(addDuesMonths('2025-12', 1)).toBe('2026-01');
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-03', '2026-02')).toEqual([]);
  });

  it('names calendar quarters', () => {
    expect(quarterOf('2026-03')).toBe(1);
    expect(quarterOf('2026-04')).toBe(2);
    expect(quarterMonths('2026-11')).toEqual(['2026-10', '2026-11', '2026-12']);
  });

  it('index and month are inverse (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900 * 12, max: 2200 * 12 }),
        fc.integer({ min: -60, max: 60 }),
        (i, n) => {
          const m = monthFromIndex(i);
          expect(monthIndex(m)).toBe(i);
          expect(monthIndex(addDuesMonths(m, n)) - i).toBe(n);
        },
      ),
    );
  });

  it('refuses a malformed month', () => {
    expect(codeOf(() => monthIndex('2026-13'))).toBe('INVALID_MONTH');
  });
});

describe('back-pay limit (篇二 L224 补交党费的时间一般不得超过 6 个月; API.md payments)', () => {
  const check = (
    months: string[],
    paidOn: string,
    extra: Partial<Parameters<typeof checkPaymentMonths>[0]> = {},
  ) => codeOf(() => checkPaymentMonths({ months, paidOn, policy, ...extra }));

  it('paid 2026-11-10: 2026-05 is allowed, 2026-04 is not', () => {
    expect(backPayLimitMonth('2026-11-10', policy)).toBe('2026-05');
    expect(check(['2026-05'], '2026-11-10')).toBeNull();
    expect(check(['2026-04'], '2026-11-10')).toBe('BACK_PAY_LIMIT');
  });

  it('an override with a reason lifts the limit; an empty reason does not', () => {
    expect(check(['2026-04'], '2026-11-10', { override: { reason: '长期外出，返回后补交' } })).toBeNull();
    expect(check(['2026-04'], '2026-11-10', { override: { reason: '  ' } })).toBe('BACK_PAY_LIMIT');
  });

  it('a mobile member’s catch-up at the inflow organization is not limited (RULES.md §1 decision on L256)', () => {
    expect(check(['2026-01'], '2026-11-10', { backPayExempt: (m) => m < '2026-05' })).toBeNull();
  });

  it('follows the policy: backPayMonths 3 refuses 2026-07 on 2026-11-10', () => {
    expect(
      codeOf(() =>
        checkPaymentMonths({ months: ['2026-07'], paidOn: '2026-11-10', policy: { backPayMonths: 3 } }),
      ),
    ).toBe('BACK_PAY_LIMIT');
  });

  it('no advancing (RULES.md §1: 不得预交): a later month only inside a quarter the branch approved (篇二 L224)', () => {
    expect(check(['2026-12'], '2026-11-10')).toBe('DUES_ADVANCE');
    expect(check(['2026-11', '2026-12'], '2026-10-10', { quarterlyApproved: () => true })).toBeNull();
    expect(check(['2027-01'], '2026-12-10', { quarterlyApproved: () => true })).toBe('DUES_ADVANCE');
  });

  it('refuses no months or a repeated month', () => {
    expect(check([], '2026-11-10')).toBe('MONTHS_REQUIRED');
    expect(check(['2026-10', '2026-10'], '2026-11-10')).toBe('MONTHS_DUPLICATE');
  });

  it('the boundary holds for any payment day and policy (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000 * 12, max: 2100 * 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 24 }),
        (pm, day, limit, back) => {
          const paidOn = `${monthFromIndex(pm)}-${String(day).padStart(2, '0')}`;
          const month = monthFromIndex(pm - back);
          const code = codeOf(() =>
            checkPaymentMonths({ months: [month], paidOn, policy: { backPayMonths: limit } }),
          );
          expect(code).toBe(back > limit ? 'BACK_PAY_LIMIT' : null);
        },
      ),
    );
  });
});

describe('amount against the assessed total (API.md: DUES_SHORT; 篇二 L248 大额党费)', () => {
  it('below the total is DUES_SHORT, equal is exact, above is voluntary surplus', () => {
    expect(codeOf(() => splitPayment(8999n, 9000n, policy))).toBe('DUES_SHORT');
    expect(splitPayment(9000n, 9000n, policy)).toEqual({ dueFen: 9000n, surplusFen: 0n, largeDues: false });
    expect(splitPayment(19000n, 9000n, policy)).toEqual({
      dueFen: 9000n,
      surplusFen: 10000n,
      largeDues: false,
    });
  });

  it('a surplus over 1000 yuan is large_dues; exactly 1000 is not (一次多交纳 1000 元以上)', () => {
    expect(splitPayment(9000n + 100_000n, 9000n, policy).largeDues).toBe(false);
    expect(splitPayment(9000n + 100_001n, 9000n, policy).largeDues).toBe(true);
  });
});

describe('months due in a year (篇二 L220, L226)', () => {
  it('a whole year from one assessment', () => {
    const due = monthsDue({ year: 2026, assessments: [{ fromMonth: '2026-01', monthlyFen: 4500n }] });
    expect(due).toHaveLength(12);
    expect(due.every((d) => d.dueFen === 4500n && d.relief === null)).toBe(true);
  });

  it('a probationary member pays from the month the assembly admitted them (篇二 L220)', () => {
    const due = monthsDue({
      year: 2026,
      assessments: [{ fromMonth: '2026-01', monthlyFen: 1500n }],
      startMonth: '2026-07',
    });
    expect(due.map((d) => d.month)).toEqual(monthRange('2026-07', '2026-12'));
  });

  it('a mid-year change applies from its month; exemptions owe nothing, reductions the reduced amount', () => {
    const due = monthsDue({
      year: 2026,
      assessments: [
        { fromMonth: '2026-01', monthlyFen: 4500n },
        { fromMonth: '2026-07', monthlyFen: 7500n },
      ],
      reliefs: [
        { kind: 'exemption', fromMonth: '2026-03', toMonth: '2026-04' },
        { kind: 'reduction', fromMonth: '2026-09', toMonth: '2026-09', monthlyFen: 100n },
      ],
      endMonth: '2026-10',
    });
    const by = Object.fromEntries(due.map((d) => [d.month, d]));
    expect(by['2026-02']!.dueFen).toBe(4500n);
    expect(by['2026-03']).toEqual({ month: '2026-03', dueFen: 0n, relief: 'exemption' });
    expect(by['2026-07']!.dueFen).toBe(7500n);
    expect(by['2026-09']).toEqual({ month: '2026-09', dueFen: 100n, relief: 'reduction' });
    expect(by['2026-11']).toBeUndefined();
  });

  it('months before the first assessment in force are not due', () => {
    const due = monthsDue({ year: 2026, assessments: [{ fromMonth: '2026-05', monthlyFen: 100n }] });
    expect(due[0]!.month).toBe('2026-05');
  });
});

describe('arrears (API.md GET /api/dues/arrears)', () => {
  const year = (fen = 100n): MonthDue[] =>
    monthRange('2026-01', '2026-12').map((month) => ({ month, dueFen: fen, relief: null }));

  it('counts the assessed, unexempted months before the month of asOf that are unpaid; since the first', () => {
    const due = year();
    due[1] = { ...due[1]!, relief: 'exemption' };
    const paid = new Set(['2026-01', '2026-04']);
    const a = arrearsOf(due, paid, '2026-07-15');
    expect(a.months).toEqual(['2026-03', '2026-05', '2026-06']);
    expect(a).toMatchObject({ unpaidMonths: 3, since: '2026-03', consecutive: 2 });
  });

  it('none owed: since is null', () => {
    expect(arrearsOf(year(), new Set(), '2026-01-31')).toEqual({
      unpaidMonths: 0,
      since: null,
      months: [],
      consecutive: 0,
    });
  });

  it('counts exactly the unpaid assessed months (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.integer({ min: 1, max: 13 }),
        (paidFlags, exemptFlags, asOfMonth) => {
          const due = year().map((d, i) => ({
            ...d,
            relief: exemptFlags[i] ? ('exemption' as const) : null,
          }));
          const paid = new Set(due.filter((_, i) => paidFlags[i]).map((d) => d.month));
          const asOf = `${addDuesMonths('2026-01', asOfMonth - 1)}-01`;
          const a = arrearsOf(due, paid, asOf);
          const expected = due.filter((_, i) => i < asOfMonth - 1 && !exemptFlags[i] && !paidFlags[i]);
          expect(a.unpaidMonths).toBe(expected.length);
          expect(a.since).toBe(expected[0]?.month ?? null);
          expect(a.consecutive).toBeLessThanOrEqual(a.unpaidMonths);
        },
      ),
    );
  });
});

describe('any set of payments leaves every month paid at most once (RULES.md §1; property)', () => {
  it('a payment touching a paid month is MONTH_PAID; the accepted ones never overlap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 4 }), {
          maxLength: 20,
        }),
        (attempts) => {
          // The service's rule: refuse a payment when any of its months is already paid, else record all.
          const paid = new Map<string, number>();
          attempts.forEach((months, i) => {
            const ms = months.map((m) => monthFromIndex(2026 * 12 + m));
            if (ms.some((m) => paid.has(m))) return;
            for (const m of checkPaymentMonths({
              months: ms,
              paidOn: '2026-12-20',
              policy,
              override: { reason: '补交' },
            }))
              paid.set(m, i);
          });
          const counted = new Map<string, number>();
          for (const [m] of paid) counted.set(m, (counted.get(m) ?? 0) + 1);
          expect([...counted.values()].every((n) => n === 1)).toBe(true);
        },
      ),
    );
  });
});

describe('month cycle and settlement (issue 10 item 3)', () => {
  it('states: paid, exempt, delayed with a reason, else unpaid', () => {
    expect(memberMonthState({ paid: true, exempt: true })).toBe('paid');
    expect(memberMonthState({ paid: false, exempt: true })).toBe('exempt');
    expect(memberMonthState({ paid: false, exempt: false, delayReason: '住院' })).toBe('delayed');
    expect(memberMonthState({ paid: false, exempt: false, delayReason: ' ' })).toBe('unpaid');
  });

  it('settles only when no member is unpaid', () => {
    expect(nextCycleStatus('open', 'collect')).toBe('collecting');
    expect(
      nextCycleStatus('collecting', 'settle', [
        { memberId: 'a', state: 'paid' },
        { memberId: 'b', state: 'delayed' },
        { memberId: 'c', state: 'exempt' },
      ]),
    ).toBe('settled');
    expect(codeOf(() => nextCycleStatus('collecting', 'settle', [{ memberId: 'a', state: 'unpaid' }]))).toBe(
      'DUES_NOT_SETTLED',
    );
    expect(codeOf(() => nextCycleStatus('settled', 'collect'))).toBe('CYCLE_SETTLED');
  });
});

describe('remittance (篇二 L226: 一般每季度上缴 1 次，最长不能超过 6 个月)', () => {
  const base = { lastRemittedThrough: null, asOfMonth: '2026-12', policy };
  it('a quarter or up to 6 months; not 7', () => {
    expect(
      codeOf(() => checkRemittancePeriod({ ...base, fromMonth: '2026-01', toMonth: '2026-03' })),
    ).toBeNull();
    expect(
      codeOf(() => checkRemittancePeriod({ ...base, fromMonth: '2026-01', toMonth: '2026-06' })),
    ).toBeNull();
    expect(codeOf(() => checkRemittancePeriod({ ...base, fromMonth: '2026-01', toMonth: '2026-07' }))).toBe(
      'REMIT_PERIOD_TOO_LONG',
    );
  });
  it('follows the last period without gap, and not into the future', () => {
    const next = { ...base, lastRemittedThrough: '2026-03' };
    expect(
      codeOf(() => checkRemittancePeriod({ ...next, fromMonth: '2026-04', toMonth: '2026-06' })),
    ).toBeNull();
    expect(codeOf(() => checkRemittancePeriod({ ...next, fromMonth: '2026-05', toMonth: '2026-06' }))).toBe(
      'REMIT_PERIOD_GAP',
    );
    expect(codeOf(() => checkRemittancePeriod({ ...base, fromMonth: '2026-12', toMonth: '2027-01' }))).toBe(
      'REMIT_PERIOD_INVALID',
    );
  });
  it('is overdue after more than 6 months unremitted', () => {
    expect(remittanceOverdue('2026-03', null, '2026-09', policy)).toBe(false);
    expect(remittanceOverdue('2026-03', null, '2026-11', policy)).toBe(true);
    expect(remittanceOverdue(null, null, '2026-11', policy)).toBe(false);
  });
});

describe('receipt numbers run per branch per year', () => {
  it('formats year and sequence', () => {
    expect(formatReceiptNumber(2026, 42)).toBe('2026-000042');
  });
});
