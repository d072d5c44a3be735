import { randomUUID } from 'node:crypto';
import { type MeetingType, meetingTypeNames } from '@dangjian/core';
import type { AppContext } from '../../../context.js';
import { meetings, notifications } from '../../../db/schema.js';
import { type Actor, authorize, loadOrgInScope } from '../../../lib/authz.js';
import { write } from '../../../lib/write.js';
import { expectedAttendees } from '../queries.js';

/**
 * `POST /api/meetings/plans`: a meeting planned ahead on the branch's calendar; with `notify`, each
 * expected attendee gets a notice through the notices outbox (delivered in-app, and by SMS or e-mail
 * where a provider is configured), once per meeting and member (the dedupe key).
 */
export async function planMeeting(
  ctx: AppContext,
  actor: Actor,
  body: {
    orgId: string;
    type: MeetingType;
    plannedOn: string;
    topic: string;
    place?: string | undefined;
    notify: boolean;
  },
) {
  authorize(actor, 'meeting.write');
  const org = await loadOrgInScope(ctx.database, actor, body.orgId);
  const id = randomUUID();
  return write(ctx, actor, async (tx, w) => {
    await tx.insert(meetings).values({
      id,
      orgId: org.id,
      type: body.type,
      status: 'planned',
      heldOn: body.plannedOn,
      topic: body.topic,
      place: body.place ?? null,
    });
    let notified = 0;
    if (body.notify) {
      const attendees = await expectedAttendees(ctx, tx, org.id, body.plannedOn);
      const where = body.place ? `，地点：${body.place}` : '';
      for (let i = 0; i < attendees.length; i += 500) {
        const inserted = await tx
          .insert(notifications)
          .values(
            attendees.slice(i, i + 500).map((a) => ({
              id: randomUUID(),
              dedupeKey: `meeting-plan:${id}:${a.memberId}`,
              memberId: a.memberId,
              channel: 'inbox',
              template: 'meeting_planned',
              title: `${meetingTypeNames[body.type]}通知`,
              body: `${a.name}同志：${org.name}定于 ${body.plannedOn} 召开${meetingTypeNames[body.type]}（${body.topic}${where}），请准时参加；不能参加的请在“我的会议”中请假。`,
            })),
          )
          .onConflictDoNothing({ target: notifications.dedupeKey })
          .returning({ id: notifications.id });
        notified += inserted.length;
      }
    }
    w.audit({
      action: 'meeting.plan',
      entity: 'meeting',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      after: { type: body.type, plannedOn: body.plannedOn, topic: body.topic, notified },
    });
    return { id, notified };
  });
}
