import { request } from '../client';
import type {
  AuditEntry,
  AuditFilter,
  EffectivePolicy,
  Me,
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
} from '../types';

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
  roots: () => request<{ items: Org[]; abilities: { createRoot: boolean } }>('GET', '/orgs'),
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
  promote: (id: string, name?: string) =>
    request<OrgDetail>('POST', `/orgs/${id}/promote`, { body: name ? { name } : {} }),
  removePost: (id: string, postId: string) => request<OrgDetail>('DELETE', `/orgs/${id}/posts/${postId}`),
  policies: (id: string) =>
    request<{ items: EffectivePolicy[]; versions: PolicyVersion[] }>('GET', `/orgs/${id}/policies`),
  overridePolicy: (id: string, kind: PolicyKind, effectiveFrom: string, document: Record<string, unknown>) =>
    request<unknown>('PUT', `/orgs/${id}/policies/${kind}`, { body: { effectiveFrom, document } }),
};

export const regionApi = {
  tree: () => request<RegionNode[]>('GET', '/regions'),
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
    email?: string;
  }) => request<User>('POST', '/users', { body: input }),
  update: (
    id: string,
    input: {
      role?: Role;
      disabled?: boolean;
      password?: string;
      displayName?: string | null;
      email?: string | null;
    },
  ) => request<User>('PATCH', `/users/${id}`, { body: input }),
};

export const auditApi = {
  list: (q: AuditFilter & { page?: number; pageSize?: number }) =>
    request<Page<AuditEntry> & { refs: Record<string, string> }>('GET', '/audit', { query: { ...q } }),
};
