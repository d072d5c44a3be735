import type { StandingCaseKind } from '@dangjian/core';
import type { Ability } from './service/standing-abilities.js';
import type {
  AbroadCandidateRow,
  CaseListRow,
  LostContactCandidateRow,
  StandingMemberRow,
} from './standing-queries.js';

/** A 失联 candidate as the console lists it (api/standing.ts lostContactCandidateSchema). */
export function presentLostContactCandidate(r: LostContactCandidateRow) {
  return {
    memberId: r.memberId,
    name: r.name,
    orgName: r.orgName,
    mobile: r.mobile,
    destinationRegion: r.destinationRegion,
    lastSeenOn: r.lastSeenOn,
    lastSeenKind: r.lastSeenKind,
    failedAttempts: r.failedAttempts,
    lastChannel: r.lastChannel,
  };
}

export function presentAbroadCandidate(r: AbroadCandidateRow) {
  return {
    memberId: r.memberId,
    name: r.name,
    orgName: r.orgName,
    leftOn: r.leftOn,
    years: r.years,
    reason: r.reason,
  };
}

/** A case with who proposed it from where, the branch's meeting, the deciding committee, and `decide`. */
export function presentCase(r: CaseListRow, decide: Ability) {
  return {
    id: r.id,
    memberId: r.memberId,
    memberName: r.memberName,
    orgName: r.orgName,
    kind: r.kind,
    reasonCode: r.reasonCode,
    note: r.note,
    status: r.status,
    proposedBy: r.proposedBy,
    proposerOrgName: r.proposerOrgName,
    proposedAt: r.proposedAt,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    decidingOrgId: r.decidingOrgId,
    decidingOrgName: r.decidingOrgName,
    meeting: r.meeting,
    abilities: { decide },
  };
}

/** A member lost or stopped; `lostContactSince` as the month it counts from (YYYY-MM). */
export function presentStandingMember(r: StandingMemberRow, abilities: Record<StandingCaseKind, Ability>) {
  return {
    memberId: r.id,
    name: r.name,
    orgName: r.orgName,
    standing: r.standing,
    stopReason: r.stopReason,
    lostContact: r.lostContact,
    lostContactSince: r.lostContactSince?.slice(0, 7) ?? null,
    lostContactReason: r.lostContactReason,
    stoppedOn: r.stoppedOn,
    pending: r.pending,
    abilities,
  };
}
