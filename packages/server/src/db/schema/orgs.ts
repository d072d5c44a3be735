import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ltree, updatedAt } from './columns.js';
import { members } from './members.js';

export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgs.id),
    path: ltree('path').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    regionCode: text('region_code'),
    /** Its own region, else the nearest ancestor's: kept with every change, read by statistics. */
    placeRegion: text('place_region'),
    units: integer('units'),
    termStartedOn: date('term_started_on'),
    termEndsOn: date('term_ends_on'),
    dissolvedAt: timestamp('dissolved_at', { withTimezone: true }),
    mergedInto: uuid('merged_into').references((): AnyPgColumn => orgs.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('orgs_path_gist').using('gist', t.path),
    index('orgs_parent_idx').on(t.parentId),
    // orgTypes (core org-shape.ts)
    check(
      'orgs_type_check',
      sql`${t.type} in ('committee', 'working_committee', 'general_branch', 'branch', 'joint_branch', 'group', 'mobile_branch', 'holding_branch', 'temporary_branch')`,
    ),
    check('orgs_units_check', sql`${t.units} >= 0`),
  ],
);

export const orgPosts = pgTable(
  'org_posts',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    kind: text('kind').notNull(),
    startedOn: date('started_on').notNull(),
    endsOn: date('ends_on'),
    createdAt: createdAt(),
  },
  (t) => [
    index('org_posts_org_idx').on(t.orgId),
    // postKinds (core org-shape.ts)
    check('org_posts_kind_check', sql`${t.kind} in ('secretary', 'deputy_secretary', 'committee_member')`),
    // the orgs service refuses an end before the start
    check('org_posts_dates_check', sql`${t.endsOn} >= ${t.startedOn}`),
  ],
);
