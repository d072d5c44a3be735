import { download, request } from './client';
import type {
  AbroadCandidate,
  AuditEntry,
  AuditFilter,
  BranchMeeting,
  Certificate,
  ContactChannel,
  ContactRecord,
  EffectivePolicy,
  Episode,
  HistoryEntry,
  ImportJob,
  InboxItem,
  InflowInput,
  InflowRow,
  LedgerRow,
  LetterVerification,
  LifeRecord,
  LostCandidate,
  LostContactReason,
  Me,
  Member,
  MemberFilter,
  MemberInput,
  MemberLedger,
  MemberStats,
  MobilityStats,
  ObligationKind,
  ObligationPage,
  ObligationState,
  ObligationsProgress,
  Org,
  OrgDetail,
  OrgInput,
  OutflowInput,
  OutflowPatch,
  Page,
  PolicyKind,
  PolicyVersion,
  PostKind,
  RegionNode,
  ReviewResult,
  Role,
  Session,
  StaffInboxItem,
  StandingCase,
  StandingCaseKind,
  StandingMember,
  ThoughtReport,
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

export const auditApi = {
  list: (q: AuditFilter & { page?: number; pageSize?: number }) =>
    request<Page<AuditEntry> & { refs: Record<string, string> }>('GET', '/audit', { query: { ...q } }),
};

export interface ObligationQuery {
  orgId?: string;
  state?: ObligationState;
  kind?: ObligationKind;
  memberId?: string;
}

export const mobilityApi = {
  createOutflow: (input: OutflowInput) => request<Episode>('POST', '/mobility/outflows', { body: input }),
  episode: (id: string) => request<Episode>('GET', `/mobility/outflows/${id}`),
  updateOutflow: (id: string, patch: OutflowPatch) =>
    request<Episode>('PATCH', `/mobility/outflows/${id}`, { body: patch }),
  issueCertificate: (id: string) =>
    request<Certificate>('POST', `/mobility/outflows/${id}/certificate`, { body: {} }),
  reissueCertificate: (id: string) =>
    request<Certificate>('POST', `/mobility/outflows/${id}/certificate/reissue`, { body: {} }),
  /** Opened in a new tab for printing; the session cookie goes along. */
  certificatePdfUrl: (id: string) => `/api/mobility/outflows/${id}/certificate.pdf`,
  revokeLetter: (letterId: string, reason: string) =>
    request<{ id: string; status: string }>('POST', `/letters/${letterId}/revoke`, { body: { reason } }),
  returnOutflow: (id: string, returnedOn: string, note?: string) =>
    request<Episode>('POST', `/mobility/outflows/${id}/return`, { body: { returnedOn, note } }),
  ledger: (q: {
    orgId?: string;
    status?: 'open' | 'returned';
    kind?: 'mobile' | 'leave';
    needsCompletion?: boolean;
    page?: number;
    pageSize?: number;
  }) => request<{ items: LedgerRow[]; total: number }>('GET', '/mobility/ledger', { query: q }),
  memberLedger: (memberId: string) => request<MemberLedger>('GET', `/mobility/members/${memberId}/ledger`),
  logContact: (
    memberId: string,
    input: { contactedOn?: string; channel: ContactChannel; reached: boolean; note?: string },
  ) => request<ContactRecord>('POST', `/members/${memberId}/contacts`, { body: input }),
  recordReview: (memberId: string, input: { year: number; result: ReviewResult; note?: string }) =>
    request<unknown>('POST', `/members/${memberId}/reviews`, { body: input }),
  recordLife: (memberId: string, input: { heldOn: string; mode: LifeRecord['mode']; topic?: string }) =>
    request<unknown>('POST', `/members/${memberId}/life`, { body: input }),
  reports: (q: { orgId?: string; memberId?: string; pending?: boolean }) =>
    request<{ items: ThoughtReport[] }>('GET', '/mobility/reports', {
      query: { ...q, pending: q.pending ? 'true' : undefined },
    }),
  acknowledgeReport: (id: string, reply?: string) =>
    request<unknown>('POST', `/mobility/reports/${id}/acknowledge`, { body: reply ? { reply } : {} }),
  obligations: (q: ObligationQuery & { page?: number; pageSize?: number }) =>
    request<ObligationPage>('GET', '/obligations', { query: { ...q } }),
  exportObligations: (q: ObligationQuery) => download('/obligations/export', { ...q }, '流动党员预警.xlsx'),
  /** Starts 重新计算 in the background (202); 409 JOBS_RUNNING while a run holds the lease. */
  refreshObligations: () =>
    request<{ id: string; status: 'running' }>('POST', '/obligations/refresh', { body: {} }),
  refreshProgress: () => request<ObligationsProgress>('GET', '/obligations/refresh'),
  inflows: (orgId?: string) => request<{ items: InflowRow[] }>('GET', '/inflows', { query: { orgId } }),
  registerInflow: (input: InflowInput) =>
    request<{ id: string; name: string; internal: boolean }>('POST', '/inflows', { body: input }),
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
  stats: (orgId?: string) => request<MobilityStats>('GET', '/stats/mobility', { query: { orgId } }),
};

/** The member's own side, from the phone portal. */
export const meApi = {
  reports: () => request<{ items: ThoughtReport[] }>('GET', '/me/reports'),
  submitReport: (content: string, month?: string) =>
    request<{ id: string; month: string }>('POST', '/me/reports', { body: { content, month } }),
  inbox: () => request<{ items: InboxItem[] }>('GET', '/me/inbox'),
  markRead: (id: string) => request<{ ok: true }>('POST', `/me/inbox/${id}/read`, { body: {} }),
};

export const publicApi = {
  verifyLetter: (code: string) =>
    request<LetterVerification>('GET', `/public/letters/${encodeURIComponent(code)}`, { quiet401: true }),
};
