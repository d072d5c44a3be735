import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';
import { orgs } from './orgs.js';

export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references((): AnyPgColumn => orgs.id),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    ethnicity: text('ethnicity'),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    idSuffixHash: text('id_suffix_hash'),
    birthDate: date('birth_date').notNull(),
    education: text('education'),
    occupation: text('occupation'),
    duesCategory: text('dues_category'),
    jobPost: text('job_post'),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    addressEnc: text('address_enc'),
    kind: text('kind').notNull(),
    joinedOn: date('joined_on').notNull(),
    fullOn: date('full_on'),
    standing: text('standing').notNull().default('normal'),
    stopReason: text('stop_reason'),
    lostContact: boolean('lost_contact').notNull().default(false),
    lostContactSince: date('lost_contact_since'),
    lostContactReason: text('lost_contact_reason'),
    mobile: boolean('mobile').notNull().default(false),
    destinationRegion: text('destination_region'),
    exitKind: text('exit_kind'),
    exitOn: date('exit_on'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('members_id_hash_uq').on(t.idNumberHash),
    index('members_org_name_idx').on(t.orgId, t.name),
    // Lists page by name over a subtree: this lets the page be chosen from the index alone.
    index('members_active_org_standing_name_idx')
      .on(t.orgId, t.standing, t.name, t.id)
      .where(sql`${t.exitKind} is null`),
    index('members_id_suffix_idx').on(t.idSuffixHash),
    // Statistics read these columns for every active member of a subtree, from the index alone (bench stats).
    // Migration 0008 builds it with INCLUDE (birth_date, education, standing, lost_contact, mobile,
    // destination_region), which drizzle-orm 0.45 cannot declare: the key and the predicate are declared here.
    index('members_active_stats_idx').on(t.orgId).where(sql`${t.exitKind} is null`),
    // memberGenders (core api/members.ts)
    check('members_gender_check', sql`${t.gender} in ('male', 'female')`),
    // memberKinds
    check('members_kind_check', sql`${t.kind} in ('full', 'probationary')`),
    // memberStandings
    check('members_standing_check', sql`${t.standing} in ('normal', 'stopped')`),
    // memberStopReasons
    check('members_stop_reason_check', sql`${t.stopReason} in ('lost_contact', 'abroad')`),
    // educations (core education.ts)
    check(
      'members_education_check',
      sql`${t.education} in ('doctor', 'master', 'bachelor', 'college', 'secondary', 'high_school', 'junior', 'other')`,
    ),
    // duesCategories (core dues.ts)
    check(
      'members_dues_category_check',
      sql`${t.duesCategory} in ('salaried', 'annual_salary', 'retired', 'farmer', 'student', 'unemployed', 'relief', 'self_employed', 'other')`,
    ),
    // DOMAIN.md 出党: the code writes lapsed today; the others are the register's own kinds
    check(
      'members_exit_kind_check',
      sql`${t.exitKind} in ('persuaded_out', 'removed', 'expelled', 'withdrew', 'lapsed', 'deceased')`,
    ),
    // checkMemberFields refuses 转正 before 入党 on every writer (form, import)
    check('members_full_on_check', sql`${t.fullOn} >= ${t.joinedOn}`),
    check('members_version_check', sql`${t.version} >= 1`),
  ],
);

export const memberRelatives = pgTable(
  'member_relatives',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    relation: text('relation').notNull(),
    name: text('name').notNull(),
    relatedMemberId: uuid('related_member_id').references((): AnyPgColumn => members.id),
    idNumberHash: text('id_number_hash'),
    createdAt: createdAt(),
  },
  (t) => [
    index('relatives_member_idx').on(t.memberId),
    index('relatives_hash_idx').on(t.idNumberHash),
    // relations (core api/members.ts)
    check(
      'member_relatives_relation_check',
      sql`${t.relation} in ('parent', 'parent_in_law', 'spouse', 'child', 'sibling')`,
    ),
  ],
);

// Standing cases (党籍处置) live with the register, not with evaluations or mobility: each one decides the
// member's own `standing` column above (RULES.md §2), lost contact is only one of its causes, and 恢复党籍 or
// a stop for other reasons has nothing to do with mobility or a yearly review.
/** 失联 → 停止党籍 → 自行脱党, and 恢复党籍: proposed, then decided by a committee (RULES.md §2). */
export const standingCases = pgTable(
  'standing_cases',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references((): AnyPgColumn => members.id),
    kind: text('kind').notNull(),
    reasonCode: text('reason_code'),
    note: text('note'),
    status: text('status').notNull().default('pending'),
    proposedBy: text('proposed_by').notNull(),
    /** The proposer's own organization (null for the global administrator). */
    proposerOrgId: uuid('proposer_org_id').references((): AnyPgColumn => orgs.id),
    /** The nearest committee (党委/党工委) above the member's branch: it approves. */
    decidingOrgId: uuid('deciding_org_id').references((): AnyPgColumn => orgs.id),
    /** The branch's own decision: its meeting, the body that met and the vote. */
    meetingOn: date('meeting_on'),
    meetingBody: text('meeting_body'),
    votesFor: integer('votes_for'),
    votesAgainst: integer('votes_against'),
    votesAbstain: integer('votes_abstain'),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    index('standing_cases_member_idx').on(t.memberId),
    // standingCaseKinds (core api/standing.ts)
    check('standing_cases_kind_check', sql`${t.kind} in ('stop', 'lapse', 'restore')`),
    // standingCaseStatuses
    check('standing_cases_status_check', sql`${t.status} in ('pending', 'approved', 'rejected')`),
    // meetingBodies
    check(
      'standing_cases_meeting_body_check',
      sql`${t.meetingBody} in ('branch_committee', 'branch_general_meeting')`,
    ),
    check(
      'standing_cases_votes_check',
      sql`${t.votesFor} >= 0 and ${t.votesAgainst} >= 0 and ${t.votesAbstain} >= 0`,
    ),
  ],
);
