import { randomUUID } from 'node:crypto';
import type { Relation } from '@dangjian/core';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { memberRelatives } from '../../../db/schema.js';
import { type Actor, authorize, isUuid } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { presentRelative } from '../presenter.js';
import { loadMemberInScope, memberByIdHash, relativeRows } from '../queries.js';

/**
 * The link to a relative who is a member is kept for the archive rule whatever their scope, but is
 * shown only when the caller may see that member: otherwise an ID number would answer who and
 * where someone outside the caller's scope is.
 */
export async function listRelatives(ctx: AppContext, actor: Actor, memberId: string) {
  if (actor.role !== 'member') authorize(actor, 'member.read');
  const member = await loadMemberInScope(ctx, actor, memberId);
  return { items: (await relativeRows(ctx, actor, member.id)).map(presentRelative) };
}

/**
 * Relatives matter to the archive rule "nobody may read a relative's archive" (RULES.md §8), so a
 * relative who is a member is linked by ID number when one is given.
 */
export async function addRelative(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { relation: Relation; name: string; idNumber?: string | null },
) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const hash = input.idNumber ? ctx.vault.blindIndex(input.idNumber.trim().toUpperCase()) : null;
  if (hash && hash === ctx.vault.blindIndex(ctx.vault.decrypt(member.idNumberEnc)))
    throw new AppError('RELATIVE_SELF');
  const related = hash ? await memberByIdHash(ctx, actor, hash) : null;
  const id = randomUUID();
  await write(ctx, actor, async (tx, w) => {
    await tx.insert(memberRelatives).values({
      id,
      memberId: member.id,
      relation: input.relation,
      name: input.name,
      relatedMemberId: related?.id ?? null,
      idNumberHash: hash,
    });
    w.audit({
      action: 'member.relative_add',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: {
        id,
        relation: input.relation,
        name: input.name,
        relatedMemberId: related?.visible ? related.id : null,
      },
    });
  });
  return { id, ...(await listRelatives(ctx, actor, member.id)) };
}

export async function removeRelative(ctx: AppContext, actor: Actor, memberId: string, relativeId: string) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  if (!isUuid(relativeId)) throw new AppError('NOT_FOUND', '亲属记录不存在');
  await write(ctx, actor, async (tx, w) => {
    const [removed] = await tx
      .delete(memberRelatives)
      .where(and(eq(memberRelatives.id, relativeId), eq(memberRelatives.memberId, member.id)))
      .returning({ relation: memberRelatives.relation, name: memberRelatives.name });
    if (!removed) throw new AppError('NOT_FOUND', '亲属记录不存在');
    w.audit({
      action: 'member.relative_remove',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      before: { id: relativeId, relation: removed.relation, name: removed.name },
    });
  });
  return listRelatives(ctx, actor, member.id);
}
