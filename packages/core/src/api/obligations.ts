import { z } from 'zod';
import { mobilityObligationKinds, obligationKinds, obligationStates } from '../obligations.js';
import { fileSchema, idRef, pageOf, pageQuery, timestampString } from './common.js';

/**
 * The obligations' contract (API.md "GET /api/obligations", "POST /api/obligations/refresh"): the 预警
 * list of every provider's obligations, its spreadsheet, and the daily work started by hand.
 */

export const obligationKindSchema = z.enum(obligationKinds);
export const obligationStateSchema = z.enum(obligationStates);

/**
 * `kind` stays free text as it always was: a kind no provider judges lists nothing rather than
 * refusing the request.
 */
const obligationFilter = {
  orgId: idRef.optional(),
  state: obligationStateSchema.optional(),
  kind: z.string().max(32).optional(),
};

export const obligationListQuery = pageQuery.extend({
  ...obligationFilter,
  memberId: idRef.optional(),
  pageSize: z.coerce.number().int().min(1).max(1000).default(200),
});
export const obligationExportQuery = z.object(obligationFilter);

/** One obligation as the member ledger shows it: the four a mobile member owes while away. */
export const memberObligationSchema = z.object({
  kind: z.enum(mobilityObligationKinds),
  period: z.string(),
  dueOn: z.string(),
  state: obligationStateSchema,
  fulfilledOn: z.string().nullable(),
});

/**
 * One row of the 预警 list. An obligation an organization owes has no member: memberId and memberName
 * are null, orgId/orgName name the organization that owes it.
 */
export const obligationRowSchema = z.object({
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  kind: obligationKindSchema,
  period: z.string(),
  dueOn: z.string(),
  state: obligationStateSchema,
  fulfilledOn: z.string().nullable(),
});

export const obligationSummarySchema = z.object({
  kind: obligationKindSchema,
  state: obligationStateSchema,
  n: z.number(),
});

export const obligationPageSchema = pageOf(obligationRowSchema).extend({
  summary: z.array(obligationSummarySchema),
});

export const obligationExportFile = fileSchema('应办事项（预警）Excel 表');

/** The daily work's steps, and who started a run: the 预警 page's button, the daily timer, the CLI. */
export const obligationJobPhases = ['refresh', 'reminders', 'delivery', 'done', 'failed'] as const;
export const obligationJobTriggers = ['manual', 'daily', 'cli'] as const;
export const obligationJobStatuses = ['running', 'done', 'failed'] as const;

export const obligationsRefreshStartedSchema = z.object({ id: z.string(), status: z.literal('running') });

/** One run of the daily work (by hand, daily or from the CLI), updated in place as it goes. */
export const obligationsRunSchema = z.object({
  id: z.string(),
  status: z.enum(obligationJobStatuses),
  phase: z.enum(obligationJobPhases),
  trigger: z.enum(obligationJobTriggers),
  asOf: z.string(),
  /** Subjects (members, organizations) judged so far; total is counted before the scan (null until then). */
  obligations: z.object({ members: z.number(), total: z.number().nullable() }),
  reminders: z.object({ queued: z.number() }),
  delivered: z.object({ sent: z.number(), failed: z.number() }),
  startedAt: timestampString,
  finishedAt: timestampString.nullable(),
  message: z.string().nullable(),
});

/** GET /api/obligations/refresh: nothing run yet, a run elsewhere (another instance, the CLI), or a run here. */
export const obligationsProgressSchema = z.union([
  z.object({ status: z.literal('idle') }),
  z.object({ status: z.literal('running'), elsewhere: z.literal(true), startedAt: timestampString }),
  obligationsRunSchema,
]);

export type ObligationListQuery = z.infer<typeof obligationListQuery>;
export type ObligationExportQuery = z.infer<typeof obligationExportQuery>;
export type ObligationRowBody = z.infer<typeof obligationRowSchema>;
export type ObligationsRunBody = z.infer<typeof obligationsRunSchema>;
