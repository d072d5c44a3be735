import type { MemberObligation, ObligationState } from './obligations';

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

/** What the caller may do to an episode now, computed by the server from the write routes' own checks. */
export interface EpisodeAbilities {
  edit: boolean;
  returnOutflow: boolean;
  issueCertificate: boolean;
  reissueCertificate: boolean;
  revokeCertificate: boolean;
  printCertificate: boolean;
}

/** What the caller may record about the member of a ledger now (server-computed). */
export interface MemberLedgerAbilities {
  createOutflow: boolean;
  logContact: boolean;
  recordLife: boolean;
  recordReview: boolean;
  acknowledgeReport: boolean;
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
  abilities: EpisodeAbilities;
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

export interface MemberLedger {
  memberId: string;
  memberName: string | null;
  lostContact: boolean;
  standing: 'normal' | 'stopped' | null;
  abilities: MemberLedgerAbilities;
  episodes: Episode[];
  contacts: ContactRecord[];
  reports: ThoughtReport[];
  reviews: ReviewRecord[];
  life: LifeRecord[];
  obligations: MemberObligation[];
}

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

export interface LetterVerification {
  valid: boolean;
  kind: string;
  status: string;
  issuedBy: string;
  issuedOn: string;
  validUntil: string;
  memberName: string;
}
