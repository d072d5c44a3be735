import { z } from 'zod';
import { disposalDecisions, disposalGrounds, disposalStatuses, disposalStepNumbers } from '../disposals.js';
import { fileSchema, idRef, isoDate, pageOf, pageQuery, timestampString } from './common.js';

/** API.md "Disposal 处置": the queue, its candidates and the five steps of RULES.md §6. */

const ground = z.enum(disposalGrounds);
const status = z.enum(disposalStatuses);
const decision = z.enum(disposalDecisions);
const count = z.number().int().min(0).max(100_000);

export const disposalListQuery = pageQuery.extend({
  orgId: idRef.optional(),
  status: status.optional(),
  ground: ground.optional(),
  memberId: idRef.optional(),
});

export const disposalListItemSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  name: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  ground,
  status,
  /** The last step recorded, 0 before the first. */
  step: z.number(),
  createdOn: z.string(),
  decision: decision.nullable(),
  /** 限期改正 or 落后党员: the day of the follow-up review. */
  followUpOn: z.string().nullable(),
});
export const disposalPageSchema = pageOf(disposalListItemSchema);

/** `due`: those due to attend (the branch's voting members); when left out, the server counts them. */
export const disposalVoteSchema = z.object({ for: count, against: count, abstain: count, due: count });
export const disposalVoteBody = disposalVoteSchema.extend({ due: count.optional() });

export const disposalStepBody = z.object({
  step: z.number().int().min(1).max(disposalStepNumbers.length),
  on: isoDate,
  body: z.string().trim().min(1).max(100),
  vote: disposalVoteBody.optional(),
  decision: decision.optional(),
  note: z.string().trim().max(2000).optional(),
});
export const disposalStepRecordedSchema = z.object({
  id: z.string(),
  step: z.number(),
  status,
  /** Step 4: whether the assembly's vote passed (more than half of those due). */
  passed: z.boolean().nullable(),
});

export const disposalStepSchema = z.object({
  id: z.string(),
  step: z.number(),
  name: z.string(),
  on: z.string(),
  body: z.string(),
  vote: disposalVoteSchema.nullable(),
  passed: z.boolean().nullable(),
  decision: decision.nullable(),
  note: z.string().nullable(),
  recordedAt: timestampString,
});

const ability = z.object({ allowed: z.boolean(), reason: z.string().nullable() });

export const disposalDetailSchema = disposalListItemSchema.extend({
  cause: z.string().nullable(),
  memberKind: z.enum(['full', 'probationary']),
  steps: z.array(disposalStepSchema),
  /** The next step's number and name, null when the procedure ended. */
  next: z.object({ step: z.number(), name: z.string(), approver: z.string().nullable() }).nullable(),
  dismissedReason: z.string().nullable(),
  abilities: z.object({ step: ability, dismiss: ability, print: ability }),
});

export const disposalCreateBody = z.object({
  memberId: idRef,
  ground,
  cause: z.string().trim().max(500).optional(),
});
export const disposalCreatedSchema = z.object({ id: z.string(), status });

export const disposalDismissBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const disposalDecisionFile = fileSchema('处置决定（PDF）');

/** The queue as a spreadsheet: the list's filters, every row of them. */
export const disposalExportQuery = disposalListQuery.omit({ page: true, pageSize: true });
export const disposalExportFile = fileSchema('处置事项清单（Excel）');
