import { randomUUID } from 'node:crypto';
import { daysBetween, type LeaveReason, type MeetingType } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { leaveRequests } from '../../../db/schema.js';
import { type Actor, authorize, isUuid, resolveScopeOrg, subtree, underOrg } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { effectivePolicy } from '../../policies/index.js';
import { expectedAttendees, loadMeeting } from '../queries.js';
import { applyAttendance } from './record.js';

/**
 * `POST /api/me/meetings/:id/leave`: the member asks for leave (请假) from the portal, for a meeting
 * the member is expected at, planned or held within the policy's late-record window; once per meeting.
 */
export async function requestLeave(
  ctx: AppContext,
  actor: Actor,
  meetingId: string,
  body: { reason: LeaveReason; note?: string | undefined },
) {
  // A staff account has no meetings of its own to be excused from: outside its reach, hence 404.
  if (actor.role !== 'member' || !actor.memberId) throw new AppError('MEETING_NOT_FOUND');
  const memberId = actor.memberId;
  if (!isUuid(meetingId)) throw new AppError('MEETING_NOT_FOUND');
  return write(ctx, actor, async (tx, w) => {
    const m = await loadMeeting(ctx, sql`mt.id = ${meetingId}`, tx);
    if (!m) throw new AppError('MEETING_NOT_FOUND');
    const [listed] = await ctx.database.rows(
      sql`select 1 from meeting_attendance where meeting_id = ${m.id} and member_id = ${memberId}`,
      tx,
    );
    const expected =
      listed !== undefined ||
      (m.status === 'planned' &&
        (await expectedAttendees(ctx, tx, m.orgId, m.heldOn)).some((a) => a.memberId === memberId));
    if (!expected) throw new AppError('NOT_AN_ATTENDEE');
    if (m.status === 'held') {
      const policy = (await effectivePolicy(ctx, m.orgId, 'meetings', m.heldOn, tx)).document;
      if (daysBetween(m.heldOn, today()) > policy.lateRecordDays) throw new AppError('LEAVE_NOT_ALLOWED');
    }
    const id = randomUUID();
    const inserted = await tx
      .insert(leaveRequests)
      .values({ id, meetingId: m.id, memberId, reason: body.reason, note: body.note ?? null })
      .onConflictDoNothing()
      .returning({ id: leaveRequests.id });
    if (inserted.length === 0) throw new AppError('LEAVE_EXISTS');
    w.audit({
      action: 'meeting.leaveRequest',
      entity: 'meeting',
      entityId: m.id,
      orgId: m.orgId,
      orgPath: m.orgPath,
      after: { id, memberId, reason: body.reason },
    });
    return { id, status: 'pending' as const };
  });
}

interface LeaveRow {
  id: string;
  meetingId: string;
  meetingTopic: string;
  meetingType: MeetingType;
  heldOn: string;
  memberId: string;
  name: string;
  reason: LeaveReason;
  note: string | null;
  status: 'pending' | 'approved' | 'rejected';
  createdAt: string | Date;
}

const leaveColumns = sql`l.id, l.meeting_id as "meetingId", mt.topic as "meetingTopic", mt.type as "meetingType",
  mt.held_on::text as "heldOn", l.member_id as "memberId", m.name, l.reason, l.note, l.status,
  l.created_at as "createdAt"`;
const leaveFrom = sql`leave_requests l join meetings mt on mt.id = l.meeting_id join orgs o on o.id = mt.org_id
  join members m on m.id = l.member_id`;

const presentLeave = (r: LeaveRow) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() });

/** `GET /api/leave-requests`: the leave asked for meetings of the organization's subtree, newest first. */
export async function listLeaveRequests(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string | undefined; status?: LeaveRow['status'] | undefined; page: number; pageSize: number },
) {
  authorize(actor, 'org.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const parts: SQL[] = [underOrg(actor, org, sql`o.path`)];
  if (q.status) parts.push(sql`l.status = ${q.status}`);
  const where = sql.join(parts, sql` and `);
  const [rows, [count]] = await Promise.all([
    ctx.database.rows<LeaveRow>(
      sql`select ${leaveColumns} from ${leaveFrom} where ${where}
        order by l.created_at desc, l.id limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from ${leaveFrom} where ${where}`),
  ]);
  return { items: rows.map(presentLeave), total: count!.n };
}

/**
 * `POST /api/leave-requests/:id/decision`: the secretary approves or refuses. Approved leave of a held
 * meeting makes the attendance excused with its reason, and the escalations are recomputed (more than
 * the policy's leaves a year draws its own 警戒书, RULES.md §4).
 */
export async function decideLeave(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { approve: boolean; note?: string | undefined },
) {
  authorize(actor, 'meeting.approveLeave');
  if (!isUuid(id)) throw new AppError('LEAVE_NOT_FOUND');
  return write(ctx, actor, async (tx, w) => {
    const [leave] = await ctx.database.rows<{
      memberId: string;
      meetingId: string;
      reason: LeaveReason;
      status: string;
    }>(
      sql`select l.member_id as "memberId", l.meeting_id as "meetingId", l.reason, l.status
        from leave_requests l join meetings mt on mt.id = l.meeting_id join orgs o on o.id = mt.org_id
        where l.id = ${id} and ${subtree(actor, sql`o.path`)} for update of l`,
      tx,
    );
    if (!leave) throw new AppError('LEAVE_NOT_FOUND');
    if (leave.status !== 'pending') throw new AppError('LEAVE_DECIDED');
    const status = body.approve ? 'approved' : 'rejected';
    await tx.execute(sql`update leave_requests set status = ${status}, decided_by = ${actor.userId},
      decided_at = now(), decision_note = ${body.note ?? null} where id = ${id}`);
    const m = (await loadMeeting(ctx, sql`mt.id = ${leave.meetingId}`, tx, true))!;
    w.audit({
      action: 'meeting.leaveDecision',
      entity: 'meeting',
      entityId: m.id,
      orgId: m.orgId,
      orgPath: m.orgPath,
      after: { id, memberId: leave.memberId, status },
    });
    if (body.approve && m.status === 'held') {
      await applyAttendance(
        ctx,
        tx,
        w,
        m,
        [{ memberId: leave.memberId, status: 'excused', leaveReason: leave.reason }],
        'meeting.attendance',
      );
    }
    return { ok: true as const };
  });
}
