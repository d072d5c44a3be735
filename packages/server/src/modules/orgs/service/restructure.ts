import { canContain, type OrgType } from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { members, orgPosts, orgs, users } from '../../../db/schema.js';
import {
  type Actor,
  authorize,
  belowOwnOrg,
  loadOrgInScope,
  OWN_ORG_REFUSED,
  pathLabel,
  underOrg,
} from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { effectivePolicy } from '../../policies/index.js';
import { findLiveChildren, findParentId } from '../queries.js';
import { getOrg, loadOrgRow, refreshPlaces } from './tree.js';

/** Re-roots a subtree: every descendant's path is rewritten in one statement. */
async function moveSubtree(
  tx: Executor,
  actor: Actor,
  org: { id: string; path: string },
  newParent: { id: string; path: string },
) {
  const newPath = `${newParent.path}.${pathLabel(org.id)}`;
  await tx.execute(sql`
    update orgs set path = case when path = ${org.path}::ltree then ${newPath}::ltree
        else ${newPath}::ltree || subpath(path, nlevel(${org.path}::ltree)) end,
      parent_id = case when id = ${org.id} then ${newParent.id}::uuid else parent_id end, updated_at = now()
    where ${underOrg(actor, org, sql`path`)}`);
  await refreshPlaces(tx, actor, { path: newPath });
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
  await write(ctx, actor, async (tx, w) => {
    const newPath = await moveSubtree(tx, actor, org, target);
    w.audit({
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
  const children = await findLiveChildren(ctx, org.id);
  if (mode === 'dissolve' && children.length > 0) throw new AppError('ORG_HAS_CHILDREN');
  for (const child of children) {
    if (!canContain(target.type as OrgType, child.type)) throw new AppError('ORG_TYPE_NOT_ALLOWED');
  }
  await write(ctx, actor, async (tx, w) => {
    for (const child of children) await moveSubtree(tx, actor, child, target);
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
    w.audit({
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

/**
 * 篇七: an online group of a talent-service centre grows into a 流动党员党支部 once it has enough
 * full members to form a branch (≥ 3, 《支部工作条例》); it moves up beside its former branch.
 */
export async function promoteGroup(ctx: AppContext, actor: Actor, id: string, name?: string) {
  authorize(actor, 'org.write');
  const group = await loadOrgRow(ctx, actor, id);
  if (group.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  if (group.type !== 'group') throw new AppError('RULE_VIOLATION', '只有党小组可以组建为流动党员党支部');
  const branchParentId = group.parentId ? await findParentId(ctx, group.parentId) : null;
  const target = branchParentId
    ? await loadOrgInScope(ctx.database, actor, branchParentId).catch(() => {
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
  await write(ctx, actor, async (tx, w) => {
    const newPath = await moveSubtree(tx, actor, group, target);
    await tx
      .update(orgs)
      .set({ type: 'mobile_branch', name: name ?? group.name, updatedAt: new Date() })
      .where(eq(orgs.id, group.id));
    w.audit({
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
