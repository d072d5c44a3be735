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
  lostContactReason?: string | null;
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

// ---- Mobility 流动 (server: packages/server/src/modules/mobility) ----

export type OutflowReason =
  | 'work'
  | 'business'
  | 'study'
  | 'secondment'
  | 'official'
  | 'family'
  | 'accompany'
  | 'graduate'
  | 'other';

export type RequiredDocument =
  | 'none'
  | 'membership_certificate_letter'
  | 'activity_certificate'
  | 'transfer_letter';

export type ObligationKind = 'monthly_contact' | 'monthly_report' | 'org_life' | 'yearly_review';
export type ObligationState = 'ok' | 'due_soon' | 'overdue' | 'breached';

export type ContactChannel =
  | 'phone'
  | 'sms'
  | 'wechat'
  | 'email'
  | 'letter'
  | 'sponsor'
  | 'class_teacher'
  | 'class_cadre'
  | 'family'
  | 'visit'
  | 'other';

export type ReviewResult = 'excellent' | 'qualified' | 'basically_qualified' | 'unqualified';
export type LostContactReason =
  | 'work_business'
  | 'unit_restructured'
  | 'graduate_unknown'
  | 'work_changed'
  | 'abroad'
  | 'residence_changed'
  | 'other';
export type StandingCaseKind = 'stop' | 'lapse' | 'restore';

export interface OutflowInput {
  memberId: string;
  leftOn: string;
  expectedMonths: number;
  reason: OutflowReason;
  /** Absent for a stay abroad. */
  destinationRegion?: string | null;
  fixedPlace: boolean;
  hostHasPartyOrg: boolean;
  contact?: string | null;
  /** 出国(境). */
  abroad?: boolean;
  /** 篇三 L396: false when a fixed place cannot take the relationship yet (⇒ 活动证). */
  relationshipCanMove?: boolean;
  /** The inflow organization: one of this system, or its name. */
  inflowOrgId?: string | null;
  inflowOrgName?: string | null;
  expectedReturnOn?: string | null;
}

/** 补全/修改外出登记 (PATCH /api/mobility/outflows/:id). */
export type OutflowPatch = Partial<Omit<OutflowInput, 'memberId'>>;

export interface Certificate {
  id: string;
  kind: string;
  number: string;
  code: string;
  status: string;
  issuedOn: string;
  validUntil: string;
}

export interface Episode {
  id: string;
  memberId: string;
  memberName: string;
  originOrgId?: string;
  originOrgName: string;
  /** Null, like expectedMonths, reason and requiredDocument, while needsCompletion (待补全). */
  leftOn: string | null;
  expectedMonths: number | null;
  reason: OutflowReason | null;
  destinationRegion: string | null;
  destinationName: string | null;
  abroad: boolean;
  fixedPlace?: boolean;
  hostHasPartyOrg?: boolean;
  relationshipCanMove?: boolean;
  contact: string | null;
  requiredDocument: RequiredDocument | null;
  rule: string;
  /** Opened from the register's 流动党员 mark: departure, stay and reason still to complete. */
  needsCompletion: boolean;
  expectedReturnOn: string | null;
  transferPending: boolean;
  /** Only in the answer to the registration. */
  transferTarget?: 'host_org' | 'nearby_org' | null;
  inflowOrgId?: string | null;
  inflowOrgName: string | null;
  inflowOn?: string | null;
  status: 'open' | 'returned';
  returnedOn: string | null;
  returnNote?: string | null;
  side: 'origin' | 'host';
  certificate: Certificate | null;
}

export interface LedgerRow {
  id: string;
  memberId: string;
  memberName: string;
  originOrgName: string;
  inflowOrgName: string | null;
  leftOn: string | null;
  expectedMonths: number | null;
  reason: OutflowReason | null;
  destinationRegion: string | null;
  destinationName: string | null;
  abroad: boolean;
  contact: string | null;
  requiredDocument: RequiredDocument | null;
  /** The document in hand: 未开具, 活动证 No., 证明信 No., 需转组织关系 (server's documentState). */
  document: string;
  needsCompletion: boolean;
  expectedReturnOn: string | null;
  side: 'origin' | 'host';
  lastContactOn: string | null;
  lastReportMonth: string | null;
  worstState: ObligationState | null;
}

export interface ContactRecord {
  id: string;
  contactedOn: string;
  channel: ContactChannel;
  reached: boolean;
  note: string | null;
  byName: string | null;
}

export interface ThoughtReport {
  id: string;
  memberId?: string;
  memberName?: string;
  month: string;
  content: string;
  submittedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy?: string | null;
  reply: string | null;
}

export interface ReviewRecord {
  id?: string;
  year: number;
  result: ReviewResult;
  note: string | null;
  reviewedBy?: string | null;
}

export interface LifeRecord {
  id?: string;
  heldOn: string;
  mode: 'present' | 'online';
  topic: string | null;
}

export interface MemberObligation {
  kind: ObligationKind;
  period: string;
  dueOn: string;
  state: ObligationState;
  fulfilledOn: string | null;
}

export interface MemberLedger {
  memberId: string;
  memberName: string | null;
  lostContact: boolean;
  standing: 'normal' | 'stopped' | null;
  episodes: Episode[];
  contacts: ContactRecord[];
  reports: ThoughtReport[];
  reviews: ReviewRecord[];
  life: LifeRecord[];
  obligations: MemberObligation[];
}

export interface ObligationRow extends MemberObligation {
  memberId: string;
  memberName: string;
  orgId?: string;
  orgName: string;
}

export interface ObligationPage extends Page<ObligationRow> {
  summary: { kind: ObligationKind; state: ObligationState; n: number }[];
}

/** One run of 重新计算 (by hand, daily or from the CLI): GET /obligations/refresh, updated as it goes. */
export interface ObligationsRun {
  id: string;
  status: 'running' | 'done' | 'failed';
  phase: 'refresh' | 'reminders' | 'delivery' | 'done' | 'failed';
  trigger: 'manual' | 'daily' | 'cli';
  asOf: string;
  /** Members judged so far; total is null until counted. */
  obligations: { members: number; total: number | null };
  reminders: { queued: number };
  delivered: { sent: number; failed: number };
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
}

/** What the page can know: nothing run yet, a run of this server, or one held by another instance. */
export type ObligationsProgress =
  | { status: 'idle' }
  | { status: 'running'; elsewhere: true; startedAt: string }
  | ObligationsRun;

export interface InflowRow {
  id: string;
  hostOrgId?: string;
  hostOrgName: string;
  episodeId?: string | null;
  name: string;
  originOrgName: string;
  certificateNumber: string | null;
  contact: string | null;
  arrivedOn: string;
  status: 'open' | 'returned';
  internal: boolean;
}

export type InflowInput =
  | { orgId: string; arrivedOn: string; certificateCode: string }
  | {
      orgId: string;
      arrivedOn: string;
      name: string;
      originOrgName: string;
      certificateNumber?: string;
      contact?: string;
    };

export interface LostCandidate {
  memberId: string;
  name: string;
  orgName: string;
  mobile?: boolean;
  destinationRegion?: string | null;
  /** The day lost-contact time counts from: the later of registration and the last fact. */
  lastSeenOn: string;
  /** What that day was: registration in the system, a successful contact, organizational life, … */
  lastSeenKind: 'registration' | 'contact' | 'life' | 'report' | 'departure' | 'return' | 'restored';
  failedAttempts: number;
  lastChannel: ContactChannel | null;
}

/** What the caller may do now, and why not (from the server: the console does not re-derive it). */
export interface Ability {
  allowed: boolean;
  reason: string | null;
}

export type MeetingBody = 'branch_committee' | 'branch_general_meeting';

/** The branch's own decision behind a proposal on standing (RULES.md §2: the branch decides). */
export interface BranchMeeting {
  on: string;
  body: MeetingBody;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

/** A member lost or stopped, with the steps of the regulation's path that may be proposed now. */
export interface StandingMember {
  memberId: string;
  name: string;
  orgName: string;
  standing: 'normal' | 'stopped';
  stopReason: string | null;
  lostContact: boolean;
  lostContactSince: string | null;
  lostContactReason: LostContactReason | null;
  stoppedOn: string | null;
  pending: boolean;
  abilities: Record<StandingCaseKind, Ability>;
}

/** Abroad for study longer than the policy's years without return (RULES.md §2). */
export interface AbroadCandidate {
  memberId: string;
  name: string;
  orgName: string;
  leftOn: string;
  /** Whole years away. */
  years: number;
  reason: OutflowReason;
}

export interface StandingCase {
  id: string;
  memberId: string;
  memberName: string;
  orgName: string;
  kind: StandingCaseKind;
  reasonCode: string | null;
  note: string | null;
  status: 'pending' | 'approved' | 'rejected';
  proposedBy: string | null;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** The proposer's own organization. */
  proposerOrgName: string | null;
  /** The committee that approves: the nearest one above the member's branch. */
  decidingOrgId: string | null;
  decidingOrgName: string | null;
  meeting: BranchMeeting | null;
  abilities: { decide: Ability };
}

/** A kind's current period in one branch: done, not yet done (still in time), overdue. */
export interface PeriodTally {
  due: number;
  done: number;
  pending: number;
  overdue: number;
}

export interface BranchComparison {
  orgId: string;
  orgName: string;
  mobile: number;
  lost: number;
  kinds: Record<'monthly_contact' | 'monthly_report' | 'org_life' | 'yearly_review', PeriodTally>;
}

export interface MobilityStats {
  asOf: string;
  provinces: { code: string; name: string | null; n: number }[];
  cities: { code: string; name: string | null; n: number }[];
  reasons: { reason: OutflowReason; n: number }[];
  durations: { band: string; n: number }[];
  /** Every branch of the scope, with zeros where nobody is away. */
  branches: BranchComparison[];
  total: Omit<BranchComparison, 'orgId' | 'orgName'>;
}

export interface InboxItem {
  id: string;
  title: string;
  body: string;
  template?: string;
  createdAt: string;
  readAt: string | null;
}

/** A reminder for the staff of a branch (联系流动党员、年度评议), from GET /api/inbox. */
export interface StaffInboxItem extends InboxItem {
  orgId: string;
  orgName: string;
  aboutMemberId: string | null;
  aboutMemberName: string | null;
}

export interface LetterVerification {
  valid: boolean;
  kind: string;
  status: string;
  issuedBy: string;
  issuedOn: string;
  validUntil: string;
  memberName: string;
}
