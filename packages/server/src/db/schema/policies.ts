import { date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

export const policies = pgTable(
  'policies',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id'),
    kind: text('kind').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    document: jsonb('document').notNull(),
    version: integer('version').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('policies_org_kind_idx').on(t.orgId, t.kind, t.effectiveFrom)],
);
