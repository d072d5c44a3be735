import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { type Actor, authorize, resolveScopeOrg, underOrg } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { presentDestination, presentMemberStats } from './presenter.js';
import { destinationRows, memberStatsRow, placeRegionOf } from './queries.js';

/**
 * API.md `/api/stats/members`, in one pass of SQL over the subtree (篇七's tables): age in whole
 * years on `asOf`; location of a mobile member by 外出流向, of anyone else by their organization's place,
 * compared with the queried organization's place (same city / same province / elsewhere).
 */
export async function memberStats(ctx: AppContext, actor: Actor, q: { orgId?: string; asOf?: string }) {
  authorize(actor, 'stats.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const asOf = q.asOf ?? today();
  const region = org ? await placeRegionOf(ctx, org.id) : null;
  const row = await memberStatsRow(ctx, underOrg(actor, org, sql`o.path`), asOf, region);
  return presentMemberStats(row, { asOf, orgId: org?.id ?? null, regionCode: region });
}

/** Mobile members by destination province, for the dashboard's map of where people went. */
export async function destinationStats(ctx: AppContext, actor: Actor, q: { orgId?: string }) {
  authorize(actor, 'stats.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const rows = await destinationRows(ctx, underOrg(actor, org, sql`o.path`));
  return { items: rows.map(presentDestination) };
}
