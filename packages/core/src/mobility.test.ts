import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import {
  classifyOutflow,
  isLifeInsideProvince,
  type OutflowReason,
  outflowReasonLabels,
  outflowReasons,
  type RequiredDocument,
} from './mobility.js';
import { defaultPolicies, mobilityPolicySchema } from './policies.js';

const policy = defaultPolicies().mobility;
const letterReasons: OutflowReason[] = ['study', 'secondment', 'official', 'family'];
const weight: Record<RequiredDocument, number> = {
  none: 0,
  membership_certificate_letter: 1,
  activity_certificate: 1,
  transfer_letter: 2,
};
const places = [
  { fixedPlace: true, hostHasPartyOrg: true },
  { fixedPlace: true, hostHasPartyOrg: false },
  { fixedPlace: false, hostHasPartyOrg: true },
  { fixedPlace: false, hostHasPartyOrg: false },
];
const cases = outflowReasons.flatMap((reason) => places.map((place) => ({ reason, ...place })));

describe('outflowReasons (API.md)', () => {
  it('labels every reason in Chinese', () => {
    expect(outflowReasons.map((r) => outflowReasonLabels[r])).toEqual([
      '务工',
      '经商',
      '学习',
      '借调',
      '公务',
      '探亲',
      '随迁',
      '毕业未就业',
      '其他',
    ]);
  });
});

describe('classifyOutflow (RULES.md §2 table, §3)', () => {
  it.each([3.5, 4, 6])(
    '随迁 (accompany) for %s months takes the 活动证 path, 探亲 (family) the 党员证明信 (篇三 L396: 休假探亲 only)',
    (expectedMonths) => {
      const place = { expectedMonths, fixedPlace: true, hostHasPartyOrg: true };
      expect(classifyOutflow(policy, { ...place, reason: 'accompany' }).requiredDocument).toBe(
        'activity_certificate',
      );
      expect(classifyOutflow(policy, { ...place, reason: 'family' }).requiredDocument).toBe(
        'membership_certificate_letter',
      );
    },
  );

  it.each(places.map((p) => ({ ...p, reason: 'work' as const, expectedMonths: 7 })))(
    '> 6 months at a place whose relationship cannot move yet ⇒ 活动证 until it can (篇三 L396 "组织关系暂无法转移的"): fixed $fixedPlace, host org $hostHasPartyOrg',
    (input) => {
      const result = classifyOutflow(policy, { ...input, relationshipCanMove: false });
      expect(result).toEqual({
        requiredDocument: 'activity_certificate',
        rule: expect.any(String),
        transferTarget: null,
      });
      expect(classifyOutflow(policy, { ...input, relationshipCanMove: true })).toEqual(
        classifyOutflow(policy, input),
      );
    },
  );

  it.each(cases)(
    'exactly 3 months needs nothing beyond leave (篇三 镇 第十一条): $reason, fixed $fixedPlace, host org $hostHasPartyOrg',
    (input) => {
      const result = classifyOutflow(policy, { ...input, expectedMonths: 3 });
      expect(result).toEqual({ requiredDocument: 'none', rule: expect.any(String), transferTarget: null });
      expect(result.rule).toContain('篇三 镇 第十一条');
    },
  );

  it.each(cases.flatMap((c) => [3.5, 4, 6].map((expectedMonths) => ({ ...c, expectedMonths }))))(
    '3 < m ≤ 6: 党员证明信 for study/secondment/official/family (县制度 二), else 活动证 (篇三 镇 第十一条): $reason, fixed $fixedPlace, host org $hostHasPartyOrg',
    (input) => {
      const letter = letterReasons.includes(input.reason);
      expect(classifyOutflow(policy, input)).toEqual({
        requiredDocument: letter ? 'membership_certificate_letter' : 'activity_certificate',
        rule: expect.stringContaining(letter ? '县制度 二' : '篇三 镇 第十一条'),
        transferTarget: null,
      });
    },
  );

  it.each(cases.map((c) => ({ ...c, expectedMonths: 7 })))(
    '> 6 months: fixed ⇒ 介绍信 to host or nearby org, else 活动证 (篇三 镇 第十一条): $reason, fixed $fixedPlace, host org $hostHasPartyOrg',
    (input) => {
      const expected = input.fixedPlace
        ? {
            requiredDocument: 'transfer_letter',
            transferTarget: input.hostHasPartyOrg ? 'host_org' : 'nearby_org',
          }
        : { requiredDocument: 'activity_certificate', transferTarget: null };
      expect(classifyOutflow(policy, input)).toEqual({ ...expected, rule: expect.any(String) });
    },
  );

  it.each(cases.map((c) => ({ ...c, expectedMonths: 7 })))(
    '> 6 months abroad never transfers the relationship: it stays home (篇七, 篇五 第二十二条, RULES.md §2): $reason, fixed $fixedPlace, host org $hostHasPartyOrg',
    (input) => {
      const result = classifyOutflow(policy, { ...input, abroad: true });
      expect(result).toEqual({
        requiredDocument: 'activity_certificate',
        rule: expect.stringContaining('篇七'),
        transferTarget: null,
      });
      expect(result.rule).toContain('超过 5 年未归');
    },
  );

  it.each(cases.flatMap((c) => [2, 3, 4, 6].map((expectedMonths) => ({ ...c, expectedMonths }))))(
    'up to 6 months abroad follows the same table as at home (RULES.md §2): $expectedMonths months, $reason, fixed $fixedPlace',
    (input) => {
      expect(classifyOutflow(policy, { ...input, abroad: true })).toEqual(classifyOutflow(policy, input));
    },
  );

  it('gives a 党员证明信 for every 3–6 month stay when the policy says so (RULES.md §3 policy option)', () => {
    const allLetters = { ...policy, certificateLetterForAllShortStays: true };
    for (const reason of outflowReasons) {
      const input = { reason, fixedPlace: false, hostHasPartyOrg: false };
      expect(classifyOutflow(allLetters, { ...input, expectedMonths: 5 }).requiredDocument).toBe(
        'membership_certificate_letter',
      );
      expect(classifyOutflow(allLetters, { ...input, expectedMonths: 3 }).requiredDocument).toBe('none');
      expect(classifyOutflow(allLetters, { ...input, expectedMonths: 7 }).requiredDocument).toBe(
        'activity_certificate',
      );
    }
  });

  it('reads its bands from the policy (RULES.md: every number is a policy default)', () => {
    const local = { ...policy, shortTripMonths: 1, longTripMonths: 12 };
    const input = { reason: 'work' as const, fixedPlace: true, hostHasPartyOrg: true };
    expect(classifyOutflow(local, { ...input, expectedMonths: 2 }).requiredDocument).toBe(
      'activity_certificate',
    );
    expect(classifyOutflow(local, { ...input, expectedMonths: 12 }).requiredDocument).toBe(
      'activity_certificate',
    );
    expect(classifyOutflow(local, { ...input, expectedMonths: 13 }).rule).toContain('12 个月以上');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects an expected duration of %s',
    (expectedMonths) => {
      const input = { reason: 'work' as const, fixedPlace: true, hostHasPartyOrg: true, expectedMonths };
      expect(() => classifyOutflow(policy, input)).toThrow(DomainError);
    },
  );

  const policyArb = fc
    .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 }), fc.boolean())
    .map(([a, b, all]) =>
      mobilityPolicySchema.parse({
        shortTripMonths: Math.min(a, b),
        longTripMonths: Math.max(a, b),
        certificateLetterForAllShortStays: all,
      }),
    );
  const inputArb = fc.record({
    reason: fc.constantFrom(...outflowReasons),
    fixedPlace: fc.boolean(),
    hostHasPartyOrg: fc.boolean(),
    abroad: fc.boolean(),
  });
  const months = fc.double({ min: 0, max: 30, noNaN: true });
  const band = (p: typeof policy, m: number) => (m <= p.shortTripMonths ? 0 : m <= p.longTripMonths ? 1 : 2);

  it('depends on the duration only through its band (RULES.md §2 table)', () => {
    fc.assert(
      fc.property(policyArb, inputArb, months, months, (p, input, m1, m2) => {
        fc.pre(band(p, m1) === band(p, m2));
        expect(classifyOutflow(p, { ...input, expectedMonths: m1 })).toEqual(
          classifyOutflow(p, { ...input, expectedMonths: m2 }),
        );
      }),
    );
  });

  it('never asks for a 介绍信 to a place abroad (篇七: 出国深造的党员组织关系无法转移)', () => {
    fc.assert(
      fc.property(policyArb, inputArb, months, (p, input, m) => {
        const doc = classifyOutflow(p, { ...input, abroad: true, expectedMonths: m });
        expect(doc.requiredDocument).not.toBe('transfer_letter');
        expect(doc.transferTarget).toBeNull();
      }),
    );
  });

  it('never asks a shorter stay for a heavier document (RULES.md §3: none < 证明信 ≈ 活动证 < 介绍信)', () => {
    fc.assert(
      fc.property(policyArb, inputArb, months, months, (p, input, a, b) => {
        const [shorter, longer] = a <= b ? [a, b] : [b, a];
        const doc = (m: number) => classifyOutflow(p, { ...input, expectedMonths: m }).requiredDocument;
        expect(weight[doc(shorter)]).toBeLessThanOrEqual(weight[doc(longer)]);
      }),
    );
  });
});

describe('isLifeInsideProvince (篇三 街道 三(三): 省内 / 省外)', () => {
  it.each([
    ['430102', '430211', true],
    ['430102', '440305', false],
    ['110000', '110105', true],
    [null, '430211', null],
    ['430102', null, null],
    ['', '430211', null],
  ])('%s → %s: %s', (origin, destination, expected) => {
    expect(isLifeInsideProvince(origin, destination)).toBe(expected);
  });
});
