import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectionDate,
  consecutiveUnpaidMonths,
  type DuesFacts,
  duesObligationOf,
  duesPublicationObligationOf,
  unpaidMonths,
} from './dues-obligations.js';
import { defaultPolicies, parsePolicy } from './policies.js';

const policy = { collectionDay: 10, reminderDays: 5, escalateAfterMonths: 3 };
const year2026 = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const facts = (over: Partial<DuesFacts> = {}): DuesFacts => ({
  memberId: 'm1',
  assessedMonths: year2026,
  paid: [],
  excusedMonths: [],
  ...over,
});
const paidThrough = (last: number) => year2026.slice(0, last).map((month) => ({ month, on: `${month}-05` }));

describe('duesObligationOf — RULES.md §1 "pay monthly, on a fixed collection day"; issue 10 §7', () => {
  it('reminds from reminderDays before the collection day, and not earlier', () => {
    const f = facts({ paid: paidThrough(4) });
    expect(duesObligationOf(policy, f, '2026-05-04')[0]).toMatchObject({ period: '2026-05', state: 'ok' });
    expect(duesObligationOf(policy, f, '2026-05-05')[0]).toMatchObject({
      period: '2026-05',
      dueOn: '2026-05-10',
      state: 'due_soon',
    });
  });

  it('a paid current month is ok, fulfilled on the day it was paid', () => {
    const o = duesObligationOf(policy, facts({ paid: paidThrough(5) }), '2026-05-20')[0];
    expect(o).toMatchObject({ period: '2026-05', state: 'ok', fulfilledOn: '2026-05-05' });
  });

  it('unpaid after the collection day is overdue', () => {
    expect(duesObligationOf(policy, facts({ paid: paidThrough(4) }), '2026-05-11')[0]?.state).toBe('overdue');
  });

  it('escalates (breached) after 3 unpaid months, pointing at the oldest', () => {
    const two = duesObligationOf(policy, facts({ paid: paidThrough(2) }), '2026-05-01')[0];
    expect(two).toMatchObject({ period: '2026-03', state: 'overdue' });
    const three = duesObligationOf(policy, facts({ paid: paidThrough(1) }), '2026-05-01')[0];
    expect(three).toMatchObject({ period: '2026-02', dueOn: '2026-02-10', state: 'breached' });
  });

  it('an exempted month is not owed', () => {
    const f = facts({ paid: paidThrough(2), excusedMonths: ['2026-03', '2026-04'] });
    expect(duesObligationOf(policy, f, '2026-05-01')[0]).toMatchObject({ period: '2026-05', state: 'ok' });
  });

  it('a member not assessed owes nothing', () => {
    expect(duesObligationOf(policy, facts({ assessedMonths: [] }), '2026-05-01')).toEqual([]);
  });

  it("the collection day is the policy's day of the month", () => {
    expect(collectionDate({ collectionDay: 5 }, '2026-02')).toBe('2026-02-05');
  });

  it('the seed defaults: collection day 10, reminder 3 days before, escalation after 3 months, disposal at 6', () => {
    const d = defaultPolicies().dues;
    expect([d.collectionDay, d.reminderDays, d.escalateAfterMonths, d.noDuesDisposalMonths]).toEqual([
      10, 3, 3, 6,
    ]);
    expect(parsePolicy('dues', { publicationDueMonthDay: '02-30' }).success).toBe(false);
  });
});

describe('unpaid and consecutive months — API.md arrears; RULES.md §6 "6 consecutive months"', () => {
  const month = fc.integer({ min: 0, max: 11 }).map((i) => year2026[i]!);
  const arbitraryFacts = fc.record({
    memberId: fc.constant('m'),
    assessedMonths: fc.uniqueArray(month),
    paid: fc.uniqueArray(month).map((ms) => ms.map((m) => ({ month: m, on: `${m}-01` }))),
    excusedMonths: fc.uniqueArray(month),
  });
  const asOf = fc.integer({ min: 0, max: 11 }).map((i) => `${year2026[i]}-15`);

  it('counts exactly the assessed, unexcused, unpaid months before the month of asOf', () => {
    fc.assert(
      fc.property(arbitraryFacts, asOf, (f, on) => {
        const expected = year2026.filter(
          (m) =>
            m < on.slice(0, 7) &&
            f.assessedMonths.includes(m) &&
            !f.excusedMonths.includes(m) &&
            !f.paid.some((p) => p.month === m),
        );
        expect(unpaidMonths(f, on)).toEqual(expected);
      }),
    );
  });

  it('a consecutive run never exceeds the unpaid count and ends with the month before asOf', () => {
    fc.assert(
      fc.property(arbitraryFacts, asOf, (f, on) => {
        const run = consecutiveUnpaidMonths(f, on);
        const unpaid = unpaidMonths(f, on);
        expect(run).toBeLessThanOrEqual(unpaid.length);
        if (run > 0) expect(unpaid.at(-1)! < on.slice(0, 7)).toBe(true);
        expect(unpaid.slice(unpaid.length - run)).toHaveLength(run);
      }),
    );
  });

  it('six months unpaid up to the month before asOf is a run of six; paying one breaks it', () => {
    const f = facts({ paid: paidThrough(1) });
    expect(consecutiveUnpaidMonths(f, '2026-08-01')).toBe(6);
    const one = facts({ paid: [...paidThrough(1), { month: '2026-05', on: '2026-05-09' }] });
    expect(consecutiveUnpaidMonths(one, '2026-08-01')).toBe(2);
  });
});

describe('duesPublicationObligationOf — 篇二 L226 每年公布一次党费收缴、使用情况', () => {
  const p = { publicationDueMonthDay: '01-31', publicationDueSoonDays: 30 };
  it("owes last year's publication by the policy day, due soon within the lead, overdue after", () => {
    const f = { orgId: 'o', published: [{ year: 2025, on: '2026-01-20' }] };
    expect(duesPublicationObligationOf(p, f, '2026-12-15')[0]).toMatchObject({ period: '2025', state: 'ok' });
    expect(duesPublicationObligationOf(p, f, '2027-01-02')[0]).toMatchObject({
      period: '2026',
      dueOn: '2027-01-31',
      state: 'due_soon',
    });
    expect(duesPublicationObligationOf(p, f, '2027-02-01')[0]?.state).toBe('overdue');
  });
  it('a published year is ok, fulfilled on its day', () => {
    const f = { orgId: 'o', published: [{ year: 2026, on: '2027-01-20' }] };
    expect(duesPublicationObligationOf(p, f, '2027-03-01')[0]).toMatchObject({
      state: 'ok',
      fulfilledOn: '2027-01-20',
    });
  });
});
