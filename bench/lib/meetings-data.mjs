// Organizational life for the life-compliance benchmark (issue 9): a year of held meetings for every
// branch of the generated tree, and the bare SQL baseline of the comparison.
// Keep in step with packages/server/src/modules/meetings/compliance-queries.ts (branchMonths) and
// packages/core/src/meetings.ts (defaultMeetingCalendar).

/** The shipped calendar (RULES.md §4) as months per period. */
const CALENDAR = `(values ('assembly', 3), ('committee_meeting', 1), ('group_meeting', 1), ('party_lecture', 3),
  ('theme_day', 1), ('life_meeting', 12), ('heart_talk', 12)) as c(type, span)`;

const BRANCH_TYPES = `('branch', 'joint_branch', 'mobile_branch', 'holding_branch', 'temporary_branch')`;
export const BENCH_TOPIC = '（基准）';

/**
 * Every branch-like organization holds each kind's periods of `$1` (the year) that began before today
 * with a probability of its own (55–99 %, from a hash of its id, so some branches lag), on a day of
 * the period from a hash as well (deterministic); at most one meeting a period. Days in the future are
 * left out.
 */
export const generateMeetingsSql = `
  insert into meetings (id, org_id, type, status, held_on, topic, recorded_on)
  select gen_random_uuid(), b.id, c.type, 'held', d.day, '${BENCH_TOPIC}' || c.type, d.day
  from orgs b
    cross join ${CALENDAR}
    cross join generate_series(0, 11) as k(i)
    cross join lateral (select make_date($1::int, k.i + 1, 1)
      + (abs(hashtext(b.id::text || c.type || k.i::text)) % (28 * c.span)) as day) d
  where b.type in ${BRANCH_TYPES} and b.dissolved_at is null
    and k.i % c.span = 0 and d.day < current_date
    and abs(hashtext(b.id::text || c.type || k.i::text || 'p')) % 100 < 55 + abs(hashtext(b.id::text)) % 45`;

export const benchMeetingsCountSql = `select count(*)::int as n from meetings
  where topic like '${BENCH_TOPIC}%' and held_on between make_date($1::int, 1, 1) and make_date($1::int, 12, 31)`;

/**
 * The best bare statement for the comparison's answer that I know: periods computed in SQL under
 * the shipped calendar, `count(distinct period)` per branch and kind (the groups' meetings counted for
 * their branch), the ended periods without a meeting as missing, totals per branch, worst first, one
 * page. $1 scope path, $2 year, $3 page size.
 */
export const comparisonBaselineSql = `
  with cal as (select * from ${CALENDAR}),
  now_ as (select extract(year from current_date)::int as y, extract(month from current_date)::int as m),
  held as (
    select case when o.type = 'group' then o.parent_id else o.id end as org_id, m.type,
      count(distinct (extract(month from m.held_on)::int - 1) / c.span) as held,
      count(distinct (extract(month from m.held_on)::int - 1) / c.span) filter (
        where $2 < n.y or ((extract(month from m.held_on)::int - 1) / c.span + 1) * c.span < n.m) as held_ended
    from meetings m join orgs o on o.id = m.org_id join cal c on c.type = m.type cross join now_ n
    where m.status = 'held' and m.held_on between make_date($2, 1, 1) and make_date($2, 12, 31)
      and o.path <@ $1::ltree
    group by 1, 2
  ), per as (
    select b.id, b.name, 12 / c.span as required, coalesce(h.held, 0) as held,
      (case when $2 < n.y then 12 / c.span when $2 > n.y then 0 else (n.m - 1) / c.span end)
        - coalesce(h.held_ended, 0) as missing
    from orgs b cross join cal c cross join now_ n left join held h on h.org_id = b.id and h.type = c.type
    where b.path <@ $1::ltree and b.type in ${BRANCH_TYPES}
      and (b.dissolved_at is null or b.dissolved_at >= make_date($2, 1, 1))
  )
  select id, name, sum(required)::int as required, sum(held)::int as held, sum(missing)::int as missing,
    sum(held)::float / nullif(sum(held) + sum(missing), 0) as rate,
    count(*) over ()::int as total
  from per group by id, name
  order by rate nulls last, name limit $3`;
