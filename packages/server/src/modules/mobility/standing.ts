import { randomUUID } from 'node:crypto';
import type { MobilityPolicy } from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { members, standingCases } from '../../db/schema.js';
import { recordAudit } from '../../lib/audit.js';
import { type Actor, authorize, isUuid, resolveScopeOrg } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { isoTimestamp } from '../../lib/schemas.js';
import { loadMemberInScope } from '../members/queries.js';
import { effectivePolicy } from '../policies/service.js';
import { addMonths } from './service.js';

/** Reason codes of the regulation for 失联 (RULES.md §2). */
export const lostContactReasons = [
  'work_business',
  'unit_restructured',
  'graduate_unknown',
  'work_changed',
  'abroad',
  'residence_changed',
  'other',
] as const;

export const caseKinds = ['stop', 'lapse', 'restore'] as const;
export type CaseKind = (typeof caseKinds)[number];

/**
 * Members with no successful contact, organizational life or dues for the policy period (default 6
 * months): candidates for the 失联 flag. Time counts from the last of those dates, else joining.
 */
export async function lostContactCandidates(ctx: AppContext, actor: Actor, orgId?: string) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, orgId);
  const policy = (await effectivePolicy(ctx, org?.id ?? actor.orgId, 'mobility')).document as MobilityPolicy;
  const cutoff = addMonths(today(), -policy.lostContactMonths);
  const rows = await ctx.database.rows(sql`
    select * from (
      select m.id as "memberId", m.name, o.name as "orgName", m.mobile, m.destination_region as "destinationRegion",
        greatest(
          (select max(c.contacted_on) from contact_attempts c where c.member_id = m.id and c.reached),
          (select max(l.held_on) from life_records l where l.member_id = m.id),
          (select max(e.left_on) from mobility_episodes e where e.member_id = m.id),
          (select max(s.decided_at)::date from standing_cases s
             where s.member_id = m.id and s.kind = 'restore' and s.status = 'approved'),
          m.joined_on
        )::text as "lastSeenOn",
        (select count(*)::int from contact_attempts c where c.member_id = m.id and not c.reached
           and c.contacted_on > coalesce((select max(c2.contacted_on) from contact_attempts c2
             where c2.member_id = m.id and c2.reached), '1900-01-01')) as "failedAttempts",
        (select c.channel from contact_attempts c where c.member_id = m.id and c.reached
           order by c.contacted_on desc limit 1) as "lastChannel"
      from members m join orgs o on o.id = m.org_id
      where ${org ? sql`o.path <@ ${org.path}::ltree` : sql`true`}
        and m.exit_kind is null and not m.lost_contact and m.standing = 'normal'
    ) x where x."lastSeenOn" < ${cutoff} order by x."lastSeenOn" limit 500`);
  return { items: rows, cutoff, months: policy.lostContactMonths };
}

/**
 * The regulation's ground for stopping the standing of a member abroad (RULES.md §2: "settled abroad,
 * or abroad for study more than 5 years without return ⇒ standing generally stopped"): an open
 * episode abroad for study that left more than the policy's years ago, or, with `settled`, an open
 * episode abroad at a fixed place (定居: the register has no other fact for it, and the committee
 * still decides). A student's fixed place abroad is not settling there: study has its own clock.
 * `e` is the episode, `m` the member.
 */
function abroadGround(policy: MobilityPolicy, opts: { settled: boolean }) {
  const cutoff = addMonths(today(), -12 * policy.abroadStudyStopYears);
  const study = sql`(e.reason = 'study' and e.left_on < ${cutoff})`;
  const settled = sql`(e.reason <> 'study' and e.fixed_place)`;
  return {
    cutoff,
    where: sql`e.member_id = m.id and e.status = 'open' and e.abroad
      and ${opts.settled ? sql`(${study} or ${settled})` : study}`,
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
  const items = await ctx.database.rows<{
    memberId: string;
    name: string;
    orgName: string;
    leftOn: string;
    years: number;
    reason: string;
  }>(sql`
    select m.id as "memberId", m.name, o.name as "orgName", e.left_on::text as "leftOn",
      extract(year from age(${today()}::date, e.left_on))::int as years, e.reason
    from members m join orgs o on o.id = m.org_id join mobility_episodes e on ${ground.where}
    where ${org ? sql`o.path <@ ${org.path}::ltree` : sql`true`}
      and m.exit_kind is null and m.standing = 'normal'
      and not exists (select 1 from standing_cases s where s.member_id = m.id and s.status = 'pending')
    order by e.left_on, m.id limit 500`);
  return { items, cutoff: ground.cutoff, years: policy.abroadStudyStopYears };
}

/** Flags 失联 with its reason and the month it counts from. */
export async function flagLostContact(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { since: string; reasonCode: (typeof lostContactReasons)[number] },
) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  if (member.lostContact) throw new AppError('CASE_NOT_ALLOWED', '该党员已标记为失联');
  const since = `${input.since.slice(0, 7)}-01`;
  await ctx.database.db.transaction(async (tx) => {
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
    await recordAudit(tx, actor, {
      action: 'member.lost_contact',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      before: { lostContact: false },
      after: { lostContact: true, lostContactSince: since, lostContactReason: input.reasonCode },
    });
  });
  return { memberId: member.id, lostContact: true, lostContactSince: since.slice(0, 7) };
}

async function hasAbroadGround(ctx: AppContext, memberId: string, policy: MobilityPolicy) {
  const ground = abroadGround(policy, { settled: true });
  const rows = await ctx.database.rows(sql`
    select 1 from members m join mobility_episodes e on ${ground.where} where m.id = ${memberId}`);
  return rows.length > 0;
}

/**
 * Proposes a step of the regulation's path: 停止党籍 (lost contact ≥ 6 months, or abroad on the
 * ground of abroadGround), removal as 自行脱党 (stopped for 2 years), or 恢复党籍 (contact restored).
 * A committee decides.
 */
export async function proposeCase(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { kind: CaseKind; reasonCode?: string; note?: string },
) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const policy = (await effectivePolicy(ctx, member.orgId, 'mobility')).document as MobilityPolicy;
  const now = today();
  const refuse = (why: string) => {
    throw new AppError('CASE_NOT_ALLOWED', why);
  };
  if (input.kind === 'stop') {
    if (member.standing === 'stopped') refuse('该党员已停止党籍');
    // 出国(境) stands on its own ground (RULES.md §2); a member lost with reason code 出国(境) but
    // without that ground still goes the lost-contact way below.
    const abroad = input.reasonCode === 'abroad' && (await hasAbroadGround(ctx, member.id, policy));
    if (!abroad && !member.lostContact) {
      refuse(
        input.reasonCode === 'abroad'
          ? `出国（境）定居，或出国（境）学习研究超过 ${policy.abroadStudyStopYears} 年未归的，方可以出国（境）为由停止党籍；该党员没有这样的外出登记`
          : '须先标记为失联党员',
      );
    }
    if (
      !abroad &&
      member.lostContactSince &&
      member.lostContactSince > addMonths(now, -policy.lostContactMonths)
    ) {
      refuse(`失去联系满 ${policy.lostContactMonths} 个月方可提出停止党籍`);
    }
  }
  if (input.kind === 'lapse') {
    if (member.standing !== 'stopped') refuse('只能对已停止党籍的党员提出按自行脱党除名');
    const [stoppedAt] = await ctx.database.rows<{ at: string | null }>(sql`
      select max(decided_at)::date::text as at from standing_cases
      where member_id = ${member.id} and kind = 'stop' and status = 'approved'`);
    const since = stoppedAt?.at ?? null;
    if (!since || since > addMonths(now, -12 * policy.stopToLapseYears)) {
      refuse(`停止党籍满 ${policy.stopToLapseYears} 年仍无法取得联系的，方可按自行脱党处理`);
    }
  }
  if (input.kind === 'restore' && member.standing !== 'stopped' && !member.lostContact)
    refuse('该党员党籍正常');
  const [pending] = await ctx.database.rows<{ id: string }>(
    sql`select id from standing_cases where member_id = ${member.id} and status = 'pending'`,
  );
  if (pending) throw new AppError('CASE_NOT_ALLOWED', '该党员已有待审批的事项');
  const id = randomUUID();
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(standingCases).values({
      id,
      memberId: member.id,
      kind: input.kind,
      reasonCode: input.reasonCode ?? null,
      note: input.note ?? null,
      proposedBy: actor.username,
    });
    await recordAudit(tx, actor, {
      action: `standing.propose_${input.kind}`,
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { caseId: id, ...input },
    });
  });
  return { id, memberId: member.id, kind: input.kind, status: 'pending' };
}

/** Decided by a committee (党委/党工委) above the member's branch, or a global administrator. */
export async function decideCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { approve: boolean; note?: string },
) {
  authorize(actor, 'member.reveal');
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  const [c] = await ctx.database.rows<{
    id: string;
    memberId: string;
    kind: CaseKind;
    status: string;
    reasonCode: string | null;
  }>(
    sql`select id, member_id as "memberId", kind, status, reason_code as "reasonCode" from standing_cases where id = ${caseId}`,
  );
  if (!c) throw new AppError('CASE_NOT_FOUND');
  const member = await loadMemberInScope(ctx, actor, c.memberId).catch(() => {
    throw new AppError('CASE_NOT_FOUND');
  });
  if (c.status !== 'pending') throw new AppError('CASE_DECIDED');
  if (actor.orgId) {
    const [own] = await ctx.database.rows<{ type: string }>(
      sql`select type from orgs where id = ${actor.orgId}`,
    );
    if (!own || !['committee', 'working_committee'].includes(own.type))
      throw new AppError('COMMITTEE_REQUIRED');
  }
  const effect = !input.approve
    ? {}
    : c.kind === 'stop'
      ? { standing: 'stopped', stopReason: c.reasonCode === 'abroad' ? 'abroad' : 'lost_contact' }
      : c.kind === 'lapse'
        ? { exitKind: 'lapsed', exitOn: today() }
        : {
            standing: 'normal',
            stopReason: null,
            lostContact: false,
            lostContactSince: null,
            lostContactReason: null,
          };
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .update(standingCases)
      .set({
        status: input.approve ? 'approved' : 'rejected',
        decidedBy: actor.username,
        decidedAt: new Date(),
        decisionNote: input.note ?? null,
      })
      .where(eq(standingCases.id, c.id));
    if (input.approve) {
      await tx
        .update(members)
        .set({ ...effect, updatedAt: new Date(), version: member.version + 1 } as never)
        .where(eq(members.id, member.id));
    }
    await recordAudit(tx, actor, {
      action: `standing.${input.approve ? 'approve' : 'reject'}_${c.kind}`,
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      before: { standing: member.standing, lostContact: member.lostContact, exitKind: member.exitKind },
      after: { caseId: c.id, ...effect },
    });
  });
  return { id: c.id, status: input.approve ? 'approved' : 'rejected' };
}

export async function listCases(ctx: AppContext, actor: Actor, q: { orgId?: string; status?: string }) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const rows = await ctx.database.rows(sql`
    select c.id, c.member_id as "memberId", m.name as "memberName", o.name as "orgName", c.kind, c.reason_code as "reasonCode",
      c.note, c.status, c.proposed_by as "proposedBy", ${isoTimestamp(sql`c.proposed_at`)} as "proposedAt", c.decided_by as "decidedBy",
      ${isoTimestamp(sql`c.decided_at`)} as "decidedAt", c.decision_note as "decisionNote"
    from standing_cases c join members m on m.id = c.member_id join orgs o on o.id = m.org_id
    where ${org ? sql`o.path <@ ${org.path}::ltree` : sql`true`} ${q.status ? sql`and c.status = ${q.status}` : sql``}
    order by c.proposed_at desc limit 500`);
  return { items: rows };
}
