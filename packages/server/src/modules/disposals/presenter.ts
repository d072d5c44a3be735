import { approverOf, type DisposalDecision, disposalStepNames, lapseGrounds } from '@dangjian/core';
import { approverLabels } from './labels.js';
import type { DisposalRow, StepRow } from './queries.js';

export interface Ability {
  allowed: boolean;
  reason: string | null;
}

export function presentDisposal(r: DisposalRow) {
  return {
    id: r.id,
    memberId: r.memberId,
    name: r.name,
    orgId: r.orgId,
    orgName: r.orgName,
    ground: r.ground,
    status: r.status,
    step: r.step,
    createdOn: r.createdOn,
    decision: r.decision,
    followUpOn: r.followUpOn,
  };
}

export function presentStep(s: StepRow) {
  return {
    id: s.id,
    step: s.step,
    name: disposalStepNames[s.step - 1] ?? '',
    on: s.on,
    body: s.body,
    vote: s.vote,
    passed: s.passed,
    decision: s.decision,
    note: s.note,
    recordedAt: s.recordedAt,
  };
}

/**
 * The decision the procedure is heading for: the last one a step proposed (the investigation's
 * proposal, step 2), else 除名 for a lapse ground (L380: the branch decides 除名), else not yet known.
 */
export function proposedDecision(r: DisposalRow, steps: readonly StepRow[]): DisposalDecision | null {
  const proposed = steps.findLast((s) => s.decision !== null)?.decision ?? null;
  if (proposed) return proposed;
  return lapseGrounds.includes(r.ground) ? 'remove' : null;
}

/** Steps 3 and 5 go to a body above the branch (RULES.md §6 L384); the others are the branch's own. */
export function approverOfStep(step: number, decision: DisposalDecision | null): string | null {
  if (step !== 3 && step !== 5) return null;
  return approverLabels[approverOf(decision)];
}

export function presentDetail(
  r: DisposalRow,
  steps: readonly StepRow[],
  abilities: { step: Ability; dismiss: Ability; print: Ability },
) {
  const open = r.status === 'candidate' || r.status === 'in_procedure';
  const nextStep = r.step + 1;
  return {
    ...presentDisposal(r),
    cause: r.cause,
    memberKind: r.memberKind,
    steps: steps.map(presentStep),
    next: open
      ? {
          step: nextStep,
          name: disposalStepNames[nextStep - 1] ?? '',
          approver: approverOfStep(nextStep, proposedDecision(r, steps)),
        }
      : null,
    dismissedReason: r.dismissedReason,
    abilities,
  };
}
