import type { ObligationKind, ObligationRowBody, ObligationState } from '@dangjian/core';
import type { ObligationRecord } from './queries.js';

/** A row of the 预警 list (API.md "GET /api/obligations"): an obligation of a member or an organization. */
export function presentObligation(r: ObligationRecord): ObligationRowBody {
  return {
    memberId: r.memberId,
    memberName: r.memberName,
    orgId: r.orgId,
    orgName: r.orgName,
    kind: r.kind as ObligationKind,
    period: r.period,
    dueOn: r.dueOn,
    state: r.state as ObligationState,
    fulfilledOn: r.fulfilledOn,
  };
}

export function presentSummary(r: { kind: string; state: string; n: number }) {
  return { kind: r.kind as ObligationKind, state: r.state as ObligationState, n: r.n };
}
