import type { OrgType, PostKind } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';

export interface OrgRow {
  id: string;
  parentId: string | null;
  path: string;
  name: string;
  type: OrgType;
  regionCode: string | null;
  units: number | null;
  termStartedOn: string | null;
  termEndsOn: string | null;
  dissolvedAt: string | null;
  mergedInto: string | null;
  childCount: number;
  memberCount: number;
  fullMemberCount: number;
}

export interface PostRow {
  id: string;
  memberId: string;
  memberName: string;
  kind: PostKind;
  startedOn: string;
  endsOn: string | null;
}

const orgColumns = sql`o.id, o.parent_id as "parentId", o.path::text as path, o.name, o.type,
  o.region_code as "regionCode", o.units, o.term_started_on::text as "termStartedOn",
  o.term_ends_on::text as "termEndsOn", o.dissolved_at as "dissolvedAt", o.merged_into as "mergedInto",
  (select count(*)::int from orgs c where c.parent_id = o.id and c.dissolved_at is null) as "childCount",
  (select count(*)::int from members m where m.org_id = o.id and m.exit_kind is null) as "memberCount",
  (select count(*)::int from members m where m.org_id = o.id and m.exit_kind is null and m.kind = 'full')
    as "fullMemberCount"`;

export async function findOrgRow(ctx: AppContext, id: string): Promise<OrgRow | undefined> {
  const [row] = await ctx.database.rows<OrgRow>(sql`select ${orgColumns} from orgs o where o.id = ${id}`);
  return row;
}

export function findChildRows(ctx: AppContext, parentId: string, includeDissolved: boolean) {
  return ctx.database.rows<OrgRow>(sql`
    select ${orgColumns} from orgs o where o.parent_id = ${parentId}
    ${includeDissolved ? sql`` : sql`and o.dissolved_at is null`} order by o.name, o.id`);
}

/** At most 50 organizations matching `where` (a condition on `o`), the highest in the tree first. */
export function findOrgRows(ctx: AppContext, where: SQL) {
  return ctx.database.rows<OrgRow>(
    sql`select ${orgColumns} from orgs o where ${where} order by nlevel(o.path), o.name limit 50`,
  );
}

export async function findOrgName(ctx: AppContext, id: string): Promise<string | null> {
  const [row] = await ctx.database.rows<{ name: string }>(sql`select name from orgs where id = ${id}`);
  return row?.name ?? null;
}

export async function findOrgType(ctx: AppContext, id: string): Promise<OrgType | null> {
  const [row] = await ctx.database.rows<{ type: OrgType }>(sql`select type from orgs where id = ${id}`);
  return row?.type ?? null;
}

export async function findParentId(ctx: AppContext, id: string): Promise<string | null> {
  const [row] = await ctx.database.rows<{ parentId: string | null }>(
    sql`select parent_id as "parentId" from orgs where id = ${id}`,
  );
  return row?.parentId ?? null;
}

export function findLiveChildren(ctx: AppContext, id: string) {
  return ctx.database.rows<{ id: string; path: string; type: OrgType }>(
    sql`select id, path::text as path, type from orgs where parent_id = ${id} and dissolved_at is null`,
  );
}

export function findPosts(ctx: AppContext, orgId: string, ex?: Executor) {
  return ctx.database.rows<PostRow>(
    sql`select p.id, p.member_id as "memberId", m.name as "memberName", p.kind,
          p.started_on::text as "startedOn", p.ends_on::text as "endsOn"
        from org_posts p join members m on m.id = p.member_id
        where p.org_id = ${orgId} order by p.started_on desc, p.kind`,
    ex,
  );
}

/** A current member of the organizations matching `scope` (a condition on `o.path`). */
export async function currentMemberIn(ctx: AppContext, memberId: string, scope: SQL): Promise<boolean> {
  const rows = await ctx.database.rows(sql`
    select m.id from members m join orgs o on o.id = m.org_id
    where m.id = ${memberId} and ${scope} and m.exit_kind is null`);
  return rows.length > 0;
}
