import { randomUUID } from 'node:crypto';
import type { MobilityPolicy } from '@dangjian/core';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { members, standingCases } from '../../db/schema.js';
import { recordAudit } from '../../lib/audit.js';
import { type Actor, authorize, can, isUuid, resolveScopeOrg } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError, defaultMessage, type ErrorCode } from '../../lib/errors.js';
import { isoTimestamp } from '../../lib/schemas.js';
import { loadMemberInScope } from '../members/index.js';
import { effectivePolicy, policyResolver } from '../policies/index.js';
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
 * The facts by which the organization last had a member (RULES.md §2 "Lost-contact time counts from the
 * last organizational-life or dues date"; 篇七: a lost member is one the organization cannot reach):
 * a successful contact, organizational life attended, a thought report, the departure or return report,
 * a restored standing. Dues payments join this list as one more branch when the dues area records
 * them. `members` is a relation of the members in question (column id).
 */
function factsOf(members: SQL) {
  return sql`
    select c.member_id, c.contacted_on as on_date, 'contact' as kind
      from contact_attempts c join ${members} s on s.id = c.member_id where c.reached
    union all select l.member_id, l.held_on, 'life' from life_records l join ${members} s on s.id = l.member_id
    union all select r.member_id, r.submitted_at::date, 'report'
      from thought_reports r join ${members} s on s.id = r.member_id
    union all select e.member_id, e.left_on, 'departure'
      from mobility_episodes e join ${members} s on s.id = e.member_id
    union all select e.member_id, e.returned_on, 'return'
      from mobility_episodes e join ${members} s on s.id = e.member_id where e.returned_on is not null
    union all select d.member_id, d.decided_at::date, 'restored'
      from standing_cases d join ${members} s on s.id = d.member_id
      where d.kind = 'restore' and d.status = 'approved'`;
}

/**
 * Candidates for the 失联 flag: the single rule (RULES.md §2, 篇七). Time counts from the later of the
 * member's registration in this system and the last fact of factsOf — never from joining the Party,
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
  const rows = await ctx.database.rows(sql`
    with scoped as (
      select m.id, m.name, o.name as org_name, m.created_at::date as registered_on,
        (select e.destination_region from mobility_episodes e where e.member_id = m.id and e.status = 'open'
          order by e.left_on desc limit 1) as away_to,
        exists (select 1 from mobility_episodes e where e.member_id = m.id and e.status = 'open') as away
      from members m join orgs o on o.id = m.org_id
      where ${org ? sql`o.path <@ ${org.path}::ltree` : sql`true`}
        and m.exit_kind is null and not m.lost_contact and m.standing = 'normal'),
    facts as (${factsOf(sql`scoped`)}),
    last as (
      select member_id, max(on_date) as on_date, (array_agg(kind order by on_date desc))[1] as kind
      from facts group by member_id),
    judged as (
      select s.id, s.name, s.org_name, s.away, s.away_to,
        greatest(s.registered_on, l.on_date) as since,
        case when l.on_date is null or l.on_date < s.registered_on then 'registration' else l.kind end as since_kind
      from scoped s left join last l on l.member_id = s.id
      where s.away or l.member_id is not null)
    select j.id as "memberId", j.name, j.org_name as "orgName", j.away as mobile,
      j.away_to as "destinationRegion", j.since::text as "lastSeenOn", j.since_kind as "lastSeenKind",
      (select count(*)::int from contact_attempts c where c.member_id = j.id and not c.reached
         and c.contacted_on > coalesce((select max(c2.contacted_on) from contact_attempts c2
           where c2.member_id = j.id and c2.reached), '1900-01-01')) as "failedAttempts",
      (select c.channel from contact_attempts c where c.member_id = j.id and c.reached
         order by c.contacted_on desc limit 1) as "lastChannel"
    from (select * from judged where since < ${cutoff} order by since, id limit 500) j
    order by j.since, j.id`);
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

/** What the caller may do now, and if not, why (shown by the console next to the disabled action). */
export interface Ability {
  allowed: boolean;
  reason: string | null;
}
const allowed: Ability = { allowed: true, reason: null };
const refused = (reason: string): Ability => ({ allowed: false, reason });

interface StandingFacts {
  standing: string;
  lostContact: boolean;
  lostContactSince: string | null;
  /** The day the 停止党籍 was approved. */
  stoppedOn: string | null;
  pending: boolean;
  abroadGround: boolean;
}

/**
 * Whether a step of the regulation's path may be proposed now (RULES.md §2, 篇七): 停止党籍 after 6
 * months lost (or on the abroad ground), 自行脱党 after 2 years stopped, 恢复党籍 for a member lost or
 * stopped; never beside a case still pending. The one rule for proposing and for offering the action.
 */
function proposeAbility(
  policy: MobilityPolicy,
  f: StandingFacts,
  kind: CaseKind,
  reasonCode: string | undefined,
  now: string,
): Ability {
  if (kind === 'stop') {
    if (f.standing === 'stopped') return refused('该党员已停止党籍');
    // 出国(境) stands on its own ground (RULES.md §2); a member lost with reason code 出国(境) but
    // without that ground still goes the lost-contact way below.
    const abroad = reasonCode === 'abroad' && f.abroadGround;
    if (!abroad && !f.lostContact) {
      return refused(
        reasonCode === 'abroad'
          ? `出国（境）定居，或出国（境）学习研究超过 ${policy.abroadStudyStopYears} 年未归的，方可以出国（境）为由停止党籍；该党员没有这样的外出登记`
          : '须先标记为失联党员',
      );
    }
    if (!abroad && f.lostContactSince && f.lostContactSince > addMonths(now, -policy.lostContactMonths)) {
      return refused(`失去联系满 ${policy.lostContactMonths} 个月方可提出停止党籍`);
    }
  }
  if (kind === 'lapse') {
    if (f.standing !== 'stopped') return refused('只能对已停止党籍的党员提出按自行脱党除名');
    if (!f.stoppedOn || f.stoppedOn > addMonths(now, -12 * policy.stopToLapseYears)) {
      const from = f.stoppedOn
        ? `（${f.stoppedOn} 停止党籍，${addMonths(f.stoppedOn, 12 * policy.stopToLapseYears)} 起可提出）`
        : '';
      return refused(`停止党籍满 ${policy.stopToLapseYears} 年仍无法取得联系的，方可按自行脱党处理${from}`);
    }
  }
  if (kind === 'restore' && f.standing !== 'stopped' && !f.lostContact) return refused('该党员党籍正常');
  if (f.pending) return refused('该党员已有待审批的事项');
  return allowed;
}

const stoppedOnOf = (member: SQL) => sql`(select max(s.decided_at)::date::text from standing_cases s
  where s.member_id = ${member} and s.kind = 'stop' and s.status = 'approved')`;
const pendingOf = (member: SQL) =>
  sql`exists (select 1 from standing_cases s where s.member_id = ${member} and s.status = 'pending')`;

const committeeTypes = ['committee', 'working_committee'];

export const meetingBodies = ['branch_committee', 'branch_general_meeting'] as const;
export interface BranchMeeting {
  /** The day the branch decided. */
  on: string;
  /** 支部委员会 or 支部大会. */
  body: (typeof meetingBodies)[number];
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

/**
 * Proposes a step of the regulation's path: 停止党籍 (lost contact ≥ 6 months, or abroad on the
 * ground of abroadGround), removal as 自行脱党 (stopped for 2 years), or 恢复党籍 (contact restored).
 * The branch decides first (its meeting and vote are recorded, RULES.md §2 "branch decides, committee
 * approves"); the nearest committee above then approves.
 */
export async function proposeCase(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { kind: CaseKind; reasonCode?: string; note?: string; meeting: BranchMeeting },
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
  const [facts] = await ctx.database.rows<{ stoppedOn: string | null; pending: boolean }>(sql`
    select ${stoppedOnOf(sql`${member.id}::uuid`)} as "stoppedOn", ${pendingOf(sql`${member.id}::uuid`)} as pending`);
  const ability = proposeAbility(
    policy,
    {
      standing: member.standing,
      lostContact: member.lostContact,
      lostContactSince: member.lostContactSince,
      stoppedOn: facts?.stoppedOn ?? null,
      pending: facts?.pending ?? false,
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
  const [deciding] = await ctx.database.rows<{ id: string }>(sql`
    select a.id from orgs a where a.path @> ${member.orgPath}::ltree
      and a.type in (${sql.join(
        committeeTypes.map((t) => sql`${t}`),
        sql`, `,
      )})
    order by nlevel(a.path) desc limit 1`);
  const id = randomUUID();
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(standingCases).values({
      id,
      memberId: member.id,
      kind: input.kind,
      reasonCode: input.reasonCode ?? null,
      note: input.note ?? null,
      proposedBy: actor.username,
      proposerOrgId: actor.orgId,
      decidingOrgId: deciding?.id ?? null,
      meetingOn: meeting.on,
      meetingBody: meeting.body,
      votesFor: meeting.votesFor,
      votesAgainst: meeting.votesAgainst,
      votesAbstain: meeting.votesAbstain,
    });
    await recordAudit(tx, actor, {
      action: `standing.propose_${input.kind}`,
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { caseId: id, ...input, proposerOrgId: actor.orgId, decidingOrgId: deciding?.id ?? null },
    });
  });
  return {
    id,
    memberId: member.id,
    kind: input.kind,
    status: 'pending',
    decidingOrgId: deciding?.id ?? null,
  };
}

/**
 * Who may approve (RULES.md §2 "committee approves"): an administrator or manager of a committee
 * (党委/党工委) whose scope holds the member — the global administrator too — and never the person
 * who proposed it (four eyes). `actorOrgType` is the type of the caller's own organization.
 */
function decideAbility(
  actor: Actor,
  actorOrgType: string | null,
  c: { status: string; proposedBy: string },
): Ability & { code?: ErrorCode } {
  const no = (code: ErrorCode) => ({ allowed: false, reason: defaultMessage(code), code });
  if (!can(actor, 'standingCase.decide')) return no('COMMITTEE_REQUIRED');
  if (c.status !== 'pending') return no('CASE_DECIDED');
  if (actor.orgId && !committeeTypes.includes(actorOrgType ?? '')) return no('COMMITTEE_REQUIRED');
  if (c.proposedBy === actor.username) return no('SAME_PERSON_DECISION');
  return allowed;
}

async function ownOrgType(ctx: AppContext, actor: Actor): Promise<string | null> {
  if (!actor.orgId) return null;
  const [own] = await ctx.database.rows<{ type: string }>(
    sql`select type from orgs where id = ${actor.orgId}`,
  );
  return own?.type ?? null;
}

/** Decided by a committee (党委/党工委) above the member's branch, or a global administrator. */
export async function decideCase(
  ctx: AppContext,
  actor: Actor,
  caseId: string,
  input: { approve: boolean; note?: string },
) {
  authorize(actor, 'standingCase.decide');
  if (!isUuid(caseId)) throw new AppError('CASE_NOT_FOUND');
  const [c] = await ctx.database.rows<{
    id: string;
    memberId: string;
    kind: CaseKind;
    status: string;
    reasonCode: string | null;
    proposedBy: string;
  }>(
    sql`select id, member_id as "memberId", kind, status, reason_code as "reasonCode", proposed_by as "proposedBy"
        from standing_cases where id = ${caseId}`,
  );
  if (!c) throw new AppError('CASE_NOT_FOUND');
  const member = await loadMemberInScope(ctx, actor, c.memberId).catch(() => {
    throw new AppError('CASE_NOT_FOUND');
  });
  const ability = decideAbility(actor, await ownOrgType(ctx, actor), c);
  if (!ability.allowed) throw new AppError(ability.code ?? 'FORBIDDEN');
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

/**
 * The cases of the scope, each with who proposed it from which organization, the branch's meeting and
 * vote, the committee that decides, and whether the caller may decide it now (`abilities.decide`).
 */
export async function listCases(ctx: AppContext, actor: Actor, q: { orgId?: string; status?: string }) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const [rows, actorOrgType] = await Promise.all([
    ctx.database.rows<Record<string, unknown> & { status: string; proposedBy: string }>(sql`
    select c.id, c.member_id as "memberId", m.name as "memberName", o.name as "orgName", c.kind, c.reason_code as "reasonCode",
      c.note, c.status, c.proposed_by as "proposedBy", po.name as "proposerOrgName",
      ${isoTimestamp(sql`c.proposed_at`)} as "proposedAt", c.decided_by as "decidedBy",
      ${isoTimestamp(sql`c.decided_at`)} as "decidedAt", c.decision_note as "decisionNote",
      c.deciding_org_id as "decidingOrgId", dc.name as "decidingOrgName",
      case when c.meeting_on is null then null else json_build_object('on', c.meeting_on::text,
        'body', c.meeting_body, 'votesFor', c.votes_for, 'votesAgainst', c.votes_against,
        'votesAbstain', c.votes_abstain) end as meeting
    from standing_cases c join members m on m.id = c.member_id join orgs o on o.id = m.org_id
      left join orgs po on po.id = c.proposer_org_id left join orgs dc on dc.id = c.deciding_org_id
    where ${org ? sql`o.path <@ ${org.path}::ltree` : sql`true`} ${q.status ? sql`and c.status = ${q.status}` : sql``}
    order by c.proposed_at desc limit 500`),
    ownOrgType(ctx, actor),
  ]);
  const items = rows.map((r) => {
    const { code: _, ...decide } = decideAbility(actor, actorOrgType, r);
    return { ...r, abilities: { decide } };
  });
  return { items };
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
  const rows = await ctx.database.rows<
    StandingFacts & {
      id: string;
      name: string;
      orgName: string;
      orgPath: string;
      lostContactReason: string | null;
      stopReason: string | null;
    }
  >(sql`
    select m.id, m.name, o.name as "orgName", o.path::text as "orgPath", m.standing, m.stop_reason as "stopReason",
      m.lost_contact as "lostContact", m.lost_contact_since::text as "lostContactSince",
      m.lost_contact_reason as "lostContactReason", ${stoppedOnOf(sql`m.id`)} as "stoppedOn",
      ${pendingOf(sql`m.id`)} as pending,
      exists (select 1 from mobility_episodes e where ${ground.where}) as "abroadGround"
    from members m join orgs o on o.id = m.org_id
    where ${org ? sql`o.path <@ ${org.path}::ltree` : sql`true`} and m.exit_kind is null
      and (m.lost_contact or m.standing = 'stopped')
    order by m.standing desc, m.lost_contact_since nulls last, m.name, m.id limit 500`);
  const now = today();
  const writer = can(actor, 'member.write');
  const items = rows.map(({ orgPath, pending, abroadGround: abroadOk, ...r }) => {
    const policy = policyOf(orgPath) as MobilityPolicy;
    const facts = { ...r, pending, abroadGround: abroadOk };
    const ability = (kind: CaseKind) => {
      if (!writer) return refused('无权提出党籍处置事项');
      const lost = proposeAbility(policy, facts, kind, undefined, now);
      return kind === 'stop' && !lost.allowed && abroadOk
        ? proposeAbility(policy, facts, kind, 'abroad', now)
        : lost;
    };
    return {
      memberId: r.id,
      name: r.name,
      orgName: r.orgName,
      standing: r.standing,
      stopReason: r.stopReason,
      lostContact: r.lostContact,
      lostContactSince: r.lostContactSince?.slice(0, 7) ?? null,
      lostContactReason: r.lostContactReason,
      stoppedOn: r.stoppedOn,
      pending,
      abilities: { stop: ability('stop'), lapse: ability('lapse'), restore: ability('restore') },
    };
  });
  return { items };
}
