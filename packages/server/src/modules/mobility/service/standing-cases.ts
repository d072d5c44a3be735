import { randomUUID } from 'node:crypto';
import type { MobilityPolicy, StandingCaseKind, StandingCaseStatus } from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { members, standingCases } from '../../../db/schema.js';
import { type Actor, authorize, resolveScopeOrg, underOrg } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { loadMemberInScope } from '../../members/index.js';
import { effectivePolicy } from '../../policies/index.js';
import { presentCase } from '../standing-presenter.js';
import {
  caseFactsOf,
  caseRows,
  decidingCommitteeOf,
  hasAbroadGround,
  loadCase,
  ownOrgType,
} from '../standing-queries.js';
import { decideAbility, proposeAbility } from './standing-abilities.js';

export interface BranchMeeting {
  /** The day the branch decided. */
  on: string;
  /** 支部委员会 or 支部大会. */
  body: 'branch_committee' | 'branch_general_meeting';
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

/**
 * Proposes a step of the regulation's path: 停止党籍 (lost contact ≥ 6 months, or abroad on the
 * regulation's ground), removal as 自行脱党 (stopped for 2 years), or 恢复党籍 (contact restored).
 * The branch decides first (its meeting and vote are recorded, RULES.md §2 "branch decides, committee
 * approves"); the nearest committee above then approves.
 */
export async function proposeCase(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { kind: StandingCaseKind; reasonCode?: string; note?: string; meeting: BranchMeeting },
) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const policy = (await effectivePolicy(ctx, member.orgId, 'mobility')).document as MobilityPolicy;
  const now = today();
  const { meeting } = input;
  if (meeting.on > now) throw new AppError('VALIDATION_FAILED', '支部会议日期不能晚于今天');
  // The branch's decision is a majority of the votes cast; a proposal the vote refused is none.
  if (meeting.votesFor <= meeting.votesAgainst) {
    throw new AppError('CASE_NOT_ALLOWED', '支部表决未获通过（赞成票须多于反对票），不能提请审批');
  }
  const facts = await caseFactsOf(ctx, member.id);
  const ability = proposeAbility(
    policy,
    {
      standing: member.standing,
      lostContact: member.lostContact,
      lostContactSince: member.lostContactSince,
      ...facts,
      abroadGround:
        input.kind === 'stop' &&
        input.reasonCode === 'abroad' &&
        (await hasAbroadGround(ctx, member.id, policy)),
    },
    input.kind,
    input.reasonCode,
    now,
  );
  if (!ability.allowed) throw new AppError('CASE_NOT_ALLOWED', ability.reason ?? undefined);
  const decidingOrgId = await decidingCommitteeOf(ctx, member.orgPath);
  const id = randomUUID();
  return write(ctx, actor, async (tx, w) => {
    await tx.insert(standingCases).values({
      id,
      memberId: member.id,
      kind: input.kind,
      reasonCode: input.reasonCode ?? null,
      note: input.note ?? null,
      proposedBy: actor.username,
      proposerOrgId: actor.orgId,
      decidingOrgId,
      meetingOn: meeting.on,
      meetingBody: meeting.body,
      votesFor: meeting.votesFor,
      votesAgainst: meeting.votesAgainst,
      votesAbstain: meeting.votesAbstain,
    });
    w.audit({
      action: `standing.propose_${input.kind}`,
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { caseId: id, ...input, proposerOrgId: actor.orgId, decidingOrgId },
    });
    return { id, memberId: member.id, kind: input.kind, status: 'pending' as const, decidingOrgId };
  });
}

/** What an approved case does to the member (RULES.md §2); a refusal changes nothing on the member. */
function effectOf(c: { kind: StandingCaseKind; reasonCode: string | null }) {
  if (c.kind === 'stop') {
    return { standing: 'stopped', stopReason: c.reasonCode === 'abroad' ? 'abroad' : 'lost_contact' };
  }
  if (c.kind === 'lapse') return { exitKind: 'lapsed', exitOn: today() };
  return {
    standing: 'normal',
    stopReason: null,
    lostContact: false,
    lostContactSince: null,
    lostContactReason: null,
  };
}

/** Decided by a committee (党委/党工委) above the member's branch, or the system administrator. */
export async function decideCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { approve: boolean; note?: string },
) {
  authorize(actor, 'standingCase.decide');
  const c = await loadCase(ctx, caseId);
  if (!c) throw new AppError('CASE_NOT_FOUND');
  const member = await loadMemberInScope(ctx, actor, c.memberId).catch(() => {
    throw new AppError('CASE_NOT_FOUND');
  });
  const ability = decideAbility(actor, await ownOrgType(ctx, actor), c);
  if (!ability.allowed) throw new AppError(ability.code ?? 'FORBIDDEN');
  const effect = input.approve ? effectOf(c) : {};
  const status = input.approve ? ('approved' as const) : ('rejected' as const);
  return write(ctx, actor, async (tx, w) => {
    await tx
      .update(standingCases)
      .set({ status, decidedBy: actor.username, decidedAt: new Date(), decisionNote: input.note ?? null })
      .where(eq(standingCases.id, c.id));
    if (input.approve) {
      await tx
        .update(members)
        .set({ ...effect, updatedAt: new Date(), version: member.version + 1 } as never)
        .where(eq(members.id, member.id));
    }
    w.audit({
      action: `standing.${input.approve ? 'approve' : 'reject'}_${c.kind}`,
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      before: { standing: member.standing, lostContact: member.lostContact, exitKind: member.exitKind },
      after: { caseId: c.id, ...effect },
    });
    return { id: c.id, status };
  });
}

/**
 * The cases of the scope, each with who proposed it from which organization, the branch's meeting and
 * vote, the committee that decides, and whether the caller may decide it now (`abilities.decide`).
 */
export async function listCases(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; status?: StandingCaseStatus },
) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const [rows, actorOrgType] = await Promise.all([
    caseRows(ctx, underOrg(actor, org, sql`o.path`), q.status),
    ownOrgType(ctx, actor),
  ]);
  return {
    items: rows.map((r) => {
      const { code: _, ...decide } = decideAbility(actor, actorOrgType, r);
      return presentCase(r, decide);
    }),
  };
}
