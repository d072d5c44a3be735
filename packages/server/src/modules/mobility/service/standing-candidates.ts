import { addMonths, type MobilityPolicy } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { type Actor, authorize, resolveScopeOrg, underOrg } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { effectivePolicy } from '../../policies/index.js';
import { presentAbroadCandidate, presentLostContactCandidate } from '../standing-presenter.js';
import { abroadCandidateRows, abroadGround, lostContactCandidateRows } from '../standing-queries.js';
import { writeAbility } from './standing-abilities.js';

/**
 * Candidates for the 失联 flag: the single rule (RULES.md §2, 篇七). Time counts from the later of the
 * member's registration in this system and the last fact on record — never from joining the Party,
 * which says nothing about reaching the member. Asked only of members the organization has reason to
 * look for: those away (an open episode) and those with facts on record; a member at home with no
 * fact recorded yet (organizational life before the meetings area, dues before the dues area) is not
 * taken for lost. A fact within the policy period (default 6 months) means the branch has just seen
 * the member.
 */
export async function lostContactCandidates(ctx: AppContext, actor: Actor, orgId?: string) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, orgId);
  const policy = (await effectivePolicy(ctx, org?.id ?? actor.orgId, 'mobility')).document as MobilityPolicy;
  const cutoff = addMonths(today(), -policy.lostContactMonths);
  const rows = await lostContactCandidateRows(ctx, underOrg(actor, org, sql`o.path`), cutoff);
  return {
    items: rows.map(presentLostContactCandidate),
    cutoff,
    months: policy.lostContactMonths,
    abilities: {
      logContact: writeAbility(actor, '无权登记联系'),
      flag: writeAbility(actor, '无权标记失联党员'),
    },
  };
}

/**
 * Members abroad for study longer than the policy's years (default 5) without return, still of normal
 * standing and with nothing pending: candidates for 停止党籍 with reason 出国(境) (RULES.md §2, 篇七).
 */
export async function abroadCandidates(ctx: AppContext, actor: Actor, orgId?: string) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, orgId);
  const policy = (await effectivePolicy(ctx, org?.id ?? actor.orgId, 'mobility')).document as MobilityPolicy;
  const ground = abroadGround(policy, { settled: false });
  const rows = await abroadCandidateRows(ctx, underOrg(actor, org, sql`o.path`), ground.where);
  return {
    items: rows.map(presentAbroadCandidate),
    cutoff: ground.cutoff,
    years: policy.abroadStudyStopYears,
    abilities: { propose: writeAbility(actor, '无权提出党籍处置事项') },
  };
}
