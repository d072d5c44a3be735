// The SQL the server runs, copied for the bare baselines and for EXPLAIN ANALYZE.
// Keep in step with:
//   packages/server/src/db/engine.ts                (openPostgres: the pool's session options)
//   packages/server/src/modules/members/queries.ts  (memberColumns, memberWhere; memberPage: page query + count query)
//   packages/server/src/modules/stats/queries.ts    (memberStatsRow)
//   packages/server/src/modules/mobility/*          (see the mobility section below)

/**
 * openPostgres' pool connects with these (since commit 2cf5a36): no JIT and no parallel workers per
 * query; memberStats turns parallel workers back on for itself (`set local … = 2` in a transaction).
 * The baselines use the same, so the comparison stays like for like.
 */
export const PG_SESSION_OPTIONS = '-c jit=off -c max_parallel_workers_per_gather=0';
export const STATS_PARALLEL_SQL = 'set local max_parallel_workers_per_gather = 2';

export const memberColumns = `m.id, m.org_id as "orgId", o.name as "orgName", m.name, m.gender, m.ethnicity,
  m.id_number_enc as "idNumberEnc", m.id_number_masked as "idNumberMasked", m.birth_date::text as "birthDate",
  m.education, m.occupation, m.dues_category as "duesCategory", m.job_post as "jobPost",
  m.phone_enc as "phoneEnc", m.phone_masked as "phoneMasked", m.address_enc as "addressEnc", m.kind,
  m.joined_on::text as "joinedOn", m.full_on::text as "fullOn", m.standing, m.stop_reason as "stopReason",
  m.lost_contact as "lostContact", m.lost_contact_since::text as "lostContactSince",
  m.lost_contact_reason as "lostContactReason", m.mobile, m.destination_region as "destinationRegion",
  m.exit_kind as "exitKind", m.exit_on::text as "exitOn", m.version, m.updated_at as "updatedAt"`;

/** memberWhere(orgPath, { standing }) with the parameters drizzle binds: $1 path, $2 standing. */
const listWhere = `o.path <@ $1::ltree and m.exit_kind is null and m.standing = $2`;

/**
 * listMembers' page query (since commit ec3b372: the page's ids first, from the partial index
 * members_active_org_standing_name_idx, then its 20 rows): $1 path, $2 standing, $3 limit, $4 offset.
 */
export const listPageSql = `
      with page as (
        select m.id, m.name from members m join orgs o on o.id = m.org_id where ${listWhere}
        order by m.name, m.id limit $3 offset $4)
      select ${memberColumns} from page p join members m on m.id = p.id join orgs o on o.id = m.org_id
      order by p.name, p.id`;

/** listMembers' count query: $1 path, $2 standing. */
export const listCountSql = `select count(*)::int as n from members m join orgs o on o.id = m.org_id where ${listWhere}`;

/** memberStats' home-region lookup (since commit 2cf5a36: the org's inherited place): $1 org id. */
export const statsHomeSql = `select place_region as region from orgs where id = $1`;

const band = (years) => `($1::date - make_interval(years => ${years}))`;
const place = `(case when m.mobile then m.destination_region else o.place_region end)`;

/**
 * memberStats' statement (since commit 2cf5a36: one scan joining orgs' place_region, age bands as
 * birth-date bounds), run by the server in a transaction after STATS_PARALLEL_SQL:
 * $1 asOf, $2 region (text, may be null), $3 scope path. (The server binds the band's years as
 * parameters too; here they are literals.)
 */
export const statsSql = `
    select count(*)::int as total,
      count(*) filter (where m.birth_date > ${band(26)})::int as a25,
      count(*) filter (where m.birth_date <= ${band(26)} and m.birth_date > ${band(31)})::int as a30,
      count(*) filter (where m.birth_date <= ${band(31)} and m.birth_date > ${band(36)})::int as a35,
      count(*) filter (where m.birth_date <= ${band(36)} and m.birth_date > ${band(41)})::int as a40,
      count(*) filter (where m.birth_date <= ${band(41)})::int as a41,
      count(*) filter (where m.education = 'doctor')::int as doctor,
      count(*) filter (where m.education = 'master')::int as master,
      count(*) filter (where m.education = 'bachelor')::int as bachelor,
      count(*) filter (where m.education = 'college')::int as college,
      count(*) filter (where m.education = 'secondary')::int as secondary,
      count(*) filter (where m.education is null
        or m.education not in ('doctor','master','bachelor','college','secondary'))::int as "eduOther",
      count(*) filter (where ${place} is not null and $2::text is not null
        and left(${place}, 4) = left($2::text, 4))::int as local,
      count(*) filter (where ${place} is not null and $2::text is not null
        and left(${place}, 4) <> left($2::text, 4) and left(${place}, 2) = left($2::text, 2))::int as province,
      count(*) filter (where ${place} is not null and $2::text is not null
        and left(${place}, 2) <> left($2::text, 2))::int as outside,
      count(*) filter (where ${place} is null or $2::text is null)::int as unknown,
      count(*) filter (where m.standing = 'normal')::int as normal,
      count(*) filter (where m.standing = 'stopped')::int as stopped,
      count(*) filter (where m.lost_contact)::int as "lostContact"
    from members m join orgs o on o.id = m.org_id
    where o.path <@ $3::ltree and m.exit_kind is null`;

/** Inlines $n parameters as literals, for EXPLAIN of a parameterised statement. */
export function inline(sql, params) {
  return sql.replace(/\$(\d+)/g, (_, n) => {
    const v = params[Number(n) - 1];
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number') return String(v);
    return `'${String(v).replaceAll("'", "''")}'`;
  });
}

/**
 * Experiment, a design option rather than a query change: a closure table with one row per
 * (ancestor-or-self organization, active member), ordered by the list's sort key, so any subtree's
 * page is an index range scan and its count an index-only scan. Maintained by the application (or
 * triggers) on member create/update/exit and organization moves; ~3.8 rows per member here.
 */
export const scopeTableSql = [
  `create table bench_member_scope as
     select a.id as scope_id, m.standing, m.name, m.id as member_id
     from members m join orgs o on o.id = m.org_id join orgs a on a.path @> o.path
     where m.exit_kind is null`,
  `create index bench_member_scope_idx on bench_member_scope (scope_id, standing, name, member_id)`,
  `vacuum analyze bench_member_scope`,
];
export const scopeTableDropSql = `drop table if exists bench_member_scope`;

/** The page through the closure table: $1 org id, $2 standing, $3 limit, $4 offset. */
export const listPageScopeSql = `
      select ${memberColumns}
      from (select member_id, name from bench_member_scope where scope_id = $1 and standing = $2
            order by name, member_id limit $3 offset $4) p
      join members m on m.id = p.member_id join orgs o on o.id = m.org_id
      order by p.name, p.member_id`;

/** The count through the closure table: $1 org id, $2 standing. */
export const listCountScopeSql = `select count(*)::int as n from bench_member_scope where scope_id = $1 and standing = $2`;

/**
 * Experiment on top of the closure table: the subtree counts kept per (scope org, standing) — as a
 * counter the application would maintain with the closure rows — so a page costs one index range
 * scan and the total one index lookup.
 */
export const scopeCountsSql = [
  `create table bench_member_scope_counts as
     select scope_id, standing, count(*)::int as n from bench_member_scope group by scope_id, standing`,
  `create unique index bench_member_scope_counts_idx on bench_member_scope_counts (scope_id, standing)`,
  `vacuum analyze bench_member_scope_counts`,
];
export const scopeCountsDropSql = `drop table if exists bench_member_scope_counts`;
/** The count from the kept counters: $1 org id, $2 standing. */
export const listCountScopeCountedSql = `select coalesce((select n from bench_member_scope_counts where scope_id = $1 and standing = $2), 0) as n`;

// ------------------------------------------------------------------------ mobility (issue 4)
//   packages/server/src/modules/mobility/obligations-provider.ts (factsQuery) and modules/obligations/refresh.ts (refreshAllObligations)
//   packages/core/src/obligations.ts (computeObligations, currentObligations)
//   packages/server/src/modules/mobility/service.ts + queries.ts (memberLedger)

/**
 * The obligations baseline: refreshAllObligations' result (the current obligation per member and
 * kind) computed by ONE set-based statement, for the default mobility policy (contact and report
 * due at the month's end, life inside the province once a quarter and outside twice a year, review
 * by 12-31, due_soon 7 days, breached 30 days late, no grace after a second missed quarter). $1 asOf.
 * Per open episode: the calendar months / quarters / years from leaving to asOf (generate_series);
 * the first successful contact and the report of each month, life dates per quarter or year, reviews
 * per year, joined in; state by CASE; then per member and kind the last period already due if it
 * was missed, else the period coming due (currentObligations). Same columns as the obligations table.
 * Members abroad for study (contacted half-yearly) are not modelled: the generated data has none.
 *
 * `recent: true` generates only the periods that can matter under the default policy (this and the
 * previous month and year; this and the two previous quarters, the older one for the "second missed
 * quarter" rule) instead of every period since leaving: same answer, ≈ 4× fewer rows to judge.
 */
const from = (unit, back, recent) =>
  recent
    ? `greatest(date_trunc('${unit}', e.left_on)::date, (date_trunc('${unit}', $1::date) - interval '${back}')::date)`
    : `date_trunc('${unit}', e.left_on)::date`;

export const obligationsBaselineSql = ({ recent = false } = {}) => `
  with e as (
    select e.member_id, e.left_on, o.place_region as origin, e.destination_region as dest,
      coalesce(left(o.place_region, 2) = left(e.destination_region, 2)
        and o.place_region ~ '^\\d{2}' and e.destination_region ~ '^\\d{2}', false) as inside
    from mobility_episodes e join members m on m.id = e.member_id join orgs o on o.id = m.org_id
    where e.status = 'open' and e.required_document <> 'none' and m.exit_kind is null
      and (e.returned_on is null or e.returned_on > $1::date) and e.left_on <= $1::date
  ), months as (
    select e.member_id, e.left_on, p::date as ps, (p + interval '1 month - 1 day')::date as pe
    from e, generate_series(${from('month', '1 month', recent)}, date_trunc('month', $1::date)::date,
      interval '1 month') p
  ), contact as (
    select mo.member_id, 'monthly_contact' as kind, to_char(mo.ps, 'YYYY-MM') as period, mo.pe as due_on,
      min(c.contacted_on) as fulfilled_on, 30 as grace
    from months mo left join contact_attempts c on c.member_id = mo.member_id and c.reached
      and c.contacted_on >= mo.left_on and c.contacted_on <= $1::date
      and c.contacted_on between mo.ps and mo.pe
    group by mo.member_id, mo.ps, mo.pe
  ), report as (
    select mo.member_id, 'monthly_report' as kind, to_char(mo.ps, 'YYYY-MM') as period, mo.pe as due_on,
      case when r.member_id is not null then mo.ps end as fulfilled_on, 30 as grace
    from months mo left join thought_reports r on r.member_id = mo.member_id and r.month = to_char(mo.ps, 'YYYY-MM')
  ), quarters as (
    select e.member_id, p::date as ps, (p + interval '3 months - 1 day')::date as pe,
      (select min(l.held_on) from life_records l where l.member_id = e.member_id and l.held_on >= e.left_on
         and l.held_on <= $1::date and l.held_on between p::date and (p + interval '3 months - 1 day')::date) as f
    from e, generate_series(${from('quarter', '6 months', recent)}, date_trunc('quarter', $1::date)::date,
      interval '3 months') p
    where e.inside
  ), life_inside as (
    select q.member_id, 'org_life' as kind, to_char(q.ps, 'YYYY-"Q"Q') as period, q.pe as due_on,
      q.f as fulfilled_on,
      case when lag(q.f is null, 1, false) over (partition by q.member_id order by q.ps) then 0 else 30 end as grace
    from quarters q
  ), years as (
    select e.member_id, e.left_on, e.inside, p::date as ps, (p + interval '1 year - 1 day')::date as pe
    from e, generate_series(${from('year', '1 year', recent)}, date_trunc('year', $1::date)::date,
      interval '1 year') p
  ), life_outside as (
    select y.member_id, 'org_life' as kind, to_char(y.ps, 'YYYY') as period, y.pe as due_on,
      (select l.held_on from life_records l where l.member_id = y.member_id and l.held_on >= y.left_on
         and l.held_on <= $1::date and l.held_on between y.ps and y.pe order by l.held_on offset 1 limit 1)
        as fulfilled_on, 30 as grace
    from years y where not y.inside
  ), review as (
    select y.member_id, 'yearly_review' as kind, to_char(y.ps, 'YYYY') as period,
      make_date(extract(year from y.ps)::int, 12, 31) as due_on,
      case when exists (select 1 from yearly_reviews v where v.member_id = y.member_id
        and v.year = extract(year from y.ps)::int) then y.ps end as fulfilled_on, 30 as grace
    from years y
  ), periods as (
    select * from contact union all select * from report union all select * from life_inside
    union all select * from life_outside union all select * from review
  ), judged as (
    select p.member_id, p.kind, p.period, p.due_on, p.fulfilled_on,
      case when p.fulfilled_on is not null then 'ok'
        when $1::date - p.due_on > p.grace then 'breached'
        when $1::date - p.due_on > 0 then 'overdue'
        when p.due_on - $1::date <= 7 then 'due_soon' else 'ok' end as state,
      max(p.due_on) filter (where p.due_on < $1::date) over (partition by p.member_id, p.kind) as last_due
    from periods p
  )
  select distinct on (member_id, kind) member_id, kind, period, due_on, state, fulfilled_on
  from judged
  order by member_id, kind,
    case when due_on = last_due and fulfilled_on is null then 0 when due_on >= $1::date then 1 else 2 end,
    case when due_on >= $1::date then due_on end, due_on desc`;

/** Baseline result vs the obligations table the server wrote: $1 asOf. */
export const obligationsCompareSql = (opts) => `
  with b as (${obligationsBaselineSql(opts)})
  select count(*)::int as rows,
    count(*) filter (where o.member_id is null)::int as "onlyBaseline",
    count(*) filter (where b.member_id is null)::int as "onlyServer",
    count(*) filter (where o.member_id is not null and b.member_id is not null
      and (o.period, o.due_on, o.state, o.fulfilled_on) is distinct from (b.period, b.due_on, b.state, b.fulfilled_on))::int
      as differ
  from b full join obligations o on o.member_id = b.member_id and o.kind = b.kind`;

const isoTimestamp = (column) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * memberLedger (GET /api/mobility/members/:id/ledger) as the administrator runs it (scope `true`):
 * the member's episodes first; then, at once, contacts, reports, reviews, life records, obligations
 * and the member row; then, per episode, its latest certificate (presentEpisode). $1 member id
 * (episode id for `certificate`).
 */
export const ledgerSql = {
  episodes: `select e.id, e.member_id as "memberId", m.name as "memberName",
  m.org_id as "memberOrgId", mo.path::text as "memberOrgPath", e.origin_org_id as "originOrgId",
  oo.name as "originOrgName", e.left_on::text as "leftOn", e.expected_months as "expectedMonths", e.reason,
  e.destination_region as "destinationRegion", e.fixed_place as "fixedPlace",
  e.host_has_party_org as "hostHasPartyOrg", e.contact_enc as "contactEnc", e.contact_masked as "contactMasked",
  e.required_document as "requiredDocument", e.rule, e.inflow_org_id as "inflowOrgId",
  coalesce(io.name, e.inflow_org_name) as "inflowOrgName", e.inflow_on::text as "inflowOn", e.status,
  e.returned_on::text as "returnedOn", e.return_note as "returnNote", true as "isOrigin"
    from mobility_episodes e join members m on m.id = e.member_id
  join orgs mo on mo.id = m.org_id join orgs oo on oo.id = e.origin_org_id
  left join orgs io on io.id = e.inflow_org_id
    where e.member_id = $1 and true order by e.left_on desc`,
  /** loadMemberInScope, only when the member has no episode. */
  member404: `select ${memberColumns}, o.path::text as "orgPath" from members m join orgs o on o.id = m.org_id
        where m.id = $1 and true`,
  contacts: `select id, contacted_on::text as "contactedOn", channel, reached, note, by_name as "byName"
      from contact_attempts where member_id = $1 order by contacted_on desc, created_at desc limit 200`,
  reports: `select id, month, content, ${isoTimestamp('submitted_at')} as "submittedAt",
      ${isoTimestamp('acknowledged_at')} as "acknowledgedAt", acknowledged_by as "acknowledgedBy", reply from thought_reports where member_id = $1 order by month desc limit 60`,
  reviews: `select id, year, result, note, reviewed_by as "reviewedBy" from yearly_reviews
      where member_id = $1 order by year desc`,
  life: `select id, held_on::text as "heldOn", mode, topic from life_records
      where member_id = $1 order by held_on desc limit 100`,
  obligations: `select kind, period, due_on::text as "dueOn", state, fulfilled_on::text as "fulfilledOn"
      from obligations where member_id = $1 order by due_on`,
  member: `select name, lost_contact as "lostContact", standing
      from members where id = $1`,
  certificate: `select id, kind, number, code, status, issued_on::text as "issuedOn", valid_until::text as "validUntil"
         from letters where episode_id = $1 order by created_at desc limit 1`,
};

/**
 * Experiment (ledger --experiments): one issued activity certificate per open episode in `letters`,
 * as issuing them would leave it (the generated data has none), so presentEpisode's
 * `letters where episode_id = …` runs against a realistic table; removed again afterwards.
 */
export const benchLettersSql = `
  insert into letters (id, kind, number, code, status, member_id, issued_by_org_id, issued_on, valid_until,
    episode_id)
  select gen_random_uuid(), 'activity_certificate', '流动党员活动证〔' || extract(year from e.left_on) || '〕'
      || lpad((row_number() over ())::text, 6, '0') || '号',
    'BENCH' || md5(e.id::text), 'issued', e.member_id, e.origin_org_id, e.left_on, e.left_on + 365, e.id
  from mobility_episodes e where e.status = 'open'`;
export const benchLettersDropSql = [`delete from letters where code like 'BENCH%'`, `vacuum analyze letters`];
/**
 * The server's own index for that query (migration 0006, since 3b60b03), dropped for a run to show
 * what it buys and recreated — with the migration's definition — afterwards.
 */
export const lettersIndexDropSql = `drop index if exists letters_episode_idx`;
export const lettersIndexSql = `create index if not exists letters_episode_idx on letters (episode_id, created_at)`;
