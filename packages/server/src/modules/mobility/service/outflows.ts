import { randomUUID } from 'node:crypto';
import {
  addDays,
  classifyOutflow,
  type MobilityPolicy,
  type outflowCreateBody,
  type outflowPatchBody,
  regionName,
} from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { mobilityEpisodes } from '../../../db/schema.js';
import { type Actor, authorize, isUuid } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { revokeEpisodeLetters } from '../../letters/index.js';
import { loadMemberInScope } from '../../members/index.js';
import { effectivePolicy } from '../../policies/index.js';
import { maskContact, presentEpisode } from '../presenter.js';
import { loadEpisode } from '../queries.js';
import { deriveMobileFlags } from '../register.js';

/** 外出登记 as validated by the route (abroad: 出国(境), no GB/T 2260 destination, RULES.md §2). */
export type OutflowInput = z.infer<typeof outflowCreateBody>;
export type OutflowPatch = z.infer<typeof outflowPatchBody>;

/** A departure more than a year ahead is a typing error, not a plan (RULES.md §2 registers real stays). */
function checkLeftOn(leftOn: string | undefined) {
  if (leftOn && leftOn > addDays(today(), 366))
    throw new AppError('VALIDATION_FAILED', '外出日期不能晚于一年以后');
}

/**
 * 外出登记 (RULES.md §2): the document the rules require follows from the stay's length, reason
 * and place, under the mobility policy in force for the member's organization on the day of leaving.
 */
export async function createOutflow(ctx: AppContext, actor: Actor, input: OutflowInput) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, input.memberId);
  if (member.exitKind) throw new AppError('MEMBER_NOT_FOUND');
  const abroad = input.abroad ?? false;
  if (abroad && input.destinationRegion) throw new AppError('ABROAD_WITH_REGION');
  if (input.destinationRegion && !regionName(ctx.regions, input.destinationRegion))
    throw new AppError('INVALID_REGION');
  checkLeftOn(input.leftOn);
  const inflow = await checkInflowAndReturn(ctx, input);
  const policy = (await effectivePolicy(ctx, member.orgId, 'mobility', input.leftOn))
    .document as MobilityPolicy;
  const decision = classifyOutflow(policy, { ...input, abroad });
  const id = randomUUID();
  await write(ctx, actor, async (tx, w) => {
    const [open] = await ctx.database.rows<{ id: string }>(
      sql`select id from mobility_episodes where member_id = ${member.id} and status = 'open' for update`,
      tx,
    );
    if (open) throw new AppError('EPISODE_OPEN', undefined, { episodeId: open.id });
    await tx.insert(mobilityEpisodes).values({
      id,
      memberId: member.id,
      originOrgId: member.orgId,
      leftOn: input.leftOn,
      expectedMonths: input.expectedMonths,
      reason: input.reason,
      destinationRegion: input.destinationRegion ?? null,
      abroad,
      fixedPlace: input.fixedPlace,
      hostHasPartyOrg: input.hostHasPartyOrg,
      contactEnc: input.contact ? ctx.vault.encrypt(input.contact) : null,
      contactMasked: input.contact ? maskContact(input.contact) : null,
      requiredDocument: decision.requiredDocument,
      rule: decision.rule,
      relationshipCanMove: input.relationshipCanMove ?? true,
      ...inflow,
    });
    await deriveMobileFlags(tx, [member.id]);
    w.audit({
      action: 'mobility.outflow',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { episodeId: id, ...input, abroad, contact: input.contact ? '(已加密)' : null, ...decision },
    });
    w.affects({ memberIds: [member.id] });
  });
  const episode = await presentEpisode(ctx, actor, await loadEpisode(ctx, actor, id));
  return { ...episode, transferTarget: decision.transferTarget };
}

/** The inflow organization named at departure must exist; the expected return follows the departure. */
async function checkInflowAndReturn(
  ctx: AppContext,
  input: {
    leftOn?: string | null;
    inflowOrgId?: string | null;
    inflowOrgName?: string | null;
    expectedReturnOn?: string | null;
  },
) {
  if (input.inflowOrgId && input.inflowOrgName)
    throw new AppError('VALIDATION_FAILED', '流入党组织请选择本系统组织或填写名称，不能同时填写');
  if (input.expectedReturnOn && input.leftOn && input.expectedReturnOn < input.leftOn)
    throw new AppError('VALIDATION_FAILED', '预计返回日期不能早于外出日期');
  if (input.inflowOrgId) {
    // Any organization of this system may receive the member (一方隶属、参加多重组织生活), not only the
    // caller's subtree; only its existence is checked.
    const [org] = isUuid(input.inflowOrgId)
      ? await ctx.database.rows<{ id: string }>(
          sql`select id from orgs where id = ${input.inflowOrgId} and dissolved_at is null`,
        )
      : [];
    if (!org) throw new AppError('INFLOW_ORG_NOT_FOUND');
  }
  const out: {
    inflowOrgId?: string | null;
    inflowOrgName?: string | null;
    expectedReturnOn?: string | null;
  } = {};
  if (input.inflowOrgId !== undefined || input.inflowOrgName !== undefined) {
    out.inflowOrgId = input.inflowOrgId ?? null;
    out.inflowOrgName = input.inflowOrgName?.trim() || null;
  }
  if (input.expectedReturnOn !== undefined) out.expectedReturnOn = input.expectedReturnOn;
  return out;
}

/**
 * 补全 / 修改外出登记: the secretary completes an episode the register opened (待补全) or corrects one.
 * Once departure, stay and reason are known, the document follows RULES.md §2 as at registration; a
 * certificate of another kind than the new requirement stops verifying.
 */
export async function updateOutflow(ctx: AppContext, actor: Actor, episodeId: string, patch: OutflowPatch) {
  authorize(actor, 'member.write');
  const episode = await loadEpisode(ctx, actor, episodeId, { originOnly: true });
  if (episode.status !== 'open') throw new AppError('EPISODE_CLOSED');
  const next = {
    leftOn: patch.leftOn ?? episode.leftOn,
    expectedMonths: patch.expectedMonths ?? episode.expectedMonths,
    reason: patch.reason ?? episode.reason,
    abroad: patch.abroad ?? episode.abroad,
    destinationRegion:
      patch.destinationRegion !== undefined ? patch.destinationRegion : episode.destinationRegion,
    fixedPlace: patch.fixedPlace ?? episode.fixedPlace,
    hostHasPartyOrg: patch.hostHasPartyOrg ?? episode.hostHasPartyOrg,
    relationshipCanMove: patch.relationshipCanMove ?? episode.relationshipCanMove,
  };
  if (next.abroad && next.destinationRegion) throw new AppError('ABROAD_WITH_REGION');
  if (patch.destinationRegion && !regionName(ctx.regions, patch.destinationRegion))
    throw new AppError('INVALID_REGION');
  checkLeftOn(patch.leftOn);
  const inflow = await checkInflowAndReturn(ctx, {
    ...patch,
    leftOn: next.leftOn,
    expectedReturnOn:
      patch.expectedReturnOn !== undefined ? patch.expectedReturnOn : episode.expectedReturnOn,
  });
  const complete = next.leftOn !== null && next.expectedMonths !== null && next.reason !== null;
  const decision = complete
    ? classifyOutflow(
        (await effectivePolicy(ctx, episode.memberOrgId, 'mobility', next.leftOn!))
          .document as MobilityPolicy,
        { ...next, expectedMonths: next.expectedMonths!, reason: next.reason! },
      )
    : null;
  await write(ctx, actor, async (tx, w) => {
    await tx
      .update(mobilityEpisodes)
      .set({
        ...next,
        ...inflow,
        ...(patch.contact !== undefined
          ? {
              contactEnc: patch.contact ? ctx.vault.encrypt(patch.contact) : null,
              contactMasked: patch.contact ? maskContact(patch.contact) : null,
            }
          : {}),
        ...(decision
          ? { requiredDocument: decision.requiredDocument, rule: decision.rule, needsCompletion: false }
          : {}),
        updatedAt: new Date(),
      })
      .where(eq(mobilityEpisodes.id, episode.id));
    if (decision) {
      await revokeEpisodeLetters(tx, episode.id, 'reclassified', { exceptKind: decision.requiredDocument });
    }
    await deriveMobileFlags(tx, [episode.memberId]);
    w.audit({
      action: 'mobility.outflow_update',
      entity: 'member',
      entityId: episode.memberId,
      orgId: episode.memberOrgId,
      orgPath: episode.memberOrgPath,
      before: {
        leftOn: episode.leftOn,
        expectedMonths: episode.expectedMonths,
        reason: episode.reason,
        requiredDocument: episode.requiredDocument,
      },
      after: {
        episodeId: episode.id,
        ...patch,
        contact: patch.contact ? '(已加密)' : patch.contact,
        needsCompletion: decision ? false : episode.needsCompletion,
        requiredDocument: decision?.requiredDocument ?? episode.requiredDocument,
      },
    });
    w.affects({ memberIds: [episode.memberId] });
  });
  const row = await loadEpisode(ctx, actor, episode.id);
  return { ...(await presentEpisode(ctx, actor, row)), transferTarget: decision?.transferTarget ?? null };
}

/** 返回: closes the episode; its certificates stop verifying and it owes nothing more. */
export async function returnOutflow(
  ctx: AppContext,
  actor: Actor,
  episodeId: string,
  input: { returnedOn: string; note?: string },
) {
  authorize(actor, 'member.write');
  const episode = await loadEpisode(ctx, actor, episodeId, { originOnly: true });
  if (episode.status !== 'open') throw new AppError('EPISODE_CLOSED');
  if (episode.leftOn && input.returnedOn < episode.leftOn)
    throw new AppError('VALIDATION_FAILED', '返回日期不能早于外出日期');
  if (input.returnedOn > today()) throw new AppError('VALIDATION_FAILED', '返回日期不能晚于今天');
  await write(ctx, actor, async (tx, w) => {
    await tx
      .update(mobilityEpisodes)
      .set({
        status: 'returned',
        returnedOn: input.returnedOn,
        returnNote: input.note ?? null,
        updatedAt: new Date(),
      })
      .where(eq(mobilityEpisodes.id, episode.id));
    await revokeEpisodeLetters(tx, episode.id, 'returned');
    await deriveMobileFlags(tx, [episode.memberId]);
    w.audit({
      action: 'mobility.return',
      entity: 'member',
      entityId: episode.memberId,
      orgId: episode.memberOrgId,
      orgPath: episode.memberOrgPath,
      after: { episodeId: episode.id, ...input },
    });
    w.affects({ memberIds: [episode.memberId] });
  });
  return presentEpisode(ctx, actor, await loadEpisode(ctx, actor, episode.id));
}

export async function getEpisode(ctx: AppContext, actor: Actor, id: string) {
  if (actor.role !== 'member') authorize(actor, 'member.read');
  return presentEpisode(ctx, actor, await loadEpisode(ctx, actor, id));
}
