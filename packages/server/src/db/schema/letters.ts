import { date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

export const letters = pgTable(
  'letters',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    code: text('code').notNull(),
    status: text('status').notNull(),
    memberId: uuid('member_id').notNull(),
    issuedByOrgId: uuid('issued_by_org_id').notNull(),
    toOrgId: uuid('to_org_id'),
    toOrgName: text('to_org_name'),
    issuedOn: date('issued_on').notNull(),
    validUntil: date('valid_until').notNull(),
    episodeId: uuid('episode_id'),
    replacesId: uuid('replaces_id'),
    statusReason: text('status_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('letters_code_uq').on(t.code),
    index('letters_member_idx').on(t.memberId),
    // The ledger shows each episode's latest certificate (bench: ledger).
    index('letters_episode_idx').on(t.episodeId, t.createdAt),
  ],
);

export const letterCounters = pgTable(
  'letter_counters',
  {
    orgId: uuid('org_id').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [uniqueIndex('letter_counters_pk').on(t.orgId, t.kind, t.year)],
);
