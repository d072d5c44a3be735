import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.js';
import { createdAt } from './columns.js';
import { members } from './members.js';
import { orgs } from './orgs.js';

/** The disposal queue (API.md "Disposal"; RULES.md §6): one candidate per member and ground while open. */
export const disposals = pgTable(
  'disposals',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    // The member's organization when the ground arose: the branch that runs the procedure.
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    ground: text('ground').notNull(),
    status: text('status').notNull().default('candidate'),
    step: integer('step').notNull().default(0),
    lastStepOn: date('last_step_on'),
    createdOn: date('created_on').notNull(),
    cause: text('cause'),
    decision: text('decision'),
    followUpOn: date('follow_up_on'),
    dismissedReason: text('dismissed_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('disposals_open_uq')
      .on(t.memberId, t.ground)
      .where(sql`${t.status} in ('candidate', 'in_procedure')`),
    index('disposals_org_status_idx').on(t.orgId, t.status),
    index('disposals_member_idx').on(t.memberId),
    // disposalGrounds (core disposals.ts)
    check(
      'disposals_ground_check',
      sql`${t.ground} in ('no_life_6m', 'no_dues_6m', 'no_work_6m', 'unqualified_evaluation', 'unqualified_twice', 'correction_failed', 'points', 'backward_member', 'lost_contact')`,
    ),
    check(
      'disposals_status_check',
      sql`${t.status} in ('candidate', 'in_procedure', 'decided', 'dismissed')`,
    ),
    check('disposals_step_check', sql`${t.step} between 0 and 5`),
    check(
      'disposals_decision_check',
      sql`${t.decision} is null or ${t.decision} in ('correction_period', 'persuade_out', 'remove', 'extend_probation', 'none')`,
    ),
  ],
);

/** One recorded step of the five (date, body, vote, decision), in order. */
export const disposalSteps = pgTable(
  'disposal_steps',
  {
    id: uuid('id').primaryKey(),
    disposalId: uuid('disposal_id')
      .notNull()
      .references((): AnyPgColumn => disposals.id),
    step: integer('step').notNull(),
    on: date('on').notNull(),
    body: text('body').notNull(),
    vote: jsonb('vote'),
    passed: boolean('passed'),
    decision: text('decision'),
    note: text('note'),
    recordedBy: uuid('recorded_by').references((): AnyPgColumn => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('disposal_steps_disposal_step_uq').on(t.disposalId, t.step),
    check('disposal_steps_step_check', sql`${t.step} between 1 and 5`),
  ],
);
