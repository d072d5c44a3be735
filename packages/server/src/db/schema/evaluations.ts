import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { members } from './members.js';

export const yearlyReviews = pgTable(
  'yearly_reviews',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    year: integer('year').notNull(),
    result: text('result').notNull(),
    note: text('note'),
    reviewedBy: text('reviewed_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('reviews_member_year_uq').on(t.memberId, t.year),
    // reviewResults (core api/evaluations.ts)
    check(
      'yearly_reviews_result_check',
      sql`${t.result} in ('excellent', 'qualified', 'basically_qualified', 'unqualified')`,
    ),
  ],
);
