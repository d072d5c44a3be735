import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from './orgs.js';

/** The most pressing obligation per member and kind, materialized from the engine in core. */
export const obligations = pgTable(
  'obligations',
  {
    memberId: uuid('member_id').notNull(),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    dueOn: date('due_on').notNull(),
    state: text('state').notNull(),
    fulfilledOn: date('fulfilled_on'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('obligations_pk').on(t.memberId, t.kind), index('obligations_state_idx').on(t.state)],
);

/**
 * The most pressing obligation per organization and kind (a receipt, a term's end, a meeting due):
 * what a provider owed by an organization judged. A table of its own rather than a subject column on
 * `obligations`: member-owed rows keep their (member_id, kind) key and the daily scan's write path at
 * 1M members unchanged, and each table's key references one table (members there, orgs here).
 */
export const orgObligations = pgTable(
  'org_obligations',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    dueOn: date('due_on').notNull(),
    state: text('state').notNull(),
    fulfilledOn: date('fulfilled_on'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('org_obligations_pk').on(t.orgId, t.kind),
    index('org_obligations_state_idx').on(t.state),
    check('org_obligations_state_check', sql`${t.state} in ('ok', 'due_soon', 'overdue', 'breached')`),
  ],
);
