import { randomUUID } from 'node:crypto';
import {
  addMonths,
  checkStep,
  type DisposalDecision,
  type DisposalStatus,
  exitOf,
  type MeetingPolicy,
  type StepVote,
} from '@dangjian/core';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { disposalSteps, disposals, members } from '../../../db/schema.js';
import { type Actor, authorize } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError, type ErrorCode } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { effectivePolicy } from '../../policies/index.js';
import { type DisposalRow, loadDisposalInScope } from '../queries.js';
import { isUpperOrg } from './authority.js';

export interface StepInput {
  step: number;
  on: string;
  body: string;
  vote?: (Omit<StepVote, 'due'> & { due?: number | undefined }) | undefined;
  decision?: DisposalDecision | undefined;
  note?: string | undefined;
}

/** RULES.md §4: those due at the assembly are the branch's voting (full, active, in good standing) members. */
async function votingMembers(ctx: AppContext, tx: Executor, orgId: string) {
  const [row] = await ctx.database.rows<{ n: number }>(
    sql`select count(*)::int as n from members where org_id = ${orgId} and kind = 'full'
      and exit_kind is null and standing = 'normal'`,
    tx,
  );
  return row?.n ?? 0;
}

/**
 * Records one of the five steps (RULES.md §6, L374–L384): core's `checkStep` decides whether it may
 * be recorded and what the case becomes; steps 3 and 5 only by the organization above the branch. The
 * approval's decision takes effect in the same transaction.
 */
export async function recordStep(ctx: AppContext, actor: Actor, id: string, input: StepInput) {
  authorize(actor, 'disposal.write');
  return write(ctx, actor, async (tx, w) => {
    const d = await loadDisposalInScope(ctx, actor, id, tx, true);
    const vote: StepVote | undefined = input.vote && {
      ...input.vote,
      due: input.vote.due ?? (await votingMembers(ctx, tx, d.orgId)),
    };
    const check = checkStep(
      {
        ground: d.ground,
        status: d.status,
        step: d.step,
        lastStepOn: d.lastStepOn,
        memberKind: d.memberKind,
      },
      { ...input, vote },
      today(),
    );
    if (!check.ok) throw new AppError(check.code as ErrorCode, check.message);
    if ((input.step === 3 || input.step === 5) && !isUpperOrg(actor, d)) {
      throw new AppError('DISPOSAL_NEEDS_UPPER_ORG');
    }
    const stepId = randomUUID();
    await tx.insert(disposalSteps).values({
      id: stepId,
      disposalId: d.id,
      step: input.step,
      on: input.on,
      body: input.body,
      vote: vote ?? null,
      passed: check.passed,
      decision: input.decision ?? null,
      note: input.note ?? null,
      recordedBy: actor.userId,
    });
    const effect = input.step === 5 ? await decide(ctx, tx, d, input) : {};
    const dismissedReason =
      check.status === 'dismissed'
        ? input.step === 4
          ? '支部大会表决未获通过（赞成票未超过应到会有表决权党员的半数）'
          : '经批评教育已改正，不予处置'
        : null;
    await tx
      .update(disposals)
      .set({
        status: check.status,
        step: input.step,
        lastStepOn: input.on,
        ...(input.step === 5 ? { decision: input.decision ?? null } : {}),
        ...(dismissedReason ? { dismissedReason } : {}),
        ...(effect.followUpOn ? { followUpOn: effect.followUpOn } : {}),
      })
      .where(eq(disposals.id, d.id));
    w.audit({
      action: 'disposal.step',
      entity: 'disposal',
      entityId: d.id,
      orgId: d.orgId,
      orgPath: d.orgPath,
      before: { status: d.status, step: d.step },
      after: { memberId: d.memberId, ...input, status: check.status, passed: check.passed, ...effect },
    });
    if (effect.exitKind) {
      w.audit({
        action: 'member.exit',
        entity: 'member',
        entityId: d.memberId,
        orgId: d.orgId,
        orgPath: d.orgPath,
        before: { exitKind: null },
        after: { exitKind: effect.exitKind, exitOn: input.on, disposalId: d.id },
      });
    }
    w.affects({ memberIds: [d.memberId] });
    return { id: stepId, step: input.step, status: check.status as DisposalStatus, passed: check.passed };
  });
}

/**
 * What the approval's decision does (RULES.md §6): 劝退/除名 end the membership on the day approved
 * (core `exitOf`, 自行脱党 for a lapse ground), closing the member's other open cases; 限期改正 sets its review `correctionMonths` later (one
 * year, the meetings policy), owed as a `disposal` obligation; 延长预备期 leaves the member probationary,
 * the case records it; 不予处置 closes the case.
 */
async function decide(
  ctx: AppContext,
  tx: Executor,
  d: DisposalRow,
  input: StepInput,
): Promise<{ exitKind?: string; exitOn?: string; followUpOn?: string; closedCases?: string[] }> {
  const decision = input.decision as DisposalDecision;
  const exitKind = exitOf(d.ground, decision);
  if (exitKind) {
    if (d.exitKind) throw new AppError('DISPOSAL_DECISION_INVALID', '该党员已出党');
    await tx
      .update(members)
      .set({ exitKind, exitOn: input.on, updatedAt: new Date(), version: sql`${members.version} + 1` })
      .where(eq(members.id, d.memberId));
    // Out of the Party, the member's other open cases have nothing left to decide.
    const closed = await tx
      .update(disposals)
      .set({ status: 'dismissed', dismissedReason: '该党员已出党' })
      .where(
        and(
          eq(disposals.memberId, d.memberId),
          ne(disposals.id, d.id),
          inArray(disposals.status, ['candidate', 'in_procedure']),
        ),
      )
      .returning({ id: disposals.id });
    return { exitKind, exitOn: input.on, closedCases: closed.map((c) => c.id) };
  }
  if (decision === 'correction_period') {
    const policy = (await effectivePolicy(ctx, d.orgId, 'meetings', input.on, tx)).document as MeetingPolicy;
    return { followUpOn: addMonths(input.on, policy.correctionMonths) };
  }
  return {};
}
