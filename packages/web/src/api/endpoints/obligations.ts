import { download, request } from '../client';
import type { ObligationKind, ObligationPage, ObligationState, ObligationsProgress } from '../types';

export interface ObligationQuery {
  orgId?: string;
  state?: ObligationState;
  kind?: ObligationKind;
  memberId?: string;
}

export const obligationsApi = {
  obligations: (q: ObligationQuery & { page?: number; pageSize?: number }) =>
    request<ObligationPage>('GET', '/obligations', { query: { ...q } }),
  exportObligations: (q: ObligationQuery) => download('/obligations/export', { ...q }, '流动党员预警.xlsx'),
  /** Starts 重新计算 in the background (202); 409 JOBS_RUNNING while a run holds the lease. */
  refreshObligations: () =>
    request<{ id: string; status: 'running' }>('POST', '/obligations/refresh', { body: {} }),
  refreshProgress: () => request<ObligationsProgress>('GET', '/obligations/refresh'),
};
