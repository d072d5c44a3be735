import { type Obligation, obligationState } from './obligations.js';

/**
 * The disposal queue (处置), RULES.md §6 (篇三 L374–L384): candidates with their ground, the five steps
 * of the procedure, and the decisions. Pure rules; the server stores the steps.
 */

/** API.md disposal grounds: which rule put the member in the queue. */
export const disposalGrounds = [
  'no_life_6m',
  'no_dues_6m',
  'no_work_6m',
  'unqualified_evaluation',
  'unqualified_twice',
  'correction_failed',
  'points',
  'backward_member',
  'lost_contact',
] as const;
export type DisposalGround = (typeof disposalGrounds)[number];

/** A candidate waits; the procedure runs; it ends decided, or dismissed (corrected, or the vote failed). */
export const disposalStatuses = ['candidate', 'in_procedure', 'decided', 'dismissed'] as const;
export type DisposalStatus = (typeof disposalStatuses)[number];

/**
 * RULES.md §6: 限期改正 (one year, probation may be extended), 劝退, 除名, extension of probation; and
 * no disposal (the member corrected after criticism and education).
 */
export const disposalDecisions = [
  'correction_period',
  'persuade_out',
  'remove',
  'extend_probation',
  'none',
] as const;
export type DisposalDecision = (typeof disposalDecisions)[number];

/** DOMAIN.md 处置程序五步. */
export const disposalStepNames = [
  '支委会初步认定',
  '调查核实',
  '上级预审',
  '支部大会表决',
  '审批并告知',
] as const;
export const disposalStepNumbers = [1, 2, 3, 4, 5] as const;
export type DisposalStepNumber = (typeof disposalStepNumbers)[number];

/** 6 consecutive months without good reason (L380): 自动脱党, the branch assembly decides 除名. */
export const lapseGrounds: readonly DisposalGround[] = ['no_life_6m', 'no_dues_6m', 'no_work_6m'];

/**
 * RULES.md §6 approvers (L384): the pre-review (step 3) and the approval (step 5) of 劝退/除名 go to the
 * city's organization department; 限期改正 and the rest to the township (grassroots) committee.
 */
export function approverOf(decision: DisposalDecision | null): 'org_department' | 'grassroots_committee' {
  return decision === 'persuade_out' || decision === 'remove' ? 'org_department' : 'grassroots_committee';
}

export interface StepVote {
  for: number;
  against: number;
  abstain: number;
  /** Those due to attend the assembly (its voting members). */
  due: number;
}

export interface StepInput {
  step: number;
  on: string;
  vote?: StepVote | undefined;
  decision?: DisposalDecision | undefined;
}

export interface DisposalState {
  ground: DisposalGround;
  status: DisposalStatus;
  /** The last step recorded, 0 for none. */
  step: number;
  lastStepOn: string | null;
  memberKind: 'full' | 'probationary';
}

export type StepCheck =
  | { ok: true; status: DisposalStatus; passed: boolean | null }
  | { ok: false; code: string; message: string };

/**
 * Whether a step may be recorded now, and what the disposal becomes: steps in order, each on or after
 * the one before; the assembly's vote (step 4) passes with more than half of those due (RULES.md §4); a
 * failed vote ends the procedure; the approval (step 5) carries the decision. A lapse ground ends in 除名
 * (L380); extending probation is only for probationary members.
 */
export function checkStep(state: DisposalState, input: StepInput, today: string): StepCheck {
  const fail = (code: string, message: string): StepCheck => ({ ok: false, code, message });
  if (state.status === 'decided' || state.status === 'dismissed')
    return fail('DISPOSAL_CLOSED', '该处置已结束');
  if (input.step !== state.step + 1) {
    return fail('DISPOSAL_STEP_ORDER', `应先登记第 ${state.step + 1} 步（${disposalStepNames[state.step]}）`);
  }
  if (input.on > today) return fail('VALIDATION_FAILED', '日期不能晚于今天');
  if (state.lastStepOn && input.on < state.lastStepOn)
    return fail('DISPOSAL_STEP_DATE', '日期不能早于上一步');
  const decision = input.decision;
  if (decision === 'extend_probation' && state.memberKind !== 'probationary') {
    return fail('DISPOSAL_DECISION_INVALID', '只有预备党员可以延长预备期');
  }
  if (decision && lapseGrounds.includes(state.ground) && decision !== 'remove' && decision !== 'none') {
    return fail('DISPOSAL_DECISION_INVALID', '连续六个月无正当理由的，按自行脱党予以除名');
  }
  if (input.step === 4) {
    const v = input.vote;
    if (!v) return fail('DISPOSAL_VOTE_REQUIRED', '支部大会表决须登记表决票数');
    if (v.for + v.against + v.abstain > v.due)
      return fail('VALIDATION_FAILED', '表决票数之和不能超过应到人数');
    const passed = v.for * 2 > v.due;
    return { ok: true, status: passed ? 'in_procedure' : 'dismissed', passed };
  }
  if (input.step === 5) {
    if (!decision) return fail('DISPOSAL_DECISION_REQUIRED', '审批须载明处置决定');
    return { ok: true, status: decision === 'none' ? 'dismissed' : 'decided', passed: null };
  }
  return { ok: true, status: 'in_procedure', passed: null };
}

/** The exit recorded when a decision removes the member (DOMAIN.md 出党): 劝退, or 除名 — 自行脱党 for a lapse ground. */
export function exitOf(
  ground: DisposalGround,
  decision: DisposalDecision,
): 'persuaded_out' | 'removed' | 'lapsed' | null {
  if (decision === 'persuade_out') return 'persuaded_out';
  if (decision === 'remove') return lapseGrounds.includes(ground) ? 'lapsed' : 'removed';
  return null;
}

export interface CorrectionFollowUp {
  memberId: string;
  /** The end of the 限期改正 (the approval's day + the policy's `correctionMonths`). */
  followUpOn: string;
  /** The review's outcome on record: a 限期改正期满仍无转变 case opened on or after the decision. */
  reviewedOn: string | null;
}

/**
 * The `disposal` obligation (RULES.md §6, L378: a 限期改正 runs one year, then the branch reviews it; 劝退
 * if still unqualified): owed for the member's latest decided 限期改正, due on its end; due soon from
 * `correctionDueSoonDays` before, overdue after, until the review is on record. Never breached: an
 * overdue review stays overdue until the branch records it.
 */
export function correctionObligations(
  policy: { correctionDueSoonDays: number },
  f: CorrectionFollowUp,
  asOf: string,
): Obligation[] {
  const state = obligationState(f.followUpOn, f.reviewedOn, asOf, policy.correctionDueSoonDays, Infinity);
  return [
    {
      memberId: f.memberId,
      kind: 'disposal',
      period: f.followUpOn.slice(0, 7),
      dueOn: f.followUpOn,
      state,
      fulfilledOn: f.reviewedOn,
    },
  ];
}
