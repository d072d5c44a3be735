import { date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

/** Organizational life attended (present or online); meetings write here too when they arrive. */
export const lifeRecords = pgTable(
  'life_records',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id').notNull(),
    orgId: uuid('org_id').notNull(),
    heldOn: date('held_on').notNull(),
    mode: text('mode').notNull(),
    topic: text('topic'),
    createdAt: createdAt(),
  },
  (t) => [index('life_member_idx').on(t.memberId, t.heldOn)],
);
