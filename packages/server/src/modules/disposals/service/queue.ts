import type { DisposalGround, disposalListQuery } from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { disposals } from '../../../db/schema.js';
import { type Actor, authorize, resolveScopeOrg, underOrgId } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { loadMemberInScope } from '../../members/index.js';
import { openDisposalCandidate } from '../candidates.js';
import { presentDetail, presentDisposal } from '../presenter.js';
import { disposalPage, disposalWhere, loadDisposalInScope, stepRows } from '../queries.js';
import { abilitiesOf } from './authority.js';

export type DisposalListQuery = z.infer<typeof disposalListQuery>;

/** The queue under an organization the actor may see (else the actor's own scope), open cases first. */
export async function listDisposals(ctx: AppContext, actor: Actor, q: DisposalListQuery) {
  authorize(actor, 'disposal.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const where = disposalWhere(underOrgId(actor, org, sql`d.org_id`), q);
  const page = await disposalPage(ctx, where, q.page, q.pageSize);
  return { items: page.items.map(presentDisposal), total: page.total };
}

export async function disposalDetail(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'disposal.read');
  const d = await loadDisposalInScope(ctx, actor, id);
  return presentDetail(d, await stepRows(ctx, d.id), abilitiesOf(actor, d));
}

/**
 * Grounds staff enter by hand while their area does not record them yet (积分, assigned work, the
 * evaluations, a 限期改正 that failed). The others arise where they are recorded: organizational life
 * and lost contact at the daily work, the backward member with its escalation.
 */
const manualGrounds: readonly DisposalGround[] = [
  'points',
  'no_work_6m',
  'unqualified_evaluation',
  'unqualified_twice',
  'correction_failed',
];

export async function createDisposal(
  ctx: AppContext,
  actor: Actor,
  input: { memberId: string; ground: DisposalGround; cause?: string | undefined },
) {
  authorize(actor, 'disposal.write');
  if (!manualGrounds.includes(input.ground)) throw new AppError('DISPOSAL_GROUND_AUTOMATIC');
  const member = await loadMemberInScope(ctx, actor, input.memberId);
  if (member.exitKind) throw new AppError('RULE_VIOLATION', '该党员已出党，不能列入处置');
  return write(ctx, actor, async (tx, w) => {
    const id = await openDisposalCandidate(tx, {
      memberId: member.id,
      orgId: member.orgId,
      ground: input.ground,
      cause: input.cause,
      on: today(),
    });
    if (!id) throw new AppError('DISPOSAL_EXISTS');
    w.audit({
      action: 'disposal.create',
      entity: 'disposal',
      entityId: id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { memberId: member.id, ground: input.ground, cause: input.cause ?? null },
    });
    return { id, status: 'candidate' as const };
  });
}

/**
 * Dropping a case before the approval (the member corrected after criticism and education, or it was
 * entered in error): once approved (step 5) a decision stands and the case is closed anyway.
 */
export async function dismissDisposal(ctx: AppContext, actor: Actor, id: string, reason: string) {
  authorize(actor, 'disposal.write');
  return write(ctx, actor, async (tx, w) => {
    const d = await loadDisposalInScope(ctx, actor, id, tx, true);
    if (d.status === 'decided') throw new AppError('DISPOSAL_APPROVED');
    if (d.status === 'dismissed') throw new AppError('DISPOSAL_CLOSED');
    await tx
      .update(disposals)
      .set({ status: 'dismissed', dismissedReason: reason })
      .where(eq(disposals.id, d.id));
    w.audit({
      action: 'disposal.dismiss',
      entity: 'disposal',
      entityId: d.id,
      orgId: d.orgId,
      orgPath: d.orgPath,
      before: { status: d.status, step: d.step },
      after: { memberId: d.memberId, status: 'dismissed', reason },
    });
    w.affects({ memberIds: [d.memberId] });
    return { ok: true as const };
  });
}
