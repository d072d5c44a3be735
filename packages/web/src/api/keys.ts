/**
 * Query keys, one factory per area. TanStack Query invalidates by prefix, so each area's keys share
 * the prefix its writes invalidate: `all` (or the named prefix) reaches every query built below it.
 * The prefixes are the ones the pages used before the factories, so every invalidation still reaches
 * the same queries:
 * - a member's record and everything hung from it (history, contact changes) sit under `['member']`,
 *   the register's lists under `['members']`: saving a member refreshes both;
 * - everything of mobility, the obligations list included, sits under `['mobility']`: a mobility write
 *   refreshes the ledger, the reports, the alerts and the standing lists at once;
 * - the signed-in session is `['me']` and the portal's own data sits below it: signing out drops every
 *   other query and keeps the session's.
 */

type Opt = string | null | undefined;

export const keys = {
  session: ['me'] as const,

  /** The portal: the signed-in mobile member's own data, below the session key. */
  me: {
    all: ['me'] as const,
    ledger: ['me', 'ledger'] as const,
    inbox: ['me', 'inbox'] as const,
    reports: ['me', 'reports'] as const,
    contactChanges: ['me', 'contact-changes'] as const,
    /** My meetings, my leave and my attendance counts (组织生活): one query of the year. */
    meetings: (year: number) => ['me', 'meetings', year] as const,
    /** My dues of a year, my payments and my branch's publications (党费). */
    dues: ['me', 'dues'] as const,
    duesOfYear: (year: number) => ['me', 'dues', year] as const,
    duesPayments: ['me', 'dues', 'payments'] as const,
    duesPublications: ['me', 'dues', 'publications'] as const,
  },

  members: {
    /** Every list of the register. */
    all: ['members'] as const,
    list: (query: unknown, page: number, pageSize: number) => ['members', query, page, pageSize] as const,
    /** Every member's record and what hangs from it. */
    details: ['member'] as const,
    detail: (id: Opt) => ['member', id] as const,
    history: (id: Opt) => ['member', id, 'history'] as const,
  },

  contactChanges: {
    ofMember: (memberId: Opt) => ['member', memberId, 'contact-changes'] as const,
    mine: ['me', 'contact-changes'] as const,
  },

  orgs: {
    all: ['org'] as const,
    roots: ['org', 'roots'] as const,
    detail: (id: Opt) => ['org', id] as const,
    children: (id: Opt) => ['org', id, 'children'] as const,
    /** The policies in force at an organization (its own or inherited), as the outflow form reads them. */
    policies: (id: Opt) => ['org', id, 'policies'] as const,
  },

  policies: {
    all: ['policies'] as const,
    ofOrg: (orgId: Opt) => ['policies', orgId] as const,
  },

  mobility: {
    all: ['mobility'] as const,
    ledger: (orgId: Opt, ...filter: unknown[]) => ['mobility', 'ledger', orgId, ...filter] as const,
    ledgerPrint: (filter: unknown) => ['mobility', 'ledger-print', filter] as const,
    memberLedger: (memberId: Opt) => ['mobility', 'member-ledger', memberId] as const,
    inflows: (orgId: Opt) => ['mobility', 'inflows', orgId] as const,
    reports: (orgId: Opt, which: 'pending' | 'all') => ['mobility', 'reports', orgId, which] as const,
    stats: (orgId: Opt) => ['mobility', 'stats', orgId] as const,
  },

  standing: {
    lostCandidates: (orgId: Opt) => ['mobility', 'lost-candidates', orgId] as const,
    abroadCandidates: (orgId: Opt) => ['mobility', 'abroad-candidates', orgId] as const,
    members: (orgId: Opt) => ['mobility', 'standing-members', orgId] as const,
    cases: (orgId: Opt, status: unknown) => ['mobility', 'cases', orgId, status] as const,
  },

  obligations: {
    /** Below `['mobility']`: a mobility write changes what is owed, so it refreshes the list too. */
    list: (filter: unknown, page: unknown) => ['mobility', 'obligations', filter, page] as const,
    refresh: ['obligations-refresh'] as const,
  },

  /** The staff inbox (工作提醒): the bell and the page share the prefix and refresh together. */
  inbox: {
    all: ['staff-inbox'] as const,
    unread: (orgId: string | null) => ['staff-inbox', 'unread', orgId] as const,
    list: (orgId: string | null, view: string, page: number, pageSize: number) =>
      ['staff-inbox', 'list', orgId, view, page, pageSize] as const,
  },

  /** The disposal queue (处置): a step or a dismissal refreshes the list and the detail together. */
  disposals: {
    all: ['disposals'] as const,
    list: (query: unknown, page: number, pageSize: number) =>
      ['disposals', 'list', query, page, pageSize] as const,
    detail: (id: Opt) => ['disposals', id] as const,
  },

  /** 组织生活: every meeting, leave, exemption and escalation list sits below `['meetings']`, so a
   * record (whose attendance changes compliance and may cause escalations) refreshes them all. */
  meetings: {
    all: ['meetings'] as const,
    list: (orgId: Opt, from: string, to: string) => ['meetings', 'list', orgId, from, to] as const,
    detail: (id: Opt) => ['meetings', 'detail', id] as const,
    compliance: (orgId: Opt, year: number) => ['meetings', 'compliance', orgId, year] as const,
    comparison: (orgId: Opt, year: number, page: number, pageSize: number) =>
      ['meetings', 'comparison', orgId, year, page, pageSize] as const,
    leave: (orgId: Opt, status: unknown) => ['meetings', 'leave', orgId, status] as const,
    exemptions: (orgId: Opt, page: number) => ['meetings', 'exemptions', orgId, page] as const,
    escalations: (filter: unknown, page: number) => ['meetings', 'escalations', filter, page] as const,
    orgEscalations: (orgId: Opt, year: number) => ['meetings', 'org-escalations', orgId, year] as const,
    ofMember: (memberId: Opt, year: number) => ['meetings', 'member', memberId, year] as const,
  },

  /** 党费: every dues list sits below `['dues']`, so a payment refreshes the month, the ledger and the arrears. */
  dues: {
    all: ['dues'] as const,
    cycle: (orgId: Opt, month: string) => ['dues', 'cycle', orgId, month] as const,
    assessments: (orgId: Opt, year: number) => ['dues', 'assessments', orgId, year] as const,
    memberAssessments: (memberId: Opt) => ['dues', 'member-assessments', memberId] as const,
    baseComponents: (category: Opt) => ['dues', 'base-components', category] as const,
    batch: (id: Opt) => ['dues', 'batch', id] as const,
    reliefs: (orgId: Opt, status: unknown, page: number) => ['dues', 'reliefs', orgId, status, page] as const,
    payments: (orgId: Opt, filter: unknown) => ['dues', 'payments', orgId, filter] as const,
    ledger: (orgId: Opt, month: string) => ['dues', 'ledger', orgId, month] as const,
    arrears: (orgId: Opt, asOf: string) => ['dues', 'arrears', orgId, asOf] as const,
    rates: (orgId: Opt, period: string) => ['dues', 'rates', orgId, period] as const,
    remittances: (orgId: Opt, year: number) => ['dues', 'remittances', orgId, year] as const,
    publications: (orgId: Opt, year: number) => ['dues', 'publications', orgId, year] as const,
    quarterly: (memberId: Opt) => ['dues', 'quarterly', memberId] as const,
    mobile: (orgId: Opt, year: number) => ['dues', 'mobile', orgId, year] as const,
  },

  users: {
    all: ['users'] as const,
    list: (orgId: Opt, page: unknown) => ['users', orgId, page] as const,
  },

  sessions: {
    all: ['sessions'] as const,
  },

  audit: {
    all: ['audit'] as const,
    list: (query: unknown, page: unknown) => ['audit', query, page] as const,
  },

  stats: {
    all: ['stats'] as const,
    members: (orgId: Opt, asOf: string) => ['stats', orgId, asOf] as const,
    destinations: (orgId: Opt) => ['stats', orgId, 'dest'] as const,
  },

  imports: {
    /** The recent imports list. */
    all: ['imports'] as const,
    detail: (id: Opt) => ['import', id] as const,
  },

  regions: {
    tree: ['regions'] as const,
  },
} as const;
