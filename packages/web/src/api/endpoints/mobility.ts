import { download, request } from '../client';
import type {
  Certificate,
  ContactChannel,
  ContactRecord,
  Episode,
  InflowInput,
  InflowRow,
  LedgerRow,
  LetterVerification,
  LifeRecord,
  MemberLedger,
  MobilityStats,
  OutflowInput,
  OutflowPatch,
  OutflowReason,
  ReviewResult,
  ThoughtReport,
} from '../types';

export const mobilityCoreApi = {
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
  inflows: (orgId?: string) => request<{ items: InflowRow[] }>('GET', '/inflows', { query: { orgId } }),
  registerInflow: (input: InflowInput) =>
    request<{ id: string; name: string; internal: boolean }>('POST', '/inflows', { body: input }),
  stats: (orgId?: string) => request<MobilityStats>('GET', '/stats/mobility', { query: { orgId } }),
};

/** The member's own side, from the phone portal. */
export const meReportsApi = {
  reports: () => request<{ items: ThoughtReport[] }>('GET', '/me/reports'),
  submitReport: (content: string, month?: string) =>
    request<{ id: string; month: string }>('POST', '/me/reports', { body: { content, month } }),
};

export const publicApi = {
  verifyLetter: (code: string) =>
    request<LetterVerification>('GET', `/public/letters/${encodeURIComponent(code)}`, { quiet401: true }),
};

/** The filters of the 外出党员登记簿 print view and its Excel file. */
export interface LedgerPrintQuery {
  orgId?: string;
  status?: 'open' | 'returned';
  q?: string;
  reason?: OutflowReason;
}

/** A line of the paper register: 姓名, 性别, 外出时间, 流向, 流入党组织, 原因, 联系方式, 证明, 预计返回. */
export interface LedgerPrintRow {
  episodeId: string;
  memberId: string;
  memberName: string;
  gender: string;
  originOrgName: string;
  leftOn: string;
  destination: string;
  inflowOrgName: string | null;
  reason: string;
  contact: string | null;
  document: string;
  expectedReturnOn: string;
  returnedOn: string | null;
}

export interface LedgerPrint {
  orgName: string;
  asOf: string;
  revealed: boolean;
  items: LedgerPrintRow[];
}

export const printApi = {
  ledger: (q: LedgerPrintQuery) => request<LedgerPrint>('GET', '/mobility/ledger/print', { query: { ...q } }),
  exportLedger: (q: LedgerPrintQuery) => download('/mobility/ledger/export', { ...q }, '外出党员登记簿.xlsx'),
  exportStats: (orgId: string | undefined, asOf: string) =>
    download('/stats/members/export', { orgId, asOf }, '党员统计.xlsx'),
  /** Opened in a new tab, where the browser's viewer prints it. */
  memberFormPdfUrl: (memberId: string) => `/api/members/${memberId}/form.pdf`,
};
