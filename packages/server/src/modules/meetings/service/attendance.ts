import { randomUUID } from 'node:crypto';
import { attended, type MeetingType, motionPasses, quorum } from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { lifeRecords, meetingAttendance } from '../../../db/schema.js';
import { type AttendanceRow, committeeMemberIds } from '../queries.js';

export interface MeetingFacts {
  id: string;
  orgId: string;
  type: MeetingType;
  heldOn: string;
  topic: string;
}

export interface QuorumFacts {
  met: boolean;
  needed: number;
  attending: number;
  expected: number;
}

/**
 * RULES.md §4 quorum: the assembly counts the full (voting) members of the organization among the
 * expected attendees (guests vote at home); the committee its serving posts, or the expected attendees
 * where no post is registered. Present, online and late count as attending.
 */
export async function quorumOf(
  ctx: AppContext,
  ex: Executor | undefined,
  meeting: MeetingFacts,
  rows: readonly AttendanceRow[],
): Promise<QuorumFacts | null> {
  if (meeting.type !== 'assembly' && meeting.type !== 'committee_meeting') return null;
  const statusOf = new Map(rows.map((r) => [r.memberId, r.status]));
  let base: string[];
  if (meeting.type === 'assembly') {
    base = rows.filter((r) => !r.guest && r.kind === 'full').map((r) => r.memberId);
  } else {
    const posts = await committeeMemberIds(ctx, ex, meeting.orgId, meeting.heldOn);
    base = posts.length > 0 ? posts : rows.map((r) => r.memberId);
  }
  const attending = base.filter((id) => {
    const s = statusOf.get(id);
    return s != null && attended(s);
  }).length;
  const q = quorum(meeting.type, base.length, attending)!;
  return { ...q, attending, expected: base.length };
}

/** RULES.md §4: a motion passes with more than half of those due to attend (not of those present). */
export function withPassed(
  votes: readonly { motion: string; for: number; against: number; abstain: number }[] | undefined,
  due: number,
) {
  return (votes ?? []).map((v) => ({ ...v, passed: motionPasses(v.for, due) }));
}

/** Replaces the attendance rows of a meeting (the expected attendees are fixed when it is recorded). */
export async function storeAttendance(tx: Executor, meeting: MeetingFacts, rows: readonly AttendanceRow[]) {
  await tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, meeting.id));
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(meetingAttendance).values(
      rows.slice(i, i + 500).map((r) => ({
        meetingId: meeting.id,
        memberId: r.memberId,
        heldOn: meeting.heldOn,
        status: r.status,
        leaveReason: r.status === 'excused' ? r.leaveReason : null,
        signedInAt: r.signedInAt ? new Date(r.signedInAt) : null,
        guest: r.guest,
      })),
    );
  }
}

/** The counters a list shows, fixed with the record. */
export async function storeCounters(
  tx: Executor,
  meetingId: string,
  rows: readonly AttendanceRow[],
  q: QuorumFacts | null,
) {
  const attending = rows.filter((r) => r.status != null && attended(r.status)).length;
  await tx.execute(sql`update meetings set expected = ${rows.length}, attending = ${attending},
    quorum_needed = ${q?.needed ?? null} where id = ${meetingId}`);
}

/**
 * The meeting's attendees are its life records (late counts as present), at the meeting's organization:
 * this is what makes a mobile member's attendance at the host count toward the home `org_life`
 * obligation. Answers every member whose record changed, for the obligations refresh.
 */
export async function syncLifeRecords(tx: Executor, meeting: MeetingFacts, rows: readonly AttendanceRow[]) {
  const removed = await tx
    .delete(lifeRecords)
    .where(eq(lifeRecords.meetingId, meeting.id))
    .returning({ memberId: lifeRecords.memberId });
  const present = rows.filter((r) => r.status != null && attended(r.status));
  for (let i = 0; i < present.length; i += 500) {
    await tx.insert(lifeRecords).values(
      present.slice(i, i + 500).map((r) => ({
        id: randomUUID(),
        memberId: r.memberId,
        orgId: meeting.orgId,
        heldOn: meeting.heldOn,
        mode: r.status === 'online' ? 'online' : 'present',
        topic: meeting.topic,
        meetingId: meeting.id,
      })),
    );
  }
  return [...new Set([...removed.map((r) => r.memberId), ...present.map((r) => r.memberId)])];
}
