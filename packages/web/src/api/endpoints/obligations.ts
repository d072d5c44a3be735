import {
  type obligationListQuery,
  obligationPageSchema,
  obligationsProgressSchema,
  obligationsRefreshStartedSchema,
} from '@dangjian/core';
import type { z } from 'zod';
import { call, download } from '../client';
import type { ObligationKind } from '../types';

/** The 预警 filters (the list's query without paging; the page picks kinds from the known ones). */
export type ObligationQuery = Omit<z.input<typeof obligationListQuery>, 'page' | 'pageSize' | 'kind'> & {
  kind?: ObligationKind;
};

export const obligationsApi = {
  obligations: (q: ObligationQuery & { page?: number; pageSize?: number }) =>
    call(obligationPageSchema, 'GET', '/obligations', { query: { ...q } }),
  exportObligations: (q: ObligationQuery) => download('/obligations/export', { ...q }, '流动党员预警.xlsx'),
  /** Starts 重新计算 in the background (202); 409 JOBS_RUNNING while a run holds the lease. */
  refreshObligations: () =>
    call(obligationsRefreshStartedSchema, 'POST', '/obligations/refresh', { body: {} }),
  refreshProgress: () => call(obligationsProgressSchema, 'GET', '/obligations/refresh'),
};
