import { randomUUID } from 'node:crypto';
import {
  type AttendanceStatus,
  isLateRecord,
  type LeaveReason,
  type meetingCreateBody,
} from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { meetings } from '../../../db/schema.js';
import { type Actor, authorize, loadOrgInScope } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { type WriteScope, write } from '../../../lib/write.js';
import { effectivePolicy } from '../../policies/index.js';
import {
  type AttendanceRow,
  approvedLeaves,
  attendanceRows,
  expectedAttendees,
  loadMeetingInScope,
  type MeetingRow,
  visibleMembers,
} from '../queries.js';
import {
  type MeetingFacts,
  quorumOf,
  storeAttendance,
  storeCounters,
  syncLifeRecords,
  withPassed,
} from './attendance.js';
import { escalate } from './escalations.js';

type CreateBody = z.output<typeof meetingCreateBody>;
interface Entry {
  memberId: string;
  status: AttendanceStatus;
  leaveReason?: LeaveReason | undefined;
}

/**
 * The attendance of a record: the expected attendees (API.md: the organization's own members, hosted
 * mobile members, without the exempted) and anyone else listed whom the actor may see (a guest when not
 * of the organization). Only a recorded status counts; an approved leave excuses a member the record
 * says nothing of; a phone sign-in on the planned meeting stands unless the record says otherwise.
 */
async function attendanceOf(
  ctx: AppContext,
  tx: Executor,
  actor: Actor,
  meeting: { id: string; orgId: string; heldOn: string },
  entries: readonly Entry[],
  prior: readonly AttendanceRow[],
): Promise<AttendanceRow[]> {
  const byMember = new Map(entries.map((e) => [e.memberId, e]));
  const expected = await expectedAttendees(ctx, tx, meeting.orgId, meeting.heldOn);
  const known = new Map(expected.map((r) => [r.memberId, r]));
  const extra = [...byMember.keys()].filter((id) => !known.has(id));
  const visible = await visibleMembers(ctx, tx, actor, extra);
  if (visible.length < extra.length) {
    const seen = new Set(visible.map((v) => v.memberId));
    throw new AppError('NOT_AN_ATTENDEE', undefined, { memberIds: extra.filter((id) => !seen.has(id)) });
  }
  for (const v of visible) known.set(v.memberId, { ...v, guest: v.orgId !== meeting.orgId });
  const before = new Map(prior.map((r) => [r.memberId, r]));
  const leaves = await approvedLeaves(ctx, tx, meeting.id);
  return [...known.values()].map((a) => {
    const e = byMember.get(a.memberId);
    const p = before.get(a.memberId);
    const leave = leaves.get(a.memberId) ?? null;
    const status = e?.status ?? p?.status ?? (leave ? 'excused' : null);
    const reason = e ? (e.leaveReason ?? leave) : (p?.leaveReason ?? leave);
    return {
      ...a,
      status,
      leaveReason: status === 'excused' ? reason : null,
      signedInAt: p?.signedInAt ?? null,
    };
  });
}

const escalating = (rows: readonly { memberId: string; status: AttendanceStatus | null }[]) =>
  rows.filter((r) => r.status === 'absent' || r.status === 'excused').map((r) => r.memberId);

/** API.md `POST /api/meetings`: records a meeting held (or holds a planned one), RULES.md §4. */
export async function recordMeeting(ctx: AppContext, actor: Actor, body: CreateBody) {
  authorize(actor, 'meeting.write');
  const org = await loadOrgInScope(ctx.database, actor, body.orgId);
  const recordedOn = today();
  if (body.heldOn > recordedOn) throw new AppError('VALIDATION_FAILED', '会议日期不能晚于今天');
  const policy = (await effectivePolicy(ctx, org.id, 'meetings', body.heldOn)).document;
  const late = isLateRecord(policy, body.heldOn, recordedOn);
  if (late && !body.lateReason) throw new AppError('LATE_RECORD_NEEDS_REASON');
  return write(ctx, actor, async (tx, w) => {
    let id: string = randomUUID();
    let prior: AttendanceRow[] = [];
    if (body.planId) {
      const plan = await loadMeetingInScope(ctx, actor, body.planId, tx, true);
      if (plan.orgId !== org.id) throw new AppError('MEETING_NOT_FOUND');
      if (plan.status === 'held') throw new AppError('MEETING_HELD');
      id = plan.id;
      prior = await attendanceRows(ctx, tx, id);
    }
    const meeting: MeetingFacts = {
      id,
      orgId: org.id,
      type: body.type,
      heldOn: body.heldOn,
      topic: body.topic,
    };
    const fields = {
      orgId: org.id,
      type: body.type,
      status: 'held',
      heldOn: body.heldOn,
      topic: body.topic,
      place: body.place ?? null,
      recorder: body.recorder ?? null,
      minutes: body.minutes ?? null,
      late,
      lateReason: body.lateReason ?? null,
      recordedOn,
      recordedBy: actor.userId,
    };
    if (body.planId) await tx.update(meetings).set(fields).where(sql`id = ${id}`);
    else await tx.insert(meetings).values({ id, ...fields });
    const rows = await attendanceOf(ctx, tx, actor, meeting, body.attendance, prior);
    await storeAttendance(tx, meeting, rows);
    const q = await quorumOf(ctx, tx, meeting, rows);
    const votes = withPassed(body.votes, q?.expected ?? rows.length);
    await tx
      .update(meetings)
      .set({ votes: votes.length > 0 ? votes : null })
      .where(sql`id = ${id}`);
    await storeCounters(tx, id, rows, q);
    const changed = await syncLifeRecords(tx, meeting, rows);
    w.audit({
      action: 'meeting.record',
      entity: 'meeting',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      after: {
        type: body.type,
        heldOn: body.heldOn,
        topic: body.topic,
        late,
        planId: body.planId ?? null,
        expected: rows.length,
        attendance: rows.filter((r) => r.status).map((r) => [r.memberId, r.status]),
        quorum: q,
        votes,
      },
    });
    // The organization's own duty to hold the period's meeting (the meetings obligations provider) too.
    w.affects({ memberIds: changed, orgIds: [org.id] });
    const escalations = await escalate(ctx, tx, w, escalating(rows), body.heldOn);
    return { id, late, quorum: q, escalations };
  });
}

/**
 * `PUT /api/meetings/:id/attendance`: corrects statuses of a held meeting's expected attendees; the
 * life records follow and the escalations are recomputed (those already issued stay: each is a step taken).
 */
export async function updateAttendance(
  ctx: AppContext,
  actor: Actor,
  meetingId: string,
  entries: readonly Entry[],
) {
  authorize(actor, 'meeting.write');
  return write(ctx, actor, async (tx, w) => {
    const m = await loadMeetingInScope(ctx, actor, meetingId, tx, true);
    if (m.status !== 'held') throw new AppError('RULE_VIOLATION', '会议尚未召开登记，不能修改出勤');
    return applyAttendance(ctx, tx, w, m, entries, 'meeting.attendance');
  });
}

/** Sets statuses of expected attendees of a held meeting inside the caller's write (also approved leave). */
export async function applyAttendance(
  ctx: AppContext,
  tx: Executor,
  w: WriteScope,
  m: MeetingRow,
  entries: readonly Entry[],
  action: string,
) {
  const rows = await attendanceRows(ctx, tx, m.id);
  const byMember = new Map(rows.map((r) => [r.memberId, r]));
  const missing = entries.filter((e) => !byMember.has(e.memberId)).map((e) => e.memberId);
  if (missing.length > 0) throw new AppError('NOT_AN_ATTENDEE', undefined, { memberIds: missing });
  let updated = 0;
  for (const e of entries) {
    const row = byMember.get(e.memberId)!;
    const leaveReason = e.status === 'excused' ? (e.leaveReason ?? row.leaveReason) : null;
    if (row.status === e.status && row.leaveReason === leaveReason) continue;
    row.status = e.status;
    row.leaveReason = leaveReason;
    updated += 1;
    await tx.execute(sql`update meeting_attendance set status = ${e.status}, leave_reason = ${leaveReason}
      where meeting_id = ${m.id} and member_id = ${e.memberId}`);
  }
  if (updated === 0) {
    w.nothingChanged();
    return { updated, escalations: 0 };
  }
  const meeting: MeetingFacts = { id: m.id, orgId: m.orgId, type: m.type, heldOn: m.heldOn, topic: m.topic };
  await storeCounters(tx, m.id, rows, await quorumOf(ctx, tx, meeting, rows));
  const changed = await syncLifeRecords(tx, meeting, rows);
  w.audit({
    action,
    entity: 'meeting',
    entityId: m.id,
    orgId: m.orgId,
    orgPath: m.orgPath,
    after: { attendance: entries.map((e) => [e.memberId, e.status, e.leaveReason ?? null]) },
  });
  w.affects({ memberIds: changed });
  const escalations = await escalate(ctx, tx, w, escalating(entries), m.heldOn);
  return { updated, escalations };
}
