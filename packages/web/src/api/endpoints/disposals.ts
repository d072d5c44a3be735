import {
  disposalCreatedSchema,
  disposalDetailSchema,
  disposalPageSchema,
  disposalStepRecordedSchema,
  okSchema,
} from '@dangjian/core';
import { call, download } from '../client';
import type { DisposalCreateInput, DisposalListQuery, DisposalStepInput } from '../types';

/** The disposal queue (处置): candidates, the five steps of RULES.md §6, the printed decision. */
export const disposalApi = {
  list: (q: DisposalListQuery) => call(disposalPageSchema, 'GET', '/disposals', { query: { ...q } }),
  exportXlsx: (orgId?: string) => download('/disposals/export', { orgId }, '处置名单.xlsx'),
  get: (id: string) => call(disposalDetailSchema, 'GET', `/disposals/${id}`),
  create: (input: DisposalCreateInput) => call(disposalCreatedSchema, 'POST', '/disposals', { body: input }),
  recordStep: (id: string, input: DisposalStepInput) =>
    call(disposalStepRecordedSchema, 'POST', `/disposals/${id}/steps`, { body: input }),
  dismiss: (id: string, reason: string) =>
    call(okSchema, 'POST', `/disposals/${id}/dismiss`, { body: { reason } }),
  /** Opened in a new tab, where the browser's viewer prints it. */
  decisionPdfUrl: (id: string) => `/api/disposals/${id}/decision`,
};
