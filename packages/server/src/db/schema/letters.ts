import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { members } from './members.js';
import { mobilityEpisodes } from './mobility.js';
import { orgs } from './orgs.js';

export const letters = pgTable(
  'letters',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    code: text('code').notNull(),
    status: text('status').notNull(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    issuedByOrgId: uuid('issued_by_org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    toOrgId: uuid('to_org_id').references((): AnyPgColumn => orgs.id),
    toOrgName: text('to_org_name'),
    issuedOn: date('issued_on').notNull(),
    validUntil: date('valid_until').notNull(),
    episodeId: uuid('episode_id').references((): AnyPgColumn => mobilityEpisodes.id),
    replacesId: uuid('replaces_id').references((): AnyPgColumn => letters.id),
    statusReason: text('status_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('letters_code_uq').on(t.code),
    index('letters_member_idx').on(t.memberId),
    // The ledger shows each episode's latest certificate (bench: ledger).
    index('letters_episode_idx').on(t.episodeId, t.createdAt),
    // letterKinds (core api/letters.ts)
    check('letters_kind_check', sql`${t.kind} in ('activity_certificate', 'membership_certificate_letter')`),
    // letterStatuses
    check('letters_status_check', sql`${t.status} in ('issued', 'revoked')`),
    // the validity is computed forward from the issue
    check('letters_validity_check', sql`${t.validUntil} >= ${t.issuedOn}`),
  ],
);

export const letterCounters = pgTable(
  'letter_counters',
  {
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [
    uniqueIndex('letter_counters_pk').on(t.orgId, t.kind, t.year),
    // letterKinds
    check(
      'letter_counters_kind_check',
      sql`${t.kind} in ('activity_certificate', 'membership_certificate_letter')`,
    ),
    // the first number is 1, then incremented
    check('letter_counters_last_check', sql`${t.last} >= 1`),
  ],
);
