// The tables live by area in schema/<area>.ts; this barrel keeps every import of db/schema.js and drizzle-kit's
// single schema entry working, and lists the tables for the backup in one place.

import { auditEvents, auditHead } from './schema/audit.js';
import { sessions, users } from './schema/auth.js';
import { contactChangeRequests } from './schema/contact-changes.js';
import { disposalSteps, disposals } from './schema/disposals.js';
import {
  duesAssessmentJobs,
  duesAssessments,
  duesCycles,
  duesDelays,
  duesPaymentMonths,
  duesPayments,
  duesPublications,
  duesQuarterly,
  duesReceiptCounters,
  duesReliefs,
  duesRemittances,
} from './schema/dues.js';
import { yearlyReviews } from './schema/evaluations.js';
import { importJobs } from './schema/imports.js';
import { letterCounters, letters } from './schema/letters.js';
import {
  escalations,
  leaveRequests,
  lifeExemptions,
  lifeRecords,
  meetingAttachments,
  meetingAttendance,
  meetings,
  orgEscalations,
} from './schema/meetings.js';
import { memberRelatives, members, standingCases } from './schema/members.js';
import { meta } from './schema/meta.js';
import { contactAttempts, inflowMembers, mobilityEpisodes, thoughtReports } from './schema/mobility.js';
import { notifications } from './schema/notices.js';
import { obligations } from './schema/obligations.js';
import { orgPosts, orgs } from './schema/orgs.js';
import { policies } from './schema/policies.js';

export * from './schema/audit.js';
export * from './schema/auth.js';
export { ltree } from './schema/columns.js';
export * from './schema/contact-changes.js';
export * from './schema/disposals.js';
export * from './schema/dues.js';
export * from './schema/evaluations.js';
export * from './schema/imports.js';
export * from './schema/letters.js';
export * from './schema/meetings.js';
export * from './schema/members.js';
export * from './schema/meta.js';
export * from './schema/mobility.js';
export * from './schema/notices.js';
export * from './schema/obligations.js';
export * from './schema/orgs.js';
export * from './schema/policies.js';

export const schemaTables = {
  orgs,
  members,
  memberRelatives,
  orgPosts,
  users,
  sessions,
  auditEvents,
  auditHead,
  policies,
  importJobs,
  letters,
  meta,
  mobilityEpisodes,
  inflowMembers,
  contactAttempts,
  thoughtReports,
  yearlyReviews,
  meetings,
  meetingAttendance,
  meetingAttachments,
  leaveRequests,
  lifeExemptions,
  escalations,
  orgEscalations,
  lifeRecords,
  disposals,
  disposalSteps,
  standingCases,
  obligations,
  notifications,
  letterCounters,
  contactChangeRequests,
  duesAssessments,
  duesAssessmentJobs,
  duesPayments,
  duesPaymentMonths,
  duesReceiptCounters,
  duesReliefs,
  duesQuarterly,
  duesCycles,
  duesDelays,
  duesRemittances,
  duesPublications,
};
