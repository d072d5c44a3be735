import { regionName } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { type Actor, isUuid } from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';

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
  reason: string | null;
  destinationRegion: string | null;
  abroad: boolean;
  fixedPlace: boolean;
  hostHasPartyOrg: boolean;
  contactEnc: string | null;
  contactMasked: string | null;
  /** Null until the stay is known: no document can be chosen yet (待补全). */
  requiredDocument: string | null;
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
  ${actor.orgPath === null ? sql`true` : sql`mo.path <@ ${actor.orgPath}::ltree`} as "isOrigin"`;

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
  if (actor.orgPath === null) return sql`true`;
  return sql`(mo.path <@ ${actor.orgPath}::ltree or io.path <@ ${actor.orgPath}::ltree)`;
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
