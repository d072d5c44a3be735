// Mobile-member data (issue 4) for a generated database: one open 外出 episode per mobile member, and
// a few contacts, thought reports, organizational-life records and yearly reviews for each, written
// set-based in SQL (INSERT … SELECT over the members already there). Every choice is a hash of the
// member id (and month/slot), so the same members always get the same history; $1 is "today".
//
// Diligence (hash % 100) sets how regularly a member is contacted and reports: < 50 → 90 % of
// months, < 80 → 60 %, < 95 → 30 %, else never, so the obligations come out as a mix of ok,
// due_soon, overdue and breached.

/** The tables this step fills (and `--force-mobility` empties again, with the obligations). */
export const MOBILITY_TABLES = [
  'mobility_episodes',
  'contact_attempts',
  'thought_reports',
  'life_records',
  'yearly_reviews',
];

// A non-negative 31-bit hash of a text.
const h = (expr) => `(hashtext(${expr}) & 2147483647)`;

const SHORT_RULE =
  '外出 3–6 个月，外出前报告事由、时间、地点及联系方法，领取流动党员活动证并登记外出党员登记簿（篇三 镇 第十一条）';
const LONG_RULE =
  '外出 6 个月以上但地点不固定，组织关系留在原党组织，使用流动党员活动证，每年至少汇报两次（篇三 镇 第十一条）';

const REPORTS = [
  '本月在外务工，坚持每周学习党的理论，通过线上方式参加了支部主题党日，工作中遵守纪律，积极发挥党员作用。',
  '本月继续在外经商，按时收听学习强国党课，关注家乡发展，向支部汇报思想和工作情况，无违纪违法行为。',
  '本月学习了党的二十届三中全会精神，结合本职工作谈体会；在所在单位参加志愿服务一次，按月交纳党费。',
  '本月工作较忙，利用业余时间学习党章党规，与支部书记电话联系一次，思想稳定，工作表现良好。',
];

/** Months k = 0..5 back from this month that fall inside the episode, with a day in each. */
const recentMonths = (salt) => `
    cross join generate_series(0, 5) k
    cross join lateral (select (date_trunc('month', $1::date)::date - make_interval(months => k))::date as ms) mm
    cross join lateral (select greatest(mm.ms, e.left_on) as lo,
        least((mm.ms + interval '1 month - 1 day')::date, $1::date) as hi,
        ${h(`e.member_id::text || '${salt}' || k`)} as hk) w`;

const diligence = (salt) => `
    cross join lateral (select ${h(`e.member_id::text || '${salt}'`)} % 100 as d) g`;
const byDiligence = `case when g.d < 50 then 90 when g.d < 80 then 60 when g.d < 95 then 30 else 0 end`;

/** [label, sql] in order; run in one transaction. */
export const mobilityInserts = [
  [
    'mobility_episodes',
    `insert into mobility_episodes (id, member_id, origin_org_id, left_on, expected_months, reason,
       destination_region, fixed_place, host_has_party_org, contact_enc, contact_masked,
       required_document, rule, status)
     select gen_random_uuid(), m.id, m.org_id, $1::date - (30 + x.a % 700), y.months, y.reason,
       m.destination_region, false, x.c % 3 = 0, m.phone_enc, m.phone_masked, 'activity_certificate',
       case when y.months <= 6 then '${SHORT_RULE}' else '${LONG_RULE}' end, 'open'
     from members m
     cross join lateral (select ${h(`m.id::text || ':a'`)} as a, ${h(`m.id::text || ':b'`)} as b,
         ${h(`m.id::text || ':c'`)} as c) x
     cross join lateral (select case when x.b % 20 = 0 then 'study' when x.b % 20 < 5 then 'business'
         when x.b % 20 = 5 then 'other' else 'work' end as reason) r
     cross join lateral (select r.reason, (case when r.reason = 'study' then 7 + (x.b / 20) % 18
         else 4 + ((x.b / 20) % 41) / 2.0 end)::float8 as months) y
     where m.mobile and m.exit_kind is null and m.destination_region is not null`,
  ],
  [
    'contact_attempts',
    `insert into contact_attempts (id, member_id, contacted_on, channel, reached, by_name)
     select gen_random_uuid(), e.member_id, w.lo + (w.hk / 10) % (w.hi - w.lo + 1), 'phone',
       w.hk % 10 < 8, '支部书记'
     from mobility_episodes e ${diligence(':contact')} ${recentMonths(':c')}
     where mm.ms >= date_trunc('month', e.left_on)::date and w.hi >= w.lo
       and (w.hk / 1000) % 100 < ${byDiligence}`,
  ],
  [
    'thought_reports',
    `insert into thought_reports (id, member_id, month, content, submitted_at)
     select gen_random_uuid(), e.member_id, to_char(mm.ms, 'YYYY-MM'),
       (array['${REPORTS.join("','")}'])[1 + w.hk % ${REPORTS.length}],
       (w.lo + (w.hk / 10) % (w.hi - w.lo + 1))::timestamptz + interval '20 hours'
     from mobility_episodes e ${diligence(':report')} ${recentMonths(':r')}
     where mm.ms >= date_trunc('month', e.left_on)::date and w.hi >= w.lo
       and (w.hk / 1000) % 100 < ${byDiligence}`,
  ],
  [
    'life_records',
    `insert into life_records (id, member_id, org_id, held_on, mode, topic)
     select gen_random_uuid(), e.member_id, e.origin_org_id,
       e.left_on + (x.hk / 2) % ($1::date - e.left_on + 1), 'online', '主题党日（线上参加）'
     from mobility_episodes e
     cross join generate_series(1, 3) j
     cross join lateral (select ${h(`e.member_id::text || ':l' || j`)} as hk) x
     where x.hk % 2 = 0`,
  ],
  [
    'yearly_reviews',
    `insert into yearly_reviews (id, member_id, year, result, reviewed_by)
     select gen_random_uuid(), e.member_id, y, 'qualified', '支部委员会'
     from mobility_episodes e
     cross join generate_series(extract(year from e.left_on)::int, extract(year from $1::date)::int - 1) y
     where ${h(`e.member_id::text || ':v' || y`)} % 10 < 7`,
  ],
];

/** Mobile members whose flags and episode disagree (should be 0). */
export const mobilityConsistencySql = `
  select count(*)::int as n from members m left join mobility_episodes e on e.member_id = m.id and e.status = 'open'
  where m.exit_kind is null and (m.mobile <> (e.id is not null)
    or (e.id is not null and e.destination_region is distinct from m.destination_region))`;
