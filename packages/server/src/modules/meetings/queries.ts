import type { AttendanceFact, AttendanceStatus, LeaveReason, LifeMode, MeetingType } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { type Actor, isUuid, memberSubtree, subtree } from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';

export interface LifeRecordRow {
  id: string;
  heldOn: string;
  mode: LifeMode;
  topic: string | null;
}

/** A member's organizational life, latest first (the member ledger shows the last hundred). */
export function lifeRecordRows(ctx: AppContext, memberId: string) {
  return ctx.database.rows<LifeRecordRow>(sql`select id, held_on::text as "heldOn", mode, topic from life_records
    where member_id = ${memberId} order by held_on desc limit 100`);
}

export interface MeetingRow {
  id: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  type: MeetingType;
  status: 'planned' | 'held';
  heldOn: string;
  topic: string;
  place: string | null;
  recorder: string | null;
  minutes: string | null;
  late: boolean;
  lateReason: string | null;
  recordedOn: string | null;
  votes: { motion: string; for: number; against: number; abstain: number; passed: boolean }[] | null;
  expected: number;
  attending: number;
  signInCode: string | null;
  signInUntil: string | Date | null;
}

export const meetingColumns = sql`mt.id, mt.org_id as "orgId", o.name as "orgName", o.path::text as "orgPath",
  mt.type, mt.status, mt.held_on::text as "heldOn", mt.topic, mt.place, mt.recorder, mt.minutes, mt.late,
  mt.late_reason as "lateReason", mt.recorded_on::text as "recordedOn", mt.votes, mt.expected, mt.attending,
  mt.sign_in_code as "signInCode", mt.sign_in_until as "signInUntil"`;
const meetingFrom = sql`meetings mt join orgs o on o.id = mt.org_id`;

/** A meeting of an organization in the actor's subtree; anything else is 404 (ARCHITECTURE.md §3). */
export async function loadMeetingInScope(
  ctx: AppContext,
  actor: Actor,
  id: string,
  ex?: Executor,
  lock = false,
): Promise<MeetingRow> {
  if (!isUuid(id)) throw new AppError('MEETING_NOT_FOUND');
  const [row] = await ctx.database.rows<MeetingRow>(
    sql`select ${meetingColumns} from ${meetingFrom} where mt.id = ${id} and ${subtree(actor, sql`o.path`)}
      ${lock ? sql`for update of mt` : sql``}`,
    ex,
  );
  if (!row) throw new AppError('MEETING_NOT_FOUND');
  return row;
}

/** A meeting by id without scope: for the member's own portal routes, which check attendance instead. */
export async function loadMeeting(ctx: AppContext, where: SQL, ex?: Executor, lock = false) {
  const [row] = await ctx.database.rows<MeetingRow>(
    sql`select ${meetingColumns} from ${meetingFrom} where ${where} ${lock ? sql`for update of mt` : sql``}`,
    ex,
  );
  return row ?? null;
}

export function meetingRows(ctx: AppContext, where: SQL, limit: number, offset: number) {
  return ctx.database.rows<MeetingRow>(
    sql`select ${meetingColumns} from ${meetingFrom} where ${where}
      order by mt.held_on desc, mt.created_at desc, mt.id limit ${limit} offset ${offset}`,
  );
}

export async function meetingCount(ctx: AppContext, where: SQL) {
  const [row] = await ctx.database.rows<{ n: number }>(
    sql`select count(*)::int as n from ${meetingFrom} where ${where}`,
  );
  return row!.n;
}

export interface AttendeeRow {
  memberId: string;
  name: string;
  orgId: string;
  kind: 'full' | 'probationary';
  guest: boolean;
}

const notExempt = (on: string) => sql`not exists (select 1 from life_exemptions x where x.member_id = m.id
  and x.from_on <= ${on}::date and (x.until_on is null or x.until_on >= ${on}::date))`;

/**
 * API.md meetings: the expected attendees on `on` — the active members of the organization itself (not
 * its subtree), and the mobile members whose open stay is hosted there (流入党员, as guests), without
 * those exempted by the upper organization (RULES.md §4).
 */
export function expectedAttendees(ctx: AppContext, ex: Executor, orgId: string, on: string) {
  return ctx.database.rows<AttendeeRow>(
    sql`select m.id as "memberId", m.name, m.org_id as "orgId", m.kind, false as guest from members m
      where m.org_id = ${orgId} and m.exit_kind is null and m.standing = 'normal' and ${notExempt(on)}
      union
      select m.id, m.name, m.org_id, m.kind, true from mobility_episodes e join members m on m.id = e.member_id
      where e.inflow_org_id = ${orgId} and e.status = 'open' and m.org_id <> ${orgId}
        and m.exit_kind is null and ${notExempt(on)}
      order by 2, 1`,
    ex,
  );
}

/** Members listed in a record beyond the expected ones: only those the actor may see count. */
export function visibleMembers(ctx: AppContext, ex: Executor, actor: Actor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([] as AttendeeRow[]);
  const valid = ids.filter(isUuid);
  if (valid.length < ids.length) throw new AppError('NOT_AN_ATTENDEE');
  return ctx.database.rows<AttendeeRow>(
    sql`select m.id as "memberId", m.name, m.org_id as "orgId", m.kind, false as guest from members m
      where m.id in (${sql.join(
        valid.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) and m.exit_kind is null and ${memberSubtree(actor, sql`m.org_id`)}`,
    ex,
  );
}

export interface AttendanceRow {
  memberId: string;
  name: string;
  kind: 'full' | 'probationary';
  orgId: string;
  status: AttendanceStatus | null;
  leaveReason: LeaveReason | null;
  signedInAt: string | Date | null;
  guest: boolean;
}

export function attendanceRows(ctx: AppContext, ex: Executor | undefined, meetingId: string) {
  return ctx.database.rows<AttendanceRow>(
    sql`select a.member_id as "memberId", m.name, m.kind, m.org_id as "orgId", a.status,
        a.leave_reason as "leaveReason", a.signed_in_at as "signedInAt", a.guest
      from meeting_attendance a join members m on m.id = a.member_id
      where a.meeting_id = ${meetingId} order by a.guest, m.name, a.member_id`,
    ex,
  );
}

/** RULES.md §4: the committee is its serving posts (secretary, deputy, members) on the day. */
export async function committeeMemberIds(
  ctx: AppContext,
  ex: Executor | undefined,
  orgId: string,
  on: string,
) {
  const rows = await ctx.database.rows<{ memberId: string }>(
    sql`select distinct member_id as "memberId" from org_posts where org_id = ${orgId}
      and started_on <= ${on}::date and (ends_on is null or ends_on >= ${on}::date)`,
    ex,
  );
  return rows.map((r) => r.memberId);
}

/**
 * A member's whole record for the escalation ladder: the statuses of held meetings, and organizational
 * life recorded without a meeting (elsewhere, by hand) as present.
 */
export function attendanceFacts(ctx: AppContext, ex: Executor, memberId: string) {
  return ctx.database.rows<AttendanceFact>(
    sql`select a.meeting_id as "meetingId", a.held_on::text as "heldOn", a.status
      from meeting_attendance a join meetings mt on mt.id = a.meeting_id
      where a.member_id = ${memberId} and a.status is not null and mt.status = 'held'
      union all
      select l.id, l.held_on::text, 'present' from life_records l
      where l.member_id = ${memberId} and l.meeting_id is null`,
    ex,
  );
}

/** Approved leave of a meeting: the members excused unless the record says otherwise. */
export async function approvedLeaves(ctx: AppContext, ex: Executor, meetingId: string) {
  const rows = await ctx.database.rows<{ memberId: string; reason: LeaveReason }>(
    sql`select member_id as "memberId", reason from leave_requests
      where meeting_id = ${meetingId} and status = 'approved'`,
    ex,
  );
  return new Map(rows.map((r) => [r.memberId, r.reason]));
}

export interface AttachmentRow {
  id: string;
  name: string;
  contentType: string;
  size: number;
  createdAt: string | Date;
}

export function attachmentRows(ctx: AppContext, meetingId: string) {
  return ctx.database.rows<AttachmentRow>(
    sql`select id, name, content_type as "contentType", size, created_at as "createdAt"
      from meeting_attachments where meeting_id = ${meetingId} order by created_at, id`,
  );
}
