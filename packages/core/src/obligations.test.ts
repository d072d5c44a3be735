import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeObligations,
  currentObligations,
  currentObligationsOf,
  type MobileFacts,
  mobilityObligationKinds,
  type Obligation,
  type ObligationKind,
  type ObligationState,
  obligationKinds,
  obligationState,
  obligationStates,
} from './obligations.js';
import { defaultPolicies, type MobilityPolicy, parsePolicy } from './policies.js';

const policy = defaultPolicies().mobility;
const rank = (s: ObligationState) => obligationStates.indexOf(s);

const facts = (over: Partial<MobileFacts> = {}): MobileFacts => ({
  memberId: 'm1',
  leftOn: '2026-01-15',
  returnedOn: null,
  originRegion: '430102',
  destinationRegion: '440305',
  contactDates: [],
  reportMonths: [],
  lifeDates: [],
  reviewYears: [],
  ...over,
});

const ofKind = (list: Obligation[], kind: ObligationKind) => list.filter((o) => o.kind === kind);
const brief = (list: Obligation[], kind: ObligationKind) =>
  ofKind(list, kind).map(({ period, dueOn, state, fulfilledOn }) => ({ period, dueOn, state, fulfilledOn }));

describe('computeObligations — 篇九 “一人一台帐、一月一联系、一月一汇报、一年一评议”', () => {
  const janFeb = facts({ contactDates: ['2026-01-20', '2026-02-05', '2026-02-25'] });

  it('one monthly contact per month from departure, fulfilled by a contact in the month (一月一联系)', () => {
    expect(brief(computeObligations(policy, janFeb, '2026-03-10'), 'monthly_contact')).toEqual([
      { period: '2026-01', dueOn: '2026-01-31', state: 'ok', fulfilledOn: '2026-01-20' },
      { period: '2026-02', dueOn: '2026-02-28', state: 'ok', fulfilledOn: '2026-02-05' },
      { period: '2026-03', dueOn: '2026-03-31', state: 'ok', fulfilledOn: null },
    ]);
  });

  it.each([
    [20, 'ok'],
    [21, 'due_soon'],
  ] as const)('with dueSoonDays %i, March (21 days ahead) is %s', (dueSoonDays, state) => {
    const list = computeObligations({ ...policy, dueSoonDays }, janFeb, '2026-03-10');
    expect(ofKind(list, 'monthly_contact').at(-1)?.state).toBe(state);
  });

  it('unreported months go overdue, then breached after breachAfterDays (一月一汇报)', () => {
    expect(
      brief(computeObligations(policy, facts({ reportMonths: ['2026-03'] }), '2026-03-10'), 'monthly_report'),
    ).toEqual([
      { period: '2026-01', dueOn: '2026-01-31', state: 'breached', fulfilledOn: null },
      { period: '2026-02', dueOn: '2026-02-28', state: 'overdue', fulfilledOn: null },
      { period: '2026-03', dueOn: '2026-03-31', state: 'ok', fulfilledOn: '2026-03-01' },
    ]);
  });

  it.each([
    ['2026-01-23', 'ok'], // 8 days ahead
    ['2026-01-24', 'due_soon'], // 7 days ahead
    ['2026-01-31', 'due_soon'], // the due day itself is not late
    ['2026-02-01', 'overdue'],
    ['2026-03-02', 'overdue'], // 30 days late
    ['2026-03-03', 'breached'], // 31 days late
  ])('January contact as of %s is %s (breachAfterDays 30, dueSoonDays 7)', (asOf, state) => {
    expect(ofKind(computeObligations(policy, facts(), asOf), 'monthly_contact')[0]?.state).toBe(state);
  });

  it('moves due dates to contactDueDay / reportDueDay, clamped to the month (篇九 一月一联系、一月一汇报)', () => {
    const local = { ...policy, contactDueDay: 10, reportDueDay: 28 as const };
    const list = computeObligations(local, facts({ leftOn: '2028-01-15' }), '2028-03-01');
    expect(ofKind(list, 'monthly_contact').map((o) => o.dueOn)).toEqual([
      '2028-01-10',
      '2028-02-10',
      '2028-03-10',
    ]);
    expect(ofKind(list, 'monthly_report').map((o) => o.dueOn)).toEqual([
      '2028-01-28',
      '2028-02-28',
      '2028-03-28',
    ]);
    const end = computeObligations(policy, facts({ leftOn: '2028-02-01' }), '2028-02-01');
    expect(ofKind(end, 'monthly_contact')[0]?.dueOn).toBe('2028-02-29');
  });

  it('one yearly review per year, due on reviewDueMonthDay (一年一评议)', () => {
    const list = computeObligations(policy, facts({ reviewYears: [2026] }), '2027-01-05');
    expect(brief(list, 'yearly_review')).toEqual([
      { period: '2026', dueOn: '2026-12-31', state: 'ok', fulfilledOn: '2026-01-01' },
      { period: '2027', dueOn: '2027-12-31', state: 'ok', fulfilledOn: null },
    ]);
    const march = computeObligations({ ...policy, reviewDueMonthDay: '03-31' }, facts(), '2026-04-10');
    expect(brief(march, 'yearly_review')).toEqual([
      { period: '2026', dueOn: '2026-03-31', state: 'overdue', fulfilledOn: null },
    ]);
  });

  it('ignores facts dated after asOf, so a past asOf shows what was known then', () => {
    const later = facts({ contactDates: ['2026-01-25'] });
    expect(
      ofKind(computeObligations(policy, later, '2026-01-20'), 'monthly_contact')[0]?.fulfilledOn,
    ).toBeNull();
  });

  it('owes nothing before departure or once the member has returned (RULES.md §2 返回)', () => {
    expect(computeObligations(policy, facts(), '2026-01-14')).toEqual([]);
    expect(computeObligations(policy, facts({ returnedOn: '2026-03-01' }), '2026-03-01')).toEqual([]);
    expect(computeObligations(policy, facts({ returnedOn: '2026-03-02' }), '2026-03-01')).not.toEqual([]);
  });
});

describe('reportCadence half_yearly — 篇三 L356 “每年至少汇报两次”, a policy variant of 篇九 一月一汇报', () => {
  const halfYearly: MobilityPolicy = { ...policy, reportCadence: 'half_yearly' };

  it('owes one report per half-year, due on its last day, instead of one a month', () => {
    const list = computeObligations(halfYearly, facts({ reportMonths: ['2026-04'] }), '2026-08-10');
    expect(brief(list, 'monthly_report')).toEqual([
      { period: '2026-H1', dueOn: '2026-06-30', state: 'ok', fulfilledOn: '2026-04-01' },
      { period: '2026-H2', dueOn: '2026-12-31', state: 'ok', fulfilledOn: null },
    ]);
    expect(
      ofKind(
        computeObligations(policy, facts({ reportMonths: ['2026-04'] }), '2026-08-10'),
        'monthly_report',
      ),
    ).toHaveLength(8);
  });

  it('an unreported half-year goes overdue; the monthly contact stays monthly', () => {
    const list = computeObligations(halfYearly, facts(), '2026-07-15');
    expect(brief(list, 'monthly_report')[0]).toMatchObject({ period: '2026-H1', state: 'overdue' });
    expect(ofKind(list, 'monthly_contact')).toHaveLength(7);
  });

  it('is a valid policy value and nothing else is', () => {
    expect(parsePolicy('mobility', { reportCadence: 'half_yearly' }).success).toBe(true);
    expect(parsePolicy('mobility', { reportCadence: 'weekly' }).success).toBe(false);
  });
});

describe('computeObligations org_life — 篇三 街道 三(三)', () => {
  const inside = facts({ leftOn: '2026-01-10', originRegion: '430102', destinationRegion: '430211' });

  it('inside the province: one a quarter, due on the quarter’s last day', () => {
    const list = computeObligations(policy, { ...inside, lifeDates: ['2026-02-10'] }, '2026-04-01');
    expect(brief(list, 'org_life')).toEqual([
      { period: '2026-Q1', dueOn: '2026-03-31', state: 'ok', fulfilledOn: '2026-02-10' },
      { period: '2026-Q2', dueOn: '2026-06-30', state: 'ok', fulfilledOn: null },
    ]);
  });

  it('inside the province: a first missed quarter is only overdue', () => {
    const list = computeObligations(policy, inside, '2026-04-01');
    expect(ofKind(list, 'org_life')[0]?.state).toBe('overdue');
  });

  it('inside the province: never two consecutive quarters missed — the second is breached the day after it ends', () => {
    expect(brief(computeObligations(policy, inside, '2026-07-01'), 'org_life')).toEqual([
      { period: '2026-Q1', dueOn: '2026-03-31', state: 'breached', fulfilledOn: null },
      { period: '2026-Q2', dueOn: '2026-06-30', state: 'breached', fulfilledOn: null },
      { period: '2026-Q3', dueOn: '2026-09-30', state: 'ok', fulfilledOn: null },
    ]);
    const attendedQ1 = computeObligations(policy, { ...inside, lifeDates: ['2026-02-10'] }, '2026-07-01');
    expect(ofKind(attendedQ1, 'org_life')[1]?.state).toBe('overdue');
  });

  it.each([
    [['2026-05-01'], 'due_soon', null],
    [['2026-05-01', '2026-10-01'], 'ok', '2026-10-01'],
  ])('outside the province: twice a year — attendances %j leave 2026 %s', (lifeDates, state, fulfilledOn) => {
    const outside = facts({ leftOn: '2026-03-01', lifeDates });
    expect(brief(computeObligations(policy, outside, '2026-12-31'), 'org_life')).toEqual([
      { period: '2026', dueOn: '2026-12-31', state, fulfilledOn },
    ]);
  });

  it('an unknown destination is treated as outside the province (yearly)', () => {
    const list = computeObligations(policy, facts({ destinationRegion: null }), '2026-05-01');
    expect(ofKind(list, 'org_life').map((o) => o.period)).toEqual(['2026']);
  });
});

describe('mobility policy due-date fields', () => {
  it.each([
    [{ contactDueDay: 28 }, true],
    [{ contactDueDay: 29 }, false],
    [{ reportDueDay: 0 }, false],
    [{ reportDueDay: 'last' }, false],
    [{ reviewDueMonthDay: '06-30' }, true],
    [{ reviewDueMonthDay: '02-29' }, false],
    [{ reviewDueMonthDay: '12-31-' }, false],
    [{ breachAfterDays: -1 }, false],
  ])('%j valid: %s', (doc, ok) => {
    expect(parsePolicy('mobility', doc).success).toBe(ok);
  });
});

describe('currentObligations', () => {
  it('picks the last missed period per member and kind, else the one coming due', () => {
    const list = computeObligations(
      policy,
      facts({ contactDates: ['2026-01-20', '2026-02-05'] }),
      '2026-03-10',
    );
    const current = currentObligations(
      [...list, ...computeObligations(policy, facts({ memberId: 'm2' }), '2026-03-10')],
      '2026-03-10',
    );
    expect(current.filter((o) => o.memberId === 'm1').map((o) => [o.kind, o.period, o.state])).toEqual([
      ['monthly_contact', '2026-03', 'ok'],
      ['monthly_report', '2026-02', 'overdue'],
      ['org_life', '2026', 'ok'],
      ['yearly_review', '2026', 'ok'],
    ]);
    expect(current.filter((o) => o.memberId === 'm2')).toHaveLength(4);
  });

  it('prefers an unfulfilled due-soon obligation over a fulfilled later one', () => {
    const base = { memberId: 'm', kind: 'monthly_contact' as const };
    const soon: Obligation = {
      ...base,
      period: '2026-01',
      dueOn: '2026-01-31',
      state: 'due_soon',
      fulfilledOn: null,
    };
    const done: Obligation = {
      ...base,
      period: '2026-02',
      dueOn: '2026-02-28',
      state: 'ok',
      fulfilledOn: '2026-02-01',
    };
    expect(currentObligations([done, soon], '2026-01-28')).toEqual([soon]);
  });

  it('stops showing an old miss once the last due period was done', () => {
    const list = computeObligations(policy, facts({ contactDates: ['2026-02-10'] }), '2026-03-10');
    const contact = currentObligations(list, '2026-03-10').find((o) => o.kind === 'monthly_contact');
    expect(list.find((o) => o.kind === 'monthly_contact' && o.period === '2026-01')?.state).toBe('breached');
    expect(contact).toMatchObject({ period: '2026-03', state: 'ok' });
  });
});

// ---- properties ----

const DAY = 86_400_000;
const dateArb = (from = Date.UTC(2024, 0, 1), days = 6 * 366) =>
  fc.integer({ min: 0, max: days }).map((n) => new Date(from + n * DAY).toISOString().slice(0, 10));
const addDays = (date: string, n: number) => new Date(Date.parse(date) + n * DAY).toISOString().slice(0, 10);
const region = fc.constantFrom('430102', '430211', '440305', null);
const dueDayArb = fc.oneof(fc.constant('end' as const), fc.integer({ min: 1, max: 28 }));

const policyArb: fc.Arbitrary<MobilityPolicy> = fc
  .record({
    contactDueDay: dueDayArb,
    reportDueDay: dueDayArb,
    reviewDueMonthDay: fc.constantFrom('12-31', '03-31', '01-01', '06-15'),
    dueSoonDays: fc.integer({ min: 0, max: 40 }),
    breachAfterDays: fc.integer({ min: 0, max: 60 }),
    lifeInsideProvincePerQuarter: fc.integer({ min: 0, max: 2 }),
    lifeOutsideProvincePerYear: fc.integer({ min: 0, max: 3 }),
    abroadStudyContactMonths: fc.constantFrom(1 as const, 3 as const, 6 as const, 12 as const),
  })
  .map((over) => ({ ...policy, ...over }));

const factsArb: fc.Arbitrary<MobileFacts> = fc.record({
  memberId: fc.constant('m'),
  leftOn: dateArb(),
  returnedOn: fc.constant(null),
  originRegion: region,
  destinationRegion: region,
  abroadStudy: fc.boolean(),
  contactDates: fc.array(dateArb(), { maxLength: 30 }),
  reportMonths: fc.array(
    dateArb().map((d) => d.slice(0, 7)),
    { maxLength: 30 },
  ),
  lifeDates: fc.array(dateArb(), { maxLength: 20 }),
  reviewYears: fc.array(fc.integer({ min: 2024, max: 2030 }), { maxLength: 5 }),
});

const asOfAfter = (f: MobileFacts) => fc.integer({ min: 0, max: 1000 }).map((n) => addDays(f.leftOn, n));
const periodStart = (period: string) => {
  const q = /^(\d{4})-Q(\d)$/.exec(period);
  if (q) return `${q[1]}-${String(Number(q[2]) * 3 - 2).padStart(2, '0')}-01`;
  const h = /^(\d{4})-H(\d)$/.exec(period);
  if (h) return `${h[1]}-${h[2] === '1' ? '01' : '07'}-01`;
  return period.length === 4 ? `${period}-01-01` : `${period}-01`;
};

describe('members abroad for study — 《党员教育管理工作条例》: contacted at least once every 6 months', () => {
  const student = facts({ leftOn: '2026-02-10', abroadStudy: true, destinationRegion: null });

  it('owes one contact a half-year, due on its last day, fulfilled by any contact in it', () => {
    const list = computeObligations(policy, { ...student, contactDates: ['2026-05-03'] }, '2026-12-26');
    expect(brief(list, 'monthly_contact')).toEqual([
      { period: '2026-H1', dueOn: '2026-06-30', state: 'ok', fulfilledOn: '2026-05-03' },
      { period: '2026-H2', dueOn: '2026-12-31', state: 'due_soon', fulfilledOn: null },
    ]);
    // Monthly thought reports are unchanged.
    expect(
      ofKind(list, 'monthly_report')
        .map((o) => o.period)
        .at(0),
    ).toBe('2026-02');
  });

  it('follows the policy: abroadStudyContactMonths 3 makes the period a quarter', () => {
    const list = computeObligations({ ...policy, abroadStudyContactMonths: 3 }, student, '2026-05-01');
    expect(brief(list, 'monthly_contact').map((o) => [o.period, o.dueOn, o.state])).toEqual([
      ['2026-Q1', '2026-03-31', 'breached'],
      ['2026-Q2', '2026-06-30', 'ok'],
    ]);
  });

  it('a member abroad for work is still contacted monthly (篇九 一月一联系)', () => {
    const list = computeObligations(policy, { ...student, abroadStudy: false }, '2026-04-15');
    expect(ofKind(list, 'monthly_contact').map((o) => o.period)).toEqual(['2026-02', '2026-03', '2026-04']);
  });
});

describe('computeObligations properties', () => {
  it('currentObligationsOf picks exactly what currentObligations picks from the whole history', () => {
    fc.assert(
      fc.property(
        policyArb,
        factsArb.chain((f) => fc.tuple(fc.constant(f), fc.integer({ min: -40, max: 1500 }))),
        (p, [f, days]) => {
          const asOf = addDays(f.leftOn, days);
          expect(currentObligationsOf(p, f, asOf)).toEqual(
            currentObligations(computeObligations(p, f, asOf), asOf),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a returned episode owes nothing (RULES.md §2 返回)', () => {
    fc.assert(
      fc.property(policyArb, factsArb, fc.nat(800), fc.nat(800), (p, f, stay, after) => {
        const returnedOn = addDays(f.leftOn, stay);
        expect(computeObligations(p, { ...f, returnedOn }, addDays(returnedOn, after))).toEqual([]);
      }),
    );
  });

  it('dueOn strictly increases within a kind, periods run from leftOn’s period through asOf’s', () => {
    fc.assert(
      fc.property(
        policyArb,
        factsArb.chain((f) => fc.tuple(fc.constant(f), asOfAfter(f))),
        (p, [f, asOf]) => {
          const list = computeObligations(p, f, asOf);
          for (const kind of ['monthly_contact', 'monthly_report', 'org_life', 'yearly_review'] as const) {
            const own = ofKind(list, kind);
            expect(own.length).toBeGreaterThan(0);
            own.forEach((o, i) => {
              if (i > 0) expect(o.dueOn > own[i - 1]!.dueOn).toBe(true);
              expect(o.dueOn >= periodStart(own[0]!.period)).toBe(true);
              expect(periodStart(o.period) <= asOf).toBe(true);
            });
            expect(periodStart(own[0]!.period) <= f.leftOn).toBe(true);
            expect(own.length === 1 || periodStart(own[1]!.period) > f.leftOn).toBe(true);
          }
        },
      ),
    );
  });

  it('adding a fulfilling fact never worsens any state (RULES.md §2, ARCHITECTURE.md principle 5)', () => {
    const extra = fc.oneof(
      dateArb().map((d) => (f: MobileFacts) => ({ ...f, contactDates: [...f.contactDates, d] })),
      dateArb().map((d) => (f: MobileFacts) => ({ ...f, reportMonths: [...f.reportMonths, d.slice(0, 7)] })),
      dateArb().map((d) => (f: MobileFacts) => ({ ...f, lifeDates: [...f.lifeDates, d] })),
      fc
        .integer({ min: 2024, max: 2030 })
        .map((y) => (f: MobileFacts) => ({ ...f, reviewYears: [...f.reviewYears, y] })),
    );
    fc.assert(
      fc.property(
        policyArb,
        factsArb.chain((f) => fc.tuple(fc.constant(f), asOfAfter(f))),
        extra,
        (p, [f, asOf], add) => {
          const before = computeObligations(p, f, asOf);
          const after = computeObligations(p, add(f), asOf);
          expect(after.map((o) => [o.kind, o.period])).toEqual(before.map((o) => [o.kind, o.period]));
          after.forEach((o, i) => {
            expect(rank(o.state)).toBeLessThanOrEqual(rank(before[i]!.state));
          });
        },
      ),
    );
  });

  it('monthly_contact is due on min(contactDueDay, month length) (篇九 一月一联系)', () => {
    fc.assert(
      fc.property(
        dueDayArb,
        factsArb.chain((f) => fc.tuple(fc.constant({ ...f, abroadStudy: false }), asOfAfter(f))),
        (day, [f, asOf]) => {
          for (const o of ofKind(
            computeObligations({ ...policy, contactDueDay: day }, f, asOf),
            'monthly_contact',
          )) {
            const [y, m] = o.period.split('-').map(Number) as [number, number];
            const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
            expect(o.dueOn.slice(0, 7)).toBe(o.period);
            expect(Number(o.dueOn.slice(8))).toBe(day === 'end' ? length : Math.min(day, length));
          }
        },
      ),
    );
  });

  it('an unfulfilled obligation only moves ok → due_soon → overdue → breached as asOf advances', () => {
    fc.assert(
      fc.property(
        policyArb,
        factsArb.chain((f) => fc.tuple(fc.constant(f), asOfAfter(f), fc.nat(400))),
        (p, [f, asOf, later]) => {
          const now = computeObligations(p, f, asOf);
          const then = new Map(
            computeObligations(p, f, addDays(asOf, later)).map((o) => [`${o.kind} ${o.period}`, o]),
          );
          for (const o of now) {
            const next = then.get(`${o.kind} ${o.period}`)!;
            if (next.fulfilledOn === null) expect(rank(o.state)).toBeLessThanOrEqual(rank(next.state));
          }
        },
      ),
    );
  });
});

describe('the state every provider judges by (RULES.md §2)', () => {
  const days = [3, 10] as const;
  it('is ok once fulfilled, however late', () => {
    expect(obligationState('2026-03-31', '2026-05-01', '2026-06-01', ...days)).toBe('ok');
  });

  it('moves due_soon → overdue → breached around the due date and the grace days', () => {
    expect(obligationState('2026-03-31', null, '2026-03-27', ...days)).toBe('ok');
    expect(obligationState('2026-03-31', null, '2026-03-28', ...days)).toBe('due_soon');
    expect(obligationState('2026-03-31', null, '2026-03-31', ...days)).toBe('due_soon');
    expect(obligationState('2026-03-31', null, '2026-04-01', ...days)).toBe('overdue');
    expect(obligationState('2026-03-31', null, '2026-04-10', ...days)).toBe('overdue');
    expect(obligationState('2026-03-31', null, '2026-04-11', ...days)).toBe('breached');
  });

  it('lists the kinds of API.md once, mobility’s four among them', () => {
    expect(obligationKinds).toEqual(expect.arrayContaining(['dues', 'receipt', ...mobilityObligationKinds]));
    expect(new Set(obligationKinds).size).toBe(obligationKinds.length);
  });
});
