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

export type Education =
  | 'doctor'
  | 'master'
  | 'bachelor'
  | 'college'
  | 'secondary'
  | 'high_school'
  | 'junior'
  | 'other';

export interface Member {
  id: string;
  orgId: string;
  orgName: string | null;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string | null;
  idNumber: string;
  birthDate: string;
  education: Education | null;
  occupation: string | null;
  duesCategory: string | null;
  jobPost: string | null;
  phone: string | null;
  address: string | null;
  kind: 'full' | 'probationary';
  joinedOn: string;
  fullOn: string | null;
  standing: 'normal' | 'stopped';
  stopReason: string | null;
  lostContact: boolean;
  lostContactSince: string | null;
  mobile: boolean;
  destinationRegion: string | null;
  exitKind: string | null;
  exitOn: string | null;
  version: number;
  updatedAt: string;
}

export type MemberInput = Partial<
  Omit<Member, 'id' | 'orgName' | 'exitKind' | 'exitOn' | 'version' | 'updatedAt'>
> & { version?: number };

export type AgeBand = '<=25' | '26-30' | '31-35' | '36-40' | '>=41';

export interface MemberFilter {
  orgId?: string;
  q?: string;
  kind?: Member['kind'];
  standing?: Member['standing'];
  mobile?: 'true' | 'false';
  lostContact?: 'true' | 'false';
  education?: Education;
  ageBand?: AgeBand;
  destinationProvince?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface HistoryEntry {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ImportRowError {
  row: number;
  column: string | null;
  message: string;
}

export interface ImportJob {
  id: string;
  orgId?: string;
  status: 'running' | 'succeeded' | 'rejected' | 'failed';
  phase: 'reading' | 'checking' | 'writing' | 'done';
  fileName?: string | null;
  total: number;
  processed: number;
  created: number;
  updated: number;
  errors: ImportRowError[];
  errorCount: number;
  message: string | null;
}

export interface MemberStats {
  total: number;
  ageBands: Record<AgeBand, number>;
  education: Record<'doctor' | 'master' | 'bachelor' | 'college' | 'secondary' | 'other', number>;
  location: Record<'local' | 'province' | 'outside' | 'unknown', number>;
  standing: Record<'normal' | 'stopped' | 'lostContact', number>;
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
