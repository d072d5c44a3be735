import { randomInt, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { lifeRecords, meetingAttendance, meetings } from '../../../db/schema.js';
import { type Actor, authorize } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { effectivePolicy } from '../../policies/index.js';
import { expectedAttendees, loadMeeting, loadMeetingInScope } from '../queries.js';

/** A 6-digit code no open sign-in uses; an expired holder of the same digits gives it up. */
async function freshCode(ctx: AppContext, tx: Executor) {
  for (;;) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const [open] = await ctx.database.rows(
      sql`select 1 from meetings where sign_in_code = ${code} and sign_in_until >= now()`,
      tx,
    );
    if (open) continue;
    await tx.execute(sql`update meetings set sign_in_code = null where sign_in_code = ${code}`);
    return code;
  }
}

/**
 * `POST /api/meetings/:id/sign-in` (staff): opens phone sign-in with a code and a QR code for the
 * screen, for the policy's minutes unless told otherwise. On a planned meeting the expected attendees
 * are listed now, so the sign-ins stand when the meeting is recorded.
 */
export async function openSignIn(ctx: AppContext, actor: Actor, meetingId: string, minutes?: number) {
  authorize(actor, 'meeting.write');
  const opened = await write(ctx, actor, async (tx, w) => {
    const m = await loadMeetingInScope(ctx, actor, meetingId, tx, true);
    const policy = (await effectivePolicy(ctx, m.orgId, 'meetings', today(), tx)).document;
    const validUntil = new Date(Date.now() + (minutes ?? policy.signInMinutes) * 60_000);
    const code = await freshCode(ctx, tx);
    await tx.update(meetings).set({ signInCode: code, signInUntil: validUntil }).where(eq(meetings.id, m.id));
    if (m.status === 'planned') {
      const attendees = await expectedAttendees(ctx, tx, m.orgId, m.heldOn);
      if (attendees.length > 0) {
        await tx
          .insert(meetingAttendance)
          .values(
            attendees.map((a) => ({
              meetingId: m.id,
              memberId: a.memberId,
              heldOn: m.heldOn,
              guest: a.guest,
            })),
          )
          .onConflictDoNothing();
      }
    }
    w.audit({
      action: 'meeting.signInOpen',
      entity: 'meeting',
      entityId: m.id,
      orgId: m.orgId,
      orgPath: m.orgPath,
      after: { validUntil: validUntil.toISOString() },
    });
    return { code, validUntil: validUntil.toISOString() };
  });
  const url = `/m/sign-in?code=${opened.code}`;
  return { ...opened, url, qrSvg: await QRCode.toString(url, { type: 'svg' }) };
}

/**
 * `POST /api/me/meetings/sign-in`: the member signs in once, from the member's own account (篇三 街道
 * 六(二): no proxy signing — staff accounts cannot use it). Records the member present.
 */
export async function signIn(ctx: AppContext, actor: Actor, code: string) {
  if (actor.role !== 'member' || !actor.memberId) throw new AppError('FORBIDDEN', '只能由党员本人签到');
  const memberId = actor.memberId;
  return write(ctx, actor, async (tx, w) => {
    const m = await loadMeeting(ctx, sql`mt.sign_in_code = ${code}`, tx, true);
    if (!m) throw new AppError('SIGN_IN_NOT_FOUND');
    if (!m.signInUntil || new Date(m.signInUntil).getTime() < Date.now())
      throw new AppError('SIGN_IN_CLOSED');
    const [row] = await ctx.database.rows<{ signedInAt: string | null }>(
      sql`select signed_in_at as "signedInAt" from meeting_attendance
        where meeting_id = ${m.id} and member_id = ${memberId} for update`,
      tx,
    );
    if (!row) throw new AppError('NOT_AN_ATTENDEE');
    if (row.signedInAt) throw new AppError('ALREADY_SIGNED_IN');
    await tx
      .update(meetingAttendance)
      .set({ status: 'present', leaveReason: null, signedInAt: new Date() })
      .where(and(eq(meetingAttendance.meetingId, m.id), eq(meetingAttendance.memberId, memberId)));
    if (m.status === 'held') {
      await tx
        .delete(lifeRecords)
        .where(and(eq(lifeRecords.meetingId, m.id), eq(lifeRecords.memberId, memberId)));
      await tx.insert(lifeRecords).values({
        id: randomUUID(),
        memberId,
        orgId: m.orgId,
        heldOn: m.heldOn,
        mode: 'present',
        topic: m.topic,
        meetingId: m.id,
      });
      await tx.execute(sql`update meetings set attending = (select count(*) from meeting_attendance
        where meeting_id = ${m.id} and status in ('present', 'online', 'late')) where id = ${m.id}`);
      w.affects({ memberIds: [memberId] });
    }
    w.audit({
      action: 'meeting.signIn',
      entity: 'meeting',
      entityId: m.id,
      orgId: m.orgId,
      orgPath: m.orgPath,
      after: { memberId },
    });
    return { meetingId: m.id, status: 'present' as const };
  });
}
