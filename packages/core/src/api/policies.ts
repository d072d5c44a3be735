import { z } from 'zod';
import { policySchemas } from '../policies.js';
import { idParams, isoDate, timestampString } from './common.js';

/** The kinds of policy, one per document schema in policies.ts. */
export const policyKindSchema = z.object(policySchemas).keyof();

/** A policy document as stored or merged; its shape per kind is checked by `parsePolicy`. */
const policyDocument = z.record(z.string(), z.unknown());

export const policyReadQuery = z.object({ asOf: isoDate.optional() });
export const policyOverrideParams = idParams.extend({ kind: policyKindSchema });
export const policyOverrideBody = z.object({ effectiveFrom: isoDate, document: policyDocument });

export const policySourceSchema = z.object({
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  version: z.number(),
  effectiveFrom: z.string(),
});

export const effectivePolicySchema = z.object({
  kind: policyKindSchema,
  document: policyDocument,
  /** Overrides applied on top of the seed defaults, from the top of the tree down. */
  sources: z.array(policySourceSchema),
  /** What the organization would have without its own overrides: its parent's policy. */
  inherited: policyDocument,
});

export const policyVersionSchema = z.object({
  id: z.string(),
  kind: policyKindSchema,
  version: z.number(),
  effectiveFrom: z.string(),
  document: policyDocument,
  createdAt: timestampString,
  createdBy: z.string().nullable(),
});

export const orgPoliciesSchema = z.object({
  items: z.array(effectivePolicySchema),
  versions: z.array(policyVersionSchema),
});
