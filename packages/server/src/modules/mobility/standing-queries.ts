import {
  addMonths,
  type ContactChannel,
  type MeetingBody,
  type MobilityPolicy,
  type OutflowReason,
  type StandingCaseKind,
  type StandingCaseStatus,
} from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { type Actor, isUuid, isWithin } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { isoTimestamp } from '../../lib/schemas.js';

/** The organizations that approve a case on standing (RULES.md §2 "committee approves"): 党委 and 党工委. */
export const committeeTypes = ['committee', 'working_committee'];

/**
 * The facts by which the organization last had a member (RULES.md §2 "Lost-contact time counts from the
 * last organizational-life or dues date"; 篇七: a lost member is one the organization cannot reach):
 * a successful contact, organizational life attended, a thought report, the departure or return report,
 * a restored standing, the last dues payment (a paid month's payment day). `members` is a relation of the
 * members in question (column id).
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
      where d.kind = 'restore' and d.status = 'approved'
    union all select p.member_id, max(p.paid_on), 'dues'
      from dues_payment_months p join ${members} s on s.id = p.member_id group by p.member_id`;
}

export interface LostContactCandidateRow {
  memberId: string;
  name: string;
  orgName: string;
  mobile: boolean;
  destinationRegion: string | null;
  lastSeenOn: string;
  lastSeenKind: 'registration' | 'contact' | 'life' | 'report' | 'departure' | 'return' | 'restored' | 'dues';
  failedAttempts: number;
  lastChannel: ContactChannel | null;
}

/**
 * The members of `scope` (a condition on `o`, the member's organization) not seen since `cutoff`: time
 * counts from the later of the registration and the last fact of factsOf, and only members away or
 * with facts on record are asked at all (see lostContactCandidates).
 */
export function lostContactCandidateRows(ctx: AppContext, scope: SQL, cutoff: string) {
  return ctx.database.rows<LostContactCandidateRow>(sql`
    with scoped as (
      select m.id, m.name, o.name as org_name, m.created_at::date as registered_on,
        (select e.destination_region from mobility_episodes e where e.member_id = m.id and e.status = 'open'
          order by e.left_on desc limit 1) as away_to,
        exists (select 1 from mobility_episodes e where e.member_id = m.id and e.status = 'open') as away
      from members m join orgs o on o.id = m.org_id
      where ${scope} and m.exit_kind is null and not m.lost_contact and m.standing = 'normal'),
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
    from (select id, name, org_name, away, away_to, since, since_kind from judged
          where since < ${cutoff} order by since, id limit 500) j
    order by j.since, j.id`);
}

/**
 * The regulation's ground for stopping the standing of a member abroad (RULES.md §2: "settled abroad,
 * or abroad for study more than 5 years without return ⇒ standing generally stopped"): an open
 * episode abroad for study that left more than the policy's years ago, or, with `settled`, an open
 * episode abroad at a fixed place (定居: the register has no other fact for it, and the committee
 * still decides). A student's fixed place abroad is not settling there: study has its own clock.
 * `e` is the episode, `m` the member.
 */
export function abroadGround(policy: MobilityPolicy, opts: { settled: boolean }) {
  const cutoff = addMonths(today(), -12 * policy.abroadStudyStopYears);
  const study = sql`(e.reason = 'study' and e.left_on < ${cutoff})`;
  const settled = sql`(e.reason <> 'study' and e.fixed_place)`;
  return {
    cutoff,
    where: sql`e.member_id = m.id and e.status = 'open' and e.abroad
      and ${opts.settled ? sql`(${study} or ${settled})` : study}`,
  };
}

export interface AbroadCandidateRow {
  memberId: string;
  name: string;
  orgName: string;
  leftOn: string;
  years: number;
  reason: OutflowReason;
}

/** Members of `scope` of normal standing, nothing pending, abroad on the study ground of `ground`. */
export function abroadCandidateRows(ctx: AppContext, scope: SQL, ground: SQL) {
  return ctx.database.rows<AbroadCandidateRow>(sql`
    select m.id as "memberId", m.name, o.name as "orgName", e.left_on::text as "leftOn",
      extract(year from age(${today()}::date, e.left_on))::int as years, e.reason
    from members m join orgs o on o.id = m.org_id join mobility_episodes e on ${ground}
    where ${scope} and m.exit_kind is null and m.standing = 'normal'
      and not exists (select 1 from standing_cases s where s.member_id = m.id and s.status = 'pending')
    order by e.left_on, m.id limit 500`);
}

export async function hasAbroadGround(ctx: AppContext, memberId: string, policy: MobilityPolicy) {
  const ground = abroadGround(policy, { settled: true });
  const rows = await ctx.database.rows(sql`
    select 1 from members m join mobility_episodes e on ${ground.where} where m.id = ${memberId}`);
  return rows.length > 0;
}

const stoppedOnOf = (member: SQL) => sql`(select max(s.decided_at)::date::text from standing_cases s
  where s.member_id = ${member} and s.kind = 'stop' and s.status = 'approved')`;
const pendingOf = (member: SQL) =>
  sql`exists (select 1 from standing_cases s where s.member_id = ${member} and s.status = 'pending')`;

/** The day the member's 停止党籍 was approved, and whether a case of theirs is still pending. */
export async function caseFactsOf(ctx: AppContext, memberId: string) {
  const [facts] = await ctx.database.rows<{ stoppedOn: string | null; pending: boolean }>(sql`
    select ${stoppedOnOf(sql`${memberId}::uuid`)} as "stoppedOn", ${pendingOf(sql`${memberId}::uuid`)} as pending`);
  return { stoppedOn: facts?.stoppedOn ?? null, pending: facts?.pending ?? false };
}

/** The committee that approves a case of a member of the organization at `orgPath`: the nearest above. */
export async function decidingCommitteeOf(ctx: AppContext, orgPath: string) {
  const [deciding] = await ctx.database.rows<{ id: string }>(sql`
    select a.id from orgs a where ${isWithin(sql`${orgPath}::ltree`, sql`a.path`)}
      and a.type in (${sql.join(
        committeeTypes.map((t) => sql`${t}`),
        sql`, `,
      )})
    order by nlevel(a.path) desc limit 1`);
  return deciding?.id ?? null;
}

/** The type of the caller's own organization (null for the system administrator). */
export async function ownOrgType(ctx: AppContext, actor: Actor): Promise<string | null> {
  if (!actor.orgId) return null;
  const [own] = await ctx.database.rows<{ type: string }>(
    sql`select type from orgs where id = ${actor.orgId}`,
  );
  return own?.type ?? null;
}

export interface CaseRow {
  id: string;
  memberId: string;
  kind: StandingCaseKind;
  status: StandingCaseStatus;
  reasonCode: string | null;
  proposedBy: string;
}

export async function loadCase(ctx: AppContext, caseId: string): Promise<CaseRow | undefined> {
  if (!isUuid(caseId)) return undefined;
  const [c] = await ctx.database.rows<CaseRow>(
    sql`select id, member_id as "memberId", kind, status, reason_code as "reasonCode", proposed_by as "proposedBy"
        from standing_cases where id = ${caseId}`,
  );
  return c;
}

export interface CaseListRow extends CaseRow {
  memberName: string;
  orgName: string;
  note: string | null;
  proposerOrgName: string | null;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  decidingOrgId: string | null;
  decidingOrgName: string | null;
  meeting: {
    on: string;
    body: MeetingBody;
    votesFor: number;
    votesAgainst: number;
    votesAbstain: number;
  } | null;
}

/** The cases of members in `scope` (a condition on `o`, the member's organization), newest first. */
export function caseRows(ctx: AppContext, scope: SQL, status: string | undefined) {
  return ctx.database.rows<CaseListRow>(sql`
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
    where ${scope} ${status ? sql`and c.status = ${status}` : sql``}
    order by c.proposed_at desc limit 500`);
}

export interface StandingMemberRow {
  id: string;
  name: string;
  orgName: string;
  orgPath: string;
  standing: 'normal' | 'stopped';
  stopReason: string | null;
  lostContact: boolean;
  lostContactSince: string | null;
  lostContactReason: string | null;
  stoppedOn: string | null;
  pending: boolean;
  abroadGround: boolean;
}

/** Members of `scope` lost or stopped, with the facts their next step depends on. */
export function standingMemberRows(ctx: AppContext, scope: SQL, ground: SQL) {
  return ctx.database.rows<StandingMemberRow>(sql`
    select m.id, m.name, o.name as "orgName", o.path::text as "orgPath", m.standing, m.stop_reason as "stopReason",
      m.lost_contact as "lostContact", m.lost_contact_since::text as "lostContactSince",
      m.lost_contact_reason as "lostContactReason", ${stoppedOnOf(sql`m.id`)} as "stoppedOn",
      ${pendingOf(sql`m.id`)} as pending,
      exists (select 1 from mobility_episodes e where ${ground}) as "abroadGround"
    from members m join orgs o on o.id = m.org_id
    where ${scope} and m.exit_kind is null
      and (m.lost_contact or m.standing = 'stopped')
    order by m.standing desc, m.lost_contact_since nulls last, m.name, m.id limit 500`);
}
