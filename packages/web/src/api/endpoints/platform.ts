import {
  auditPageSchema,
  meSchema,
  okSchema,
  orgDetailSchema,
  orgListSchema,
  orgPoliciesSchema,
  orgRootListSchema,
  regionTreeSchema,
  sessionListSchema,
  userPageSchema,
  userSchema,
} from '@dangjian/core';
import { call } from '../client';
import type { AuditFilter, OrgInput, OrgPostInput, PolicyKind, UserInput, UserPatch } from '../types';

export const authApi = {
  me: () => call(meSchema, 'GET', '/auth/me', { quiet401: true }),
  login: (username: string, password: string) =>
    call(meSchema, 'POST', '/auth/login', { body: { username, password }, quiet401: true }),
  logout: () => call(okSchema, 'POST', '/auth/logout', { quiet401: true }),
  changePassword: (currentPassword: string, newPassword: string) =>
    call(okSchema, 'POST', '/auth/password', { body: { currentPassword, newPassword } }),
  sessions: () => call(sessionListSchema, 'GET', '/auth/sessions'),
  revokeSession: (id: string) => call(okSchema, 'DELETE', `/auth/sessions/${id}`),
};

export const orgApi = {
  roots: () => call(orgRootListSchema, 'GET', '/orgs'),
  search: (q: string) => call(orgListSchema, 'GET', '/orgs', { query: { q } }),
  get: (id: string) => call(orgDetailSchema, 'GET', `/orgs/${id}`),
  children: (id: string) => call(orgListSchema, 'GET', `/orgs/${id}/children`),
  create: (input: OrgInput) => call(orgDetailSchema, 'POST', '/orgs', { body: input }),
  update: (id: string, input: Partial<OrgInput>) =>
    call(orgDetailSchema, 'PATCH', `/orgs/${id}`, { body: input }),
  move: (id: string, parentId: string) =>
    call(orgDetailSchema, 'POST', `/orgs/${id}/move`, { body: { parentId } }),
  dissolve: (id: string, reassignTo: string) =>
    call(orgDetailSchema, 'POST', `/orgs/${id}/dissolve`, { body: { reassignTo } }),
  merge: (id: string, intoId: string) =>
    call(orgDetailSchema, 'POST', `/orgs/${id}/merge`, { body: { intoId } }),
  addPost: (id: string, post: OrgPostInput) =>
    call(orgDetailSchema, 'POST', `/orgs/${id}/posts`, { body: post }),
  promote: (id: string, name?: string) =>
    call(orgDetailSchema, 'POST', `/orgs/${id}/promote`, { body: name ? { name } : {} }),
  removePost: (id: string, postId: string) => call(orgDetailSchema, 'DELETE', `/orgs/${id}/posts/${postId}`),
  policies: (id: string) => call(orgPoliciesSchema, 'GET', `/orgs/${id}/policies`),
  overridePolicy: (id: string, kind: PolicyKind, effectiveFrom: string, document: Record<string, unknown>) =>
    call(orgPoliciesSchema, 'PUT', `/orgs/${id}/policies/${kind}`, { body: { effectiveFrom, document } }),
};

export const regionApi = {
  tree: () => call(regionTreeSchema, 'GET', '/regions'),
};

export const userApi = {
  list: (q: { orgId?: string; page?: number; pageSize?: number }) =>
    call(userPageSchema, 'GET', '/users', { query: q }),
  create: (input: UserInput) => call(userSchema, 'POST', '/users', { body: input }),
  update: (id: string, input: UserPatch) => call(userSchema, 'PATCH', `/users/${id}`, { body: input }),
};

export const auditApi = {
  list: (q: AuditFilter & { page?: number; pageSize?: number }) =>
    call(auditPageSchema, 'GET', '/audit', { query: { ...q } }),
};
