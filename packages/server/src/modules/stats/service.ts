import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { type Actor, authorize, resolveScopeOrg } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';

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

/**
 * API.md `/api/stats/members`, in one pass of SQL over the subtree (篇七's tables): age in whole
 * years on `asOf`; location of a mobile member by 外出流向, of anyone else by their organization's place,
 * compared with the queried organization's place (same city / same province / elsewhere).
 */
export async function memberStats(ctx: AppContext, actor: Actor, q: { orgId?: string; asOf?: string }) {
  authorize(actor, 'stats.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const asOf = q.asOf ?? today();
  const [home] = org
    ? await ctx.database.rows<{ region: string | null }>(
        sql`select place_region as region from orgs where id = ${org.id}`,
      )
    : [{ region: null }];
  const region = home?.region ?? null;
  const scope = org ? sql`o.path <@ ${org.path}::ltree` : sql`true`;
  // Each organization carries its inherited place (orgs.place_region, kept by the orgs service);
  // age bands are birth-date bounds, so the member scan does no date arithmetic.
  const band = (years: number) => sql`(${asOf}::date - make_interval(years => ${years}))`;
  const place = sql`(case when m.mobile then m.destination_region else o.place_region end)`;
  const query = sql`
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
      count(*) filter (where ${place} is not null and ${region}::text is not null
        and left(${place}, 4) = left(${region}::text, 4))::int as local,
      count(*) filter (where ${place} is not null and ${region}::text is not null
        and left(${place}, 4) <> left(${region}::text, 4) and left(${place}, 2) = left(${region}::text, 2))::int as province,
      count(*) filter (where ${place} is not null and ${region}::text is not null
        and left(${place}, 2) <> left(${region}::text, 2))::int as outside,
      count(*) filter (where ${place} is null or ${region}::text is null)::int as unknown,
      count(*) filter (where m.standing = 'normal')::int as normal,
      count(*) filter (where m.standing = 'stopped')::int as stopped,
      count(*) filter (where m.lost_contact)::int as "lostContact"
    from members m join orgs o on o.id = m.org_id
    where ${scope} and m.exit_kind is null`;
  // One scan over the whole subtree: here parallel workers pay off (the pool turns them off).
  const [row] = await ctx.database.db.transaction(async (tx) => {
    if (ctx.database.engine === 'postgres')
      await tx.execute(sql`set local max_parallel_workers_per_gather = 2`);
    return ctx.database.rows<StatsRow>(query, tx);
  });
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
