import { z } from 'zod';
import { outflowReasons } from '../mobility.js';
import { idRef, isoDate, listOf, timestampString } from './common.js';
import { contactChannels } from './mobility.js';

/** Reason codes of the regulation for 失联 (RULES.md §2). */
export const lostContactReasons = [
  'work_business',
  'unit_restructured',
  'graduate_unknown',
  'work_changed',
  'abroad',
  'residence_changed',
  'other',
] as const;
export type LostContactReason = (typeof lostContactReasons)[number];

/** The steps of the regulation's path (RULES.md §2): 停止党籍, 按自行脱党除名, 恢复党籍. */
export const standingCaseKinds = ['stop', 'lapse', 'restore'] as const;
export type StandingCaseKind = (typeof standingCaseKinds)[number];

/** A case waits for the committee, which approves or refuses it. */
export const standingCaseStatuses = ['pending', 'approved', 'rejected'] as const;
export type StandingCaseStatus = (typeof standingCaseStatuses)[number];

/** The branch body whose decision a proposal carries: 支部委员会 or 支部大会 (RULES.md §2 "branch decides"). */
export const meetingBodies = ['branch_committee', 'branch_general_meeting'] as const;
export type MeetingBody = (typeof meetingBodies)[number];

/**
 * What the lost-contact time counts from: the member's registration in the system, or the last fact by
 * which the organization had the member (a contact, organizational life, a report, the departure or
 * return report, a restored standing, a dues payment).
 */
export const lastSeenKinds = [
  'registration',
  'contact',
  'life',
  'report',
  'departure',
  'return',
  'restored',
  'dues',
] as const;

/** What the caller may do now, and if not, why (the console shows it beside the disabled action). */
export const standingAbilitySchema = z.object({ allowed: z.boolean(), reason: z.string().nullable() });

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const votes = z.number().int().min(0).max(100_000);

export const standingScopeQuery = z.object({ orgId: idRef.optional() });

export const lostContactCandidateSchema = z.object({
  memberId: z.string(),
  name: z.string(),
  orgName: z.string(),
  /** Away now (an open outflow). */
  mobile: z.boolean(),
  destinationRegion: z.string().nullable(),
  /** The day lost-contact time counts from: the later of registration and the last fact. */
  lastSeenOn: z.string(),
  lastSeenKind: z.enum(lastSeenKinds),
  /** Attempts that failed since the member was last reached. */
  failedAttempts: z.number(),
  /** How the member was last reached. */
  lastChannel: z.enum(contactChannels).nullable(),
});

export const lostContactCandidatesSchema = z.object({
  items: z.array(lostContactCandidateSchema),
  /** Facts before this day no longer count as seeing the member. */
  cutoff: z.string(),
  months: z.number(),
  /** Whether the caller may record a contact and flag 失联 on this list. */
  abilities: z.object({ logContact: standingAbilitySchema, flag: standingAbilitySchema }),
});

export const abroadCandidateSchema = z.object({
  memberId: z.string(),
  name: z.string(),
  orgName: z.string(),
  leftOn: z.string(),
  /** Whole years away. */
  years: z.number(),
  reason: z.enum(outflowReasons),
});

export const abroadCandidatesSchema = z.object({
  items: z.array(abroadCandidateSchema),
  cutoff: z.string(),
  years: z.number(),
  /** Whether the caller may propose 停止党籍 for those listed. */
  abilities: z.object({ propose: standingAbilitySchema }),
});

export const flagLostContactBody = z.object({ since: month, reasonCode: z.enum(lostContactReasons) });
export const flagLostContactResponse = z.object({
  memberId: z.string(),
  lostContact: z.literal(true),
  /** YYYY-MM. */
  lostContactSince: z.string(),
});

/** The branch's own decision behind a proposal (its meeting, the body that met and the vote). */
export const branchMeetingSchema = z.object({
  on: isoDate,
  body: z.enum(meetingBodies),
  votesFor: votes,
  votesAgainst: votes,
  votesAbstain: votes,
});

export const proposeStandingCaseBody = z.object({
  kind: z.enum(standingCaseKinds),
  reasonCode: z.string().max(32).optional(),
  note: z.string().max(1000).optional(),
  meeting: branchMeetingSchema,
});
export const proposedStandingCaseSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  kind: z.enum(standingCaseKinds),
  status: z.literal('pending'),
  decidingOrgId: z.string().nullable(),
});

/** A member lost or stopped, with the steps of the regulation's path that may be proposed now. */
export const standingMemberSchema = z.object({
  memberId: z.string(),
  name: z.string(),
  orgName: z.string(),
  standing: z.enum(['normal', 'stopped']),
  stopReason: z.string().nullable(),
  lostContact: z.boolean(),
  /** YYYY-MM. */
  lostContactSince: z.string().nullable(),
  lostContactReason: z.string().nullable(),
  /** The day the 停止党籍 was approved. */
  stoppedOn: z.string().nullable(),
  pending: z.boolean(),
  abilities: z.object({
    stop: standingAbilitySchema,
    lapse: standingAbilitySchema,
    restore: standingAbilitySchema,
  }),
});

export const standingMembersSchema = z.object({
  items: z.array(standingMemberSchema),
  /** Whether the caller may propose any step at all (each row says which step, and why not). */
  abilities: z.object({ propose: standingAbilitySchema }),
});

export const standingCaseQuery = standingScopeQuery.extend({
  status: z.enum(standingCaseStatuses).optional(),
});

export const standingCaseSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  orgName: z.string(),
  kind: z.enum(standingCaseKinds),
  reasonCode: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(standingCaseStatuses),
  proposedBy: z.string(),
  /** The proposer's own organization (null for the system administrator). */
  proposerOrgName: z.string().nullable(),
  proposedAt: timestampString,
  decidedBy: z.string().nullable(),
  decidedAt: timestampString.nullable(),
  decisionNote: z.string().nullable(),
  /** The committee that approves: the nearest one above the member's branch. */
  decidingOrgId: z.string().nullable(),
  decidingOrgName: z.string().nullable(),
  meeting: z
    .object({
      on: z.string(),
      body: z.enum(meetingBodies),
      votesFor: z.number(),
      votesAgainst: z.number(),
      votesAbstain: z.number(),
    })
    .nullable(),
  abilities: z.object({ decide: standingAbilitySchema }),
});

export const standingCasesSchema = listOf(standingCaseSchema);

export const decideStandingCaseBody = z.object({
  approve: z.boolean(),
  note: z.string().max(1000).optional(),
});
export const decidedStandingCaseSchema = z.object({
  id: z.string(),
  status: z.enum(['approved', 'rejected']),
});
