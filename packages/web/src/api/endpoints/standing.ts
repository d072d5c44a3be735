import {
  abroadCandidatesSchema,
  decidedStandingCaseSchema,
  flagLostContactResponse,
  lostContactCandidatesSchema,
  myInboxSchema,
  okSchema,
  proposedStandingCaseSchema,
  staffInboxReadAllSchema,
  staffInboxSchema,
  standingCasesSchema,
  standingMembersSchema,
} from '@dangjian/core';
import { call } from '../client';
import type { BranchMeeting, LostContactReason, StandingCase, StandingCaseKind } from '../types';

/** Staff reminders (工作提醒) of the selected organization and below; `unread` counts those not yet read. */
export const staffInboxApi = {
  list: (q: { orgId?: string; unread?: boolean; page?: number; pageSize?: number }) =>
    call(staffInboxSchema, 'GET', '/inbox', {
      query: { ...q, unread: q.unread ? 'true' : undefined },
    }),
  markRead: (id: string) => call(okSchema, 'POST', `/inbox/${id}/read`, { body: {} }),
  /** Every unread reminder of the organization (else the user's own) and below. */
  markAllRead: (orgId?: string) =>
    call(staffInboxReadAllSchema, 'POST', '/inbox/read-all', { body: { orgId } }),
};

export const standingApi = {
  lostCandidates: (orgId?: string) =>
    call(lostContactCandidatesSchema, 'GET', '/mobility/lost-contact/candidates', { query: { orgId } }),
  abroadCandidates: (orgId?: string) =>
    call(abroadCandidatesSchema, 'GET', '/mobility/abroad/candidates', { query: { orgId } }),
  flagLost: (memberId: string, since: string, reasonCode: LostContactReason) =>
    call(flagLostContactResponse, 'POST', `/members/${memberId}/lost-contact`, {
      body: { since, reasonCode },
    }),
  proposeCase: (
    memberId: string,
    input: { kind: StandingCaseKind; reasonCode?: string; note?: string; meeting: BranchMeeting },
  ) => call(proposedStandingCaseSchema, 'POST', `/members/${memberId}/standing-cases`, { body: input }),
  standingMembers: (orgId?: string) =>
    call(standingMembersSchema, 'GET', '/mobility/standing', { query: { orgId } }),
  cases: (q: { orgId?: string; status?: StandingCase['status'] }) =>
    call(standingCasesSchema, 'GET', '/standing-cases', { query: q }),
  decideCase: (id: string, approve: boolean, note?: string) =>
    call(decidedStandingCaseSchema, 'POST', `/standing-cases/${id}/decide`, { body: { approve, note } }),
};

/** The member's own inbox, from the phone portal. */
export const meInboxApi = {
  inbox: () => call(myInboxSchema, 'GET', '/me/inbox'),
  markRead: (id: string) => call(okSchema, 'POST', `/me/inbox/${id}/read`, { body: {} }),
};
