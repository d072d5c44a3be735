import { randomUUID } from 'node:crypto';
import {
  canContain,
  checkOrgShape,
  type OrgType,
  orgTypeLabels,
  type PostKind,
  regionName,
} from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/engine.js';
import { members, orgPosts, orgs, users } from '../../db/schema.js';
import { recordAudit } from '../../lib/audit.js';
import {
  type Actor,
  authorize,
  belowOwnOrg,
  can,
  isUuid,
  loadOrgInScope,
  OWN_ORG_REFUSED,
  orgAbilities,
  pathLabel,
  type ScopedOrg,
} from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { effectivePolicy } from '../policies/index.js';

export interface OrgInput {
  name: string;
  type: OrgType;
  parentId?: string | null;
  regionCode?: string | null;
  units?: number | null;
  termStartedOn?: string | null;
  termEndsOn?: string | null;
}

interface OrgRow {
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

const orgColumns = sql`o.id, o.parent_id as "parentId", o.path::text as path, o.name, o.type,
  o.region_code as "regionCode", o.units, o.term_started_on::text as "termStartedOn",
  o.term_ends_on::text as "termEndsOn", o.dissolved_at as "dissolvedAt", o.merged_into as "mergedInto",
  (select count(*)::int from orgs c where c.parent_id = o.id and c.dissolved_at is null) as "childCount",
  (select count(*)::int from members m where m.org_id = o.id and m.exit_kind is null) as "memberCount",
  (select count(*)::int from members m where m.org_id = o.id and m.exit_kind is null and m.kind = 'full')
    as "fullMemberCount"`;

function presentOrg(ctx: AppContext, actor: Actor, row: OrgRow) {
  const dissolved = row.dissolvedAt !== null;
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    type: row.type,
    typeLabel: orgTypeLabels[row.type] ?? row.type,
    regionCode: row.regionCode,
    regionName: row.regionCode ? regionName(ctx.regions, row.regionCode) : null,
    units: row.units,
    termStartedOn: row.termStartedOn,
    termEndsOn: row.termEndsOn,
    dissolved,
    mergedInto: row.mergedInto,
    childCount: row.childCount,
    memberCount: row.memberCount,
    fullMemberCount: row.fullMemberCount,
    abilities: orgAbilities(actor, { ...row, dissolved }),
  };
}

export type OrgView = ReturnType<typeof presentOrg>;

function assertRegion(ctx: AppContext, code: string | null | undefined) {
  if (code && !regionName(ctx.regions, code)) throw new AppError('INVALID_REGION');
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
  await ctx.database.db.transaction(async (tx) => {
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
    await refreshPlaces(tx, path);
    await recordAudit(tx, actor, {
      action: 'org.create',
      entity: 'org',
      entityId: id,
      orgId: id,
      orgPath: path,
      after: input,
    });
  });
  return getOrg(ctx, actor, id);
}

async function loadRow(ctx: AppContext, actor: Actor, id: string): Promise<OrgRow> {
  const scoped = await loadOrgInScope(ctx.database, actor, id);
  const [row] = await ctx.database.rows<OrgRow>(
    sql`select ${orgColumns} from orgs o where o.id = ${scoped.id}`,
  );
  if (!row) throw new AppError('ORG_NOT_FOUND');
  return row;
}

export async function getOrg(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'org.read');
  const row = await loadRow(ctx, actor, id);
  const [posts, parent] = await Promise.all([
    listPosts(ctx, row.id),
    row.parentId && actor.orgId !== row.id
      ? ctx.database.rows<{ id: string; name: string }>(
          sql`select id, name from orgs where id = ${row.parentId}`,
        )
      : Promise.resolve([]),
  ]);
  const policy = await effectivePolicy(ctx, row.id, 'org_shape');
  const asOf = today();
  const warnings = row.dissolvedAt
    ? []
    : checkOrgShape(policy.document, {
        type: row.type,
        fullMembers: row.fullMemberCount,
        members: row.memberCount,
        units: row.units ?? undefined,
        posts: posts
          .filter((p) => !p.endsOn || p.endsOn >= asOf)
          .map((p) => ({ kind: p.kind as PostKind, endsOn: p.endsOn })),
        termEndsOn: row.termEndsOn,
        today: asOf,
      });
  return { ...presentOrg(ctx, actor, row), parentName: parent[0]?.name ?? null, posts, warnings };
}

async function listPosts(ctx: AppContext, orgId: string) {
  return ctx.database.rows<{
    id: string;
    memberId: string;
    memberName: string;
    kind: string;
    startedOn: string;
    endsOn: string | null;
  }>(sql`select p.id, p.member_id as "memberId", m.name as "memberName", p.kind,
           p.started_on::text as "startedOn", p.ends_on::text as "endsOn"
         from org_posts p join members m on m.id = p.member_id
         where p.org_id = ${orgId} order by p.started_on desc, p.kind`);
}

export async function listChildren(ctx: AppContext, actor: Actor, id: string, includeDissolved = false) {
  authorize(actor, 'org.read');
  const parent = await loadOrgInScope(ctx.database, actor, id);
  const rows = await ctx.database.rows<OrgRow>(sql`
    select ${orgColumns} from orgs o where o.parent_id = ${parent.id}
    ${includeDissolved ? sql`` : sql`and o.dissolved_at is null`} order by o.name, o.id`);
  return { items: rows.map((r) => presentOrg(ctx, actor, r)) };
}

/** The tops of what the actor may see: its own organization, or every root for a global admin. */
export async function listOrgs(ctx: AppContext, actor: Actor, q: string | undefined) {
  authorize(actor, 'org.read');
  const scope = actor.orgPath === null ? sql`true` : sql`o.path <@ ${actor.orgPath}::ltree`;
  const where = q
    ? sql`${scope} and o.name ilike ${`%${escapeLike(q)}%`} and o.dissolved_at is null`
    : actor.orgPath === null
      ? sql`o.parent_id is null and o.dissolved_at is null`
      : sql`o.id = ${actor.orgId}`;
  const rows = await ctx.database.rows<OrgRow>(
    sql`select ${orgColumns} from orgs o where ${where} order by nlevel(o.path), o.name limit 50`,
  );
  return {
    items: rows.map((r) => presentOrg(ctx, actor, r)),
    // Only the system administrator may found a top-level organization (ROOT_ORG_FORBIDDEN).
    abilities: { createRoot: can(actor, 'org.write') && actor.orgPath === null },
  };
}

export function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function updateOrg(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: Partial<Omit<OrgInput, 'parentId'>>,
) {
  authorize(actor, 'org.write');
  const before = await loadRow(ctx, actor, id);
  if (before.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  assertRegion(ctx, patch.regionCode);
  if (patch.type && patch.type !== before.type) {
    const [parent] = before.parentId
      ? await ctx.database.rows<{ type: OrgType }>(sql`select type from orgs where id = ${before.parentId}`)
      : [];
    if (parent && !canContain(parent.type, patch.type)) throw new AppError('ORG_TYPE_NOT_ALLOWED');
  }
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .update(orgs)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(orgs.id, before.id));
    if (patch.regionCode !== undefined) await refreshPlaces(tx, before.path);
    const pick = (o: Record<string, unknown>) =>
      Object.fromEntries(Object.keys(patch).map((k) => [k, o[k] ?? null]));
    await recordAudit(tx, actor, {
      action: 'org.update',
      entity: 'org',
      entityId: before.id,
      orgId: before.id,
      orgPath: before.path,
      before: pick(before as unknown as Record<string, unknown>),
      after: patch,
    });
  });
  return getOrg(ctx, actor, id);
}

/** Recomputes the inherited place of every organization in a subtree after a region or a move changed. */
async function refreshPlaces(tx: Tx, subtreePath: string) {
  await tx.execute(sql`
    update orgs o set place_region = (
      select a.region_code from orgs a where o.path <@ a.path and a.region_code is not null
      order by nlevel(a.path) desc limit 1)
    where o.path <@ ${subtreePath}::ltree`);
}

/** Re-roots a subtree: every descendant's path is rewritten in one statement. */
async function moveSubtree(
  tx: Tx,
  org: { id: string; path: string },
  newParent: { id: string; path: string },
) {
  const newPath = `${newParent.path}.${pathLabel(org.id)}`;
  await tx.execute(sql`
    update orgs set path = case when path = ${org.path}::ltree then ${newPath}::ltree
        else ${newPath}::ltree || subpath(path, nlevel(${org.path}::ltree)) end,
      parent_id = case when id = ${org.id} then ${newParent.id}::uuid else parent_id end, updated_at = now()
    where path <@ ${org.path}::ltree`);
  await refreshPlaces(tx, newPath);
  return newPath;
}

export async function moveOrg(ctx: AppContext, actor: Actor, id: string, parentId: string) {
  authorize(actor, 'org.write');
  const org = await loadOrgInScope(ctx.database, actor, id);
  if (!belowOwnOrg(actor, org.path)) throw new AppError('FORBIDDEN', OWN_ORG_REFUSED);
  if (org.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  const target = await loadOrgInScope(ctx.database, actor, parentId);
  if (target.path === org.path || target.path.startsWith(`${org.path}.`))
    throw new AppError('ORG_MOVE_INTO_SELF');
  if (target.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  if (!canContain(target.type as OrgType, org.type as OrgType)) throw new AppError('ORG_TYPE_NOT_ALLOWED');
  await ctx.database.db.transaction(async (tx) => {
    const newPath = await moveSubtree(tx, org, target);
    await recordAudit(tx, actor, {
      action: 'org.move',
      entity: 'org',
      entityId: org.id,
      orgId: org.id,
      orgPath: newPath,
      before: { parentId: org.parentId },
      after: { parentId: target.id },
    });
  });
  return getOrg(ctx, actor, id);
}

/**
 * Dissolving reassigns the members and accounts to another organization in the same transaction,
 * so nobody is left without an organization.
 */
export async function dissolveOrg(ctx: AppContext, actor: Actor, id: string, reassignTo: string) {
  return retire(ctx, actor, id, reassignTo, 'dissolve');
}

/** Merging moves the children and members under the surviving organization, then retires this one. */
export async function mergeOrg(ctx: AppContext, actor: Actor, id: string, intoId: string) {
  return retire(ctx, actor, id, intoId, 'merge');
}

async function retire(
  ctx: AppContext,
  actor: Actor,
  id: string,
  targetId: string,
  mode: 'dissolve' | 'merge',
) {
  authorize(actor, 'org.write');
  const org = await loadOrgInScope(ctx.database, actor, id);
  if (!belowOwnOrg(actor, org.path)) throw new AppError('FORBIDDEN', OWN_ORG_REFUSED);
  if (org.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  const target = await loadOrgInScope(ctx.database, actor, targetId);
  if (target.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  if (target.path === org.path || target.path.startsWith(`${org.path}.`))
    throw new AppError('ORG_MOVE_INTO_SELF');
  const children = await ctx.database.rows<{ id: string; path: string; type: OrgType }>(
    sql`select id, path::text as path, type from orgs where parent_id = ${org.id} and dissolved_at is null`,
  );
  if (mode === 'dissolve' && children.length > 0) throw new AppError('ORG_HAS_CHILDREN');
  for (const child of children) {
    if (!canContain(target.type as OrgType, child.type)) throw new AppError('ORG_TYPE_NOT_ALLOWED');
  }
  await ctx.database.db.transaction(async (tx) => {
    for (const child of children) await moveSubtree(tx, child, target);
    const moved = await tx
      .update(members)
      .set({ orgId: target.id, updatedAt: new Date() })
      .where(eq(members.orgId, org.id))
      .returning({ id: members.id });
    await tx.update(users).set({ orgId: target.id }).where(eq(users.orgId, org.id));
    await tx.delete(orgPosts).where(eq(orgPosts.orgId, org.id));
    await tx
      .update(orgs)
      .set({
        dissolvedAt: new Date(),
        mergedInto: mode === 'merge' ? target.id : null,
        updatedAt: new Date(),
      })
      .where(eq(orgs.id, org.id));
    await recordAudit(tx, actor, {
      action: `org.${mode}`,
      entity: 'org',
      entityId: org.id,
      orgId: org.id,
      orgPath: org.path,
      after: { target: target.id, members: moved.map((m) => m.id), children: children.map((c) => c.id) },
    });
  });
  return getOrg(ctx, actor, id);
}

export async function addPost(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  input: { memberId: string; kind: string; startedOn: string; endsOn?: string | null },
) {
  authorize(actor, 'org.write');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  if (org.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  if (!isUuid(input.memberId)) throw new AppError('MEMBER_NOT_FOUND');
  const [member] = await ctx.database.rows<{ id: string }>(sql`
    select m.id from members m join orgs o on o.id = m.org_id
    where m.id = ${input.memberId} and o.path <@ ${org.path}::ltree and m.exit_kind is null`);
  if (!member) throw new AppError('MEMBER_NOT_FOUND', '任职党员须是本组织（含下级）的党员');
  if (input.endsOn && input.endsOn < input.startedOn) {
    throw new AppError('VALIDATION_FAILED', '任期结束日期不能早于开始日期');
  }
  const id = randomUUID();
  await ctx.database.db.transaction(async (tx) => {
    await tx.insert(orgPosts).values({ id, orgId: org.id, ...input, endsOn: input.endsOn ?? null });
    await recordAudit(tx, actor, {
      action: 'org.post_add',
      entity: 'org',
      entityId: org.id,
      orgId: org.id,
      orgPath: org.path,
      after: { id, ...input },
    });
  });
  return getOrg(ctx, actor, org.id);
}

export async function removePost(ctx: AppContext, actor: Actor, orgId: string, postId: string) {
  authorize(actor, 'org.write');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  if (!isUuid(postId)) throw new AppError('NOT_FOUND', '职务不存在');
  await ctx.database.db.transaction(async (tx) => {
    const removed = await tx
      .delete(orgPosts)
      .where(sql`${orgPosts.id} = ${postId} and ${orgPosts.orgId} = ${org.id}`)
      .returning();
    if (removed.length === 0) throw new AppError('NOT_FOUND', '职务不存在');
    await recordAudit(tx, actor, {
      action: 'org.post_remove',
      entity: 'org',
      entityId: org.id,
      orgId: org.id,
      orgPath: org.path,
      before: removed[0],
    });
  });
  return getOrg(ctx, actor, org.id);
}

/**
 * 篇七: an online group of a talent-service centre grows into a 流动党员党支部 once it has enough
 * full members to form a branch (≥ 3, 《支部工作条例》); it moves up beside its former branch.
 */
export async function promoteGroup(ctx: AppContext, actor: Actor, id: string, name?: string) {
  authorize(actor, 'org.write');
  const group = await loadRow(ctx, actor, id);
  if (group.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  if (group.type !== 'group') throw new AppError('RULE_VIOLATION', '只有党小组可以组建为流动党员党支部');
  const [branch] = await ctx.database.rows<{ parentId: string | null }>(
    sql`select parent_id as "parentId" from orgs where id = ${group.parentId}`,
  );
  const target = branch?.parentId
    ? await loadOrgInScope(ctx.database, actor, branch.parentId).catch(() => {
        throw new AppError('FORBIDDEN', '组建后的党支部将属于上级组织，须由上级组织办理');
      })
    : null;
  if (!target) throw new AppError('ORG_TYPE_NOT_ALLOWED', '所在党支部没有上级组织，无法组建');
  const policy = (await effectivePolicy(ctx, group.id, 'org_shape')).document;
  if (group.fullMemberCount < policy.minFullMembersForBranch) {
    throw new AppError(
      'RULE_VIOLATION',
      `正式党员满 ${policy.minFullMembersForBranch} 人方可成立党支部（现有 ${group.fullMemberCount} 人）`,
    );
  }
  await ctx.database.db.transaction(async (tx) => {
    const newPath = await moveSubtree(tx, group, target);
    await tx
      .update(orgs)
      .set({ type: 'mobile_branch', name: name ?? group.name, updatedAt: new Date() })
      .where(eq(orgs.id, group.id));
    await recordAudit(tx, actor, {
      action: 'org.promote_group',
      entity: 'org',
      entityId: group.id,
      orgId: group.id,
      orgPath: newPath,
      before: { type: 'group', parentId: group.parentId, name: group.name },
      after: { type: 'mobile_branch', parentId: target.id, name: name ?? group.name },
    });
  });
  return getOrg(ctx, actor, id);
}
