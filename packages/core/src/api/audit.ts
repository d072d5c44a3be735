import { z } from 'zod';
import { idRef, isoDate, pageOf, pageQuery, timestampString } from './common.js';

export const auditListQuery = pageQuery.extend({
  orgId: idRef.optional(),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  entity: z.string().max(32).optional(),
  entityId: z.string().max(100).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});

/** One event of the log as the auditor reads it: personal fields in before/after are masked. */
export const auditEntrySchema = z.object({
  id: z.number(),
  at: timestampString,
  actorName: z.string().nullable(),
  orgId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});

/** A page of events, with names for the ids they mention that the caller may see (lib/refs.ts). */
export const auditPageSchema = pageOf(auditEntrySchema).extend({ refs: z.record(z.string(), z.string()) });

export const auditChainReportSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  brokenAt: z.number().nullable(),
  reason: z.string().nullable(),
});
