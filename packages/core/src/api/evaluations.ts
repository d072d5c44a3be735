import { z } from 'zod';

/** The yearly review of a member (一年一评议, 民主评议党员): one a member and year. */
export const reviewResults = ['excellent', 'qualified', 'basically_qualified', 'unqualified'] as const;
export type ReviewResult = (typeof reviewResults)[number];

export const reviewCreateBody = z.object({
  year: z.number().int().min(2000).max(2100),
  result: z.enum(reviewResults),
  note: z.string().max(500).optional(),
});

/** The answer to recording it: the review's id and what was sent. */
export const reviewRecordedSchema = z.object({
  id: z.string(),
  year: z.number(),
  result: z.enum(reviewResults),
  note: z.string().optional(),
});

/** One review as the member ledger lists it; `reviewedBy` is who recorded it. */
export const reviewRecordSchema = z.object({
  id: z.string(),
  year: z.number(),
  result: z.enum(reviewResults),
  note: z.string().nullable(),
  reviewedBy: z.string().nullable(),
});
