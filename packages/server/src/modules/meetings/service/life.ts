import { randomUUID } from 'node:crypto';
import type { LifeMode } from '@dangjian/core';
import type { AppContext } from '../../../context.js';
import { lifeRecords } from '../../../db/schema.js';
import { type Actor, authorize, loadOrgInScope } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { loadMemberInScope } from '../../members/index.js';
import { presentLifeRecord } from '../presenter.js';
import { lifeRecordRows } from '../queries.js';

/**
 * Organizational life attended, recorded by the organization holding the member: at home, or with
 * `orgId` at another organization of its scope (votes stay at home). It counts toward the member's
 * org_life obligation.
 */
export async function recordLife(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { heldOn: string; mode: LifeMode; topic?: string; orgId?: string },
) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const org = input.orgId ? await loadOrgInScope(ctx.database, actor, input.orgId) : null;
  if (input.heldOn > today()) throw new AppError('VALIDATION_FAILED', '日期不能晚于今天');
  const id = randomUUID();
  return write(ctx, actor, async (tx, w) => {
    await tx.insert(lifeRecords).values({
      id,
      memberId: member.id,
      orgId: org?.id ?? member.orgId,
      heldOn: input.heldOn,
      mode: input.mode,
      topic: input.topic ?? null,
    });
    w.audit({
      action: 'mobility.life',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { id, ...input },
    });
    w.affects({ memberIds: [member.id] });
    return { id, ...input };
  });
}

/** A member's organizational life as the member ledger lists it. */
export async function lifeRecordsOf(ctx: AppContext, memberId: string) {
  return (await lifeRecordRows(ctx, memberId)).map(presentLifeRecord);
}
