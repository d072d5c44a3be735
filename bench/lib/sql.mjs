// The SQL the server runs, copied for the bare baselines and for EXPLAIN ANALYZE.
// Keep in step with:
//   packages/server/src/modules/members/queries.ts  (memberColumns, memberWhere)
//   packages/server/src/modules/members/service.ts  (listMembers: page query + count query)
//   packages/server/src/modules/stats/service.ts    (memberStats)

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

const placeOf = (
  orgAlias,
) => `(select a.region_code from orgs a where ${orgAlias}.path <@ a.path and a.region_code is not null
     order by nlevel(a.path) desc limit 1)`;

/** memberStats' home-region lookup: $1 org id. */
export const statsHomeSql = `select ${placeOf('t')} as region from orgs t where t.id = $1`;

/** memberStats' main query: $1 asOf, $2 region (text, may be null), $3 scope path. */
export const statsSql = `
    with places as (
      select o.id, ${placeOf('o')} as region from orgs o where o.path <@ $3::ltree
    ), m as (
      select extract(year from age($1::date, m.birth_date)) as age, m.education, m.standing, m.lost_contact,
        case when m.mobile then m.destination_region else p.region end as place
      from members m join places p on p.id = m.org_id
      where m.exit_kind is null
    )
    select count(*)::int as total,
      count(*) filter (where age <= 25)::int as a25,
      count(*) filter (where age between 26 and 30)::int as a30,
      count(*) filter (where age between 31 and 35)::int as a35,
      count(*) filter (where age between 36 and 40)::int as a40,
      count(*) filter (where age >= 41)::int as a41,
      count(*) filter (where education = 'doctor')::int as doctor,
      count(*) filter (where education = 'master')::int as master,
      count(*) filter (where education = 'bachelor')::int as bachelor,
      count(*) filter (where education = 'college')::int as college,
      count(*) filter (where education = 'secondary')::int as secondary,
      count(*) filter (where education is null
        or education not in ('doctor','master','bachelor','college','secondary'))::int as "eduOther",
      count(*) filter (where place is not null and $2::text is not null
        and left(place, 4) = left($2::text, 4))::int as local,
      count(*) filter (where place is not null and $2::text is not null
        and left(place, 4) <> left($2::text, 4) and left(place, 2) = left($2::text, 2))::int as province,
      count(*) filter (where place is not null and $2::text is not null
        and left(place, 2) <> left($2::text, 2))::int as outside,
      count(*) filter (where place is null or $2::text is null)::int as unknown,
      count(*) filter (where standing = 'normal')::int as normal,
      count(*) filter (where standing = 'stopped')::int as stopped,
      count(*) filter (where lost_contact)::int as "lostContact"
    from m`;

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
 * Experiment, not the server's SQL: memberStats computed (1) with each organization's place found
 * once per organization by joining the few organizations that carry a region code, instead of a
 * correlated subquery per member row and per FILTER clause, and (2) with age bands as birth-date
 * bounds instead of age() per row. $1 asOf, $2 region, $3 scope path. Same result columns.
 */
export const statsRewriteSql = `
    with places as (
      select distinct on (o.id) o.id, a.region_code as region
      from orgs o left join orgs a on a.region_code is not null and a.path @> o.path
      where o.path <@ $3::ltree
      order by o.id, nlevel(a.path) desc
    ), m as (
      select m.birth_date as b, m.education, m.standing, m.lost_contact,
        case when m.mobile then m.destination_region else p.region end as place
      from members m join places p on p.id = m.org_id
      where m.exit_kind is null
    )
    select count(*)::int as total,
      count(*) filter (where b > ($1::date - interval '26 years'))::int as a25,
      count(*) filter (where b <= ($1::date - interval '26 years') and b > ($1::date - interval '31 years'))::int as a30,
      count(*) filter (where b <= ($1::date - interval '31 years') and b > ($1::date - interval '36 years'))::int as a35,
      count(*) filter (where b <= ($1::date - interval '36 years') and b > ($1::date - interval '41 years'))::int as a40,
      count(*) filter (where b <= ($1::date - interval '41 years'))::int as a41,
      count(*) filter (where education = 'doctor')::int as doctor,
      count(*) filter (where education = 'master')::int as master,
      count(*) filter (where education = 'bachelor')::int as bachelor,
      count(*) filter (where education = 'college')::int as college,
      count(*) filter (where education = 'secondary')::int as secondary,
      count(*) filter (where education is null
        or education not in ('doctor','master','bachelor','college','secondary'))::int as "eduOther",
      count(*) filter (where place is not null and $2::text is not null
        and left(place, 4) = left($2::text, 4))::int as local,
      count(*) filter (where place is not null and $2::text is not null
        and left(place, 4) <> left($2::text, 4) and left(place, 2) = left($2::text, 2))::int as province,
      count(*) filter (where place is not null and $2::text is not null
        and left(place, 2) <> left($2::text, 2))::int as outside,
      count(*) filter (where place is null or $2::text is null)::int as unknown,
      count(*) filter (where standing = 'normal')::int as normal,
      count(*) filter (where standing = 'stopped')::int as stopped,
      count(*) filter (where lost_contact)::int as "lostContact"
    from m`;

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
