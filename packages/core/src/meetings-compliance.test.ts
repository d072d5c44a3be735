import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultMeetingCalendar,
  lifeCompliance,
  meetingCalendarVariants,
  meetingDueObligations,
  meetingFrequencies,
  meetingPolicySchema,
  meetingTypes,
  missedMonths,
  orgEscalations,
  periodEnd,
  periodOf,
  periodsOfYear,
} from './meetings.js';

const policy = meetingPolicySchema.parse({});
const pad = (n: number) => String(n).padStart(2, '0');
const day = fc
  .record({
    y: fc.integer({ min: 2024, max: 2027 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`);
const meeting = fc.record({ type: fc.constantFrom(...meetingTypes), heldOn: day });
const calendar = fc.record(
  Object.fromEntries(meetingTypes.map((t) => [t, fc.constantFrom(...meetingFrequencies)])) as Record<
    (typeof meetingTypes)[number],
    fc.Arbitrary<(typeof meetingFrequencies)[number]>
  >,
);

describe('lifeCompliance (RULES.md §4 calendar; API.md life-compliance)', () => {
  it('RULES.md §4 default calendar: monthly kinds need 12, quarterly 4, yearly 1 whatever the size', () => {
    const items = lifeCompliance(policy, 2026, [], '2027-01-01');
    const required = Object.fromEntries(items.map((i) => [i.type, i.required]));
    expect(required).toEqual({
      assembly: 4,
      committee_meeting: 12,
      group_meeting: 12,
      party_lecture: 4,
      theme_day: 12,
      life_meeting: 1,
      heart_talk: 1,
    });
    expect(items.find((i) => i.type === 'assembly')?.missingPeriods).toEqual([
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
      '2026-Q4',
    ]);
  });

  it('篇九 L1034 variant: 组织生活会 half-yearly (2 periods, YYYY-Hn); a kind set to none is left out', () => {
    const calendarPian9 = { ...meetingCalendarVariants.pian9, heart_talk: 'none' as const };
    const items = lifeCompliance(
      { calendar: calendarPian9 },
      2026,
      [{ type: 'life_meeting', heldOn: '2026-08-02' }],
      '2026-12-01',
    );
    const life = items.find((i) => i.type === 'life_meeting');
    expect(life).toMatchObject({ required: 2, held: 1, missingPeriods: ['2026-H1'], openPeriods: [] });
    expect(items.some((i) => i.type === 'heart_talk')).toBe(false);
  });

  it('a period is missing only once it ended before asOf (the month of asOf is open)', () => {
    const items = lifeCompliance(
      policy,
      2026,
      [{ type: 'committee_meeting', heldOn: '2026-01-09' }],
      '2026-03-31',
    );
    const committee = items.find((i) => i.type === 'committee_meeting');
    expect(committee?.held).toBe(1);
    expect(committee?.missingPeriods).toEqual(['2026-02']);
    expect(committee?.openPeriods[0]).toBe('2026-03');
  });

  it('property: held + missing + open = required for every kind; a year wholly past has nothing open', () => {
    fc.assert(
      fc.property(
        calendar,
        fc.array(meeting, { maxLength: 60 }),
        fc.integer({ min: 2024, max: 2027 }),
        day,
        (cal, meetings, year, asOf) => {
          const items = lifeCompliance({ calendar: cal }, year, meetings, asOf);
          expect(items.map((i) => i.type)).toEqual(meetingTypes.filter((t) => cal[t] !== 'none'));
          for (const i of items) {
            expect(i.held + i.missingPeriods.length + i.openPeriods.length).toBe(i.required);
            expect(i.required).toBe(periodsOfYear(i.frequency, year).length);
            const heldPeriods = new Set(
              meetings.filter((m) => m.type === i.type && m.heldOn.startsWith(String(year))),
            );
            expect(i.held).toBeLessThanOrEqual(heldPeriods.size);
            if (`${year}-12-31` < asOf) expect(i.openPeriods).toEqual([]);
            for (const p of i.missingPeriods) expect(periodEnd(p) < asOf).toBe(true);
          }
        },
      ),
    );
  });
});

/** The definition of API.md read literally: the periods held among the year's meetings, kind by kind. */
function byDefinition(
  cal: Record<(typeof meetingTypes)[number], (typeof meetingFrequencies)[number]>,
  year: number,
  meetings: { type: (typeof meetingTypes)[number]; heldOn: string }[],
  asOf: string,
) {
  return meetingTypes.flatMap((type) => {
    const freq = cal[type];
    if (freq === 'none') return [];
    const periods = periodsOfYear(freq, year);
    const held = new Set(
      meetings
        .filter((m) => m.type === type && m.heldOn.startsWith(`${year}-`))
        .map((m) => periodOf(freq, m.heldOn)),
    );
    const unheld = periods.filter((p) => !held.has(p));
    return [
      {
        type,
        frequency: freq,
        required: periods.length,
        held: periods.length - unheld.length,
        missingPeriods: unheld.filter((p) => periodEnd(p) < asOf),
        openPeriods: unheld.filter((p) => periodEnd(p) >= asOf),
      },
    ];
  });
}

describe('lifeCompliance by months (the township comparison’s bitmasks)', () => {
  it('property: equals the definition for any calendar, meetings, year and day', () => {
    fc.assert(
      fc.property(
        calendar,
        fc.array(meeting, { maxLength: 80 }),
        fc.integer({ min: 2024, max: 2027 }),
        day,
        (cal, meetings, year, asOf) => {
          expect(lifeCompliance({ calendar: cal }, year, meetings, asOf)).toEqual(
            byDefinition(cal, year, meetings, asOf),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the branch ladder (篇三 街道 六(一))', () => {
  it('first missed month ⇒ written reminder, second ⇒ 诫勉谈话, third and later ⇒ disposal', () => {
    const missed = missedMonths(2026, ['2026-01-05', '2026-04-30'], '2026-06-01');
    expect(missed).toEqual(['2026-02', '2026-03', '2026-05']);
    expect(orgEscalations(policy, [...missed, '2026-06'])).toEqual([
      { kind: 'written_reminder', period: '2026-02' },
      { kind: 'admonition_talk', period: '2026-03' },
      { kind: 'org_disposal', period: '2026-05' },
      { kind: 'org_disposal', period: '2026-06' },
    ]);
  });

  it('the boundaries are policy: admonition at 3 and disposal at 4 missed months', () => {
    const ladder = orgEscalations({ missedMonthsForAdmonition: 3, missedMonthsForDisposal: 4 }, [
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ]).map((e) => e.kind);
    expect(ladder).toEqual(['written_reminder', 'written_reminder', 'admonition_talk', 'org_disposal']);
  });

  it('the month of asOf is not missed yet: it ends after asOf', () => {
    expect(missedMonths(2026, [], '2026-01-31')).toEqual([]);
    expect(missedMonths(2026, [], '2026-02-01')).toEqual(['2026-01']);
  });
});

describe('meetingDueObligations (issue 9 item 1: the secretary reminded by the policy day)', () => {
  const facts = (meetings: { type: (typeof meetingTypes)[number]; heldOn: string }[]) => ({
    orgId: 'o1',
    meetings,
  });
  const allHeldIn = (month: string) => meetingTypes.map((type) => ({ type, heldOn: `${month}-02` }));

  it('nothing held in the month: the monthly kinds are due on the 20th (篇九 L896), due soon 5 days before', () => {
    expect(meetingDueObligations(policy, facts([]), '2026-03-10')).toEqual([
      {
        orgId: 'o1',
        kind: 'meeting_due',
        period: '2026-03',
        dueOn: '2026-03-20',
        state: 'ok',
        fulfilledOn: null,
      },
    ]);
    expect(meetingDueObligations(policy, facts([]), '2026-03-15')[0]?.state).toBe('due_soon');
    expect(meetingDueObligations(policy, facts([]), '2026-03-20')[0]?.state).toBe('due_soon');
    expect(meetingDueObligations(policy, facts([]), '2026-03-21')[0]?.state).toBe('overdue');
    // Never breached inside the period: its end is the ladder's business.
    expect(meetingDueObligations(policy, facts([]), '2026-03-31')[0]?.state).toBe('overdue');
  });

  it('the monthly kinds held, a quarterly kind is due on the reminder day of the quarter’s last month', () => {
    const monthly = meetingTypes
      .filter((t) => defaultMeetingCalendar[t] === 'monthly')
      .map((type) => ({ type, heldOn: '2026-02-03' }));
    expect(meetingDueObligations(policy, facts(monthly), '2026-02-25')).toEqual([
      {
        orgId: 'o1',
        kind: 'meeting_due',
        period: '2026-Q1',
        dueOn: '2026-03-20',
        state: 'ok',
        fulfilledOn: null,
      },
    ]);
  });

  it('everything held: one ok row, fulfilled; a meeting of another period does not count', () => {
    const [done] = meetingDueObligations(policy, facts(allHeldIn('2026-11')), '2026-11-28');
    expect(done).toMatchObject({ state: 'ok', fulfilledOn: '2026-11-02', period: '2026-11' });
    const [stale] = meetingDueObligations(policy, facts(allHeldIn('2026-10')), '2026-11-28');
    expect(stale).toMatchObject({ state: 'overdue', fulfilledOn: null, period: '2026-11' });
  });

  it('the reminder day is policy: day 10 makes the 11th overdue', () => {
    const early = meetingPolicySchema.parse({ reminderDay: 10 });
    expect(meetingDueObligations(early, facts([]), '2026-05-11')[0]).toMatchObject({
      dueOn: '2026-05-10',
      state: 'overdue',
    });
  });
});
