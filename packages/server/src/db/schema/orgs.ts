import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ltree, updatedAt } from './columns.js';

export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id'),
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
    mergedInto: uuid('merged_into'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('orgs_path_gist').using('gist', t.path), index('orgs_parent_idx').on(t.parentId)],
);

export const orgPosts = pgTable(
  'org_posts',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    memberId: uuid('member_id').notNull(),
    kind: text('kind').notNull(),
    startedOn: date('started_on').notNull(),
    endsOn: date('ends_on'),
    createdAt: createdAt(),
  },
  (t) => [index('org_posts_org_idx').on(t.orgId)],
);
