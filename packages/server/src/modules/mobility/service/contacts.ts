import { randomUUID } from 'node:crypto';
import type { ContactChannel } from '@dangjian/core';
import type { AppContext } from '../../../context.js';
import { contactAttempts } from '../../../db/schema.js';
import { type Actor, authorize } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { loadMemberInScope } from '../../members/index.js';

/** 一月一联系: every attempt is kept, reached or not; only reached ones count as contact. */
export async function logContact(
  ctx: AppContext,
  actor: Actor,
  memberId: string,
  input: { contactedOn?: string; channel: ContactChannel; reached: boolean; note?: string },
) {
  authorize(actor, 'member.write');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const contactedOn = input.contactedOn ?? today();
  if (contactedOn > today()) throw new AppError('VALIDATION_FAILED', '联系日期不能晚于今天');
  const id = randomUUID();
  return write(ctx, actor, async (tx, w) => {
    await tx.insert(contactAttempts).values({
      id,
      memberId: member.id,
      contactedOn,
      channel: input.channel,
      reached: input.reached,
      note: input.note ?? null,
      byUserId: actor.userId,
      byName: actor.username,
    });
    w.audit({
      action: 'mobility.contact',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { id, contactedOn, channel: input.channel, reached: input.reached },
    });
    w.affects({ memberIds: [member.id] });
    return {
      id,
      memberId: member.id,
      contactedOn,
      channel: input.channel,
      reached: input.reached,
      note: input.note ?? null,
    };
  });
}
