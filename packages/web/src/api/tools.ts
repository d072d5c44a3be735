import { download, request } from './client';
import type { OutflowReason } from './types';

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

export const printApi = {
  ledger: (q: LedgerPrintQuery) => request<LedgerPrint>('GET', '/mobility/ledger/print', { query: { ...q } }),
  exportLedger: (q: LedgerPrintQuery) => download('/mobility/ledger/export', { ...q }, '外出党员登记簿.xlsx'),
  exportStats: (orgId: string | undefined, asOf: string) =>
    download('/stats/members/export', { orgId, asOf }, '党员统计.xlsx'),
  /** Opened in a new tab, where the browser's viewer prints it. */
  memberFormPdfUrl: (memberId: string) => `/api/members/${memberId}/form.pdf`,
};

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
