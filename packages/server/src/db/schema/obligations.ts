import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
