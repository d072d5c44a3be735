import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { members } from './members.js';
import { orgs } from './orgs.js';

/** Organizational life attended (present or online); meetings write here too when they arrive. */
export const lifeRecords = pgTable(
  'life_records',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    heldOn: date('held_on').notNull(),
    mode: text('mode').notNull(),
    topic: text('topic'),
    createdAt: createdAt(),
  },
  (t) => [
    index('life_member_idx').on(t.memberId, t.heldOn),
    // lifeModes (core api/meetings.ts)
    check('life_records_mode_check', sql`${t.mode} in ('present', 'online')`),
  ],
);
