import { z } from 'zod';
import { idRef } from './common.js';

/** The 采集表 import's contract (API.md "Import"): the upload, a job's progress, the recent jobs. */

export const importStatuses = ['running', 'succeeded', 'rejected', 'failed'] as const;
export const importPhases = ['reading', 'checking', 'writing', 'done'] as const;
export type ImportStatus = (typeof importStatuses)[number];
export type ImportPhase = (typeof importPhases)[number];

export const importUploadQuery = z.object({ orgId: idRef, async: z.enum(['true', 'false']).optional() });

/** One wrong cell: the sheet's row number, the column's header, what is wrong. */
export const importRowErrorSchema = z.object({
  row: z.number(),
  column: z.string().nullable(),
  message: z.string(),
});

/** A job as it runs (from memory) or as it ended (from its row); `errors` holds the first 1000. */
export const importJobSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  status: z.enum(importStatuses),
  phase: z.enum(importPhases),
  fileName: z.string().nullable(),
  total: z.number(),
  processed: z.number(),
  created: z.number(),
  updated: z.number(),
  errors: z.array(importRowErrorSchema),
  errorCount: z.number(),
  message: z.string().nullable(),
});
export const importJobListSchema = z.object({ items: z.array(importJobSchema) });

/** The synchronous upload's answer: every row written (a rejected file is a 422 IMPORT_INVALID). */
export const importResultSchema = z.object({
  created: z.number(),
  updated: z.number(),
  errors: z.array(importRowErrorSchema),
  importId: z.string(),
});
/** `async=true`: the job's id, to follow at /api/imports/:id. */
export const importStartedSchema = z.object({ id: z.string(), status: z.enum(importStatuses) });
