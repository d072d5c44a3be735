import {
  obligationPageSchema,
  obligationsProgressSchema,
  obligationsRefreshStartedSchema,
} from '@dangjian/core';
import { call, download } from '../client';
import type { ObligationKind, ObligationState } from '../types';

export interface ObligationQuery {
  orgId?: string;
  state?: ObligationState;
  kind?: ObligationKind;
  memberId?: string;
}

export const obligationsApi = {
  obligations: (q: ObligationQuery & { page?: number; pageSize?: number }) =>
    call(obligationPageSchema, 'GET', '/obligations', { query: { ...q } }),
  exportObligations: (q: ObligationQuery) => download('/obligations/export', { ...q }, '流动党员预警.xlsx'),
  /** Starts 重新计算 in the background (202); 409 JOBS_RUNNING while a run holds the lease. */
  refreshObligations: () =>
    call(obligationsRefreshStartedSchema, 'POST', '/obligations/refresh', { body: {} }),
  refreshProgress: () => call(obligationsProgressSchema, 'GET', '/obligations/refresh'),
};
