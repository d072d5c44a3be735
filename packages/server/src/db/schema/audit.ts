import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { ltree } from './columns.js';

export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    orgId: uuid('org_id'),
    orgPath: ltree('org_path'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** 1: SHA-256 before migration 0011; 2: HMAC with the chain key (lib/audit.ts). */
    hashVersion: integer('hash_version').notNull().default(2),
  },
  (t) => [
    index('audit_entity_idx').on(t.entity, t.entityId),
    index('audit_org_path_gist').using('gist', t.orgPath),
    index('audit_at_idx').on(t.at),
  ],
);

/** The chain's end, kept outside audit_events and signed, so cutting events off the end shows (lib/audit.ts). */
export const auditHead = pgTable(
  'audit_head',
  {
    id: integer('id').primaryKey(),
    events: bigint('events', { mode: 'number' }).notNull(),
    lastId: bigint('last_id', { mode: 'number' }).notNull(),
    lastHash: text('last_hash').notNull(),
    mac: text('mac'),
  },
  (t) => [
    // one row: migration 0011 created the table with this check
    check('audit_head_id_check', sql`${t.id} = 1`),
  ],
);
