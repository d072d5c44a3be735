import { z } from 'zod';
import { outflowReasons, requiredDocuments } from '../mobility.js';
import { mobilityObligationKinds } from '../obligations.js';
import { idRef, isoDate, listOf, pageOf, pageQuery } from './common.js';
import { reviewRecordSchema } from './evaluations.js';
import { letterSchema } from './letters.js';
import { lifeRecordSchema } from './meetings.js';
import { memberStandings } from './members.js';
import { memberObligationSchema, obligationStateSchema } from './obligations.js';

/**
 * The mobility contract (API.md "Mobility"): outflows and their certificates, inflows, the ledgers,
 * contacts and thought reports, and the mobility statistics.
 */

/** How a contact was made (一月一联系): the channels of 篇九 and the school's people for a student. */
export const contactChannels = [
  'phone',
  'sms',
  'wechat',
  'email',
  'letter',
  'sponsor',
  'class_teacher',
  'class_cadre',
  'family',
  'visit',
  'other',
] as const;
export type ContactChannel = (typeof contactChannels)[number];

/** The ledger's two lists: the mobile members, and the leaves of ≤ 3 months that need no document. */
export const outflowKinds = ['mobile', 'leave'] as const;
export type OutflowKind = (typeof outflowKinds)[number];

export const episodeStatuses = ['open', 'returned'] as const;
export type EpisodeStatus = (typeof episodeStatuses)[number];

/** Which side the caller stands on: the organization holding the member, or the host it flowed into. */
export const episodeSides = ['origin', 'host'] as const;

export const transferTargets = ['host_org', 'nearby_org'] as const;

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const regionCode = z.string().regex(/^\d{6}$/, '外出流向应为 6 位行政区划代码');
const trueFalse = z.enum(['true', 'false']);

/** Additive to API.md's outflow body: 篇三 L396's flag, the inflow organization and the expected return. */
const outflowExtras = {
  relationshipCanMove: z.boolean().optional(),
  inflowOrgId: idRef.nullable().optional(),
  inflowOrgName: z.string().trim().max(100).nullable().optional(),
  expectedReturnOn: isoDate.nullable().optional(),
};

export const outflowCreateBody = z.object({
  memberId: idRef,
  leftOn: isoDate,
  expectedMonths: z.number().min(0).max(600),
  reason: z.enum(outflowReasons).default('other'),
  destinationRegion: regionCode.nullable().optional(),
  fixedPlace: z.boolean().default(false),
  hostHasPartyOrg: z.boolean().default(false),
  contact: z.string().trim().max(100).nullable().optional(),
  abroad: z.boolean().default(false),
  ...outflowExtras,
});

export const outflowPatchBody = z.object({
  leftOn: isoDate.optional(),
  expectedMonths: z.number().min(0).max(600).optional(),
  reason: z.enum(outflowReasons).optional(),
  destinationRegion: regionCode.nullable().optional(),
  fixedPlace: z.boolean().optional(),
  hostHasPartyOrg: z.boolean().optional(),
  contact: z.string().trim().max(100).nullable().optional(),
  abroad: z.boolean().optional(),
  ...outflowExtras,
});

export const outflowReturnBody = z.object({ returnedOn: isoDate, note: z.string().max(500).optional() });

/** What the caller may do to an episode now: the write routes' own checks, computed by the server. */
export const episodeAbilitiesSchema = z.object({
  edit: z.boolean(),
  returnOutflow: z.boolean(),
  issueCertificate: z.boolean(),
  reissueCertificate: z.boolean(),
  revokeCertificate: z.boolean(),
  /** False for a void or expired certificate: the PDF is refused for those. */
  printCertificate: z.boolean(),
});

/** One outflow (外出登记) as both sides see it; leftOn, stay, reason and document are null while 待补全. */
export const episodeSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  originOrgId: z.string(),
  originOrgName: z.string(),
  leftOn: z.string().nullable(),
  expectedMonths: z.number().nullable(),
  reason: z.enum(outflowReasons).nullable(),
  destinationRegion: z.string().nullable(),
  destinationName: z.string().nullable(),
  abroad: z.boolean(),
  fixedPlace: z.boolean(),
  hostHasPartyOrg: z.boolean(),
  contact: z.string().nullable(),
  requiredDocument: z.enum(requiredDocuments).nullable(),
  rule: z.string(),
  needsCompletion: z.boolean(),
  expectedReturnOn: z.string().nullable(),
  relationshipCanMove: z.boolean(),
  transferPending: z.boolean(),
  inflowOrgId: z.string().nullable(),
  inflowOrgName: z.string().nullable(),
  inflowOn: z.string().nullable(),
  status: z.enum(episodeStatuses),
  returnedOn: z.string().nullable(),
  returnNote: z.string().nullable(),
  side: z.enum(episodeSides),
  certificate: letterSchema.nullable(),
  abilities: episodeAbilitiesSchema,
});

/** The answer to registering or completing an outflow: where the relationship goes, if it must. */
export const outflowSavedSchema = episodeSchema.extend({
  transferTarget: z.enum(transferTargets).nullable(),
});

export const inflowCreateBody = z.object({
  orgId: idRef,
  arrivedOn: isoDate,
  certificateCode: z.string().trim().min(4).max(64).optional(),
  name: z.string().trim().min(1).max(50).optional(),
  originOrgName: z.string().trim().min(1).max(100).optional(),
  certificateNumber: z.string().trim().max(64).optional(),
  contact: z.string().trim().max(100).optional(),
});

export const inflowCreatedSchema = z.object({
  id: z.string(),
  episodeId: z.string().nullable(),
  hostOrgId: z.string(),
  name: z.string(),
  /** A member of this system (found by the certificate's code), or one recorded by name. */
  internal: z.boolean(),
});

export const inflowListQuery = z.object({ orgId: idRef.optional() });

export const inflowSchema = z.object({
  id: z.string(),
  hostOrgId: z.string(),
  hostOrgName: z.string(),
  episodeId: z.string().nullable(),
  name: z.string(),
  originOrgName: z.string(),
  certificateNumber: z.string().nullable(),
  contact: z.string().nullable(),
  arrivedOn: z.string(),
  status: z.enum(episodeStatuses),
  internal: z.boolean(),
});
export const inflowListSchema = listOf(inflowSchema);

export const ledgerQuery = pageQuery.extend({
  orgId: idRef.optional(),
  status: z.enum(episodeStatuses).optional(),
  kind: z.enum(outflowKinds).optional(),
  needsCompletion: trueFalse.transform((v) => v === 'true').optional(),
});

/** A line of the 外出党员登记簿 on screen. `document` is the paper in hand (documentState). */
export const ledgerRowSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  originOrgName: z.string(),
  inflowOrgName: z.string().nullable(),
  leftOn: z.string().nullable(),
  expectedMonths: z.number().nullable(),
  reason: z.enum(outflowReasons).nullable(),
  destinationRegion: z.string().nullable(),
  destinationName: z.string().nullable(),
  abroad: z.boolean(),
  contact: z.string().nullable(),
  requiredDocument: z.enum(requiredDocuments).nullable(),
  document: z.string(),
  needsCompletion: z.boolean(),
  expectedReturnOn: z.string().nullable(),
  side: z.enum(episodeSides),
  lastContactOn: z.string().nullable(),
  lastReportMonth: z.string().nullable(),
  worstState: obligationStateSchema.nullable(),
});
export const ledgerPageSchema = pageOf(ledgerRowSchema);

/** The filters of the ledger's print view and its Excel file. */
export const ledgerPrintQuery = z.object({
  orgId: idRef.optional(),
  status: z.enum(episodeStatuses).optional(),
  q: z.string().trim().max(50).optional(),
  reason: z.enum(outflowReasons).optional(),
});

/** A line of the paper register, every column already in words (性别, 待补全, 无需开具 …). */
export const ledgerPrintRowSchema = z.object({
  episodeId: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  gender: z.string(),
  originOrgName: z.string(),
  leftOn: z.string(),
  destination: z.string(),
  inflowOrgName: z.string().nullable(),
  reason: z.string(),
  contact: z.string().nullable(),
  document: z.string(),
  expectedReturnOn: z.string(),
  returnedOn: z.string().nullable(),
});
export const ledgerPrintSchema = z.object({
  orgName: z.string(),
  asOf: z.string(),
  /** Whether the contacts are shown in full (member.reveal). */
  revealed: z.boolean(),
  items: z.array(ledgerPrintRowSchema),
});

export const contactCreateBody = z.object({
  contactedOn: isoDate.optional(),
  channel: z.enum(contactChannels),
  reached: z.boolean(),
  note: z.string().max(500).optional(),
});

/** One attempt of 一月一联系, reached or not; `byName` is who recorded it. */
export const contactSchema = z.object({
  id: z.string(),
  contactedOn: z.string(),
  channel: z.enum(contactChannels),
  reached: z.boolean(),
  note: z.string().nullable(),
  byName: z.string().nullable(),
});
export const contactCreatedSchema = contactSchema.omit({ byName: true }).extend({ memberId: z.string() });

export const reportSubmitBody = z.object({
  month: month.optional(),
  content: z.string().trim().min(10, '汇报内容至少 10 个字').max(5000),
});
export const reportSubmittedSchema = z.object({
  id: z.string(),
  month: z.string(),
  status: z.literal('submitted'),
});

export const reportListQuery = z.object({
  orgId: idRef.optional(),
  memberId: idRef.optional(),
  pending: trueFalse.optional(),
});

/**
 * A thought report (一月一汇报). The member's own list has no member columns; the staff list names the
 * member; who acknowledged it is shown to staff only.
 */
export const thoughtReportSchema = z.object({
  id: z.string(),
  memberId: z.string().optional(),
  memberName: z.string().optional(),
  month: z.string(),
  content: z.string(),
  submittedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable().optional(),
  reply: z.string().nullable(),
});
export const thoughtReportListSchema = listOf(thoughtReportSchema);

export const reportAcknowledgeBody = z.object({ reply: z.string().max(1000).optional() });
export const reportAcknowledgedSchema = z.object({ id: z.string(), acknowledged: z.literal(true) });

/** What the caller may record about the member of a ledger now (server-computed). */
export const memberLedgerAbilitiesSchema = z.object({
  createOutflow: z.boolean(),
  logContact: z.boolean(),
  recordLife: z.boolean(),
  recordReview: z.boolean(),
  acknowledgeReport: z.boolean(),
});

/** 一人一台账: one member's mobility on one page (the member's own, or as staff of either side see it). */
export const memberLedgerSchema = z.object({
  memberId: z.string(),
  memberName: z.string().nullable(),
  lostContact: z.boolean(),
  standing: z.enum(memberStandings).nullable(),
  abilities: memberLedgerAbilitiesSchema,
  episodes: z.array(episodeSchema),
  contacts: z.array(contactSchema),
  reports: z.array(thoughtReportSchema),
  reviews: z.array(reviewRecordSchema),
  life: z.array(lifeRecordSchema),
  obligations: z.array(memberObligationSchema),
});

export const mobilityStatsQuery = z.object({ orgId: idRef.optional() });

/** A kind's current period in one branch: done, not yet done (still in time), overdue; `due` = all three. */
export const periodTallySchema = z.object({
  due: z.number(),
  done: z.number(),
  pending: z.number(),
  overdue: z.number(),
});
const branchTallies = {
  /** Members away now (an open episode). */
  mobile: z.number(),
  /** Members flagged 失联. */
  lost: z.number(),
  kinds: z.record(z.enum(mobilityObligationKinds), periodTallySchema),
};
export const branchComparisonSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  ...branchTallies,
});
const placeCount = z.object({ code: z.string().nullable(), name: z.string().nullable(), n: z.number() });

/** Where the scope's mobile members went, why and for how long, and every branch's current periods. */
export const mobilityStatsSchema = z.object({
  asOf: z.string(),
  provinces: z.array(placeCount),
  cities: z.array(placeCount),
  reasons: z.array(z.object({ reason: z.enum(outflowReasons).nullable(), n: z.number() })),
  durations: z.array(z.object({ band: z.string(), n: z.number() })),
  /** Every branch of the scope, with zeros where nobody is away. */
  branches: z.array(branchComparisonSchema),
  total: z.object(branchTallies),
});
