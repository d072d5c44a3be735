import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Organization paths are ltree of id labels, so a subtree is one `path <@ $scope` (ARCHITECTURE.md §3). */
export const ltree = customType<{ data: string }>({ dataType: () => 'ltree' });

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

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

export const members = pgTable(
  'members',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
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
  ],
);

export const memberRelatives = pgTable(
  'member_relatives',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id').notNull(),
    relation: text('relation').notNull(),
    name: text('name').notNull(),
    relatedMemberId: uuid('related_member_id'),
    idNumberHash: text('id_number_hash'),
    createdAt: createdAt(),
  },
  (t) => [index('relatives_member_idx').on(t.memberId), index('relatives_hash_idx').on(t.idNumberHash)],
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

export const users = pgTable('users', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  orgId: uuid('org_id'),
  role: text('role').notNull(),
  memberId: uuid('member_id'),
  displayName: text('display_name'),
  // Where staff reminders go when an SMTP server is configured.
  email: text('email'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  disabled: boolean('disabled').notNull().default(false),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  createdAt: createdAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

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
export const auditHead = pgTable('audit_head', {
  id: integer('id').primaryKey(),
  events: bigint('events', { mode: 'number' }).notNull(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  mac: text('mac'),
});

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

export const importJobs = pgTable('import_jobs', {
  id: uuid('id').primaryKey(),
  orgId: uuid('org_id').notNull(),
  userId: uuid('user_id').notNull(),
  fileName: text('file_name'),
  status: text('status').notNull(),
  phase: text('phase').notNull().default('reading'),
  total: integer('total').notNull().default(0),
  processed: integer('processed').notNull().default(0),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  errors: jsonb('errors'),
  message: text('message'),
  startedAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export const letters = pgTable(
  'letters',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    code: text('code').notNull(),
    status: text('status').notNull(),
    memberId: uuid('member_id').notNull(),
    issuedByOrgId: uuid('issued_by_org_id').notNull(),
    toOrgId: uuid('to_org_id'),
    toOrgName: text('to_org_name'),
    issuedOn: date('issued_on').notNull(),
    validUntil: date('valid_until').notNull(),
    episodeId: uuid('episode_id'),
    replacesId: uuid('replaces_id'),
    statusReason: text('status_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('letters_code_uq').on(t.code),
    index('letters_member_idx').on(t.memberId),
    // The ledger shows each episode's latest certificate (bench: ledger).
    index('letters_episode_idx').on(t.episodeId, t.createdAt),
  ],
);

export const meta = pgTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** 流动: one episode per departure, closed by return (RULES.md §2). */
export const mobilityEpisodes = pgTable(
  'mobility_episodes',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id').notNull(),
    originOrgId: uuid('origin_org_id').notNull(),
    // Null while needsCompletion: a member marked mobile on the register (采集表, member edit) has an
    // episode before the secretary knows the departure, the stay and the reason.
    leftOn: date('left_on'),
    expectedMonths: doublePrecision('expected_months'),
    reason: text('reason'),
    destinationRegion: text('destination_region'),
    // Outside the mainland (出国(境)): RULES.md §2 stops the standing of members abroad for study > 5 years.
    abroad: boolean('abroad').notNull().default(false),
    fixedPlace: boolean('fixed_place').notNull(),
    hostHasPartyOrg: boolean('host_has_party_org').notNull(),
    contactEnc: text('contact_enc'),
    contactMasked: text('contact_masked'),
    requiredDocument: text('required_document'),
    rule: text('rule').notNull(),
    needsCompletion: boolean('needs_completion').notNull().default(false),
    expectedReturnOn: date('expected_return_on'),
    // 篇三 L396: a fixed place that cannot take the relationship yet keeps the member on a 活动证.
    relationshipCanMove: boolean('relationship_can_move').notNull().default(true),
    inflowOrgId: uuid('inflow_org_id'),
    inflowOrgName: text('inflow_org_name'),
    inflowOn: date('inflow_on'),
    status: text('status').notNull().default('open'),
    returnedOn: date('returned_on'),
    returnNote: text('return_note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('episodes_member_idx').on(t.memberId),
    index('episodes_origin_idx').on(t.originOrgId, t.status),
    index('episodes_inflow_idx').on(t.inflowOrgId),
  ],
);

/** Members of other organizations living on a host's ground, from outside this system (一方隶属、参加多重组织生活). */
export const inflowMembers = pgTable(
  'inflow_members',
  {
    id: uuid('id').primaryKey(),
    hostOrgId: uuid('host_org_id').notNull(),
    episodeId: uuid('episode_id'),
    name: text('name').notNull(),
    originOrgName: text('origin_org_name').notNull(),
    certificateNumber: text('certificate_number'),
    contactEnc: text('contact_enc'),
    contactMasked: text('contact_masked'),
    arrivedOn: date('arrived_on').notNull(),
    leftOn: date('left_on'),
    createdAt: createdAt(),
  },
  (t) => [index('inflow_host_idx').on(t.hostOrgId)],
);

export const contactAttempts = pgTable(
  'contact_attempts',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id').notNull(),
    contactedOn: date('contacted_on').notNull(),
    channel: text('channel').notNull(),
    reached: boolean('reached').notNull(),
    note: text('note'),
    byUserId: uuid('by_user_id'),
    byName: text('by_name'),
    createdAt: createdAt(),
  },
  (t) => [
    index('contacts_member_idx').on(t.memberId, t.contactedOn),
    // Successful contacts alone, read from the index: the obligations scan and the lost-contact
    // candidates ask only for those (bench obligations: the heap visits were 100 of 270 ms a batch).
    index('contacts_reached_idx').on(t.memberId, t.contactedOn).where(sql`${t.reached}`),
  ],
);

export const thoughtReports = pgTable(
  'thought_reports',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id').notNull(),
    month: text('month').notNull(),
    content: text('content').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: text('acknowledged_by'),
    reply: text('reply'),
  },
  (t) => [uniqueIndex('reports_member_month_uq').on(t.memberId, t.month)],
);

export const yearlyReviews = pgTable(
  'yearly_reviews',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id').notNull(),
    year: integer('year').notNull(),
    result: text('result').notNull(),
    note: text('note'),
    reviewedBy: text('reviewed_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('reviews_member_year_uq').on(t.memberId, t.year)],
);

/** Organizational life attended (present or online); meetings write here too when they arrive. */
export const lifeRecords = pgTable(
  'life_records',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id').notNull(),
    orgId: uuid('org_id').notNull(),
    heldOn: date('held_on').notNull(),
    mode: text('mode').notNull(),
    topic: text('topic'),
    createdAt: createdAt(),
  },
  (t) => [index('life_member_idx').on(t.memberId, t.heldOn)],
);

/** 失联 → 停止党籍 → 自行脱党, and 恢复党籍: proposed, then decided by a committee (RULES.md §2). */
export const standingCases = pgTable(
  'standing_cases',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id').notNull(),
    kind: text('kind').notNull(),
    reasonCode: text('reason_code'),
    note: text('note'),
    status: text('status').notNull().default('pending'),
    proposedBy: text('proposed_by').notNull(),
    /** The proposer's own organization (null for the global administrator). */
    proposerOrgId: uuid('proposer_org_id'),
    /** The nearest committee (党委/党工委) above the member's branch: it approves. */
    decidingOrgId: uuid('deciding_org_id'),
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
  (t) => [index('standing_cases_member_idx').on(t.memberId)],
);

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

/** Reminders waiting for, or done by, a provider (log + in-app inbox by default; SMS, SMTP). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    dedupeKey: text('dedupe_key').notNull(),
    memberId: uuid('member_id'),
    userId: uuid('user_id'),
    // A staff reminder: the branch whose staff act on it, and the member it is about.
    orgId: uuid('org_id'),
    aboutMemberId: uuid('about_member_id'),
    channel: text('channel').notNull(),
    template: text('template').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    readAt: timestamp('read_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
    index('notifications_member_idx').on(t.memberId),
    // The staff inbox: a branch's reminders, newest first.
    index('notifications_org_idx').on(t.orgId, t.createdAt),
  ],
);

/** A member's own proposal of new contact details, from the portal; the branch staff decide it. */
export const contactChangeRequests = pgTable(
  'contact_change_requests',
  {
    id: uuid('id').primaryKey(),
    memberId: uuid('member_id').notNull(),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    addressEnc: text('address_enc'),
    region: text('region'),
    otherContactEnc: text('other_contact_enc'),
    otherContactMasked: text('other_contact_masked'),
    status: text('status').notNull().default('pending'),
    rejectReason: text('reject_reason'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('contact_changes_member_idx').on(t.memberId, t.createdAt),
    uniqueIndex('contact_changes_pending_uq').on(t.memberId).where(sql`${t.status} = 'pending'`),
  ],
);

export const letterCounters = pgTable(
  'letter_counters',
  {
    orgId: uuid('org_id').notNull(),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [uniqueIndex('letter_counters_pk').on(t.orgId, t.kind, t.year)],
);

export const schemaTables = {
  orgs,
  members,
  memberRelatives,
  orgPosts,
  users,
  sessions,
  auditEvents,
  auditHead,
  policies,
  importJobs,
  letters,
  meta,
  mobilityEpisodes,
  inflowMembers,
  contactAttempts,
  thoughtReports,
  yearlyReviews,
  lifeRecords,
  standingCases,
  obligations,
  notifications,
  letterCounters,
  contactChangeRequests,
};
