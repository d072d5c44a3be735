import type { Page } from './registry';

export type ObligationKind = 'monthly_contact' | 'monthly_report' | 'org_life' | 'yearly_review';

export type ObligationState = 'ok' | 'due_soon' | 'overdue' | 'breached';

export interface MemberObligation {
  kind: ObligationKind;
  period: string;
  dueOn: string;
  state: ObligationState;
  fulfilledOn: string | null;
}

export interface ObligationRow extends MemberObligation {
  memberId: string;
  memberName: string;
  orgId?: string;
  orgName: string;
}

export interface ObligationPage extends Page<ObligationRow> {
  summary: { kind: ObligationKind; state: ObligationState; n: number }[];
}

/** One run of 重新计算 (by hand, daily or from the CLI): GET /obligations/refresh, updated as it goes. */
export interface ObligationsRun {
  id: string;
  status: 'running' | 'done' | 'failed';
  phase: 'refresh' | 'reminders' | 'delivery' | 'done' | 'failed';
  trigger: 'manual' | 'daily' | 'cli';
  asOf: string;
  /** Members judged so far; total is null until counted. */
  obligations: { members: number; total: number | null };
  reminders: { queued: number };
  delivered: { sent: number; failed: number };
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
}

/** What the page can know: nothing run yet, a run of this server, or one held by another instance. */
export type ObligationsProgress =
  | { status: 'idle' }
  | { status: 'running'; elsewhere: true; startedAt: string }
  | ObligationsRun;
