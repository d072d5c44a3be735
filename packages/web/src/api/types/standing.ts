import type {
  abroadCandidateSchema,
  branchMeetingSchema,
  inboxItemSchema,
  lostContactCandidateSchema,
  staffInboxItemSchema,
  standingAbilitySchema,
  standingCaseSchema,
  standingMemberSchema,
} from '@dangjian/core';
import type { z } from 'zod';

// The standing area (失联, 出国未归, 党籍处置) and the notices area, as the contract in core says.

export type { LostContactReason, MeetingBody, StandingCaseKind } from '@dangjian/core';

export type LostCandidate = z.infer<typeof lostContactCandidateSchema>;

/** What the caller may do now, and why not (from the server: the console does not re-derive it). */
export type Ability = z.infer<typeof standingAbilitySchema>;

/** The branch's own decision behind a proposal on standing (RULES.md §2: the branch decides). */
export type BranchMeeting = z.infer<typeof branchMeetingSchema>;

/** A member lost or stopped, with the steps of the regulation's path that may be proposed now. */
export type StandingMember = z.infer<typeof standingMemberSchema>;

/** Abroad for study longer than the policy's years without return (RULES.md §2). */
export type AbroadCandidate = z.infer<typeof abroadCandidateSchema>;

export type StandingCase = z.infer<typeof standingCaseSchema>;

export type InboxItem = z.infer<typeof inboxItemSchema>;

/** A reminder for the staff of a branch (联系流动党员、年度评议), from GET /api/inbox. */
export type StaffInboxItem = z.infer<typeof staffInboxItemSchema>;
