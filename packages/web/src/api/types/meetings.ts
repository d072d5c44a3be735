import type {
  attendanceStatuses,
  attendanceUpdatedSchema,
  escalationCauses,
  escalationKinds,
  escalationPageSchema,
  escalationRowSchema,
  escalationSchema,
  escalationSearchQuery,
  exemptionReasons,
  leaveReasons,
  leaveRequestSchema,
  leaveRequestStatuses,
  lifeComparisonRowSchema,
  lifeComparisonSchema,
  lifeComplianceItemSchema,
  lifeComplianceSchema,
  lifeExemptionBody,
  lifeExemptionSchema,
  meetingAttachmentSchema,
  meetingAttendanceRowSchema,
  meetingCreateBody,
  meetingCreatedSchema,
  meetingDetailSchema,
  meetingFrequencies,
  meetingListItemSchema,
  meetingListQuery,
  meetingPlanBody,
  meetingPlannedSchema,
  meetingStatuses,
  meetingTypes,
  meetingVoteSchema,
  memberAttendanceSchema,
  orgEscalationKinds,
  orgEscalationSchema,
  quorumSchema,
  signInOpenedSchema,
} from '@dangjian/core';
import type { z } from 'zod';

export type MeetingType = (typeof meetingTypes)[number];
export type MeetingStatus = (typeof meetingStatuses)[number];
export type MeetingFrequency = (typeof meetingFrequencies)[number];
export type AttendanceStatus = (typeof attendanceStatuses)[number];
export type LeaveReason = (typeof leaveReasons)[number];
export type EscalationKind = (typeof escalationKinds)[number];
export type EscalationCause = (typeof escalationCauses)[number];
export type OrgEscalationKind = (typeof orgEscalationKinds)[number];
export type ExemptionReason = (typeof exemptionReasons)[number];
export type LeaveRequestStatus = (typeof leaveRequestStatuses)[number];

/** 登记会议 (POST /api/meetings), as the form sends it. */
export type MeetingInput = z.input<typeof meetingCreateBody>;
export type MeetingVote = z.infer<typeof meetingVoteSchema>;
export type Quorum = z.infer<typeof quorumSchema>;
/** The answer to recording: late or not, the quorum, and how many escalations the attendance caused. */
export type MeetingCreated = z.infer<typeof meetingCreatedSchema>;
/** 计划会议 (POST /api/meetings/plans). */
export type MeetingPlanInput = z.input<typeof meetingPlanBody>;
export type MeetingPlanned = z.infer<typeof meetingPlannedSchema>;
export type MeetingListQuery = Omit<z.input<typeof meetingListQuery>, 'page' | 'pageSize'>;
export type MeetingListItem = z.infer<typeof meetingListItemSchema>;
/** One meeting with what the caller may do to it now (server-computed abilities). */
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;
export type MeetingAttendanceRow = z.infer<typeof meetingAttendanceRowSchema>;
export type MeetingAttachment = z.infer<typeof meetingAttachmentSchema>;
export type AttendanceUpdated = z.infer<typeof attendanceUpdatedSchema>;
export type SignInOpened = z.infer<typeof signInOpenedSchema>;

export type LifeComplianceItem = z.infer<typeof lifeComplianceItemSchema>;
export type LifeCompliance = z.infer<typeof lifeComplianceSchema>;
export type LifeComparisonRow = z.infer<typeof lifeComparisonRowSchema>;
export type LifeComparison = z.infer<typeof lifeComparisonSchema>;
export type MemberAttendance = z.infer<typeof memberAttendanceSchema>;

export type Escalation = z.infer<typeof escalationSchema>;
export type EscalationRow = z.infer<typeof escalationRowSchema>;
export type EscalationPage = z.infer<typeof escalationPageSchema>;
/** The console's filters of GET /api/escalations (the query's year is coerced, so typed here as sent). */
export type EscalationSearch = Omit<z.input<typeof escalationSearchQuery>, 'page' | 'pageSize' | 'year'> & {
  year?: number;
};
export type OrgEscalation = z.infer<typeof orgEscalationSchema>;

export type LeaveRequest = z.infer<typeof leaveRequestSchema>;
export type LifeExemption = z.infer<typeof lifeExemptionSchema>;
export type LifeExemptionInput = z.input<typeof lifeExemptionBody>;
