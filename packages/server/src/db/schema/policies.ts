import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { createdAt } from './columns.js';
import { orgs } from './orgs.js';

export const policies = pgTable(
  'policies',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').references((): AnyPgColumn => orgs.id),
    kind: text('kind').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    document: jsonb('document').notNull(),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('policies_org_kind_idx').on(t.orgId, t.kind, t.effectiveFrom),
    // policySchemas (core policies.ts)
    check('policies_kind_check', sql`${t.kind} in ('dues', 'org_shape', 'mobility', 'meetings')`),
    check('policies_version_check', sql`${t.version} >= 1`),
  ],
);
