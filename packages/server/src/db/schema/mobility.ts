import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { createdAt, updatedAt } from './columns.js';
import { members } from './members.js';
import { orgs } from './orgs.js';

/** 流动: one episode per departure, closed by return (RULES.md §2). */
export const mobilityEpisodes = pgTable(
  'mobility_episodes',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    originOrgId: uuid('origin_org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    // Null while needsCompletion: a member marked mobile on the register (采集表, member edit) has an
    // episode before the secretary knows the departure, the stay and the reason.
    leftOn: date('left_on'),
    expectedMonths: doublePrecision('expected_months'),
    reason: text('reason'),
    destinationRegion: text('destination_region'),
    // Outside the mainland (出国(境)): RULES.md §2 stops the standing of members abroad for study > 5 years.
    abroad: boolean('abroad').notNull().default(false),
    fixedPlace: boolean('fixed_place').notNull(),
    hostHasPartyOrg: boolean('host_has_party_org').notNull(),
    contactEnc: text('contact_enc'),
    contactMasked: text('contact_masked'),
    requiredDocument: text('required_document'),
    rule: text('rule').notNull(),
    needsCompletion: boolean('needs_completion').notNull().default(false),
    expectedReturnOn: date('expected_return_on'),
    // 篇三 L396: a fixed place that cannot take the relationship yet keeps the member on a 活动证.
    relationshipCanMove: boolean('relationship_can_move').notNull().default(true),
    inflowOrgId: uuid('inflow_org_id').references((): AnyPgColumn => orgs.id),
    inflowOrgName: text('inflow_org_name'),
    inflowOn: date('inflow_on'),
    status: text('status').notNull().default('open'),
    returnedOn: date('returned_on'),
    returnNote: text('return_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('episodes_member_idx').on(t.memberId),
    index('episodes_origin_idx').on(t.originOrgId, t.status),
    index('episodes_inflow_idx').on(t.inflowOrgId),
    // outflowReasons (core mobility.ts)
    check(
      'mobility_episodes_reason_check',
      sql`${t.reason} in ('work', 'business', 'study', 'secondment', 'official', 'family', 'accompany', 'graduate', 'other')`,
    ),
    // requiredDocuments (core mobility.ts)
    check(
      'mobility_episodes_required_document_check',
      sql`${t.requiredDocument} in ('none', 'membership_certificate_letter', 'activity_certificate', 'transfer_letter')`,
    ),
    // episodeStatuses (core api/mobility.ts)
    check('mobility_episodes_status_check', sql`${t.status} in ('open', 'returned')`),
    check('mobility_episodes_expected_months_check', sql`${t.expectedMonths} >= 0`),
  ],
);

/** Members of other organizations living on a host's ground, from outside this system (一方隶属、参加多重组织生活). */
export const inflowMembers = pgTable(
  'inflow_members',
  {
    id: uuid('id').primaryKey(),
    hostOrgId: uuid('host_org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    episodeId: uuid('episode_id').references((): AnyPgColumn => mobilityEpisodes.id),
    name: text('name').notNull(),
    originOrgName: text('origin_org_name').notNull(),
    certificateNumber: text('certificate_number'),
    contactEnc: text('contact_enc'),
    contactMasked: text('contact_masked'),
    arrivedOn: date('arrived_on').notNull(),
    leftOn: date('left_on'),
    createdAt: createdAt(),
  },
  (t) => [index('inflow_host_idx').on(t.hostOrgId)],
);

export const contactAttempts = pgTable(
  'contact_attempts',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    contactedOn: date('contacted_on').notNull(),
    channel: text('channel').notNull(),
    reached: boolean('reached').notNull(),
    note: text('note'),
    byUserId: uuid('by_user_id').references((): AnyPgColumn => users.id),
    byName: text('by_name'),
    createdAt: createdAt(),
  },
  (t) => [
    index('contacts_member_idx').on(t.memberId, t.contactedOn),
    // Successful contacts alone, read from the index: the obligations scan and the lost-contact
    // candidates ask only for those (bench obligations: the heap visits were 100 of 270 ms a batch).
    index('contacts_reached_idx').on(t.memberId, t.contactedOn).where(sql`${t.reached}`),
    // contactChannels (core api/mobility.ts)
    check(
      'contact_attempts_channel_check',
      sql`${t.channel} in ('phone', 'sms', 'wechat', 'email', 'letter', 'sponsor', 'class_teacher', 'class_cadre', 'family', 'visit', 'other')`,
    ),
  ],
);

export const thoughtReports = pgTable(
  'thought_reports',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    month: text('month').notNull(),
    content: text('content').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
    reply: text('reply'),
  },
  (t) => [
    uniqueIndex('reports_member_month_uq').on(t.memberId, t.month),
    // YYYY-MM, as the report body and its default month give it
    check('thought_reports_month_check', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);
