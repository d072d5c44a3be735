import type { EscalationCause, EscalationKind } from '@dangjian/core';
import type { AttachmentRow, AttendanceRow, LifeRecordRow, MeetingRow } from './queries.js';

const iso = (t: string | Date) => new Date(t).toISOString();

export function presentLifeRecord(row: LifeRecordRow) {
  return { id: row.id, heldOn: row.heldOn, mode: row.mode, topic: row.topic };
}

export function presentMeetingListItem(row: MeetingRow) {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    type: row.type,
    status: row.status,
    heldOn: row.heldOn,
    topic: row.topic,
    late: row.late,
    expected: row.expected,
    attending: row.attending,
  };
}

export function presentAttendance(row: AttendanceRow) {
  return {
    memberId: row.memberId,
    name: row.name,
    status: row.status,
    leaveReason: row.leaveReason,
    signedInAt: row.signedInAt ? iso(row.signedInAt) : null,
    guest: row.guest,
  };
}

export function presentAttachment(row: AttachmentRow) {
  return {
    id: row.id,
    name: row.name,
    contentType: row.contentType,
    size: row.size,
    createdAt: iso(row.createdAt),
  };
}

export function presentSignIn(row: MeetingRow) {
  if (!row.signInCode || !row.signInUntil) return null;
  return { open: new Date(row.signInUntil).getTime() >= Date.now(), validUntil: iso(row.signInUntil) };
}

export function presentEscalation(row: {
  id: string;
  kind: EscalationKind;
  createdOn: string;
  cause: string;
  meetingId: string | null;
  number: string | null;
}) {
  return {
    id: row.id,
    kind: row.kind,
    createdOn: row.createdOn,
    cause: row.cause as EscalationCause,
    meetingId: row.meetingId,
    number: row.number,
  };
}
