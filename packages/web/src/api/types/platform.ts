import type {
  auditEntrySchema,
  auditListQuery,
  effectivePolicySchema,
  meSchema,
  orgAbilitiesSchema,
  orgCreateBody,
  orgDetailSchema,
  orgPostBody,
  orgPostSchema,
  orgSummarySchema,
  orgTypeSchema,
  policyKindSchema,
  policySourceSchema,
  policyVersionSchema,
  postKindSchema,
  regionNodeSchema,
  roleSchema,
  sessionSchema,
  userCreateBody,
  userPatchBody,
  userSchema,
} from '@dangjian/core';
import type { z } from 'zod';

export type Role = z.infer<typeof roleSchema>;
export type Me = z.infer<typeof meSchema>;
export type Session = z.infer<typeof sessionSchema>;

export type OrgType = z.infer<typeof orgTypeSchema>;
/** What the caller may do to this organization now, computed by the server (lib/authz orgAbilities). */
export type OrgAbilities = z.infer<typeof orgAbilitiesSchema>;
export type Org = z.infer<typeof orgSummarySchema>;
export type PostKind = z.infer<typeof postKindSchema>;
export type OrgPost = z.infer<typeof orgPostSchema>;
export type OrgDetail = z.infer<typeof orgDetailSchema>;
export type OrgInput = z.input<typeof orgCreateBody>;
export type OrgPostInput = z.input<typeof orgPostBody>;

export type PolicyKind = z.infer<typeof policyKindSchema>;
export type PolicySource = z.infer<typeof policySourceSchema>;
export type EffectivePolicy = z.infer<typeof effectivePolicySchema>;
export type PolicyVersion = z.infer<typeof policyVersionSchema>;

export type RegionNode = z.infer<typeof regionNodeSchema>;

export type User = z.infer<typeof userSchema>;
export type UserInput = z.input<typeof userCreateBody>;
export type UserPatch = z.input<typeof userPatchBody>;

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type AuditFilter = Omit<z.input<typeof auditListQuery>, 'page' | 'pageSize'>;
