import { z } from 'zod';

/**
 * The letters' contract (RULES.md §3: every letter is numbered and verifiable): the 流动党员活动证 and the
 * 党员证明信 issued for an outflow today; transfer letters (组织关系介绍信) join as another kind, numbered
 * per kind like these.
 */
export const letterKinds = ['activity_certificate', 'membership_certificate_letter'] as const;
export type LetterKind = (typeof letterKinds)[number];

/** A letter is valid until it is revoked (lost, returned, reclassified, or by hand) or runs out. */
export const letterStatuses = ['issued', 'revoked'] as const;
export type LetterStatus = (typeof letterStatuses)[number];

/** What verification says: an issued letter past its date is 已过期, not 有效. */
export const letterVerificationStatuses = [...letterStatuses, 'expired'] as const;

export const letterSchema = z.object({
  id: z.string(),
  kind: z.enum(letterKinds),
  number: z.string(),
  code: z.string(),
  status: z.enum(letterStatuses),
  issuedOn: z.string(),
  validUntil: z.string(),
});

export const letterRevokeBody = z.object({ reason: z.string().trim().min(1).max(200) });
export const letterRevokedSchema = z.object({ id: z.string(), status: z.literal('revoked') });

/** GET /api/public/letters/:code, without login: enough to match the paper, the name masked. */
export const letterCodeParams = z.object({ code: z.string().min(1).max(64) });
export const letterVerificationSchema = z.object({
  valid: z.boolean(),
  kind: z.enum(letterKinds),
  status: z.enum(letterVerificationStatuses),
  issuedBy: z.string(),
  issuedOn: z.string(),
  validUntil: z.string(),
  memberName: z.string(),
});
