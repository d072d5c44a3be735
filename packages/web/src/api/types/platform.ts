export type Role = 'admin' | 'manager' | 'clerk' | 'auditor' | 'member';

export interface Me {
  userId: string;
  username: string;
  displayName: string | null;
  role: Role;
  orgId: string | null;
  orgName: string | null;
  memberId: string | null;
  permissions: string[];
}

export interface Session {
  id: string;
  current?: boolean;
  createdAt?: string;
  lastSeenAt?: string;
  expiresAt?: string;
  ip?: string | null;
  userAgent?: string | null;
}

export type OrgType =
  | 'committee'
  | 'working_committee'
  | 'general_branch'
  | 'branch'
  | 'joint_branch'
  | 'group'
  | 'mobile_branch'
  | 'holding_branch'
  | 'temporary_branch';

export interface Org {
  id: string;
  parentId: string | null;
  name: string;
  type: OrgType;
  typeLabel: string;
  regionCode: string | null;
  regionName: string | null;
  units: number | null;
  termStartedOn: string | null;
  termEndsOn: string | null;
  dissolved: boolean;
  mergedInto: string | null;
  childCount: number;
  memberCount: number;
  fullMemberCount: number;
  /** What the caller may do to this organization now, computed by the server (lib/authz orgAbilities). */
  abilities: OrgAbilities;
}

export interface OrgAbilities {
  edit: boolean;
  createChild: boolean;
  move: boolean;
  merge: boolean;
  dissolve: boolean;
  managePosts: boolean;
  promote: boolean;
}

export type PostKind = 'secretary' | 'deputy_secretary' | 'committee_member';

export interface OrgPost {
  id: string;
  memberId: string;
  memberName: string;
  kind: PostKind;
  startedOn: string;
  endsOn: string | null;
}

export interface OrgDetail extends Org {
  parentName: string | null;
  posts: OrgPost[];
  warnings: { code: string; message: string }[];
}

export interface OrgInput {
  name: string;
  type: OrgType;
  parentId?: string | null;
  regionCode?: string | null;
  units?: number | null;
  termStartedOn?: string | null;
  termEndsOn?: string | null;
}

export interface RegionNode {
  value: string;
  label: string;
  children?: RegionNode[];
}

export type PolicyKind = 'dues' | 'org_shape' | 'mobility';

export interface PolicySource {
  orgId: string | null;
  orgName: string | null;
  version: number | null;
  effectiveFrom: string | null;
}

export interface EffectivePolicy {
  kind: PolicyKind;
  document: Record<string, unknown>;
  sources: PolicySource[];
  inherited: Record<string, unknown>;
}

export interface PolicyVersion {
  id: string;
  kind: PolicyKind;
  version: number;
  effectiveFrom: string;
  document: Record<string, unknown>;
  createdAt: string;
  createdBy: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string | null;
  email: string | null;
  role: Role;
  orgId: string | null;
  orgName: string | null;
  memberId: string | null;
  disabled: boolean;
  locked: boolean;
  createdAt: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actorName: string | null;
  orgId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  orgId?: string;
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
}
