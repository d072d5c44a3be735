import { randomUUID } from 'node:crypto';
import { canContain, type OrgType, regionName } from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { orgs } from '../../../db/schema.js';
import {
  type Actor,
  authorize,
  can,
  isWithin,
  loadOrgInScope,
  pathLabel,
  type ScopedOrg,
  subtree,
  underOrg,
} from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { effectivePolicy } from '../../policies/index.js';
import { presentOrg, presentOrgDetail } from '../presenter.js';
import {
  findChildRows,
  findOrgName,
  findOrgRow,
  findOrgRows,
  findOrgType,
  findPosts,
  type OrgRow,
} from '../queries.js';

export interface OrgInput {
  name: string;
  type: OrgType;
  parentId?: string | null;
  regionCode?: string | null;
  units?: number | null;
  termStartedOn?: string | null;
  termEndsOn?: string | null;
}

function assertRegion(ctx: AppContext, code: string | null | undefined) {
  if (code && !regionName(ctx.regions, code)) throw new AppError('INVALID_REGION');
}

/** Recomputes the inherited place of every organization in a subtree after a region or a move changed. */
export async function refreshPlaces(tx: Executor, actor: Actor, top: { path: string }) {
  await tx.execute(sql`
    update orgs o set place_region = (
      select a.region_code from orgs a where ${isWithin(sql`o.path`, sql`a.path`)} and a.region_code is not null
      order by nlevel(a.path) desc limit 1)
    where ${underOrg(actor, top, sql`o.path`)}`);
}

export async function createOrg(ctx: AppContext, actor: Actor, input: OrgInput) {
  authorize(actor, 'org.write');
  assertRegion(ctx, input.regionCode);
  let parent: ScopedOrg | null = null;
  if (input.parentId) {
    parent = await loadOrgInScope(ctx.database, actor, input.parentId);
    if (parent.dissolvedAt) throw new AppError('ORG_DISSOLVED');
    if (!canContain(parent.type as OrgType, input.type)) throw new AppError('ORG_TYPE_NOT_ALLOWED');
  } else if (actor.orgPath !== null) {
    throw new AppError('ROOT_ORG_FORBIDDEN');
  }
  const id = randomUUID();
  const path = parent ? `${parent.path}.${pathLabel(id)}` : pathLabel(id);
  await write(ctx, actor, async (tx, w) => {
    await tx.insert(orgs).values({
      id,
      parentId: parent?.id ?? null,
      path,
      name: input.name,
      type: input.type,
      regionCode: input.regionCode ?? null,
      units: input.units ?? null,
      termStartedOn: input.termStartedOn ?? null,
      termEndsOn: input.termEndsOn ?? null,
    });
    await refreshPlaces(tx, actor, { path });
    w.audit({ action: 'org.create', entity: 'org', entityId: id, orgId: id, orgPath: path, after: input });
  });
  return getOrg(ctx, actor, id);
}

/** An organization in the actor's scope with its counts; anything else is ORG_NOT_FOUND. */
export async function loadOrgRow(ctx: AppContext, actor: Actor, id: string): Promise<OrgRow> {
  const scoped = await loadOrgInScope(ctx.database, actor, id);
  const row = await findOrgRow(ctx, scoped.id);
  if (!row) throw new AppError('ORG_NOT_FOUND');
  return row;
}

export async function getOrg(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'org.read');
  const row = await loadOrgRow(ctx, actor, id);
  // The parent of the actor's own organization lies outside its scope: not named.
  const [posts, parentName] = await Promise.all([
    findPosts(ctx, row.id),
    row.parentId && actor.orgId !== row.id ? findOrgName(ctx, row.parentId) : Promise.resolve(null),
  ]);
  const policy = await effectivePolicy(ctx, row.id, 'org_shape');
  return presentOrgDetail(ctx, actor, row, { parentName, posts, policy: policy.document, asOf: today() });
}

export async function listChildren(ctx: AppContext, actor: Actor, id: string, includeDissolved = false) {
  authorize(actor, 'org.read');
  const parent = await loadOrgInScope(ctx.database, actor, id);
  const rows = await findChildRows(ctx, parent.id, includeDissolved);
  return { items: rows.map((r) => presentOrg(ctx, actor, r)) };
}

/** The tops of what the actor may see: its own organization, or every root for a global admin. */
export async function listOrgs(ctx: AppContext, actor: Actor, q: string | undefined) {
  authorize(actor, 'org.read');
  const scope = subtree(actor, sql`o.path`);
  const where = q
    ? sql`${scope} and o.name ilike ${`%${escapeLike(q)}%`} and o.dissolved_at is null`
    : actor.orgPath === null
      ? sql`${scope} and o.parent_id is null and o.dissolved_at is null`
      : sql`o.id = ${actor.orgId}`;
  const rows = await findOrgRows(ctx, where);
  return {
    items: rows.map((r) => presentOrg(ctx, actor, r)),
    // Only the system administrator may found a top-level organization (ROOT_ORG_FORBIDDEN).
    abilities: { createRoot: can(actor, 'org.write') && actor.orgPath === null },
  };
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function updateOrg(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: Partial<Omit<OrgInput, 'parentId'>>,
) {
  authorize(actor, 'org.write');
  const before = await loadOrgRow(ctx, actor, id);
  if (before.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  assertRegion(ctx, patch.regionCode);
  if (patch.type && patch.type !== before.type) {
    const parentType = before.parentId ? await findOrgType(ctx, before.parentId) : null;
    if (parentType && !canContain(parentType, patch.type)) throw new AppError('ORG_TYPE_NOT_ALLOWED');
  }
  await write(ctx, actor, async (tx, w) => {
    await tx
      .update(orgs)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(orgs.id, before.id));
    if (patch.regionCode !== undefined) await refreshPlaces(tx, actor, before);
    const pick = (o: OrgRow) =>
      Object.fromEntries(Object.keys(patch).map((k) => [k, o[k as keyof OrgRow] ?? null]));
    w.audit({
      action: 'org.update',
      entity: 'org',
      entityId: before.id,
      orgId: before.id,
      orgPath: before.path,
      before: pick(before),
      after: patch,
    });
  });
  return getOrg(ctx, actor, id);
}
