import { z } from 'zod';
import { duesCategories } from '../dues.js';
import { duesReliefStatuses, reliefSteps } from '../dues-assessment.js';
import { duesCycleStatuses, duesMemberStates, duesReliefKinds } from '../dues-collection.js';
import { idRef, isoDate, listOf, pageOf, pageQuery } from './common.js';

/**
 * The dues contract (API.md "Dues 党费", RULES.md §1, issue 10): the quote, the yearly assessment (single,
 * batch job, import, mid-year change), reductions and exemptions, payments and receipts, the branch's month
 * cycle, the portal, and the ledger, arrears, remittances, publications and collection rates.
 * Money is a decimal string of yuan with two fraction digits ("45.00").
 */

/** An amount of yuan as a decimal string; a number is accepted and read as its decimal form. */
const money = z.union([z.string(), z.number()]).transform((v) => String(v));
const duesMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM');
const year = z.coerce.number().int().min(1900).max(2200);
const reason = z.string().trim().min(1, '请填写原因').max(500);

export const duesChannels = ['cash', 'bank_transfer', 'wechat', 'alipay', 'other'] as const;
export type DuesChannel = (typeof duesChannels)[number];

/** A portal submission waits for staff (submitted) and counts once confirmed; staff-recorded ones are confirmed. */
export const duesPaymentStatuses = ['submitted', 'confirmed', 'rejected'] as const;
export type DuesPaymentStatus = (typeof duesPaymentStatuses)[number];

export const duesJobStatuses = ['running', 'succeeded', 'failed'] as const;

export const duesMonthSchema = duesMonth;
export const duesCategorySchema = z.enum(duesCategories);
export const duesChannelSchema = z.enum(duesChannels);

// ---- quote (API.md "POST /api/dues/quote") ----

export const duesQuoteBody = z.object({
  category: z.enum(duesCategories),
  base: money.nullable().optional(),
  farmerAmount: money.optional(),
});

export const duesQuoteSchema = z.object({
  rate: z.string().nullable(),
  monthlyAmount: z.string(),
  capped: z.boolean(),
});

// ---- base components (RULES.md §1 included / excluded items) ----

export const duesBaseComponentQuery = z.object({ category: z.enum(duesCategories).optional() });
export const duesBaseComponentSchema = z.object({
  key: z.string(),
  label: z.string(),
  included: z.boolean(),
  categories: z.array(z.string()),
  source: z.string().nullable(),
});
export const duesBaseComponentListSchema = listOf(duesBaseComponentSchema);

const baseLine = z.object({
  key: z.string(),
  label: z.string(),
  amount: z.string(),
  source: z.string().nullable(),
});

// ---- assessments (API.md "POST /api/dues/assessments") ----

/** `components` (key → yuan) compose the base when given; `base` is then ignored. */
export const duesAssessmentBody = z.object({
  memberId: idRef,
  year: z.number().int().min(1900).max(2200),
  category: z.enum(duesCategories),
  base: money.nullable().optional(),
  components: z.record(z.string(), money).optional(),
  farmerAmount: money.optional(),
});

export const duesAssessmentCreatedSchema = z.object({
  id: z.string(),
  monthlyAmount: z.string(),
  rate: z.string().nullable(),
  capped: z.boolean(),
  fromMonth: duesMonth,
  base: z.string().nullable(),
});

/** A mid-year change (篇二 L226 年内一般不变动): only with a recorded reason, in force from `fromMonth`. */
export const duesAssessmentChangeBody = z.object({
  fromMonth: duesMonth,
  category: z.enum(duesCategories),
  base: money.nullable().optional(),
  components: z.record(z.string(), money).optional(),
  farmerAmount: money.optional(),
  reason,
});

export const duesAssessmentSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number(),
  category: z.enum(duesCategories),
  base: z.string().nullable(),
  included: z.array(baseLine),
  excluded: z.array(baseLine),
  monthlyAmount: z.string(),
  rate: z.string().nullable(),
  capped: z.boolean(),
  fromMonth: duesMonth,
  reason: z.string().nullable(),
  /** Why the member pays this amount, in words. */
  explanation: z.string(),
  createdAt: z.string(),
});

/** The year's review table: the assessments of a subtree; `unassessed` lists members without one. */
export const duesAssessmentListQuery = pageQuery.extend({
  orgId: idRef,
  year,
  memberId: idRef.optional(),
  pageSize: z.coerce.number().int().min(1).max(1000).default(200),
});
export const duesAssessmentListSchema = pageOf(duesAssessmentSchema).extend({
  unassessed: z.array(z.object({ memberId: z.string(), memberName: z.string(), orgId: z.string() })),
});

/** One member's assessments (the history: a mid-year change adds a row). */
export const duesMemberAssessmentsQuery = z.object({ year: year.optional() });
export const duesMemberAssessmentsSchema = listOf(duesAssessmentSchema);

/** The batch 年初核定 for a subtree from last year's bases, as a job with progress. */
export const duesAssessmentBatchBody = z.object({ orgId: idRef, year: z.number().int().min(1900).max(2200) });
export const duesAssessmentJobSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  year: z.number(),
  status: z.enum(duesJobStatuses),
  total: z.number(),
  processed: z.number(),
  created: z.number(),
  /** Members already assessed for the year, or without last year's base. */
  skipped: z.number(),
  message: z.string().nullable(),
});
export const duesAssessmentJobStartedSchema = z.object({ id: z.string(), status: z.enum(duesJobStatuses) });

/** Bases from an .xlsx (columns 姓名, 身份证号 or 党员编号, 类别, 计算基数); the wrong rows are reported, nothing else. */
export const duesAssessmentImportQuery = z.object({ orgId: idRef, year });
export const duesAssessmentImportRowErrorSchema = z.object({
  row: z.number(),
  column: z.string().nullable(),
  message: z.string(),
});
export const duesAssessmentImportResultSchema = z.object({
  created: z.number(),
  updated: z.number(),
  errors: z.array(duesAssessmentImportRowErrorSchema),
});

// ---- reductions and exemptions 少交/免交 (篇二 L250) ----

export const duesReliefKindSchema = z.enum(duesReliefKinds);
export const duesReliefStatusSchema = z.enum(duesReliefStatuses);

/** `monthlyAmount` is what a reduced member still pays each month; `hardship` the retiree's 生活确有困难. */
export const duesReliefBody = z.object({
  memberId: idRef,
  kind: z.enum(duesReliefKinds),
  fromMonth: duesMonth,
  toMonth: duesMonth,
  monthlyAmount: money.optional(),
  hardship: z.boolean().default(false),
  reason,
});
export const duesReliefDecisionBody = z.object({
  step: z.enum(reliefSteps),
  approve: z.boolean(),
  note: z.string().trim().max(500).optional(),
});

export const duesReliefSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  kind: z.enum(duesReliefKinds),
  fromMonth: duesMonth,
  toMonth: duesMonth,
  monthlyAmount: z.string().nullable(),
  hardship: z.boolean(),
  reason: z.string(),
  status: z.enum(duesReliefStatuses),
  /** The steps this request needs (branch alone for a retiree in hardship). */
  chain: z.array(z.enum(reliefSteps)),
  /** The step awaiting a decision, null once decided. */
  nextStep: z.enum(reliefSteps).nullable(),
  /** Whether the caller may decide the step awaiting a decision (the committee step: an organization above). */
  canDecide: z.boolean(),
  branchDecidedAt: z.string().nullable(),
  committeeDecidedAt: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export const duesReliefListQuery = pageQuery.extend({
  orgId: idRef,
  status: z.enum(duesReliefStatuses).optional(),
  memberId: idRef.optional(),
});
export const duesReliefListSchema = pageOf(duesReliefSchema);

/** The branch's consent to quarterly payment (篇二 L224 遇到特殊情况，经党支部同意，可以每季度交纳). */
export const duesQuarterlyBody = z.object({
  memberId: idRef,
  fromMonth: duesMonth,
  toMonth: duesMonth,
  reason,
});
export const duesQuarterlySchema = z.object({
  id: z.string(),
  memberId: z.string(),
  fromMonth: duesMonth,
  toMonth: duesMonth,
  reason: z.string(),
});
export const duesQuarterlyListQuery = z.object({ memberId: idRef });
export const duesQuarterlyListSchema = listOf(duesQuarterlySchema);

// ---- payments (API.md "POST /api/dues/payments") ----

/** Who paid on the member's behalf (代缴, 篇二 L224): a relative or another member. */
export const duesPaidBySchema = z.object({
  name: z.string().trim().min(1).max(50),
  relation: z.string().trim().max(50).optional(),
  memberId: idRef.optional(),
});

export const duesPaymentBody = z.object({
  memberId: idRef,
  months: z.array(duesMonth).min(1).max(24),
  amount: money,
  paidOn: isoDate,
  channel: z.enum(duesChannels),
  reference: z.string().trim().max(100).optional(),
  paidBy: duesPaidBySchema.optional(),
  override: z.object({ reason }).optional(),
  note: z.string().trim().max(500).optional(),
});

export const duesPaymentCreatedSchema = z.object({
  id: z.string(),
  receiptNumber: z.string().nullable(),
  status: z.enum(duesPaymentStatuses),
  due: z.string(),
  surplus: z.string(),
  largeDues: z.boolean(),
});

export const duesPaymentSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  months: z.array(duesMonth),
  amount: z.string(),
  due: z.string(),
  surplus: z.string(),
  largeDues: z.boolean(),
  channel: z.enum(duesChannels),
  reference: z.string().nullable(),
  paidOn: z.string(),
  paidBy: duesPaidBySchema.nullable(),
  overrideReason: z.string().nullable(),
  receiptNumber: z.string().nullable(),
  status: z.enum(duesPaymentStatuses),
  note: z.string().nullable(),
  createdAt: z.string(),
  /** What the caller may do now (the write routes' own checks). */
  abilities: z.object({ confirm: z.boolean(), receipt: z.boolean() }),
});
export const duesPaymentListQuery = pageQuery.extend({
  orgId: idRef,
  memberId: idRef.optional(),
  month: duesMonth.optional(),
  status: z.enum(duesPaymentStatuses).optional(),
});
export const duesPaymentListSchema = pageOf(duesPaymentSchema);

/** Staff confirm a payment a member submitted from the portal (numbered then), or reject it with a reason. */
export const duesPaymentRejectBody = z.object({ reason });
export const duesPaymentConfirmedSchema = z.object({
  id: z.string(),
  receiptNumber: z.string().nullable(),
  status: z.enum(duesPaymentStatuses),
});

// ---- the branch's month cycle (issue 10 item 3: open → collecting → settled) ----

export const duesCycleStatusSchema = z.enum(duesCycleStatuses);
export const duesMemberStateSchema = z.enum(duesMemberStates);

export const duesCycleQuery = z.object({ orgId: idRef, month: duesMonth });
export const duesCycleBody = z.object({ orgId: idRef, month: duesMonth });
export const duesCycleDelayBody = z.object({
  orgId: idRef,
  month: duesMonth,
  memberId: idRef,
  reason: reason.nullable(),
});

export const duesCycleMemberSchema = z.object({
  memberId: z.string(),
  memberName: z.string(),
  category: z.enum(duesCategories).nullable(),
  due: z.string(),
  paid: z.string(),
  state: z.enum(duesMemberStates),
  delayReason: z.string().nullable(),
  paymentId: z.string().nullable(),
  receiptNumber: z.string().nullable(),
  paidOn: z.string().nullable(),
});
export const duesCycleSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  month: duesMonth,
  status: z.enum(duesCycleStatuses),
  settledOn: z.string().nullable(),
  due: z.string(),
  paid: z.string(),
  counts: z.object({ paid: z.number(), unpaid: z.number(), exempt: z.number(), delayed: z.number() }),
  members: z.array(duesCycleMemberSchema),
  /** What the caller may do now (the write routes' own checks). */
  abilities: z.object({ record: z.boolean(), collect: z.boolean(), settle: z.boolean() }),
});

// ---- the portal (/api/me/dues…) ----

export const myDuesQuery = z.object({ year: year.optional() });
export const myDuesSchema = z.object({
  year: z.number(),
  assessment: z
    .object({
      category: z.enum(duesCategories),
      base: z.string().nullable(),
      monthlyAmount: z.string(),
      rate: z.string().nullable(),
      fromMonth: duesMonth,
      included: z.array(baseLine),
      excluded: z.array(baseLine),
      explanation: z.string(),
    })
    .nullable(),
  /** What I owe now: the assessed, unexempted months before this month that are unpaid. */
  owed: z.object({ months: z.array(duesMonth), amount: z.string() }),
  /** The months of the year and their standing. */
  months: z.array(
    z.object({
      month: duesMonth,
      due: z.string(),
      state: z.enum(['paid', 'exempt', 'unpaid', 'submitted', 'upcoming']),
    }),
  ),
});

export const myDuesPaymentBody = z.object({
  months: z.array(duesMonth).min(1).max(24),
  amount: money,
  paidOn: isoDate,
  channel: z.enum(duesChannels),
  reference: z.string().trim().max(100).optional(),
  note: z.string().trim().max(500).optional(),
});
export const myDuesPaymentListSchema = listOf(duesPaymentSchema);

// ---- ledger and arrears (API.md, exactly; extra fields are additive) ----

export const duesLedgerQuery = z.object({ orgId: idRef, month: duesMonth });
export const duesLedgerSchema = z.object({
  due: z.string(),
  paid: z.string(),
  members: z.number(),
  children: z.array(
    z.object({
      orgId: z.string(),
      orgName: z.string().optional(),
      due: z.string(),
      paid: z.string(),
      members: z.number().optional(),
    }),
  ),
  orgId: z.string().optional(),
  month: duesMonth.optional(),
  /** Voluntary dues paid in the month (recorded apart, by paidOn). */
  voluntary: z.string().optional(),
});

export const duesArrearsQuery = z.object({ orgId: idRef, asOf: isoDate });
export const duesArrearsItemSchema = z.object({
  memberId: z.string(),
  unpaidMonths: z.number(),
  since: duesMonth,
  memberName: z.string().optional(),
  orgId: z.string().optional(),
  orgName: z.string().optional(),
  /** The unpaid run ending with the month before asOf (篇三 L380: 连续 6 个月). */
  consecutive: z.number().optional(),
  amount: z.string().optional(),
});
export const duesArrearsSchema = z.object({ items: z.array(duesArrearsItemSchema) });

// ---- remittances 上缴 (篇二 L226: quarterly, at most 6 months) ----

export const duesRemittanceBody = z.object({
  fromOrgId: idRef,
  fromMonth: duesMonth,
  toMonth: duesMonth,
  amount: money.optional(),
  sentOn: isoDate,
  note: z.string().trim().max(500).optional(),
});
export const duesRemittanceReceiveBody = z.object({ receivedOn: isoDate, amount: money.optional() });
export const duesRemittanceSchema = z.object({
  id: z.string(),
  fromOrgId: z.string(),
  fromOrgName: z.string(),
  toOrgId: z.string(),
  toOrgName: z.string(),
  fromMonth: duesMonth,
  toMonth: duesMonth,
  amount: z.string(),
  /** What the ledger says the period collected. */
  collected: z.string(),
  sentOn: z.string(),
  receivedOn: z.string().nullable(),
  receivedAmount: z.string().nullable(),
  note: z.string().nullable(),
});
export const duesRemittanceListQuery = z.object({ orgId: idRef, year: year.optional() });
export const duesRemittanceListSchema = listOf(duesRemittanceSchema);

// ---- publication 公布 (篇二 L226: once a year, collection and use) ----

export const duesPublicationUseSchema = z.object({ item: z.string().trim().min(1).max(100), amount: money });
export const duesPublicationBody = z.object({
  orgId: idRef,
  year: z.number().int().min(1900).max(2200),
  used: z.array(duesPublicationUseSchema).max(100),
  publishedOn: isoDate,
  note: z.string().trim().max(2000).optional(),
});
export const duesPublicationSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number(),
  collected: z.string(),
  remitted: z.string(),
  used: z.array(z.object({ item: z.string(), amount: z.string() })),
  publishedOn: z.string(),
  note: z.string().nullable(),
});
export const duesPublicationListQuery = z.object({ orgId: idRef, year: year.optional() });
export const duesPublicationListSchema = listOf(duesPublicationSchema);
export const myDuesPublicationListSchema = listOf(duesPublicationSchema);

// ---- collection rates across branches (the console's chart) ----

export const duesRatesQuery = z
  .object({ orgId: idRef, month: duesMonth.optional(), year: year.optional() })
  .refine((q) => q.month !== undefined || q.year !== undefined, '请指定月份或年度');
export const duesRateItemSchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  due: z.string(),
  paid: z.string(),
  /** paid / due, 0 – 1 (0 when nothing was due). */
  rate: z.number(),
});
export const duesRatesSchema = listOf(duesRateItemSchema);

// ---- mobile members (RULES.md §1 L252/L256 decision): paid to the outflow or the inflow side, never both ----

export const duesMobileQuery = z.object({ orgId: idRef, year: year.optional() });
export const duesMobileItemSchema = z.object({
  memberId: z.string(),
  memberName: z.string(),
  homeOrgId: z.string(),
  homeOrgName: z.string(),
  month: duesMonth,
  paidToOrgId: z.string(),
  paidToOrgName: z.string(),
  side: z.enum(['outflow', 'inflow']),
  paymentId: z.string(),
  catchUp: z.boolean(),
});
export const duesMobileSchema = listOf(duesMobileItemSchema);
