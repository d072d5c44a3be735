import {
  contactCreatedSchema,
  type EpisodeStatus,
  episodeSchema,
  inflowCreatedSchema,
  inflowListSchema,
  ledgerPageSchema,
  ledgerPrintSchema,
  letterRevokedSchema,
  letterSchema,
  letterVerificationSchema,
  lifeRecordedSchema,
  memberLedgerSchema,
  mobilityStatsSchema,
  type OutflowKind,
  outflowSavedSchema,
  reportAcknowledgedSchema,
  reportSubmittedSchema,
  reviewRecordedSchema,
  thoughtReportListSchema,
} from '@dangjian/core';
import { call, download } from '../client';
import type {
  ContactInput,
  InflowInput,
  LedgerPrintQuery,
  LifeInput,
  OutflowInput,
  OutflowPatch,
  ReviewInput,
} from '../types';

export type { LedgerPrint, LedgerPrintQuery, LedgerPrintRow } from '../types';

export const mobilityCoreApi = {
  createOutflow: (input: OutflowInput) =>
    call(outflowSavedSchema, 'POST', '/mobility/outflows', { body: input }),
  episode: (id: string) => call(episodeSchema, 'GET', `/mobility/outflows/${id}`),
  updateOutflow: (id: string, patch: OutflowPatch) =>
    call(outflowSavedSchema, 'PATCH', `/mobility/outflows/${id}`, { body: patch }),
  issueCertificate: (id: string) =>
    call(letterSchema, 'POST', `/mobility/outflows/${id}/certificate`, { body: {} }),
  reissueCertificate: (id: string) =>
    call(letterSchema, 'POST', `/mobility/outflows/${id}/certificate/reissue`, { body: {} }),
  /** Opened in a new tab for printing; the session cookie goes along. */
  certificatePdfUrl: (id: string) => `/api/mobility/outflows/${id}/certificate.pdf`,
  revokeLetter: (letterId: string, reason: string) =>
    call(letterRevokedSchema, 'POST', `/letters/${letterId}/revoke`, { body: { reason } }),
  returnOutflow: (id: string, returnedOn: string, note?: string) =>
    call(episodeSchema, 'POST', `/mobility/outflows/${id}/return`, { body: { returnedOn, note } }),
  /** The query as the page holds it; `needsCompletion` travels as 'true'/'false' (ledgerQuery). */
  ledger: (q: {
    orgId?: string;
    status?: EpisodeStatus;
    kind?: OutflowKind;
    needsCompletion?: boolean;
    page?: number;
    pageSize?: number;
  }) => call(ledgerPageSchema, 'GET', '/mobility/ledger', { query: q }),
  memberLedger: (memberId: string) => call(memberLedgerSchema, 'GET', `/mobility/members/${memberId}/ledger`),
  logContact: (memberId: string, input: ContactInput) =>
    call(contactCreatedSchema, 'POST', `/members/${memberId}/contacts`, { body: input }),
  recordReview: (memberId: string, input: ReviewInput) =>
    call(reviewRecordedSchema, 'POST', `/members/${memberId}/reviews`, { body: input }),
  recordLife: (memberId: string, input: LifeInput) =>
    call(lifeRecordedSchema, 'POST', `/members/${memberId}/life`, { body: input }),
  reports: (q: { orgId?: string; memberId?: string; pending?: boolean }) =>
    call(thoughtReportListSchema, 'GET', '/mobility/reports', {
      query: { ...q, pending: q.pending ? 'true' : undefined },
    }),
  acknowledgeReport: (id: string, reply?: string) =>
    call(reportAcknowledgedSchema, 'POST', `/mobility/reports/${id}/acknowledge`, {
      body: reply ? { reply } : {},
    }),
  inflows: (orgId?: string) => call(inflowListSchema, 'GET', '/inflows', { query: { orgId } }),
  registerInflow: (input: InflowInput) => call(inflowCreatedSchema, 'POST', '/inflows', { body: input }),
  stats: (orgId?: string) => call(mobilityStatsSchema, 'GET', '/stats/mobility', { query: { orgId } }),
};

/** The member's own side, from the phone portal. */
export const meReportsApi = {
  reports: () => call(thoughtReportListSchema, 'GET', '/me/reports'),
  submitReport: (content: string, month?: string) =>
    call(reportSubmittedSchema, 'POST', '/me/reports', { body: { content, month } }),
};

export const publicApi = {
  verifyLetter: (code: string) =>
    call(letterVerificationSchema, 'GET', `/public/letters/${encodeURIComponent(code)}`, {
      quiet401: true,
    }),
};

export const printApi = {
  ledger: (q: LedgerPrintQuery) =>
    call(ledgerPrintSchema, 'GET', '/mobility/ledger/print', { query: { ...q } }),
  exportLedger: (q: LedgerPrintQuery) => download('/mobility/ledger/export', { ...q }, '外出党员登记簿.xlsx'),
  exportStats: (orgId: string | undefined, asOf: string) =>
    download('/stats/members/export', { orgId, asOf }, '党员统计.xlsx'),
  /** Opened in a new tab, where the browser's viewer prints it. */
  memberFormPdfUrl: (memberId: string) => `/api/members/${memberId}/form.pdf`,
};
