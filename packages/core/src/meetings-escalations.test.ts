import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AttendanceFact,
  type AttendanceStatus,
  attendanceStatuses,
  meetingPolicySchema,
  memberEscalations,
} from './meetings.js';

const policy = meetingPolicySchema.parse({});
const fact = (meetingId: string, heldOn: string, status: AttendanceStatus): AttendanceFact => ({
  meetingId,
  heldOn,
  status,
});
const kinds = (facts: AttendanceFact[], issued = memberEscalations(policy, [])) =>
  memberEscalations(policy, facts, issued).map((e) => `${e.kind}@${e.meetingId}`);

describe('member escalations (RULES.md §4 decision; §6; 篇三 街道 三)', () => {
  it('first unexcused absence of a year ⇒ SMS reminder, each later one ⇒ 警戒书, the second letter ⇒ 落后党员', () => {
    expect(
      kinds([
        fact('a', '2026-01-10', 'absent'),
        fact('b', '2026-02-10', 'absent'),
        fact('c', '2026-03-10', 'absent'),
      ]),
    ).toEqual(['sms_reminder@a', 'warning_letter@b', 'warning_letter@c', 'backward_member@c']);
  });

  it('counts per calendar year: the first absence of a new year is a reminder again', () => {
    expect(kinds([fact('a', '2025-12-10', 'absent'), fact('b', '2026-01-10', 'absent')])).toEqual([
      'sms_reminder@a',
      'sms_reminder@b',
    ]);
  });

  it('more than 3 leaves a year draws its own 警戒书 (篇三 L274/L280), once', () => {
    const leaves = ['01', '02', '03', '04', '05'].map((m) => fact(`l${m}`, `2026-${m}-05`, 'excused'));
    expect(kinds(leaves.slice(0, 3))).toEqual([]);
    expect(kinds(leaves)).toEqual(['warning_letter@l04']);
  });

  it('6 calendar months of unexcused absences with nothing between ⇒ 自动脱党 candidate (L380), once a run', () => {
    const months = ['01', '02', '03', '04', '05', '06', '07'].map((m) =>
      fact(`m${m}`, `2026-${m}-10`, 'absent'),
    );
    expect(kinds(months.slice(0, 5)).filter((k) => k.startsWith('lapse'))).toEqual([]);
    expect(kinds(months).filter((k) => k.startsWith('lapse'))).toEqual(['lapse_candidate@m06']);
    const broken = [...months.slice(0, 3), fact('p', '2026-04-01', 'present'), ...months.slice(3)];
    expect(kinds(broken).filter((k) => k.startsWith('lapse'))).toEqual([]);
  });

  it('what was issued stands: a back-dated absence takes the next step, never a second reminder', () => {
    const later = fact('b', '2026-03-10', 'absent');
    const issued = memberEscalations(policy, [later]);
    expect(issued.map((e) => e.kind)).toEqual(['sms_reminder']);
    expect(kinds([fact('a', '2026-01-10', 'absent'), later], issued)).toEqual(['warning_letter@a']);
  });

  it('two absences on the same day recorded one after the other: one reminder, one letter', () => {
    const first = memberEscalations(policy, [fact('y', '2026-05-10', 'absent')]);
    expect(kinds([fact('x', '2026-05-10', 'absent'), fact('y', '2026-05-10', 'absent')], first)).toEqual([
      'warning_letter@x',
    ]);
  });

  const facts = fc
    .uniqueArray(
      fc.record({
        day: fc.integer({ min: 0, max: 900 }),
        status: fc.constantFrom(...attendanceStatuses),
      }),
      { selector: (r) => r.day, maxLength: 40 },
    )
    .map((rows) =>
      rows.map((r, i) =>
        fact(`m${i}`, new Date(Date.UTC(2025, 0, 1 + r.day)).toISOString().slice(0, 10), r.status),
      ),
    );

  it('property: recorded in any order, issued once — one answer per unexcused absence, one reminder a year', () => {
    fc.assert(
      fc.property(facts, fc.infiniteStream(fc.boolean()), (all, coin) => {
        const order = [...all].sort(() => (coin.next().value ? 1 : -1));
        const issued: ReturnType<typeof memberEscalations> = [];
        for (let i = 1; i <= order.length; i++)
          issued.push(...memberEscalations(policy, order.slice(0, i), issued));
        expect(memberEscalations(policy, all, issued)).toEqual([]);
        const absences = all.filter((a) => a.status === 'absent');
        const answers = issued.filter((e) => e.cause === 'unexcused_absence');
        expect(answers.map((e) => e.meetingId).sort()).toEqual(absences.map((a) => a.meetingId).sort());
        const years = new Set(absences.map((a) => a.heldOn.slice(0, 4)));
        expect(issued.filter((e) => e.kind === 'sms_reminder').length).toBe(years.size);
        const keys = issued.map((e) => `${e.kind}:${e.cause}:${e.meetingId}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});
