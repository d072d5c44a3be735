import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { createdAt } from './columns.js';
import { members } from './members.js';
import { orgs } from './orgs.js';

/** Reminders waiting for, or done by, a provider (log + in-app inbox by default; SMS, SMTP). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    dedupeKey: text('dedupe_key').notNull(),
    memberId: uuid('member_id').references((): AnyPgColumn => members.id),
    userId: uuid('user_id').references((): AnyPgColumn => users.id),
    // A staff reminder: the branch whose staff act on it, and the member it is about.
    orgId: uuid('org_id').references((): AnyPgColumn => orgs.id),
    aboutMemberId: uuid('about_member_id').references((): AnyPgColumn => members.id),
    channel: text('channel').notNull(),
    template: text('template').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    readAt: timestamp('read_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
    index('notifications_member_idx').on(t.memberId),
    // The staff inbox: a branch's reminders, newest first.
    index('notifications_org_idx').on(t.orgId, t.createdAt),
    // pending until a delivery succeeds; a failed one stays pending for the retry
    check('notifications_status_check', sql`${t.status} in ('pending', 'sent')`),
    check('notifications_attempts_check', sql`${t.attempts} >= 0`),
  ],
);
