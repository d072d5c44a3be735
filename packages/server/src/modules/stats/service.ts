import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { type Actor, authorize, resolveScopeOrg } from '../../lib/authz.js';

interface StatsRow {
  total: number;
  a25: number;
  a30: number;
  a35: number;
  a40: number;
  a41: number;
  doctor: number;
  master: number;
  bachelor: number;
  college: number;
  secondary: number;
  eduOther: number;
  local: number;
  province: number;
  outside: number;
  unknown: number;
  normal: number;
  stopped: number;
  lostContact: number;
}

/** An organization's place is its own region, or else its nearest ancestor's. */
const placeOf = (orgAlias: string) =>
  sql.raw(`(select a.region_code from orgs a where ${orgAlias}.path <@ a.path and a.region_code is not null
     order by nlevel(a.path) desc limit 1)`);

/**
 * API.md `/api/stats/members`, in one pass of SQL over the subtree (篇七's tables): age in whole
 * years on `asOf`; location of a mobile member by 外出流向, of anyone else by their organization's place,
 * compared with the queried organization's place (same city / same province / elsewhere).
 */
export async function memberStats(ctx: AppContext, actor: Actor, q: { orgId?: string; asOf?: string }) {
  authorize(actor, 'stats.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const asOf = q.asOf ?? new Date().toISOString().slice(0, 10);
  const [home] = org
    ? await ctx.database.rows<{ region: string | null }>(
        sql`select ${placeOf('t')} as region from orgs t where t.id = ${org.id}`,
      )
    : [{ region: null }];
  const region = home?.region ?? null;
  const scope = org ? sql`o.path <@ ${org.path}::ltree` : sql`true`;
  const [row] = await ctx.database.rows<StatsRow>(sql`
    with places as (
      select o.id, ${placeOf('o')} as region from orgs o where ${scope}
    ), m as (
      select extract(year from age(${asOf}::date, m.birth_date)) as age, m.education, m.standing, m.lost_contact,
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
      count(*) filter (where place is not null and ${region}::text is not null
        and left(place, 4) = left(${region}::text, 4))::int as local,
      count(*) filter (where place is not null and ${region}::text is not null
        and left(place, 4) <> left(${region}::text, 4) and left(place, 2) = left(${region}::text, 2))::int as province,
      count(*) filter (where place is not null and ${region}::text is not null
        and left(place, 2) <> left(${region}::text, 2))::int as outside,
      count(*) filter (where place is null or ${region}::text is null)::int as unknown,
      count(*) filter (where standing = 'normal')::int as normal,
      count(*) filter (where standing = 'stopped')::int as stopped,
      count(*) filter (where lost_contact)::int as "lostContact"
    from m`);
  const s = row!;
  return {
    total: s.total,
    ageBands: { '<=25': s.a25, '26-30': s.a30, '31-35': s.a35, '36-40': s.a40, '>=41': s.a41 },
    education: {
      doctor: s.doctor,
      master: s.master,
      bachelor: s.bachelor,
      college: s.college,
      secondary: s.secondary,
      other: s.eduOther,
    },
    location: { local: s.local, province: s.province, outside: s.outside, unknown: s.unknown },
    standing: { normal: s.normal, stopped: s.stopped, lostContact: s.lostContact },
    asOf,
    orgId: org?.id ?? null,
    regionCode: region,
  };
}

/** Mobile members by destination province, for the dashboard's map of where people went. */
export async function destinationStats(ctx: AppContext, actor: Actor, q: { orgId?: string }) {
  authorize(actor, 'stats.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const scope = org ? sql`o.path <@ ${org.path}::ltree` : sql`true`;
  const rows = await ctx.database.rows<{ province: string | null; n: number }>(sql`
    select left(m.destination_region, 2) as province, count(*)::int as n
    from members m join orgs o on o.id = m.org_id
    where ${scope} and m.exit_kind is null and m.mobile
    group by 1 order by n desc`);
  return { items: rows.map((r) => ({ provinceCode: r.province ? `${r.province}0000` : null, count: r.n })) };
}
