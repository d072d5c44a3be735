import { regionName } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { type Actor, authorize, resolveScopeOrg } from '../../lib/authz.js';

/**
 * Where the subtree's mobile members went (province, city), why, and for how long; and per branch
 * the share of current contact, report and life obligations in good standing (篇七's tables).
 */
export async function mobilityStats(ctx: AppContext, actor: Actor, orgId?: string) {
  authorize(actor, 'stats.read');
  const org = await resolveScopeOrg(ctx.database, actor, orgId);
  const scope = org ? sql`o.path <@ ${org.path}::ltree` : sql`true`;
  const open = sql`mobility_episodes e join members m on m.id = e.member_id join orgs o on o.id = m.org_id
    where ${scope} and e.status = 'open' and e.required_document is distinct from 'none' and m.exit_kind is null`;
  const [provinces, cities, reasons, durations, compliance] = await Promise.all([
    ctx.database.rows(sql`select left(e.destination_region, 2) || '0000' as code, count(*)::int as n from ${open}
      group by 1 order by n desc`),
    ctx.database.rows(sql`select left(e.destination_region, 4) || '00' as code, count(*)::int as n from ${open}
      group by 1 order by n desc limit 50`),
    ctx.database.rows(sql`select e.reason, count(*)::int as n from ${open} group by 1 order by n desc`),
    ctx.database.rows(sql`select case when e.left_on is null then 'unknown'
        when e.left_on > current_date - interval '3 months' then '<=3'
        when e.left_on > current_date - interval '6 months' then '3-6'
        when e.left_on > current_date - interval '12 months' then '6-12'
        when e.left_on > current_date - interval '24 months' then '12-24' else '>24' end as band, count(*)::int as n
      from ${open} group by 1`),
    ctx.database.rows(sql`select o.id as "orgId", o.name as "orgName", b.kind,
        count(*)::int as total, count(*) filter (where b.state = 'ok')::int as ok
      from obligations b join members m on m.id = b.member_id join orgs o on o.id = m.org_id
      where ${scope} and m.exit_kind is null group by o.id, o.name, b.kind order by o.name`),
  ]);
  // A municipality's "city" (110100) is no place of its own: name it by its province.
  const withNames = (rows: Record<string, unknown>[]) =>
    rows.map((r) => {
      const code = r.code ? String(r.code) : null;
      return {
        ...r,
        name: code
          ? (regionName(ctx.regions, code) ?? regionName(ctx.regions, `${code.slice(0, 2)}0000`))
          : null,
      };
    });
  return { provinces: withNames(provinces), cities: withNames(cities), reasons, durations, compliance };
}
