import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { DestinationRow, StatsRow } from './presenter.js';

export async function placeRegionOf(ctx: AppContext, orgId: string) {
  const [home] = await ctx.database.rows<{ region: string | null }>(
    sql`select place_region as region from orgs where id = ${orgId}`,
  );
  return home?.region ?? null;
}

/**
 * The counts of `/api/stats/members` in one pass over the members under `scope`. Each organization
 * carries its inherited place (orgs.place_region, kept by the orgs service); age bands are birth-date
 * bounds, so the member scan does no date arithmetic.
 */
export async function memberStatsRow(ctx: AppContext, scope: SQL, asOf: string, region: string | null) {
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
  return row!;
}

export function destinationRows(ctx: AppContext, scope: SQL) {
  return ctx.database.rows<DestinationRow>(sql`
    select left(m.destination_region, 2) as province, count(*)::int as n
    from members m join orgs o on o.id = m.org_id
    where ${scope} and m.exit_kind is null and m.mobile
    group by 1 order by n desc`);
}
