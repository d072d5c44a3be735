import { randomUUID } from 'node:crypto';
import type { PostKind } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { orgPosts } from '../../../db/schema.js';
import { type Actor, authorize, isUuid, loadOrgInScope, underOrg } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { currentMemberIn } from '../queries.js';
import { getOrg } from './tree.js';

/** A secretary, deputy or committee member: a current member of the organization or one below it. */
export async function addPost(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  input: { memberId: string; kind: PostKind; startedOn: string; endsOn?: string | null },
) {
  authorize(actor, 'org.write');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  if (org.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  if (!isUuid(input.memberId)) throw new AppError('MEMBER_NOT_FOUND');
  if (!(await currentMemberIn(ctx, input.memberId, underOrg(actor, org, sql`o.path`)))) {
    throw new AppError('MEMBER_NOT_FOUND', '任职党员须是本组织（含下级）的党员');
  }
  if (input.endsOn && input.endsOn < input.startedOn) {
    throw new AppError('VALIDATION_FAILED', '任期结束日期不能早于开始日期');
  }
  const id = randomUUID();
  await write(ctx, actor, async (tx, w) => {
    await tx.insert(orgPosts).values({ id, orgId: org.id, ...input, endsOn: input.endsOn ?? null });
    w.audit({
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
  await write(ctx, actor, async (tx, w) => {
    const removed = await tx
      .delete(orgPosts)
      .where(sql`${orgPosts.id} = ${postId} and ${orgPosts.orgId} = ${org.id}`)
      .returning();
    if (removed.length === 0) throw new AppError('NOT_FOUND', '职务不存在');
    w.audit({
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
