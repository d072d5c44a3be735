import { request } from '../client';
import type {
  AbroadCandidate,
  BranchMeeting,
  InboxItem,
  LostCandidate,
  LostContactReason,
  Page,
  StaffInboxItem,
  StandingCase,
  StandingCaseKind,
  StandingMember,
} from '../types';

/** Staff reminders (工作提醒) of the selected organization and below; `unread` counts those not yet read. */
export const staffInboxApi = {
  list: (q: { orgId?: string; unread?: boolean; page?: number; pageSize?: number }) =>
    request<Page<StaffInboxItem> & { unread: number }>('GET', '/inbox', {
      query: { ...q, unread: q.unread ? 'true' : undefined },
    }),
  markRead: (id: string) => request<{ ok: true }>('POST', `/inbox/${id}/read`, { body: {} }),
  /** Every unread reminder of the organization (else the user's own) and below. */
  markAllRead: (orgId?: string) =>
    request<{ updated: number }>('POST', '/inbox/read-all', { body: { orgId } }),
};

export const standingApi = {
  lostCandidates: (orgId?: string) =>
    request<{ items: LostCandidate[]; cutoff: string; months: number }>(
      'GET',
      '/mobility/lost-contact/candidates',
      { query: { orgId } },
    ),
  abroadCandidates: (orgId?: string) =>
    request<{ items: AbroadCandidate[]; cutoff: string; years: number }>(
      'GET',
      '/mobility/abroad/candidates',
      { query: { orgId } },
    ),
  flagLost: (memberId: string, since: string, reasonCode: LostContactReason) =>
    request<unknown>('POST', `/members/${memberId}/lost-contact`, { body: { since, reasonCode } }),
  proposeCase: (
    memberId: string,
    input: { kind: StandingCaseKind; reasonCode?: string; note?: string; meeting: BranchMeeting },
  ) => request<{ id: string }>('POST', `/members/${memberId}/standing-cases`, { body: input }),
  standingMembers: (orgId?: string) =>
    request<{ items: StandingMember[] }>('GET', '/mobility/standing', { query: { orgId } }),
  cases: (q: { orgId?: string; status?: StandingCase['status'] }) =>
    request<{ items: StandingCase[] }>('GET', '/standing-cases', { query: q }),
  decideCase: (id: string, approve: boolean, note?: string) =>
    request<unknown>('POST', `/standing-cases/${id}/decide`, { body: { approve, note } }),
};

/** The member's own inbox, from the phone portal. */
export const meInboxApi = {
  inbox: () => request<{ items: InboxItem[] }>('GET', '/me/inbox'),
  markRead: (id: string) => request<{ ok: true }>('POST', `/me/inbox/${id}/read`, { body: {} }),
};
