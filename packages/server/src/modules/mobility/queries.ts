import {
  type ContactChannel,
  type LetterKind,
  type LetterStatus,
  type MobilityObligationKind,
  mobilityObligationKinds,
  type ObligationState,
  type OutflowReason,
  type RequiredDocument,
  regionName,
} from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { type Actor, isUuid, subtree, underOrg } from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';
import { isoTimestamp } from '../../lib/schemas.js';

export interface EpisodeRow {
  id: string;
  memberId: string;
  memberName: string;
  memberOrgId: string;
  memberOrgPath: string;
  originOrgId: string;
  originOrgName: string;
  /** Null while needsCompletion (a register mark the secretary has not completed). */
  leftOn: string | null;
  expectedMonths: number | null;
  reason: OutflowReason | null;
  destinationRegion: string | null;
  abroad: boolean;
  fixedPlace: boolean;
  hostHasPartyOrg: boolean;
  contactEnc: string | null;
  contactMasked: string | null;
  /** Null until the stay is known: no document can be chosen yet (待补全). */
  requiredDocument: RequiredDocument | null;
  rule: string;
  needsCompletion: boolean;
  expectedReturnOn: string | null;
  relationshipCanMove: boolean;
  inflowOrgId: string | null;
  inflowOrgName: string | null;
  inflowOn: string | null;
  status: 'open' | 'returned';
  returnedOn: string | null;
  returnNote: string | null;
  /** Whether the actor holds the member (origin side) rather than only hosting them. */
  isOrigin: boolean;
}

export const episodeColumns = (actor: Actor) => sql`e.id, e.member_id as "memberId", m.name as "memberName",
  m.org_id as "memberOrgId", mo.path::text as "memberOrgPath", e.origin_org_id as "originOrgId",
  oo.name as "originOrgName", e.left_on::text as "leftOn", e.expected_months as "expectedMonths", e.reason,
  e.destination_region as "destinationRegion", e.abroad, e.fixed_place as "fixedPlace",
  e.host_has_party_org as "hostHasPartyOrg", e.contact_enc as "contactEnc", e.contact_masked as "contactMasked",
  e.required_document as "requiredDocument", e.rule, e.needs_completion as "needsCompletion",
  e.expected_return_on::text as "expectedReturnOn", e.relationship_can_move as "relationshipCanMove", e.inflow_org_id as "inflowOrgId",
  coalesce(io.name, e.inflow_org_name) as "inflowOrgName", e.inflow_on::text as "inflowOn", e.status,
  e.returned_on::text as "returnedOn", e.return_note as "returnNote",
  ${isOrigin(actor)} as "isOrigin"`;

/** A member sees their own episodes as their organization does; staff hold the member or only host them. */
function isOrigin(actor: Actor): SQL {
  return actor.role === 'member' ? sql`true` : subtree(actor, sql`mo.path`);
}

/**
 * The episodes that make a member mobile (RULES.md §2: away longer than a leave): open, and needing a
 * document or not yet completed. `members.mobile` is derived from exactly this (register.ts).
 */
export const mobileEpisode = sql`(e.status = 'open' and e.required_document is distinct from 'none')`;

/** Where an episode's periods start: the departure, or the day the register told of it (待补全). */
export const episodeStart = sql`coalesce(e.left_on, e.created_at::date)`;

/** A stay abroad has no GB/T 2260 code; the ledger and the certificate name its place as 境外. */
export function destinationNameOf(ctx: AppContext, e: { abroad: boolean; destinationRegion: string | null }) {
  if (e.abroad) return '境外';
  return e.destinationRegion ? regionName(ctx.regions, e.destinationRegion) : null;
}

export const episodeFrom = sql`mobility_episodes e join members m on m.id = e.member_id
  join orgs mo on mo.id = m.org_id join orgs oo on oo.id = e.origin_org_id
  left join orgs io on io.id = e.inflow_org_id`;

/** Both sides see an episode: the organization holding the member, and the host it flowed into. */
export function episodeVisible(actor: Actor): SQL {
  if (actor.role === 'member') return sql`e.member_id = ${actor.memberId}`;
  return sql`(${subtree(actor, sql`mo.path`)} or ${subtree(actor, sql`io.path`)})`;
}

export async function loadEpisode(
  ctx: AppContext,
  actor: Actor,
  id: string,
  opts: { originOnly?: boolean; ex?: Executor } = {},
): Promise<EpisodeRow> {
  if (!isUuid(id)) throw new AppError('EPISODE_NOT_FOUND');
  const [row] = await ctx.database.rows<EpisodeRow>(
    sql`select ${episodeColumns(actor)} from ${episodeFrom} where e.id = ${id} and ${episodeVisible(actor)}`,
    opts.ex,
  );
  if (!row) throw new AppError('EPISODE_NOT_FOUND');
  if (opts.originOnly && !row.isOrigin) throw new AppError('EPISODE_NOT_FOUND');
  return row;
}

/** An episode as seen from the ledger of either side: the organization holding it, or a host. */
export function episodeUnder(actor: Actor, org: { path: string } | null): SQL {
  return sql`(${underOrg(actor, org, sql`mo.path`)} or ${underOrg(actor, org, sql`io.path`)})`;
}

/** Whose episode it is, for registering an arrival by the certificate's code. */
export async function episodeHolder(ctx: AppContext, episodeId: string) {
  const [row] = await ctx.database.rows<{ memberId: string; status: string; memberName: string }>(sql`
    select e.member_id as "memberId", e.status, m.name as "memberName" from mobility_episodes e
    join members m on m.id = e.member_id where e.id = ${episodeId}`);
  return row ?? null;
}

export interface InflowRow {
  id: string;
  hostOrgId: string;
  hostOrgName: string;
  episodeId: string | null;
  name: string;
  originOrgName: string;
  certificateNumber: string | null;
  contact: string | null;
  arrivedOn: string;
  status: 'open' | 'returned';
  internal: boolean;
}

/** Inflow records of hosts under the organization (else the actor's scope), latest arrival first. */
export function inflowRows(ctx: AppContext, actor: Actor, org: { path: string } | null) {
  return ctx.database.rows<InflowRow>(sql`
    select i.id, i.host_org_id as "hostOrgId", h.name as "hostOrgName", i.episode_id as "episodeId", i.name,
      coalesce(oo.name, i.origin_org_name) as "originOrgName", i.certificate_number as "certificateNumber",
      coalesce(e.contact_masked, i.contact_masked) as contact, i.arrived_on::text as "arrivedOn",
      coalesce(e.status, case when i.left_on is null then 'open' else 'returned' end) as status,
      (i.episode_id is not null) as internal
    from inflow_members i join orgs h on h.id = i.host_org_id
    left join mobility_episodes e on e.id = i.episode_id left join orgs oo on oo.id = e.origin_org_id
    where ${underOrg(actor, org, sql`h.path`)}
    order by i.arrived_on desc limit 500`);
}

export interface ReportRow {
  id: string;
  memberId: string;
  memberName: string;
  month: string;
  content: string;
  submittedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  reply: string | null;
}
export type OwnReportRow = Omit<ReportRow, 'memberId' | 'memberName' | 'acknowledgedBy'>;

export function ownReportRows(ctx: AppContext, memberId: string | null) {
  return ctx.database.rows<OwnReportRow>(sql`
    select id, month, content, ${isoTimestamp(sql`submitted_at`)} as "submittedAt",
      ${isoTimestamp(sql`acknowledged_at`)} as "acknowledgedAt", reply
    from thought_reports where member_id = ${memberId} order by month desc`);
}

/** Reports of members under the organization (else the actor's scope), latest submitted first. */
export function reportRows(
  ctx: AppContext,
  actor: Actor,
  org: { path: string } | null,
  q: { memberId?: string; pending: boolean },
) {
  return ctx.database.rows<ReportRow>(sql`
    select r.id, r.member_id as "memberId", m.name as "memberName", r.month, r.content,
      ${isoTimestamp(sql`r.submitted_at`)} as "submittedAt", ${isoTimestamp(sql`r.acknowledged_at`)} as "acknowledgedAt",
      r.acknowledged_by as "acknowledgedBy", r.reply
    from thought_reports r join members m on m.id = r.member_id join orgs o on o.id = m.org_id
    where ${underOrg(actor, org, sql`o.path`)}
      ${q.memberId ? sql`and r.member_id = ${q.memberId}` : sql``}
      ${q.pending ? sql`and r.acknowledged_at is null` : sql``}
    order by r.submitted_at desc limit 500`);
}

export async function reportMember(ctx: AppContext, reportId: string) {
  const [row] = await ctx.database.rows<{ memberId: string }>(
    sql`select member_id as "memberId" from thought_reports where id = ${reportId}`,
  );
  return row ?? null;
}

export type LedgerRow = EpisodeRow & {
  lastContactOn: string | null;
  lastReportMonth: string | null;
  worstState: ObligationState | null;
  letter: { kind: LetterKind; number: string; status: LetterStatus; validUntil: string } | null;
};

/** One page of the 外出党员登记簿 and the number of its lines. */
export async function ledgerPage(ctx: AppContext, actor: Actor, where: SQL, page: number, pageSize: number) {
  const [rows, [count]] = await Promise.all([
    ctx.database.rows<LedgerRow>(sql`
      select ${episodeColumns(actor)},
        (select json_build_object('kind', l.kind, 'number', l.number, 'status', l.status, 'validUntil', l.valid_until::text)
           from letters l where l.episode_id = e.id order by l.created_at desc limit 1) as "letter",
        (select max(c.contacted_on)::text from contact_attempts c where c.member_id = e.member_id and c.reached) as "lastContactOn",
        (select max(r.month) from thought_reports r where r.member_id = e.member_id) as "lastReportMonth",
        (select b.state from obligations b where b.member_id = e.member_id
           order by case b.state when 'breached' then 0 when 'overdue' then 1 when 'due_soon' then 2 else 3 end limit 1) as "worstState"
      from ${episodeFrom} where ${where}
      order by e.left_on desc, e.id limit ${pageSize} offset ${(page - 1) * pageSize}`),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from ${episodeFrom} where ${where}`),
  ]);
  return { rows, total: count?.n ?? 0 };
}

export interface ContactRow {
  id: string;
  contactedOn: string;
  channel: ContactChannel;
  reached: boolean;
  note: string | null;
  byName: string | null;
}

export interface LedgerObligationRow {
  kind: MobilityObligationKind;
  period: string;
  dueOn: string;
  state: ObligationState;
  fulfilledOn: string | null;
}

/** The records of one member the 一人一台账 lists beside the episodes. */
export function memberRecords(ctx: AppContext, actor: Actor, memberId: string) {
  return Promise.all([
    ctx.database.rows<ContactRow>(sql`select id, contacted_on::text as "contactedOn", channel, reached, note, by_name as "byName"
      from contact_attempts where member_id = ${memberId} order by contacted_on desc, created_at desc limit 200`),
    ctx.database.rows<Omit<ReportRow, 'memberId' | 'memberName'>>(sql`select id, month, content,
      ${isoTimestamp(sql`submitted_at`)} as "submittedAt", ${isoTimestamp(sql`acknowledged_at`)} as "acknowledgedAt",
      acknowledged_by as "acknowledgedBy", reply from thought_reports where member_id = ${memberId} order by month desc limit 60`),
    // The 一人一台账 lists what a mobile member owes while away (篇九); the dues obligations are the dues module's.
    ctx.database.rows<LedgerObligationRow>(sql`select kind, period, due_on::text as "dueOn", state, fulfilled_on::text as "fulfilledOn"
      from obligations where member_id = ${memberId}
        and kind in (${sql.join(
          mobilityObligationKinds.map((k) => sql`${k}`),
          sql`, `,
        )}) order by due_on`),
    // inScope probes the member's one organization; a select-list `org_id in (subtree)` reads the
    // caller's whole subtree (48k organizations at 1M members) on every ledger.
    ctx.database.rows<{
      name: string;
      lostContact: boolean;
      standing: 'normal' | 'stopped';
      exited: boolean;
      inScope: boolean;
    }>(sql`select name, lost_contact as "lostContact", standing, exit_kind is not null as exited,
        exists (select 1 from orgs o where o.id = m.org_id and ${subtree(actor, sql`o.path`)}) as "inScope"
      from members m where m.id = ${memberId}`),
  ]);
}

export type LedgerPrintRow = EpisodeRow & {
  gender: string;
  phoneEnc: string | null;
  phoneMasked: string | null;
  letterKind: LetterKind | null;
  letterNumber: string | null;
  letterStatus: LetterStatus | null;
  letterValidUntil: string | null;
};

/** The paper register's lines matching `parts`, by origin organization and latest departure. */
export function ledgerPrintRows(ctx: AppContext, actor: Actor, parts: SQL[]) {
  return ctx.database.rows<LedgerPrintRow>(sql`
    select ${episodeColumns(actor)}, m.gender, m.phone_enc as "phoneEnc", m.phone_masked as "phoneMasked",
      l.kind as "letterKind", l.number as "letterNumber", l.status as "letterStatus",
      l.valid_until::text as "letterValidUntil"
    from ${episodeFrom}
    left join lateral (select kind, number, status, valid_until from letters
      where episode_id = e.id order by created_at desc limit 1) l on true
    where ${sql.join(parts, sql` and `)}
    order by oo.name, e.left_on desc, e.id limit 10000`);
}
