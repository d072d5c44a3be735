import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { createdAt } from './columns.js';
import { members } from './members.js';
import { orgs } from './orgs.js';

// Party dues (RULES.md §1, 篇二; issue 10). Money is numeric(14,2) yuan, months are 'YYYY-MM' text.

const MONTH_RE = `'^[0-9]{4}-(0[1-9]|1[0-2])$'`;
const yuan = (name: string) => numeric(name, { precision: 14, scale: 2 });

/**
 * 年初核定: a member's monthly amount for a year, in force from `from_month` (the year's first month, the
 * month a probationary member was admitted, or the month of a mid-year change with its reason). A row
 * replaced as a whole (re-assessed) points to its successor and no longer counts.
 */
export const duesAssessments = pgTable(
  'dues_assessments',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    // The branch the member belonged to when assessed.
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    year: integer('year').notNull(),
    category: text('category').notNull(),
    base: yuan('base'),
    // { included: [{key,label,amount,source}], excluded: [...] } — what the base was made of.
    components: jsonb('components'),
    monthlyAmount: yuan('monthly_amount').notNull(),
    rate: numeric('rate', { precision: 6, scale: 4 }),
    capped: boolean('capped').notNull().default(false),
    fromMonth: text('from_month').notNull(),
    reason: text('reason'),
    supersededBy: uuid('superseded_by').references((): AnyPgColumn => duesAssessments.id),
    createdBy: uuid('created_by').references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('dues_assessments_member_from_uq')
      .on(t.memberId, t.year, t.fromMonth)
      .where(sql`${t.supersededBy} is null`),
    index('dues_assessments_org_year_idx').on(t.orgId, t.year),
    index('dues_assessments_superseded_by_idx').on(t.supersededBy),
    // duesCategories (core dues.ts)
    check(
      'dues_assessments_category_check',
      sql`${t.category} in ('salaried', 'annual_salary', 'retired', 'farmer', 'student', 'unemployed', 'relief', 'self_employed', 'other')`,
    ),
    check(
      'dues_assessments_month_check',
      sql`${t.fromMonth} ~ ${sql.raw(MONTH_RE)} and left(${t.fromMonth}, 4)::int = ${t.year}`,
    ),
    check(
      'dues_assessments_amount_check',
      sql`${t.monthlyAmount} >= 0 and (${t.base} is null or ${t.base} >= 0)`,
    ),
  ],
);

/** A batch 年初核定 of a subtree as a job with progress (the import's shape). */
export const duesAssessmentJobs = pgTable(
  'dues_assessment_jobs',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    year: integer('year').notNull(),
    userId: uuid('user_id').references((): AnyPgColumn => users.id),
    status: text('status').notNull(),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    message: text('message'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    // duesJobStatuses (core api/dues.ts)
    check('dues_assessment_jobs_status_check', sql`${t.status} in ('running', 'succeeded', 'failed')`),
    check(
      'dues_assessment_jobs_counts_check',
      sql`${t.total} >= 0 and ${t.processed} >= 0 and ${t.created} >= 0 and ${t.skipped} >= 0`,
    ),
  ],
);

/**
 * A payment: recorded by staff (confirmed, numbered at once) or submitted from the portal (numbered when
 * confirmed). `months` are the months it pays; the confirmed ones are also rows of dues_payment_months.
 * The surplus over the months' assessed total is voluntary dues, 大额党费 when over the threshold (篇二 L248).
 */
export const duesPayments = pgTable(
  'dues_payments',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    // The organization that collected it (the member's branch, or the inflow/outflow side for a mobile member).
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    months: text('months').array().notNull(),
    amount: yuan('amount').notNull(),
    due: yuan('due').notNull(),
    surplus: yuan('surplus').notNull(),
    largeDues: boolean('large_dues').notNull().default(false),
    channel: text('channel').notNull(),
    reference: text('reference'),
    paidOn: date('paid_on').notNull(),
    // 代缴 (篇二 L224): who paid on the member's behalf.
    paidByName: text('paid_by_name'),
    paidByRelation: text('paid_by_relation'),
    paidByMemberId: uuid('paid_by_member_id').references((): AnyPgColumn => members.id),
    overrideReason: text('override_reason'),
    // A month paid for a mobile member's catch-up at the inflow organization (RULES.md §1 decision on L256).
    catchUp: boolean('catch_up').notNull().default(false),
    receiptNumber: text('receipt_number'),
    status: text('status').notNull(),
    note: text('note'),
    rejectReason: text('reject_reason'),
    submittedBy: uuid('submitted_by').references((): AnyPgColumn => users.id),
    recordedBy: uuid('recorded_by').references((): AnyPgColumn => users.id),
    confirmedBy: uuid('confirmed_by').references((): AnyPgColumn => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('dues_payments_receipt_uq')
      .on(t.orgId, t.receiptNumber)
      .where(sql`${t.receiptNumber} is not null`),
    index('dues_payments_member_idx').on(t.memberId, t.paidOn),
    index('dues_payments_org_idx').on(t.orgId, t.paidOn),
    index('dues_payments_submitted_idx').on(t.orgId).where(sql`${t.status} = 'submitted'`),
    // duesChannels (core api/dues.ts)
    check(
      'dues_payments_channel_check',
      sql`${t.channel} in ('cash', 'bank_transfer', 'wechat', 'alipay', 'other')`,
    ),
    // duesPaymentStatuses
    check('dues_payments_status_check', sql`${t.status} in ('submitted', 'confirmed', 'rejected')`),
    check(
      'dues_payments_amount_check',
      sql`${t.due} >= 0 and ${t.surplus} >= 0 and ${t.amount} = ${t.due} + ${t.surplus} and (not ${t.largeDues} or ${t.surplus} > 0)`,
    ),
    check('dues_payments_receipt_check', sql`${t.status} <> 'confirmed' or ${t.receiptNumber} is not null`),
    check('dues_payments_months_check', sql`cardinality(${t.months}) >= 1`),
  ],
);

/** One row per member-month paid: "every month paid at most once" is the unique key (RULES.md §1). */
export const duesPaymentMonths = pgTable(
  'dues_payment_months',
  {
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    month: text('month').notNull(),
    paymentId: uuid('payment_id')
      .notNull()
      .references((): AnyPgColumn => duesPayments.id),
    // The collecting organization (as on the payment), so a month's ledger is one index range.
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    // The month's assessed amount this payment covered (the surplus stays on the payment).
    amount: yuan('amount').notNull(),
    paidOn: date('paid_on').notNull(),
  },
  (t) => [
    primaryKey({ name: 'dues_payment_months_pkey', columns: [t.memberId, t.month] }),
    index('dues_payment_months_payment_idx').on(t.paymentId),
    index('dues_payment_months_org_month_idx').on(t.orgId, t.month),
    check('dues_payment_months_month_check', sql`${t.month} ~ ${sql.raw(MONTH_RE)}`),
    check('dues_payment_months_amount_check', sql`${t.amount} >= 0`),
  ],
);

/** Receipt numbers run per collecting organization per year. */
export const duesReceiptCounters = pgTable(
  'dues_receipt_counters',
  {
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [
    primaryKey({ name: 'dues_receipt_counters_pkey', columns: [t.orgId, t.year] }),
    check('dues_receipt_counters_last_check', sql`${t.last} >= 1`),
  ],
);

/**
 * 少交/免交 (篇二 L250): the branch decides; the next-higher committee approves unless the member is a retiree
 * in hardship (`needs_committee` false). Only approved rows change what is due.
 */
export const duesReliefs = pgTable(
  'dues_reliefs',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    kind: text('kind').notNull(),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    monthlyAmount: yuan('monthly_amount'),
    hardship: boolean('hardship').notNull().default(false),
    needsCommittee: boolean('needs_committee').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    branchDecidedBy: uuid('branch_decided_by').references((): AnyPgColumn => users.id),
    branchDecidedAt: timestamp('branch_decided_at', { withTimezone: true }),
    committeeDecidedBy: uuid('committee_decided_by').references((): AnyPgColumn => users.id),
    committeeDecidedAt: timestamp('committee_decided_at', { withTimezone: true }),
    note: text('note'),
    createdBy: uuid('created_by').references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('dues_reliefs_member_idx').on(t.memberId, t.fromMonth),
    index('dues_reliefs_org_status_idx').on(t.orgId, t.status),
    // duesReliefKinds (core dues-collection.ts)
    check('dues_reliefs_kind_check', sql`${t.kind} in ('reduction', 'exemption')`),
    // duesReliefStatuses (core dues-assessment.ts)
    check(
      'dues_reliefs_status_check',
      sql`${t.status} in ('pending', 'branch_approved', 'approved', 'rejected')`,
    ),
    check(
      'dues_reliefs_months_check',
      sql`${t.fromMonth} ~ ${sql.raw(MONTH_RE)} and ${t.toMonth} ~ ${sql.raw(MONTH_RE)} and ${t.fromMonth} <= ${t.toMonth}`,
    ),
    check(
      'dues_reliefs_amount_check',
      sql`(${t.kind} = 'reduction') = (${t.monthlyAmount} is not null) and (${t.monthlyAmount} is null or ${t.monthlyAmount} >= 0)`,
    ),
  ],
);

/** The branch's consent to quarterly payment over a run of months (篇二 L224). */
export const duesQuarterly = pgTable(
  'dues_quarterly',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('dues_quarterly_member_idx').on(t.memberId, t.fromMonth),
    check(
      'dues_quarterly_months_check',
      sql`${t.fromMonth} ~ ${sql.raw(MONTH_RE)} and ${t.toMonth} ~ ${sql.raw(MONTH_RE)} and ${t.fromMonth} <= ${t.toMonth}`,
    ),
  ],
);

/** A branch's month: open → collecting → settled (issue 10 item 3). No row means open. */
export const duesCycles = pgTable(
  'dues_cycles',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    month: text('month').notNull(),
    status: text('status').notNull(),
    settledOn: date('settled_on'),
    settledBy: uuid('settled_by').references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('dues_cycles_org_month_uq').on(t.orgId, t.month),
    // duesCycleStatuses (core dues-collection.ts)
    check('dues_cycles_status_check', sql`${t.status} in ('open', 'collecting', 'settled')`),
    check('dues_cycles_month_check', sql`${t.month} ~ ${sql.raw(MONTH_RE)}`),
    check('dues_cycles_settled_check', sql`(${t.status} = 'settled') = (${t.settledOn} is not null)`),
  ],
);

/** A member marked delayed in a branch's month, with the reason (缓交) that lets the month settle. */
export const duesDelays = pgTable(
  'dues_delays',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references((): AnyPgColumn => duesCycles.id),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: 'dues_delays_pkey', columns: [t.cycleId, t.memberId] }),
    index('dues_delays_member_idx').on(t.memberId),
  ],
);

/** 上缴: what an organization sent up for a run of months and what the level above received (篇二 L226). */
export const duesRemittances = pgTable(
  'dues_remittances',
  {
    id: uuid('id').primaryKey(),
    fromOrgId: uuid('from_org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    toOrgId: uuid('to_org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    fromMonth: text('from_month').notNull(),
    toMonth: text('to_month').notNull(),
    amount: yuan('amount').notNull(),
    // What the ledger says the period collected, when sent.
    collected: yuan('collected').notNull(),
    sentOn: date('sent_on').notNull(),
    sentBy: uuid('sent_by').references((): AnyPgColumn => users.id),
    receivedOn: date('received_on'),
    receivedAmount: yuan('received_amount'),
    receivedBy: uuid('received_by').references((): AnyPgColumn => users.id),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('dues_remittances_from_period_uq').on(t.fromOrgId, t.fromMonth),
    index('dues_remittances_to_idx').on(t.toOrgId, t.toMonth),
    check(
      'dues_remittances_months_check',
      sql`${t.fromMonth} ~ ${sql.raw(MONTH_RE)} and ${t.toMonth} ~ ${sql.raw(MONTH_RE)} and ${t.fromMonth} <= ${t.toMonth}`,
    ),
    check(
      'dues_remittances_amount_check',
      sql`${t.amount} >= 0 and ${t.collected} >= 0 and (${t.receivedAmount} is null or ${t.receivedAmount} >= 0)`,
    ),
    check('dues_remittances_received_check', sql`(${t.receivedOn} is null) = (${t.receivedAmount} is null)`),
  ],
);

/** 每年公布一次党费收缴、使用情况 (篇二 L226): a branch's year, collected and used. */
export const duesPublications = pgTable(
  'dues_publications',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    year: integer('year').notNull(),
    collected: yuan('collected').notNull(),
    remitted: yuan('remitted').notNull(),
    // [{ item, amount }]
    used: jsonb('used').notNull(),
    note: text('note'),
    publishedOn: date('published_on').notNull(),
    publishedBy: uuid('published_by').references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('dues_publications_org_year_uq').on(t.orgId, t.year),
    check('dues_publications_amount_check', sql`${t.collected} >= 0 and ${t.remitted} >= 0`),
  ],
);
