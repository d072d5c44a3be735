import { randomUUID } from 'node:crypto';
import {
  DomainError,
  defaultPolicies,
  mergePolicy,
  type Policies,
  type PolicyKind,
  parsePolicy,
} from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { policies } from '../../db/schema.js';
import { recordAudit } from '../../lib/audit.js';
import { type Actor, authorize, loadOrgInScope } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';

export interface PolicySource {
  orgId: string | null;
  orgName: string | null;
  version: number;
  effectiveFrom: string;
}

export interface EffectivePolicy<K extends PolicyKind> {
  kind: K;
  document: Policies[K];
  /** Overrides applied on top of the seed defaults, from the top of the tree down. */
  sources: PolicySource[];
}

interface OverrideRow extends PolicySource {
  document: unknown;
  depth: number;
}

/**
 * The policy in force for an organization on a date: the seed defaults, then for each ancestor from
 * the top down (and the organization itself) its latest override effective by then (ARCHITECTURE.md §2).
 */
export async function effectivePolicy<K extends PolicyKind>(
  ctx: AppContext,
  orgId: string | null,
  kind: K,
  asOf: string = today(),
  ex?: Executor,
): Promise<EffectivePolicy<K>> {
  const rows = await ctx.database.rows<OverrideRow>(
    sql`
    select distinct on (coalesce(p.org_id::text, '')) p.org_id as "orgId", o.name as "orgName", p.version,
      p.effective_from::text as "effectiveFrom", p.document, coalesce(nlevel(o.path), 0) as depth
    from policies p left join orgs o on o.id = p.org_id
    where p.kind = ${kind} and p.effective_from <= ${asOf}::date
      and (p.org_id is null ${
        orgId
          ? sql`or p.org_id in (select a.id from orgs a, orgs t where t.id = ${orgId} and t.path <@ a.path)`
          : sql``
      })
    order by coalesce(p.org_id::text, ''), p.effective_from desc, p.version desc`,
    ex,
  );
  rows.sort((a, b) => a.depth - b.depth);
  let document = defaultPolicies()[kind] as Policies[K];
  for (const row of rows) document = mergePolicy(kind, document, row.document) as Policies[K];
  return {
    kind,
    document,
    sources: rows.map(({ orgId: o, orgName, version, effectiveFrom }) => ({
      orgId: o,
      orgName,
      version,
      effectiveFrom,
    })),
  };
}

export async function readPolicies(ctx: AppContext, actor: Actor, orgId: string, asOf?: string) {
  authorize(actor, 'policy.read');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  const kinds = Object.keys(defaultPolicies()) as PolicyKind[];
  const items = await Promise.all(
    kinds.map(async (kind) => {
      const [effective, inherited] = await Promise.all([
        effectivePolicy(ctx, org.id, kind, asOf),
        effectivePolicy(ctx, org.parentId, kind, asOf),
      ]);
      return { ...effective, inherited: inherited.document };
    }),
  );
  const versions = await ctx.database.rows<{
    id: string;
    kind: string;
    version: number;
    effectiveFrom: string;
    document: unknown;
    createdAt: string;
    createdBy: string | null;
  }>(sql`select p.id, p.kind, p.version, p.effective_from::text as "effectiveFrom", p.document,
           p.created_at as "createdAt", u.username as "createdBy"
         from policies p left join users u on u.id = p.created_by
         where p.org_id = ${org.id} order by p.kind, p.version desc`);
  return {
    items,
    versions: versions.map((v) => ({ ...v, createdAt: new Date(v.createdAt).toISOString() })),
  };
}

/** A new version of this organization's override, in force from its date for the whole subtree. */
export async function overridePolicy(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  kind: PolicyKind,
  input: { effectiveFrom: string; document: Record<string, unknown> },
) {
  authorize(actor, 'policy.write');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  const inherited = await effectivePolicy(ctx, org.parentId, kind, input.effectiveFrom);
  try {
    mergePolicy(kind, inherited.document, input.document);
  } catch (err) {
    throw new AppError('POLICY_INVALID', undefined, {
      reason: err instanceof Error ? err.message : String(err),
      issues: err instanceof DomainError ? err.details : undefined,
    });
  }
  const checked = parsePolicy(kind, mergePolicy(kind, inherited.document, input.document));
  if (!checked.success) throw new AppError('POLICY_INVALID', undefined, { issues: checked.error.issues });
  await ctx.database.db.transaction(async (tx) => {
    const [last] = (
      (await tx.execute(
        sql`select coalesce(max(version), 0)::int as v from policies where org_id = ${org.id} and kind = ${kind}`,
      )) as unknown as { rows: { v: number }[] }
    ).rows;
    const version = (last?.v ?? 0) + 1;
    const id = randomUUID();
    await tx.insert(policies).values({
      id,
      orgId: org.id,
      kind,
      effectiveFrom: input.effectiveFrom,
      document: input.document,
      version,
      createdBy: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: 'policy.override',
      entity: 'policy',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      before: inherited.document,
      after: { kind, version, effectiveFrom: input.effectiveFrom, document: input.document },
    });
    await assertSubtreeStaysValid(ctx, tx, org, kind, input.effectiveFrom);
  });
  return readPolicies(ctx, actor, org.id);
}

/**
 * A new override must not break the overrides already set below it (a narrower farmer range under a
 * branch's fixed farmer amount, say): else every quote in that subtree would fail. Checked inside the
 * transaction, with the new version in place, for each lower organization with its own override, on
 * each date from the new version's on when a version in the subtree takes effect.
 */
async function assertSubtreeStaysValid(
  ctx: AppContext,
  tx: Executor,
  org: { id: string; path: string },
  kind: PolicyKind,
  effectiveFrom: string,
) {
  const below = await ctx.database.rows<{ orgId: string; effectiveFrom: string }>(
    sql`select p.org_id as "orgId", p.effective_from::text as "effectiveFrom"
        from policies p join orgs o on o.id = p.org_id
        where p.kind = ${kind} and o.path <@ ${org.path}::ltree`,
    tx,
  );
  const dates = [
    ...new Set([effectiveFrom, ...below.map((b) => b.effectiveFrom).filter((d) => d > effectiveFrom)]),
  ];
  const lower = [...new Set(below.map((b) => b.orgId).filter((id) => id !== org.id))];
  for (const orgId of lower) {
    for (const asOf of dates) {
      try {
        await effectivePolicy(ctx, orgId, kind, asOf, tx);
      } catch (err) {
        const [name] = await ctx.database.rows<{ name: string }>(
          sql`select name from orgs where id = ${orgId}`,
          tx,
        );
        throw new AppError('POLICY_INVALID', `该政策与下级组织“${name?.name ?? orgId}”的政策冲突`, {
          orgId,
          asOf,
          issues: err instanceof DomainError ? err.details : undefined,
        });
      }
    }
  }
}

/**
 * Effective policies for many organizations at once (the daily scans): every override of the kind
 * is read once, then each organization's document is merged from its ancestors' overrides in memory.
 */
export async function policyResolver<K extends PolicyKind>(ctx: AppContext, kind: K, asOf: string = today()) {
  const rows = await ctx.database.rows<{ path: string | null; document: unknown }>(sql`
    select distinct on (coalesce(p.org_id::text, '')) o.path::text as path, p.document
    from policies p left join orgs o on o.id = p.org_id
    where p.kind = ${kind} and p.effective_from <= ${asOf}::date
    order by coalesce(p.org_id::text, ''), p.effective_from desc, p.version desc`);
  const overrides = rows
    .map((r) => ({ labels: r.path ? r.path.split('.') : [], document: r.document }))
    .sort((a, b) => a.labels.length - b.labels.length);
  const defaults = defaultPolicies()[kind] as Policies[K];
  const memo = new Map<string, Policies[K]>();
  return (orgPath: string): Policies[K] => {
    const hit = memo.get(orgPath);
    if (hit) return hit;
    const labels = orgPath.split('.');
    let document = defaults;
    for (const o of overrides) {
      if (o.labels.every((l, i) => labels[i] === l))
        document = mergePolicy(kind, document, o.document) as Policies[K];
    }
    memo.set(orgPath, document);
    return document;
  };
}
