import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

export const importJobs = pgTable('import_jobs', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull(),
  userId: uuid('user_id').notNull(),
  fileName: text('file_name'),
  status: text('status').notNull(),
  phase: text('phase').notNull().default('reading'),
  total: integer('total').notNull().default(0),
  processed: integer('processed').notNull().default(0),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  errors: jsonb('errors'),
  message: text('message'),
  startedAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});
