import {
  contactChangeListSchema,
  contactChangeSchema,
  destinationStatsSchema,
  importJobListSchema,
  importJobSchema,
  importStartedSchema,
  memberHistorySchema,
  memberPageSchema,
  memberSchema,
  memberStatsSchema,
} from '@dangjian/core';
import { call, download } from '../client';
import type { ContactChangeInput, ContactChangeStatus, MemberFilter, MemberInput } from '../types';

export type { ContactChange, ContactChangeInput, ContactChangeStatus } from '../types';

export type MemberListQuery = MemberFilter & { page?: number; pageSize?: number };

export const memberApi = {
  list: (q: MemberListQuery) => call(memberPageSchema, 'GET', '/members', { query: { ...q } }),
  get: (id: string, reveal?: string[]) =>
    call(memberSchema, 'GET', `/members/${id}`, { query: { reveal: reveal?.join(',') } }),
  create: (input: MemberInput & { orgId: string }) => call(memberSchema, 'POST', '/members', { body: input }),
  /** The console always sends the version it read: a concurrent edit answers 409 (docs/api.md). */
  update: (id: string, input: MemberInput & { version: number }) =>
    call(memberSchema, 'PATCH', `/members/${id}`, { body: input }),
  history: (id: string) => call(memberHistorySchema, 'GET', `/members/${id}/history`),
  exportXlsx: (filter: MemberFilter) => download('/members/export', { ...filter }, '党员信息采集表.xlsx'),
  template: () => download('/members/import/template', undefined, '党员信息采集表模板.xlsx'),
};

export const importApi = {
  start: (orgId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return call(importStartedSchema, 'POST', '/members/import', { query: { orgId, async: 'true' }, form });
  },
  get: (id: string) => call(importJobSchema, 'GET', `/imports/${id}`),
  recent: () => call(importJobListSchema, 'GET', '/imports'),
};

export const statsApi = {
  members: (orgId?: string, asOf?: string) =>
    call(memberStatsSchema, 'GET', '/stats/members', { query: { orgId, asOf } }),
  destinations: (orgId?: string) =>
    call(destinationStatsSchema, 'GET', '/stats/destinations', { query: { orgId } }),
};

export const contactChangeApi = {
  propose: (input: ContactChangeInput) =>
    call(contactChangeSchema, 'POST', '/me/contact-changes', { body: input }),
  mine: () => call(contactChangeListSchema, 'GET', '/me/contact-changes'),
  list: (q: { orgId?: string; memberId?: string; status?: ContactChangeStatus }) =>
    call(contactChangeListSchema, 'GET', '/contact-changes', { query: q }),
  approve: (id: string) => call(contactChangeSchema, 'POST', `/contact-changes/${id}/approve`, { body: {} }),
  reject: (id: string, reason: string) =>
    call(contactChangeSchema, 'POST', `/contact-changes/${id}/reject`, { body: { reason } }),
};
