import { type AttendanceStatus, daysBetween, type LeaveReason, type MeetingType } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import type { Actor } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { effectivePolicy } from '../../policies/index.js';
import { countsOf } from './read.js';

interface MyRow {
  id: string;
  type: MeetingType;
  status: 'planned' | 'held';
  heldOn: string;
  topic: string;
  place: string | null;
  orgName: string;
  myStatus: AttendanceStatus | null;
  listed: boolean;
  leaveId: string | null;
  leaveStatus: 'pending' | 'approved' | 'rejected' | null;
  leaveReason: LeaveReason | null;
}

/**
 * `GET /api/me/meetings?year=` (portal): the planned meetings of my organization from today on, and
 * the held meetings of the year I was expected at, with my status and my leave request.
 */
export async function myMeetings(ctx: AppContext, actor: Actor, year?: number) {
  if (actor.role !== 'member' || !actor.memberId) throw new AppError('NOT_FOUND');
  const memberId = actor.memberId;
  const now = today();
  const y = year ?? Number(now.slice(0, 4));
  const rows = await ctx.database.rows<MyRow>(sql`
    select mt.id, mt.type, mt.status, mt.held_on::text as "heldOn", mt.topic, mt.place, o.name as "orgName",
      a.status as "myStatus", a.member_id is not null as listed,
      l.id as "leaveId", l.status as "leaveStatus", l.reason as "leaveReason"
    from meetings mt join orgs o on o.id = mt.org_id
      left join meeting_attendance a on a.meeting_id = mt.id and a.member_id = ${memberId}
      left join leave_requests l on l.meeting_id = mt.id and l.member_id = ${memberId}
    where (mt.status = 'held' and a.member_id is not null
        and mt.held_on between ${`${y}-01-01`}::date and ${`${y}-12-31`}::date)
      or (mt.status = 'planned' and mt.held_on >= ${now}::date
        and (a.member_id is not null or mt.org_id = (select org_id from members where id = ${memberId})))
    order by mt.held_on desc, mt.id`);
  const [member] = await ctx.database.rows<{ orgId: string }>(
    sql`select org_id as "orgId" from members where id = ${memberId}`,
  );
  const window = member
    ? (await effectivePolicy(ctx, member.orgId, 'meetings', now)).document.lateRecordDays
    : 0;
  const items = rows.map((r) => ({
    id: r.id,
    type: r.type,
    status: r.status,
    heldOn: r.heldOn,
    topic: r.topic,
    place: r.place,
    orgName: r.orgName,
    myStatus: r.myStatus,
    leave: r.leaveId ? { id: r.leaveId, status: r.leaveStatus!, reason: r.leaveReason! } : null,
    canAskLeave:
      r.leaveId === null &&
      (r.status === 'planned' ||
        (r.myStatus !== 'present' && r.myStatus !== 'online' && daysBetween(r.heldOn, now) <= window)),
  }));
  return {
    year: y,
    items,
    counts: countsOf(rows.filter((r) => r.status === 'held').map((r) => ({ status: r.myStatus }))),
  };
}
