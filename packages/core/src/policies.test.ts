import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { defaultPolicies, mergePolicy, parsePolicy } from './policies.js';

describe('defaultPolicies (RULES.md defaults)', () => {
  it('dues follow 篇二', () => {
    expect(defaultPolicies().dues).toEqual({
      salariedBrackets: [
        { upTo: '3000', rate: '0.005' },
        { upTo: '5000', rate: '0.01' },
        { upTo: '10000', rate: '0.015' },
        { upTo: null, rate: '0.02' },
      ],
      retiredBrackets: [
        { upTo: '5000', rate: '0.005' },
        { upTo: null, rate: '0.01' },
      ],
      fixedAmounts: { farmer: '0.20', student: '0.20', unemployed: '0.20', relief: '0.20' },
      farmerRange: { min: '0.20', max: '1.00' },
      monthlyCap: '1000.00',
      largeDuesThreshold: '1000.00',
      backPayMonths: 6,
      // 篇二 L226, L250
      remitEveryMonths: 3,
      remitMaxMonths: 6,
      collectionDay: 10,
      // issue 10 §7; 篇三 L380 (6 consecutive months); 篇二 L226 (published once a year)
      reminderDays: 3,
      escalateAfterMonths: 3,
      noDuesDisposalMonths: 6,
      publicationDueMonthDay: '01-31',
      publicationDueSoonDays: 30,
      retiredHardshipBranchOnly: true,
      baseComponents: expect.arrayContaining([
        expect.objectContaining({ key: 'enterprise_annuity', included: true, categories: ['retired'] }),
        expect.objectContaining({ key: 'annuity', included: false }),
      ]),
      categoryBrackets: {
        salaried: 'salaried',
        annual_salary: 'salaried',
        self_employed: 'salaried',
        other: 'salaried',
        retired: 'retired',
      },
    });
  });

  it('org shape follows 《中国共产党支部工作条例(试行)》', () => {
    expect(defaultPolicies().org_shape).toEqual({
      minFullMembersForBranch: 3,
      maxBranchMembers: 50,
      maxJointBranchUnits: 5,
      committeeThreshold: 7,
      committeeSize: { min: 3, max: 5, hardMax: 7 },
      termYears: { branch: 3, general_branch: 3, committee: 5, working_committee: 5 },
      termWarningDays: 90,
    });
  });

  it('mobility follows RULES.md §2', () => {
    expect(defaultPolicies().mobility).toEqual({
      shortTripMonths: 3,
      longTripMonths: 6,
      lostContactMonths: 6,
      stopToLapseYears: 2,
      abroadStudyStopYears: 5,
      // 《党员教育管理工作条例》: abroad for study or research, contact at least every 6 months.
      abroadStudyContactMonths: 6,
      reportsPerYearUnfixed: 2,
      reportCadence: 'monthly',
      lifeInsideProvincePerQuarter: 1,
      lifeOutsideProvincePerYear: 2,
      dueSoonDays: 7,
      certificateValidityMonths: 12,
      certificateLetterForAllShortStays: false,
      contactDueDay: 'end',
      reportDueDay: 'end',
      reviewDueMonthDay: '12-31',
      breachAfterDays: 30,
    });
  });

  it('hands out independent copies', () => {
    const a = defaultPolicies();
    a.dues.salariedBrackets[0]!.rate = '0.5';
    a.org_shape.committeeSize.min = 1;
    expect(defaultPolicies().dues.salariedBrackets[0]!.rate).toBe('0.005');
    expect(defaultPolicies().org_shape.committeeSize.min).toBe(3);
  });
});

describe('parsePolicy', () => {
  it.each([
    [
      {
        salariedBrackets: [
          { upTo: '5000', rate: '0.01' },
          { upTo: '3000', rate: '0.005' },
          { upTo: null, rate: '0.02' },
        ],
      },
    ],
    [
      {
        salariedBrackets: [
          { upTo: '3000', rate: '0.005' },
          { upTo: '3000', rate: '0.01' },
          { upTo: null, rate: '0.02' },
        ],
      },
    ],
    [{ salariedBrackets: [{ upTo: '3000', rate: '0.005' }] }],
    [
      {
        salariedBrackets: [
          { upTo: null, rate: '0.005' },
          { upTo: null, rate: '0.01' },
        ],
      },
    ],
    [{ salariedBrackets: [] }],
    [{ retiredBrackets: [{ upTo: null, rate: '1.5' }] }],
    [{ monthlyCap: '-1' }],
    [{ monthlyCap: 1000 }],
    [{ fixedAmounts: { farmer: '2.00', student: '0.20', unemployed: '0.20', relief: '0.20' } }],
    [
      {
        categoryBrackets: {
          salaried: 'farmer',
          annual_salary: 'salaried',
          self_employed: 'salaried',
          other: 'salaried',
          retired: 'retired',
        },
      },
    ],
  ])('rejects an invalid dues policy %#', (doc) => {
    expect(parsePolicy('dues', doc).success).toBe(false);
  });

  it('rejects inconsistent committee sizes and trip lengths', () => {
    expect(parsePolicy('org_shape', { committeeSize: { min: 5, max: 3, hardMax: 7 } }).success).toBe(false);
    expect(parsePolicy('mobility', { shortTripMonths: 7 }).success).toBe(false);
    expect(parsePolicy('mobility', { dueSoonDays: 1.5 }).success).toBe(false);
  });

  it('fills defaults and accepts a variant (篇三 镇: a different policy per locality)', () => {
    const r = parsePolicy('org_shape', { termWarningDays: 30 });
    expect(r.success && r.data.termWarningDays).toBe(30);
    expect(r.success && r.data.maxBranchMembers).toBe(50);
  });
});

describe('mergePolicy', () => {
  const base = defaultPolicies();

  it('deep-merges objects and replaces arrays', () => {
    const merged = mergePolicy('dues', base.dues, {
      farmerRange: { max: '2.00' },
      retiredBrackets: [{ upTo: null, rate: '0.008' }],
    });
    expect(merged.farmerRange).toEqual({ min: '0.20', max: '2.00' });
    expect(merged.retiredBrackets).toEqual([{ upTo: null, rate: '0.008' }]);
    expect(merged.salariedBrackets).toEqual(base.dues.salariedBrackets);
  });

  it('ignores unknown keys and a __proto__ key', () => {
    const merged = mergePolicy(
      'org_shape',
      base.org_shape,
      JSON.parse('{"__proto__": {"polluted": 1}, "extra": 2}'),
    );
    expect(merged).toEqual(base.org_shape);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('throws POLICY_INVALID for an override that breaks the schema', () => {
    const call = () => mergePolicy('org_shape', base.org_shape, { committeeSize: { min: 9 } });
    expect(call).toThrow(DomainError);
    expect(call).toThrow(expect.objectContaining({ code: 'POLICY_INVALID' }));
  });

  it('keeps the base for an empty override and applies any valid scalar override', () => {
    const key = fc.constantFrom(
      'lostContactMonths',
      'stopToLapseYears',
      'abroadStudyStopYears',
      'reportsPerYearUnfixed',
      'dueSoonDays',
      'certificateValidityMonths',
    );
    fc.assert(
      fc.property(key, fc.nat(100), (k, n) => {
        expect(mergePolicy('mobility', base.mobility, {})).toEqual(base.mobility);
        expect(mergePolicy('mobility', base.mobility, undefined)).toEqual(base.mobility);
        expect(mergePolicy('mobility', base.mobility, { [k]: n })).toEqual({ ...base.mobility, [k]: n });
      }),
    );
  });
});
