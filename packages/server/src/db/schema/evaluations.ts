import { integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

export const yearlyReviews = pgTable(
  'yearly_reviews',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id').notNull(),
    year: integer('year').notNull(),
    result: text('result').notNull(),
    note: text('note'),
    reviewedBy: text('reviewed_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('reviews_member_year_uq').on(t.memberId, t.year)],
);
