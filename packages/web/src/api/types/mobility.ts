import type {
  branchComparisonSchema,
  contactChannels,
  contactCreateBody,
  contactCreatedSchema,
  contactSchema,
  episodeAbilitiesSchema,
  episodeSchema,
  inflowCreateBody,
  inflowCreatedSchema,
  inflowSchema,
  ledgerPrintQuery,
  ledgerPrintRowSchema,
  ledgerPrintSchema,
  ledgerRowSchema,
  letterSchema,
  letterVerificationSchema,
  lifeCreateBody,
  lifeRecordedSchema,
  lifeRecordSchema,
  memberLedgerAbilitiesSchema,
  memberLedgerSchema,
  mobilityStatsSchema,
  outflowCreateBody,
  outflowPatchBody,
  outflowReasons,
  outflowSavedSchema,
  periodTallySchema,
  reportSubmittedSchema,
  requiredDocuments,
  reviewCreateBody,
  reviewRecordedSchema,
  reviewRecordSchema,
  reviewResults,
  thoughtReportSchema,
} from '@dangjian/core';
import type { z } from 'zod';

export type OutflowReason = (typeof outflowReasons)[number];
export type RequiredDocument = (typeof requiredDocuments)[number];
export type ContactChannel = (typeof contactChannels)[number];
export type ReviewResult = (typeof reviewResults)[number];

export type OutflowInput = z.input<typeof outflowCreateBody>;
/** 补全/修改外出登记 (PATCH /api/mobility/outflows/:id). */
export type OutflowPatch = z.input<typeof outflowPatchBody>;

export type Certificate = z.infer<typeof letterSchema>;
/** What the caller may do to an episode now, computed by the server from the write routes' own checks. */
export type EpisodeAbilities = z.infer<typeof episodeAbilitiesSchema>;
/** What the caller may record about the member of a ledger now (server-computed). */
export type MemberLedgerAbilities = z.infer<typeof memberLedgerAbilitiesSchema>;
/** The answer to registering or completing an outflow: the episode and where a transfer goes. */
export type OutflowSaved = z.infer<typeof outflowSavedSchema>;
/** `transferTarget` is only in the answer to the registration and the completion. */
export type Episode = z.infer<typeof episodeSchema> & Partial<Pick<OutflowSaved, 'transferTarget'>>;
export type LedgerRow = z.infer<typeof ledgerRowSchema>;

export type ContactInput = z.input<typeof contactCreateBody>;
export type ContactRecord = z.infer<typeof contactSchema>;
export type ContactLogged = z.infer<typeof contactCreatedSchema>;
export type ThoughtReport = z.infer<typeof thoughtReportSchema>;
export type ReportSubmitted = z.infer<typeof reportSubmittedSchema>;
export type ReviewInput = z.input<typeof reviewCreateBody>;
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;
export type ReviewRecorded = z.infer<typeof reviewRecordedSchema>;
export type LifeInput = z.input<typeof lifeCreateBody>;
export type LifeRecord = z.infer<typeof lifeRecordSchema>;
export type LifeRecorded = z.infer<typeof lifeRecordedSchema>;
export type MemberLedger = z.infer<typeof memberLedgerSchema>;

export type InflowRow = z.infer<typeof inflowSchema>;
export type InflowInput = z.input<typeof inflowCreateBody>;
export type InflowRegistered = z.infer<typeof inflowCreatedSchema>;

/** A kind's current period in one branch: done, not yet done (still in time), overdue. */
export type PeriodTally = z.infer<typeof periodTallySchema>;
export type BranchComparison = z.infer<typeof branchComparisonSchema>;
export type MobilityStats = z.infer<typeof mobilityStatsSchema>;

export type LetterVerification = z.infer<typeof letterVerificationSchema>;

/** The filters of the 外出党员登记簿 print view and its Excel file. */
export type LedgerPrintQuery = z.input<typeof ledgerPrintQuery>;
/** A line of the paper register: 姓名, 性别, 外出时间, 流向, 流入党组织, 原因, 联系方式, 证明, 预计返回. */
export type LedgerPrintRow = z.infer<typeof ledgerPrintRowSchema>;
export type LedgerPrint = z.infer<typeof ledgerPrintSchema>;
