import { download, request } from '../client';
import type { HistoryEntry, ImportJob, Member, MemberFilter, MemberInput, MemberStats, Page } from '../types';

export type MemberListQuery = MemberFilter & { page?: number; pageSize?: number };

export const memberApi = {
  list: (q: MemberListQuery) => request<Page<Member>>('GET', '/members', { query: { ...q } }),
  get: (id: string, reveal?: string[]) =>
    request<Member>('GET', `/members/${id}`, { query: { reveal: reveal?.join(',') } }),
  create: (input: MemberInput & { orgId: string }) => request<Member>('POST', '/members', { body: input }),
  /** The console always sends the version it read: a concurrent edit answers 409 (docs/api.md). */
  update: (id: string, input: MemberInput & { version: number }) =>
    request<Member>('PATCH', `/members/${id}`, { body: input }),
  history: (id: string) =>
    request<{ items: HistoryEntry[]; refs: Record<string, string> }>('GET', `/members/${id}/history`),
  exportXlsx: (filter: MemberFilter) => download('/members/export', { ...filter }, '党员信息采集表.xlsx'),
  template: () => download('/members/import/template', undefined, '党员信息采集表模板.xlsx'),
};

export const importApi = {
  start: (orgId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return request<{ id: string }>('POST', '/members/import', { query: { orgId, async: 'true' }, form });
  },
  get: (id: string) => request<ImportJob>('GET', `/imports/${id}`),
  recent: () => request<{ items: ImportJob[] }>('GET', '/imports'),
};

export const statsApi = {
  members: (orgId?: string, asOf?: string) =>
    request<MemberStats>('GET', '/stats/members', { query: { orgId, asOf } }),
  destinations: (orgId?: string) =>
    request<{ items: { provinceCode: string; count: number }[] }>('GET', '/stats/destinations', {
      query: { orgId },
    }),
};

export type ContactChangeStatus = 'pending' | 'approved' | 'rejected';

export interface ContactChange {
  id: string;
  memberId: string;
  memberName: string;
  orgName: string;
  phone: string | null;
  address: string | null;
  region: string | null;
  regionName: string | null;
  otherContact: string | null;
  status: ContactChangeStatus;
  rejectReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface ContactChangeInput {
  phone?: string | null;
  address?: string | null;
  region?: string | null;
  otherContact?: string | null;
}

export const contactChangeApi = {
  propose: (input: ContactChangeInput) =>
    request<ContactChange>('POST', '/me/contact-changes', { body: input }),
  mine: () => request<{ items: ContactChange[] }>('GET', '/me/contact-changes'),
  list: (q: { orgId?: string; memberId?: string; status?: ContactChangeStatus }) =>
    request<{ items: ContactChange[] }>('GET', '/contact-changes', { query: q }),
  approve: (id: string) => request<ContactChange>('POST', `/contact-changes/${id}/approve`, { body: {} }),
  reject: (id: string, reason: string) =>
    request<ContactChange>('POST', `/contact-changes/${id}/reject`, { body: { reason } }),
};
