import { download, request } from './client';
import type {
  AuditEntry,
  AuditFilter,
  EffectivePolicy,
  HistoryEntry,
  ImportJob,
  Me,
  Member,
  MemberFilter,
  MemberInput,
  MemberStats,
  Org,
  OrgDetail,
  OrgInput,
  Page,
  PolicyKind,
  PolicyVersion,
  PostKind,
  RegionNode,
  Role,
  Session,
  User,
} from './types';

export const authApi = {
  me: () => request<Me>('GET', '/auth/me', { quiet401: true }),
  login: (username: string, password: string) =>
    request<Me>('POST', '/auth/login', { body: { username, password }, quiet401: true }),
  logout: () => request<{ ok: true }>('POST', '/auth/logout', { quiet401: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<{ ok: true }>('POST', '/auth/password', { body: { currentPassword, newPassword } }),
  sessions: () => request<{ items: Session[] }>('GET', '/auth/sessions'),
  revokeSession: (id: string) => request<{ ok: true }>('DELETE', `/auth/sessions/${id}`),
};

export const orgApi = {
  roots: () => request<{ items: Org[] }>('GET', '/orgs'),
  search: (q: string) => request<{ items: Org[] }>('GET', '/orgs', { query: { q } }),
  get: (id: string) => request<OrgDetail>('GET', `/orgs/${id}`),
  children: (id: string) => request<{ items: Org[] }>('GET', `/orgs/${id}/children`),
  create: (input: OrgInput) => request<OrgDetail>('POST', '/orgs', { body: input }),
  update: (id: string, input: Partial<OrgInput>) =>
    request<OrgDetail>('PATCH', `/orgs/${id}`, { body: input }),
  move: (id: string, parentId: string) =>
    request<OrgDetail>('POST', `/orgs/${id}/move`, { body: { parentId } }),
  dissolve: (id: string, reassignTo: string) =>
    request<OrgDetail>('POST', `/orgs/${id}/dissolve`, { body: { reassignTo } }),
  merge: (id: string, intoId: string) =>
    request<OrgDetail>('POST', `/orgs/${id}/merge`, { body: { intoId } }),
  addPost: (
    id: string,
    post: { memberId: string; kind: PostKind; startedOn: string; endsOn?: string | null },
  ) => request<OrgDetail>('POST', `/orgs/${id}/posts`, { body: post }),
  removePost: (id: string, postId: string) => request<OrgDetail>('DELETE', `/orgs/${id}/posts/${postId}`),
  policies: (id: string) =>
    request<{ items: EffectivePolicy[]; versions: PolicyVersion[] }>('GET', `/orgs/${id}/policies`),
  overridePolicy: (id: string, kind: PolicyKind, effectiveFrom: string, document: Record<string, unknown>) =>
    request<unknown>('PUT', `/orgs/${id}/policies/${kind}`, { body: { effectiveFrom, document } }),
};

export const regionApi = {
  tree: () => request<RegionNode[]>('GET', '/regions'),
};

export type MemberListQuery = MemberFilter & { page?: number; pageSize?: number };

export const memberApi = {
  list: (q: MemberListQuery) => request<Page<Member>>('GET', '/members', { query: { ...q } }),
  get: (id: string, reveal?: string[]) =>
    request<Member>('GET', `/members/${id}`, { query: { reveal: reveal?.join(',') } }),
  create: (input: MemberInput & { orgId: string }) => request<Member>('POST', '/members', { body: input }),
  update: (id: string, input: MemberInput) => request<Member>('PATCH', `/members/${id}`, { body: input }),
  history: (id: string) => request<{ items: HistoryEntry[] }>('GET', `/members/${id}/history`),
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
  members: (orgId?: string) => request<MemberStats>('GET', '/stats/members', { query: { orgId } }),
  destinations: (orgId?: string) =>
    request<{ items: { provinceCode: string; count: number }[] }>('GET', '/stats/destinations', {
      query: { orgId },
    }),
};

export const userApi = {
  list: (q: { orgId?: string; page?: number; pageSize?: number }) =>
    request<Page<User>>('GET', '/users', { query: q }),
  create: (input: {
    username: string;
    password: string;
    orgId: string;
    role: Role;
    memberId?: string;
    displayName?: string;
  }) => request<User>('POST', '/users', { body: input }),
  update: (
    id: string,
    input: { role?: Role; disabled?: boolean; password?: string; displayName?: string | null },
  ) => request<User>('PATCH', `/users/${id}`, { body: input }),
};

export const auditApi = {
  list: (q: AuditFilter & { page?: number; pageSize?: number }) =>
    request<Page<AuditEntry>>('GET', '/audit', { query: { ...q } }),
};
