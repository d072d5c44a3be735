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
import { type Actor, authorize, loadOrgInScope, underOrg } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { write } from '../../lib/write.js';
import { presentSource, presentVersion } from './presenter.js';
import {
  findAllOverridesInForce,
  findOrgName,
  findOverridesInForce,
  findOverridesUnder,
  findVersions,
  nextVersion,
} from './queries.js';

export interface EffectivePolicy<K extends PolicyKind> {
  kind: K;
  document: Policies[K];
  /** Overrides applied on top of the seed defaults, from the top of the tree down. */
  sources: ReturnType<typeof presentSource>[];
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
  const rows = await findOverridesInForce(ctx, orgId, kind, asOf, ex);
  rows.sort((a, b) => a.depth - b.depth);
  let document = defaultPolicies()[kind] as Policies[K];
  for (const row of rows) document = mergePolicy(kind, document, row.document) as Policies[K];
  return { kind, document, sources: rows.map(presentSource) };
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
  const versions = await findVersions(ctx, org.id);
  return { items, versions: versions.map(presentVersion) };
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
  await write(ctx, actor, async (tx, w) => {
    const version = await nextVersion(ctx, tx, org.id, kind);
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
    await assertSubtreeStaysValid(ctx, tx, actor, org, kind, input.effectiveFrom);
    w.audit({
      action: 'policy.override',
      entity: 'policy',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      before: inherited.document,
      after: { kind, version, effectiveFrom: input.effectiveFrom, document: input.document },
    });
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
  actor: Actor,
  org: { id: string; path: string },
  kind: PolicyKind,
  effectiveFrom: string,
) {
  const below = await findOverridesUnder(ctx, tx, kind, underOrg(actor, org, sql`o.path`));
  const dates = [
    ...new Set([effectiveFrom, ...below.map((b) => b.effectiveFrom).filter((d) => d > effectiveFrom)]),
  ];
  const lower = [...new Set(below.map((b) => b.orgId).filter((id) => id !== org.id))];
  for (const orgId of lower) {
    for (const asOf of dates) {
      try {
        await effectivePolicy(ctx, orgId, kind, asOf, tx);
      } catch (err) {
        const name = await findOrgName(ctx, tx, orgId);
        throw new AppError('POLICY_INVALID', `该政策与下级组织“${name ?? orgId}”的政策冲突`, {
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
  const rows = await findAllOverridesInForce(ctx, kind, asOf);
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
