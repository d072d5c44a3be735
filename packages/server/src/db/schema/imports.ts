import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { createdAt } from './columns.js';
import { orgs } from './orgs.js';

export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    userId: uuid('user_id')
      .notNull()
      .references((): AnyPgColumn => users.id),
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
  },
  (t) => [
    // importStatuses (core api/imports.ts)
    check('import_jobs_status_check', sql`${t.status} in ('running', 'succeeded', 'rejected', 'failed')`),
    // importPhases
    check('import_jobs_phase_check', sql`${t.phase} in ('reading', 'checking', 'writing', 'done')`),
    check(
      'import_jobs_counts_check',
      sql`${t.total} >= 0 and ${t.processed} >= 0 and ${t.created} >= 0 and ${t.updated} >= 0`,
    ),
  ],
);
