import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { createdAt } from './columns.js';
import { members } from './members.js';
import { orgs } from './orgs.js';

/** Attachments live in the database, so both engines and every app instance see the same files. */
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * A meeting of an organization (三会一课, 主题党日, 组织生活会, 谈心谈话; RULES.md §4): planned ahead, then
 * held and recorded. Counters of the record (expected, attending) are fixed when it is recorded.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    type: text('type').notNull(),
    status: text('status').notNull(),
    // The day held, or planned while the status is planned.
    heldOn: date('held_on').notNull(),
    topic: text('topic').notNull(),
    place: text('place'),
    recorder: text('recorder'),
    minutes: text('minutes'),
    late: boolean('late').notNull().default(false),
    lateReason: text('late_reason'),
    recordedOn: date('recorded_on'),
    recordedBy: uuid('recorded_by').references((): AnyPgColumn => users.id),
    votes: jsonb('votes'),
    expected: integer('expected').notNull().default(0),
    attending: integer('attending').notNull().default(0),
    quorumNeeded: integer('quorum_needed'),
    signInCode: text('sign_in_code'),
    signInUntil: timestamp('sign_in_until', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    // Migration 0022 builds it with INCLUDE (type, status): the comparison's ranges are index-only scans.
    index('meetings_org_held_idx').on(t.orgId, t.heldOn),
    uniqueIndex('meetings_sign_in_code_uq').on(t.signInCode).where(sql`${t.signInCode} is not null`),
    // meetingTypes (core meetings.ts)
    check(
      'meetings_type_check',
      sql`${t.type} in ('assembly', 'committee_meeting', 'group_meeting', 'party_lecture', 'theme_day', 'life_meeting', 'heart_talk')`,
    ),
    check('meetings_status_check', sql`${t.status} in ('planned', 'held')`),
    check('meetings_late_reason_check', sql`not ${t.late} or ${t.lateReason} is not null`),
  ],
);

/** The expected attendees, fixed when the meeting is recorded, and what each did (null: nothing recorded). */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references((): AnyPgColumn => meetings.id),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    // The meeting's day, kept here so a member's year is one index range.
    heldOn: date('held_on').notNull(),
    status: text('status'),
    leaveReason: text('leave_reason'),
    signedInAt: timestamp('signed_in_at', { withTimezone: true }),
    guest: boolean('guest').notNull().default(false),
  },
  (t) => [
    primaryKey({ name: 'meeting_attendance_pkey', columns: [t.meetingId, t.memberId] }),
    index('meeting_attendance_member_idx').on(t.memberId, t.heldOn),
    // attendanceStatuses (core meetings.ts)
    check(
      'meeting_attendance_status_check',
      sql`${t.status} is null or ${t.status} in ('present', 'online', 'excused', 'absent', 'late')`,
    ),
    check(
      'meeting_attendance_leave_reason_check',
      sql`${t.leaveReason} is null or ${t.leaveReason} in ('sick', 'official', 'personal')`,
    ),
  ],
);

export const meetingAttachments = pgTable(
  'meeting_attachments',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references((): AnyPgColumn => meetings.id),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    createdBy: uuid('created_by').references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('meeting_attachments_meeting_idx').on(t.meetingId),
    check('meeting_attachments_size_check', sql`${t.size} >= 0`),
  ],
);

/** 请假: a member asks from the portal, the secretary approves; approved leave is an excused absence. */
export const leaveRequests = pgTable(
  'leave_requests',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references((): AnyPgColumn => meetings.id),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    reason: text('reason').notNull(),
    note: text('note'),
    status: text('status').notNull().default('pending'),
    decidedBy: uuid('decided_by').references((): AnyPgColumn => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('leave_requests_meeting_member_uq').on(t.meetingId, t.memberId),
    index('leave_requests_member_idx').on(t.memberId),
    check('leave_requests_reason_check', sql`${t.reason} in ('sick', 'official', 'personal')`),
    check('leave_requests_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`),
  ],
);

/** Members excused from organizational life by the upper organization (ill, very old, bedridden; RULES.md §4). */
export const lifeExemptions = pgTable(
  'life_exemptions',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    reason: text('reason').notNull(),
    fromOn: date('from_on').notNull(),
    untilOn: date('until_on'),
    note: text('note'),
    // The upper organization that approved it.
    approvedByOrgId: uuid('approved_by_org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    createdBy: uuid('created_by').references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('life_exemptions_member_idx').on(t.memberId, t.fromOn),
    check('life_exemptions_reason_check', sql`${t.reason} in ('ill', 'elderly', 'bedridden', 'other')`),
    check('life_exemptions_range_check', sql`${t.untilOn} is null or ${t.untilOn} >= ${t.fromOn}`),
  ],
);

/** A member's escalation (RULES.md §4 decision, §6): a recorded step with a printable document. */
export const escalations = pgTable(
  'escalations',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    // The member's organization when it arose: whose staff print and deliver it.
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    kind: text('kind').notNull(),
    cause: text('cause').notNull(),
    meetingId: uuid('meeting_id').references((): AnyPgColumn => meetings.id),
    createdOn: date('created_on').notNull(),
    number: text('number'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('escalations_member_kind_meeting_uq').on(t.memberId, t.kind, t.cause, t.meetingId),
    index('escalations_member_idx').on(t.memberId, t.createdOn),
    index('escalations_org_idx').on(t.orgId, t.createdOn),
    check(
      'escalations_kind_check',
      sql`${t.kind} in ('sms_reminder', 'warning_letter', 'backward_member', 'lapse_candidate')`,
    ),
    check(
      'escalations_cause_check',
      sql`${t.cause} in ('unexcused_absence', 'excessive_leave', 'two_warning_letters', 'no_life_6m')`,
    ),
  ],
);

/** 篇三 街道 六(一): an organization's missed month answered by a reminder, 诫勉谈话 or disposal. */
export const orgEscalations = pgTable(
  'org_escalations',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    createdOn: date('created_on').notNull(),
    number: text('number'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('org_escalations_org_period_uq').on(t.orgId, t.period),
    check(
      'org_escalations_kind_check',
      sql`${t.kind} in ('written_reminder', 'admonition_talk', 'org_disposal')`,
    ),
  ],
);

/**
 * Organizational life attended (present or online), at home or elsewhere; a held meeting writes its
 * attendees here (`meeting_id`), so a mobile member's life at the host counts toward the home obligation.
 */
export const lifeRecords = pgTable(
  'life_records',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    heldOn: date('held_on').notNull(),
    mode: text('mode').notNull(),
    topic: text('topic'),
    meetingId: uuid('meeting_id').references((): AnyPgColumn => meetings.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('life_member_idx').on(t.memberId, t.heldOn),
    uniqueIndex('life_records_meeting_member_uq')
      .on(t.meetingId, t.memberId)
      .where(sql`${t.meetingId} is not null`),
    // lifeModes (core api/meetings.ts)
    check('life_records_mode_check', sql`${t.mode} in ('present', 'online')`),
  ],
);
