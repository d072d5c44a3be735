import type { PolicyKind } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { isWithin } from '../../lib/authz.js';

export interface OverrideRow {
  orgId: string | null;
  orgName: string | null;
  version: number;
  effectiveFrom: string;
  document: unknown;
  depth: number;
}

/**
 * The latest override in force on `asOf` of the seed level (no organization) and of each ancestor of
 * `orgId` (itself included); unordered.
 */
export function findOverridesInForce(
  ctx: AppContext,
  orgId: string | null,
  kind: PolicyKind,
  asOf: string,
  ex?: Executor,
) {
  return ctx.database.rows<OverrideRow>(
    sql`
    select distinct on (coalesce(p.org_id::text, '')) p.org_id as "orgId", o.name as "orgName", p.version,
      p.effective_from::text as "effectiveFrom", p.document, coalesce(nlevel(o.path), 0) as depth
    from policies p left join orgs o on o.id = p.org_id
    where p.kind = ${kind} and p.effective_from <= ${asOf}::date
      and (p.org_id is null ${
        orgId
          ? sql`or p.org_id in (select a.id from orgs a, orgs t where t.id = ${orgId} and ${isWithin(sql`t.path`, sql`a.path`)})`
          : sql``
      })
    order by coalesce(p.org_id::text, ''), p.effective_from desc, p.version desc`,
    ex,
  );
}

/** Every override of a kind in force on `asOf`, with its organization's path (null: the seed level). */
export function findAllOverridesInForce(ctx: AppContext, kind: PolicyKind, asOf: string) {
  return ctx.database.rows<{ path: string | null; document: unknown }>(sql`
    select distinct on (coalesce(p.org_id::text, '')) o.path::text as path, p.document
    from policies p left join orgs o on o.id = p.org_id
    where p.kind = ${kind} and p.effective_from <= ${asOf}::date
    order by coalesce(p.org_id::text, ''), p.effective_from desc, p.version desc`);
}

export interface VersionRow {
  id: string;
  kind: PolicyKind;
  version: number;
  effectiveFrom: string;
  document: Record<string, unknown>;
  createdAt: string | Date;
  createdBy: string | null;
}

export function findVersions(ctx: AppContext, orgId: string) {
  return ctx.database.rows<VersionRow>(sql`
    select p.id, p.kind, p.version, p.effective_from::text as "effectiveFrom", p.document,
      p.created_at as "createdAt", u.username as "createdBy"
    from policies p left join users u on u.id = p.created_by
    where p.org_id = ${orgId} order by p.kind, p.version desc`);
}

export async function nextVersion(ctx: AppContext, tx: Executor, orgId: string, kind: PolicyKind) {
  const [last] = await ctx.database.rows<{ v: number }>(
    sql`select coalesce(max(version), 0)::int as v from policies where org_id = ${orgId} and kind = ${kind}`,
    tx,
  );
  return (last?.v ?? 0) + 1;
}

/** Overrides of a kind set by the organizations matching `scope` (a condition on `o.path`). */
export function findOverridesUnder(ctx: AppContext, tx: Executor, kind: PolicyKind, scope: SQL) {
  return ctx.database.rows<{ orgId: string; effectiveFrom: string }>(
    sql`select p.org_id as "orgId", p.effective_from::text as "effectiveFrom"
        from policies p join orgs o on o.id = p.org_id
        where p.kind = ${kind} and ${scope}`,
    tx,
  );
}

export async function findOrgName(ctx: AppContext, tx: Executor, orgId: string) {
  const [row] = await ctx.database.rows<{ name: string }>(sql`select name from orgs where id = ${orgId}`, tx);
  return row?.name ?? null;
}
