import type { AttendanceStatus, MeetingType } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { type Actor, authorize, can, resolveScopeOrg, underOrg } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { loadMemberInScope } from '../../members/index.js';
import { presentAttachment, presentAttendance, presentMeetingListItem, presentSignIn } from '../presenter.js';
import { attachmentRows, attendanceRows, loadMeetingInScope, meetingCount, meetingRows } from '../queries.js';
import { quorumOf } from './attendance.js';

/** `GET /api/meetings`: the meetings of an organization's subtree (else the actor's scope), newest first. */
export async function listMeetings(
  ctx: AppContext,
  actor: Actor,
  q: {
    orgId?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    type?: MeetingType | undefined;
    status: 'planned' | 'held' | 'all';
    page: number;
    pageSize: number;
  },
) {
  authorize(actor, 'org.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const parts: SQL[] = [underOrg(actor, org, sql`o.path`)];
  if (q.status !== 'all') parts.push(sql`mt.status = ${q.status}`);
  if (q.from) parts.push(sql`mt.held_on >= ${q.from}::date`);
  if (q.to) parts.push(sql`mt.held_on <= ${q.to}::date`);
  if (q.type) parts.push(sql`mt.type = ${q.type}`);
  const where = sql.join(parts, sql` and `);
  const [rows, total] = await Promise.all([
    meetingRows(ctx, where, q.pageSize, (q.page - 1) * q.pageSize),
    meetingCount(ctx, where),
  ]);
  return { items: rows.map(presentMeetingListItem), total };
}

const ability = (allowed: boolean, reason: string) => ({ allowed, reason: allowed ? null : reason });

/** `GET /api/meetings/:id`: the record, its attendance, attachments, sign-in and what the actor may do. */
export async function meetingDetail(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'org.read');
  const m = await loadMeetingInScope(ctx, actor, id);
  const [rows, attachments] = await Promise.all([
    attendanceRows(ctx, undefined, m.id),
    attachmentRows(ctx, m.id),
  ]);
  const quorum = m.status === 'held' ? await quorumOf(ctx, undefined, { ...m, id: m.id }, rows) : null;
  const writer = can(actor, 'meeting.write');
  return {
    id: m.id,
    orgId: m.orgId,
    orgName: m.orgName,
    type: m.type,
    status: m.status,
    heldOn: m.heldOn,
    topic: m.topic,
    place: m.place,
    recorder: m.recorder,
    minutes: m.minutes,
    late: m.late,
    lateReason: m.lateReason,
    recordedOn: m.recordedOn,
    quorum,
    votes: m.votes ?? [],
    attendance: rows.map(presentAttendance),
    attachments: attachments.map(presentAttachment),
    signIn: presentSignIn(m),
    abilities: {
      record: ability(writer, '无权登记会议'),
      signIn: ability(writer, '无权发起签到'),
      attach: ability(writer, '无权上传附件'),
    },
  };
}

const emptyCounts = () => ({ expected: 0, present: 0, online: 0, late: 0, excused: 0, absent: 0 });

export interface MemberMeetingRow {
  meetingId: string;
  type: MeetingType;
  heldOn: string;
  topic: string;
  orgName: string;
  status: AttendanceStatus | null;
}

/** A member's attendance at held meetings of a year (any organization's: at home and as a guest). */
export function memberYearRows(ctx: AppContext, memberId: string, year: number) {
  return ctx.database.rows<MemberMeetingRow>(
    sql`select a.meeting_id as "meetingId", mt.type, mt.held_on::text as "heldOn", mt.topic, o.name as "orgName",
        a.status
      from meeting_attendance a join meetings mt on mt.id = a.meeting_id join orgs o on o.id = mt.org_id
      where a.member_id = ${memberId} and mt.status = 'held'
        and a.held_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date
      order by mt.held_on desc, mt.id`,
  );
}

export function countsOf(rows: readonly { status: AttendanceStatus | null }[]) {
  const counts = emptyCounts();
  for (const r of rows) {
    counts.expected += 1;
    if (r.status) counts[r.status] += 1;
  }
  return counts;
}

/** `GET /api/members/:id/attendance?year=`. */
export async function memberAttendance(ctx: AppContext, actor: Actor, memberId: string, year?: number) {
  authorize(actor, 'member.read');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const y = year ?? Number(today().slice(0, 4));
  const items = await memberYearRows(ctx, member.id, y);
  return { year: y, counts: countsOf(items), items };
}
