import { randomUUID } from 'node:crypto';
import type { ReviewResult } from '@dangjian/core';
import type { AppContext } from '../../context.js';
import { yearlyReviews } from '../../db/schema.js';
import { type Actor, authorize } from '../../lib/authz.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import { write } from '../../lib/write.js';
import { loadMemberInScope } from '../members/index.js';
import { presentReview } from './presenter.js';
import { reviewRows } from './queries.js';

/** 一年一评议: one yearly review per member and year, by the organization holding the member. */
export async function recordReview(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { year: number; result: ReviewResult; note?: string },
) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const id = randomUUID();
  return write(ctx, actor, async (tx, w) => {
    await tx
      .insert(yearlyReviews)
      .values({ id, memberId: member.id, ...input, note: input.note ?? null, reviewedBy: actor.username });
    w.audit({
      action: 'mobility.review',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { id, ...input },
    });
    w.affects({ memberIds: [member.id] });
    return { id, ...input };
  }).catch((err) => {
    throw isUniqueViolation(err) ? new AppError('REVIEW_EXISTS') : err;
  });
}

/** A member's yearly reviews as the member ledger lists them. */
export async function reviewsOf(ctx: AppContext, memberId: string) {
  return (await reviewRows(ctx, memberId)).map(presentReview);
}
