import type { LetterKind, LetterStatus } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { arrayParam } from '../../db/bulk.js';
import type { Executor } from '../../db/engine.js';
import { type Actor, isUuid, isWithin, memberSubtree } from '../../lib/authz.js';

export interface LetterRow {
  id: string;
  kind: LetterKind;
  number: string;
  code: string;
  status: LetterStatus;
  issuedOn: string;
  validUntil: string;
}

const letterColumns = sql`l.id, l.kind, l.number, l.code, l.status, l.issued_on::text as "issuedOn",
  l.valid_until::text as "validUntil"`;

/** The latest letter of each episode (the one the ledger and the certificate block show), in one query. */
export async function latestLetterRows(ctx: AppContext, episodeIds: string[]) {
  if (episodeIds.length === 0) return [];
  return ctx.database.rows<LetterRow & { episodeId: string }>(sql`
    select distinct on (l.episode_id) l.episode_id as "episodeId", ${letterColumns}
    from letters l where l.episode_id = any(${arrayParam(episodeIds, 'uuid')})
    order by l.episode_id, l.created_at desc`);
}

/** The latest letter of an episode with the name of the committee that issued it (for printing). */
export async function latestLetterWithIssuer(ctx: AppContext, episodeId: string) {
  const [row] = await ctx.database.rows<LetterRow & { issuedBy: string }>(sql`
    select ${letterColumns}, o.name as "issuedBy"
    from letters l join orgs o on o.id = l.issued_by_org_id
    where l.episode_id = ${episodeId} order by l.created_at desc limit 1`);
  return row ?? null;
}

/** The issued letter of an episode, locked for the caller's transaction (at most one is issued). */
export async function lockIssuedLetter(ex: Executor, ctx: AppContext, episodeId: string) {
  const [row] = await ctx.database.rows<{ id: string }>(
    sql`select id from letters where episode_id = ${episodeId} and status = 'issued' for update`,
    ex,
  );
  return row ?? null;
}

/** A letter by the code printed on it (as people type it: any case, stray spaces). */
export async function letterByCode(ctx: AppContext, code: string) {
  const [row] = await ctx.database.rows<{
    kind: LetterKind;
    status: LetterStatus;
    issuedBy: string;
    issuedOn: string;
    validUntil: string;
    memberName: string;
    episodeId: string | null;
  }>(sql`select l.kind, l.status, o.name as "issuedBy", l.issued_on::text as "issuedOn",
      l.valid_until::text as "validUntil", m.name as "memberName", l.episode_id as "episodeId"
    from letters l join orgs o on o.id = l.issued_by_org_id join members m on m.id = l.member_id
    where l.code = ${normalizeCode(code)}`);
  return row ?? null;
}

export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * A letter the actor may act on: one of an episode of a member the actor's organization holds (the
 * origin side; a host sees the episode but does not hold its papers).
 */
export async function letterInScope(ctx: AppContext, actor: Actor, letterId: string) {
  if (!isUuid(letterId)) return null;
  const [row] = await ctx.database.rows<{
    id: string;
    status: LetterStatus;
    episodeId: string | null;
    orgId: string;
    orgPath: string;
  }>(sql`select l.id, l.status, l.episode_id as "episodeId", m.org_id as "orgId", o.path::text as "orgPath"
    from letters l join members m on m.id = l.member_id join orgs o on o.id = m.org_id
    where l.id = ${letterId} and ${memberSubtree(actor, sql`m.org_id`)}`);
  return row ?? null;
}

/** The committee that numbers a letter: the nearest 党委/党工委 above (or at) the organization. */
export async function issuingCommittee(ctx: AppContext, ex: Executor, orgId: string) {
  const [row] = await ctx.database.rows<{ id: string; name: string }>(
    sql`select a.id, a.name from orgs a, orgs t where t.id = ${orgId} and ${isWithin(sql`t.path`, sql`a.path`)}
      order by (a.type in ('committee', 'working_committee')) desc, nlevel(a.path) desc limit 1`,
    ex,
  );
  return row!;
}

/** The next number of a kind, per issuing committee and year. */
export async function nextLetterNumber(
  ctx: AppContext,
  ex: Executor,
  committeeId: string,
  kind: LetterKind,
  year: number,
) {
  const [row] = await ctx.database.rows<{ last: number }>(
    sql`insert into letter_counters (org_id, kind, year, last) values (${committeeId}, ${kind}, ${year}, 1)
      on conflict (org_id, kind, year) do update set last = letter_counters.last + 1 returning last`,
    ex,
  );
  return row!.last;
}
