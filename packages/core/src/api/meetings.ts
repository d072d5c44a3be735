import { z } from 'zod';
import {
  attendanceStatuses,
  escalationCauses,
  escalationKinds,
  leaveReasons,
  meetingFrequencies,
  meetingTypes,
  orgEscalationKinds,
} from '../meetings.js';
import {
  fileSchema,
  idParams,
  idRef,
  isoDate,
  listOf,
  pageOf,
  pageQuery,
  timestampString,
} from './common.js';

/**
 * Organizational life (组织生活) attended by a member: recorded by the member's own organization, at
 * home or, with `orgId`, at another organization of its scope (votes stay at home).
 */
export const lifeModes = ['present', 'online'] as const;
export type LifeMode = (typeof lifeModes)[number];

export const lifeCreateBody = z.object({
  heldOn: isoDate,
  mode: z.enum(lifeModes),
  topic: z.string().max(200).optional(),
  orgId: idRef.optional(),
});

/** The answer to recording it: the record's id and what was sent. */
export const lifeRecordedSchema = z.object({
  id: z.string(),
  heldOn: z.string(),
  mode: z.enum(lifeModes),
  topic: z.string().optional(),
  orgId: z.string().optional(),
});

/** One attendance as the member ledger lists it. */
export const lifeRecordSchema = z.object({
  id: z.string(),
  heldOn: z.string(),
  mode: z.enum(lifeModes),
  topic: z.string().nullable(),
});

// ——— Meetings 组织生活 (API.md "Meetings"; RULES.md §4) ———

const meetingType = z.enum(meetingTypes);
const attendanceStatus = z.enum(attendanceStatuses);
const year = z.coerce.number().int().min(2000).max(2100);
const text = (max: number) => z.string().trim().min(1).max(max);

export const meetingStatuses = ['planned', 'held'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const attendanceEntry = z.object({
  memberId: idRef,
  status: attendanceStatus,
  leaveReason: z.enum(leaveReasons).optional(),
});

/** A vote taken at the meeting (RULES.md §4: a motion passes with more than half of those due). */
export const meetingVoteSchema = z.object({
  motion: text(200),
  for: z.number().int().min(0).max(100_000),
  against: z.number().int().min(0).max(100_000),
  abstain: z.number().int().min(0).max(100_000),
});

export const meetingCreateBody = z.object({
  orgId: idRef,
  type: meetingType,
  heldOn: isoDate,
  topic: text(200),
  attendance: z.array(attendanceEntry).max(5000).default([]),
  lateReason: z.string().trim().max(500).optional(),
  /** A planned meeting this record holds (its id stays the meeting's id). */
  planId: idRef.optional(),
  place: z.string().trim().max(200).optional(),
  recorder: z.string().trim().max(50).optional(),
  minutes: z.string().max(20_000).optional(),
  votes: z.array(meetingVoteSchema).max(20).optional(),
});

export const quorumSchema = z.object({
  met: z.boolean(),
  needed: z.number(),
  attending: z.number(),
  expected: z.number(),
});

export const meetingCreatedSchema = z.object({
  id: z.string(),
  late: z.boolean(),
  quorum: quorumSchema.nullable(),
  /** Escalations this record caused (RULES.md §4). */
  escalations: z.number(),
});

export const meetingPlanBody = z.object({
  orgId: idRef,
  type: meetingType,
  plannedOn: isoDate,
  topic: text(200),
  place: z.string().trim().max(200).optional(),
  /** Tell the expected attendees now (the notices outbox). */
  notify: z.boolean().default(true),
});
export const meetingPlannedSchema = z.object({ id: z.string(), notified: z.number() });

export const meetingListQuery = pageQuery.extend({
  orgId: idRef.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  type: meetingType.optional(),
  status: z.enum([...meetingStatuses, 'all']).default('held'),
});

export const meetingListItemSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  type: meetingType,
  status: z.enum(meetingStatuses),
  heldOn: z.string(),
  topic: z.string(),
  late: z.boolean(),
  expected: z.number(),
  attending: z.number(),
});
export const meetingPageSchema = pageOf(meetingListItemSchema);

const ability = z.object({ allowed: z.boolean(), reason: z.string().nullable() });

export const meetingAttendanceRowSchema = z.object({
  memberId: z.string(),
  name: z.string(),
  /** Null: expected, nothing recorded (not an unexcused absence, API.md). */
  status: attendanceStatus.nullable(),
  leaveReason: z.enum(leaveReasons).nullable(),
  /** Signed in from the phone at this time. */
  signedInAt: timestampString.nullable(),
  /** From another organization (an inflow member, or listed in the record). */
  guest: z.boolean(),
});

export const meetingAttachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  createdAt: timestampString,
});

export const meetingDetailSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  type: meetingType,
  status: z.enum(meetingStatuses),
  heldOn: z.string(),
  topic: z.string(),
  place: z.string().nullable(),
  recorder: z.string().nullable(),
  minutes: z.string().nullable(),
  late: z.boolean(),
  lateReason: z.string().nullable(),
  recordedOn: z.string().nullable(),
  quorum: quorumSchema.nullable(),
  votes: z.array(meetingVoteSchema.extend({ passed: z.boolean() })),
  attendance: z.array(meetingAttendanceRowSchema),
  attachments: z.array(meetingAttachmentSchema),
  signIn: z.object({ open: z.boolean(), validUntil: timestampString }).nullable(),
  abilities: z.object({ record: ability, signIn: ability, attach: ability }),
});

export const attendanceUpdateBody = z.object({ attendance: z.array(attendanceEntry).min(1).max(5000) });
export const attendanceUpdatedSchema = z.object({ updated: z.number(), escalations: z.number() });

export const attachmentParams = idParams.extend({ attachmentId: z.string().min(1).max(100) });
export const meetingAttachmentFile = fileSchema('会议附件（照片、文件）');

export const signInOpenBody = z
  .object({
    minutes: z
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .optional(),
  })
  .default({});
export const signInOpenedSchema = z.object({
  code: z.string(),
  validUntil: timestampString,
  /** The portal address the QR code carries. */
  url: z.string(),
  /** The QR code as an SVG document, for the screen. */
  qrSvg: z.string(),
});
export const signInBody = z.object({ code: z.string().trim().min(4).max(12) });
export const signedInSchema = z.object({ meetingId: z.string(), status: z.literal('present') });

export const lifeComplianceQuery = z.object({ year: year.optional() });
export const lifeComplianceItemSchema = z.object({
  type: meetingType,
  frequency: z.enum(meetingFrequencies),
  required: z.number(),
  held: z.number(),
  missingPeriods: z.array(z.string()),
  openPeriods: z.array(z.string()),
});
export const lifeComplianceSchema = z.object({
  orgId: z.string(),
  year: z.number(),
  items: z.array(lifeComplianceItemSchema),
});

/** The township's comparison of its branches (drill-down and export). */
export const lifeComparisonRowSchema = z.object({
  orgId: z.string(),
  name: z.string(),
  type: z.string(),
  required: z.number(),
  held: z.number(),
  missing: z.number(),
  /** held / (held + missing), 0–1; null before any period ended. */
  rate: z.number().nullable(),
  byType: z.array(
    z.object({ type: meetingType, required: z.number(), held: z.number(), missing: z.number() }),
  ),
});
export const lifeComparisonSchema = pageOf(lifeComparisonRowSchema).extend({ year: z.number() });
export const lifeComparisonQuery = pageQuery.extend({ year: year.optional() });
export const lifeComparisonExportQuery = z.object({ year: year.optional() });
export const lifeComparisonFile = fileSchema('组织生活落实情况对比 Excel 表');

export const memberAttendanceQuery = z.object({ year: year.optional() });
export const memberAttendanceSchema = z.object({
  year: z.number(),
  counts: z.object({
    expected: z.number(),
    present: z.number(),
    online: z.number(),
    late: z.number(),
    excused: z.number(),
    absent: z.number(),
  }),
  items: z.array(
    z.object({
      meetingId: z.string(),
      type: meetingType,
      heldOn: z.string(),
      topic: z.string(),
      orgName: z.string(),
      status: attendanceStatus.nullable(),
    }),
  ),
});

export const escalationQuery = z.object({ year: year.optional() });
export const escalationSchema = z.object({
  id: z.string(),
  kind: z.enum(escalationKinds),
  createdOn: z.string(),
  cause: z.enum(escalationCauses),
  meetingId: z.string().nullable(),
  /** The printed document's number (警戒书 and proposals). */
  number: z.string().nullable(),
});
export const escalationListSchema = listOf(escalationSchema);
export const escalationSearchQuery = pageQuery.extend({
  orgId: idRef.optional(),
  year: year.optional(),
  kind: z.enum(escalationKinds).optional(),
});
export const escalationRowSchema = escalationSchema.extend({
  memberId: z.string(),
  name: z.string(),
  orgName: z.string(),
});
export const escalationPageSchema = pageOf(escalationRowSchema);
export const escalationDocumentFile = fileSchema('短信提醒、警戒书或落后党员认定建议（PDF）');

export const orgEscalationSchema = z.object({
  id: z.string(),
  kind: z.enum(orgEscalationKinds),
  period: z.string(),
  createdOn: z.string(),
});
export const orgEscalationListSchema = listOf(orgEscalationSchema);

export const leaveRequestBody = z.object({
  reason: z.enum(leaveReasons),
  note: z.string().trim().max(500).optional(),
});
export const leaveRequestStatuses = ['pending', 'approved', 'rejected'] as const;
export const leaveRequestSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  meetingTopic: z.string(),
  meetingType: meetingType,
  heldOn: z.string(),
  memberId: z.string(),
  name: z.string(),
  reason: z.enum(leaveReasons),
  note: z.string().nullable(),
  status: z.enum(leaveRequestStatuses),
  createdAt: timestampString,
});
export const leaveRequestCreatedSchema = z.object({ id: z.string(), status: z.literal('pending') });
export const leaveRequestQuery = pageQuery.extend({
  orgId: idRef.optional(),
  status: z.enum(leaveRequestStatuses).optional(),
});
export const leaveRequestPageSchema = pageOf(leaveRequestSchema);
export const leaveDecisionBody = z.object({
  approve: z.boolean(),
  note: z.string().trim().max(500).optional(),
});

/** Members excused from organizational life by the upper organization (ill, very old, bedridden; RULES.md §4). */
export const exemptionReasons = ['ill', 'elderly', 'bedridden', 'other'] as const;
export const lifeExemptionBody = z.object({
  memberId: idRef,
  reason: z.enum(exemptionReasons),
  from: isoDate,
  until: isoDate.optional(),
  note: z.string().trim().max(500).optional(),
});
export const lifeExemptionSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  name: z.string(),
  orgName: z.string(),
  reason: z.enum(exemptionReasons),
  from: z.string(),
  until: z.string().nullable(),
  note: z.string().nullable(),
  approvedBy: z.string(),
});
export const lifeExemptionQuery = pageQuery.extend({ orgId: idRef.optional() });
export const lifeExemptionPageSchema = pageOf(lifeExemptionSchema);
export const lifeExemptionEndBody = z.object({ on: isoDate });

/** The portal: my meetings (planned and held) and my attendance this year. */
export const myMeetingsQuery = z.object({ year: year.optional() });
export const myMeetingSchema = z.object({
  id: z.string(),
  type: meetingType,
  status: z.enum(meetingStatuses),
  heldOn: z.string(),
  topic: z.string(),
  place: z.string().nullable(),
  orgName: z.string(),
  myStatus: attendanceStatus.nullable(),
  leave: z
    .object({ id: z.string(), status: z.enum(leaveRequestStatuses), reason: z.enum(leaveReasons) })
    .nullable(),
  canAskLeave: z.boolean(),
});
export const myMeetingsSchema = z.object({
  year: z.number(),
  items: z.array(myMeetingSchema),
  counts: memberAttendanceSchema.shape.counts,
});

export const orgEscalationQuery = z.object({ year: year.optional() });
export const orgEscalationDocumentFile = fileSchema('书面提醒、诫勉谈话记录或组织处置通知（PDF）');
