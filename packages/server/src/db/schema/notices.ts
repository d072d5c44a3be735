import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/** Reminders waiting for, or done by, a provider (log + in-app inbox by default; SMS, SMTP). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    dedupeKey: text('dedupe_key').notNull(),
    memberId: uuid('member_id'),
    userId: uuid('user_id'),
    // A staff reminder: the branch whose staff act on it, and the member it is about.
    orgId: uuid('org_id'),
    aboutMemberId: uuid('about_member_id'),
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
  ],
);
