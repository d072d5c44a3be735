import { z } from 'zod';
import { idRef, isoDate } from './common.js';

/**
 * Organizational life (组织生活) attended by a member: recorded by the member's own organization, at
 * home or, with `orgId`, at another organization of its scope (votes stay at home).
 */
export const lifeModes = ['present', 'online'] as const;
export type LifeMode = (typeof lifeModes)[number];

export const lifeCreateBody = z.object({
  heldOn: isoDate,
  mode: z.enum(lifeModes),
  topic: z.string().max(200).optional(),
  orgId: idRef.optional(),
});

/** The answer to recording it: the record's id and what was sent. */
export const lifeRecordedSchema = z.object({
  id: z.string(),
  heldOn: z.string(),
  mode: z.enum(lifeModes),
  topic: z.string().optional(),
  orgId: z.string().optional(),
});

/** One attendance as the member ledger lists it. */
export const lifeRecordSchema = z.object({
  id: z.string(),
  heldOn: z.string(),
  mode: z.enum(lifeModes),
  topic: z.string().nullable(),
});
