import type { ContactChannel, OutflowReason } from './mobility';

export type LostContactReason =
  | 'work_business'
  | 'unit_restructured'
  | 'graduate_unknown'
  | 'work_changed'
  | 'abroad'
  | 'residence_changed'
  | 'other';

export type StandingCaseKind = 'stop' | 'lapse' | 'restore';

export interface LostCandidate {
  memberId: string;
  name: string;
  orgName: string;
  mobile?: boolean;
  destinationRegion?: string | null;
  /** The day lost-contact time counts from: the later of registration and the last fact. */
  lastSeenOn: string;
  /** What that day was: registration in the system, a successful contact, organizational life, … */
  lastSeenKind: 'registration' | 'contact' | 'life' | 'report' | 'departure' | 'return' | 'restored';
  failedAttempts: number;
  lastChannel: ContactChannel | null;
}

/** What the caller may do now, and why not (from the server: the console does not re-derive it). */
export interface Ability {
  allowed: boolean;
  reason: string | null;
}

export type MeetingBody = 'branch_committee' | 'branch_general_meeting';

/** The branch's own decision behind a proposal on standing (RULES.md §2: the branch decides). */
export interface BranchMeeting {
  on: string;
  body: MeetingBody;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

/** A member lost or stopped, with the steps of the regulation's path that may be proposed now. */
export interface StandingMember {
  memberId: string;
  name: string;
  orgName: string;
  standing: 'normal' | 'stopped';
  stopReason: string | null;
  lostContact: boolean;
  lostContactSince: string | null;
  lostContactReason: LostContactReason | null;
  stoppedOn: string | null;
  pending: boolean;
  abilities: Record<StandingCaseKind, Ability>;
}

/** Abroad for study longer than the policy's years without return (RULES.md §2). */
export interface AbroadCandidate {
  memberId: string;
  name: string;
  orgName: string;
  leftOn: string;
  /** Whole years away. */
  years: number;
  reason: OutflowReason;
}

export interface StandingCase {
  id: string;
  memberId: string;
  memberName: string;
  orgName: string;
  kind: StandingCaseKind;
  reasonCode: string | null;
  note: string | null;
  status: 'pending' | 'approved' | 'rejected';
  proposedBy: string | null;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** The proposer's own organization. */
  proposerOrgName: string | null;
  /** The committee that approves: the nearest one above the member's branch. */
  decidingOrgId: string | null;
  decidingOrgName: string | null;
  meeting: BranchMeeting | null;
  abilities: { decide: Ability };
}

export interface InboxItem {
  id: string;
  title: string;
  body: string;
  template?: string;
  createdAt: string;
  readAt: string | null;
}

/** A reminder for the staff of a branch (联系流动党员、年度评议), from GET /api/inbox. */
export interface StaffInboxItem extends InboxItem {
  orgId: string;
  orgName: string;
  aboutMemberId: string | null;
  aboutMemberName: string | null;
}
