import type { LostContactReason, MobilityPolicy } from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { members } from '../../../db/schema.js';
import { type Actor, authorize, resolveScopeOrg, underOrg } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { loadMemberInScope } from '../../members/index.js';
import { effectivePolicy, policyResolver } from '../../policies/index.js';
import { presentStandingMember } from '../standing-presenter.js';
import { abroadGround, standingMemberRows } from '../standing-queries.js';
import { proposeAbilities, writeAbility } from './standing-abilities.js';

/** Flags 失联 with its reason and the month it counts from. */
export async function flagLostContact(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { since: string; reasonCode: LostContactReason },
) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  if (member.lostContact) throw new AppError('CASE_NOT_ALLOWED', '该党员已标记为失联');
  const since = `${input.since.slice(0, 7)}-01`;
  return write(ctx, actor, async (tx, w) => {
    await tx
      .update(members)
      .set({
        lostContact: true,
        lostContactSince: since,
        lostContactReason: input.reasonCode,
        updatedAt: new Date(),
        version: member.version + 1,
      })
      .where(eq(members.id, member.id));
    w.audit({
      action: 'member.lost_contact',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      before: { lostContact: false },
      after: { lostContact: true, lostContactSince: since, lostContactReason: input.reasonCode },
    });
    return { memberId: member.id, lostContact: true as const, lostContactSince: since.slice(0, 7) };
  });
}

/**
 * Members of the scope who are lost or stopped, with what may be proposed for each now (RULES.md §2
 * path, proposeAbility): the console offers only those steps, and says why the others wait.
 */
export async function listStandingMembers(ctx: AppContext, actor: Actor, orgId?: string) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, orgId);
  const scopePolicy = (await effectivePolicy(ctx, org?.id ?? actor.orgId, 'mobility'))
    .document as MobilityPolicy;
  const policyOf = await policyResolver(ctx, 'mobility');
  const ground = abroadGround(scopePolicy, { settled: true });
  const rows = await standingMemberRows(ctx, underOrg(actor, org, sql`o.path`), ground.where);
  const now = today();
  return {
    items: rows.map((r) =>
      presentStandingMember(r, proposeAbilities(actor, policyOf(r.orgPath) as MobilityPolicy, r, now)),
    ),
    abilities: { propose: writeAbility(actor, '无权提出党籍处置事项') },
  };
}
