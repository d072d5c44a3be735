import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStep, correctionObligations, type DisposalState, exitOf } from './disposals.js';

const state = (over: Partial<DisposalState> = {}): DisposalState => ({
  ground: 'unqualified_evaluation',
  status: 'in_procedure',
  step: 3,
  lastStepOn: '2026-03-01',
  memberKind: 'full',
  ...over,
});

describe('checkStep (RULES.md §6 L374–L384)', () => {
  it('the assembly vote (step 4) passes with more than half of those due, else the case is dismissed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.nat(), fc.nat(), (due, a, b) => {
        const forVotes = a % (due + 1);
        const against = b % (due - forVotes + 1);
        const r = checkStep(
          state(),
          { step: 4, on: '2026-03-02', vote: { for: forVotes, against, abstain: 0, due } },
          '2026-12-01',
        );
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.passed).toBe(forVotes * 2 > due);
        expect(r.status).toBe(forVotes * 2 > due ? 'in_procedure' : 'dismissed');
      }),
    );
  });

  it('exactly half of those due is not more than half (RULES.md §4 voting, §6 step 4)', () => {
    const r = checkStep(
      state(),
      { step: 4, on: '2026-03-02', vote: { for: 5, against: 5, abstain: 0, due: 10 } },
      '2026-12-01',
    );
    expect(r).toMatchObject({ ok: true, passed: false, status: 'dismissed' });
  });

  it('steps go in order, each on or after the one before', () => {
    expect(checkStep(state(), { step: 5, on: '2026-03-02', decision: 'remove' }, '2026-12-01')).toMatchObject(
      {
        ok: false,
        code: 'DISPOSAL_STEP_ORDER',
      },
    );
    expect(checkStep(state({ step: 1 }), { step: 2, on: '2026-02-01' }, '2026-12-01')).toMatchObject({
      ok: false,
      code: 'DISPOSAL_STEP_DATE',
    });
  });

  it('a lapse ground ends in 除名 only (L380); extending probation is only for probationary members', () => {
    expect(
      checkStep(
        state({ ground: 'no_life_6m', step: 4 }),
        { step: 5, on: '2026-03-02', decision: 'persuade_out' },
        '2026-12-01',
      ),
    ).toMatchObject({ ok: false, code: 'DISPOSAL_DECISION_INVALID' });
    expect(
      checkStep(
        state({ step: 4 }),
        { step: 5, on: '2026-03-02', decision: 'extend_probation' },
        '2026-12-01',
      ),
    ).toMatchObject({ ok: false, code: 'DISPOSAL_DECISION_INVALID' });
    expect(exitOf('no_life_6m', 'remove')).toBe('lapsed');
    expect(exitOf('points', 'remove')).toBe('removed');
    expect(exitOf('points', 'correction_period')).toBeNull();
  });
});

describe('correctionObligations (RULES.md §6 L378: 限期改正 one year, then reviewed)', () => {
  const policy = { correctionDueSoonDays: 30 };
  const f = { memberId: 'm', followUpOn: '2027-03-10', reviewedOn: null };
  it.each([
    ['2026-12-01', 'ok'],
    ['2027-02-08', 'due_soon'],
    ['2027-03-10', 'due_soon'],
    ['2027-03-11', 'overdue'],
    ['2029-01-01', 'overdue'],
  ])('on %s the review is %s', (asOf, expected) => {
    const [o] = correctionObligations(policy, f, asOf);
    expect(o).toMatchObject({ kind: 'disposal', dueOn: '2027-03-10', period: '2027-03', state: expected });
  });
  it('a review on record fulfils it', () => {
    const [o] = correctionObligations(policy, { ...f, reviewedOn: '2027-03-20' }, '2027-04-01');
    expect(o).toMatchObject({ state: 'ok', fulfilledOn: '2027-03-20' });
  });
});
