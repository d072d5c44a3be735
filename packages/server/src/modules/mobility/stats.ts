import { type OutflowReason, regionName } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { type Actor, authorize, isWithin, resolveScopeOrg, underOrg } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';

const branchTypes = ['branch', 'joint_branch', 'mobile_branch', 'holding_branch', 'temporary_branch'];
const kinds = ['monthly_contact', 'monthly_report', 'org_life', 'yearly_review'] as const;

/** A kind's current period in one branch: done, not yet done (still in time), overdue; `due` = all three. */
export interface PeriodTally {
  due: number;
  done: number;
  pending: number;
  overdue: number;
}

export interface BranchRow {
  orgId: string;
  orgName: string;
  /** Members away now (an open episode). */
  mobile: number;
  /** Members flagged 失联. */
  lost: number;
  kinds: Record<(typeof kinds)[number], PeriodTally>;
}

interface PlaceCount {
  code: string | null;
  n: number;
}

const emptyTally = (): PeriodTally => ({ due: 0, done: 0, pending: 0, overdue: 0 });
const emptyKinds = () =>
  Object.fromEntries(kinds.map((k) => [k, emptyTally()])) as Record<(typeof kinds)[number], PeriodTally>;

/**
 * Per branch of the scope, every one of them (a branch with nobody away shows zeros), the current
 * period of each obligation of 篇九 "一月一联系、一月一汇报、一年一评议" and 篇三 街道 三(三)'s
 * organizational life as done / not yet done / overdue, with the members away and the members lost.
 * Done means fulfilled: a contact not yet made this month is not done, however early in the month
 * (the share an officer is assessed on is done ÷ due). A member of a 党小组 counts in its branch.
 */
async function branchComparison(ctx: AppContext, scope: SQL, asOf: string) {
  const branchLike = sql.join(
    branchTypes.map((t) => sql`${t}`),
    sql`, `,
  );
  const [units, tallies, people] = await Promise.all([
    ctx.database.rows<{ orgId: string; orgName: string }>(sql`
      select o.id as "orgId", o.name as "orgName" from orgs o
      where ${scope} and o.dissolved_at is null
        and (o.type in (${branchLike}) or (o.type <> 'group'
          and exists (select 1 from members m where m.org_id = o.id and m.exit_kind is null)))
      order by o.path`),
    ctx.database.rows<{ unitId: string; kind: string; due: number; done: number; overdue: number }>(sql`
      with unit as (${unitOf(scope, branchLike)})
      select u.unit_id as "unitId", b.kind, count(*)::int as due,
        count(*) filter (where b.fulfilled_on is not null)::int as done,
        count(*) filter (where b.fulfilled_on is null and b.due_on < ${asOf}::date)::int as overdue
      from obligations b join members m on m.id = b.member_id join unit u on u.org_id = m.org_id
      where m.exit_kind is null group by u.unit_id, b.kind`),
    ctx.database.rows<{ unitId: string; mobile: number; lost: number }>(sql`
      with unit as (${unitOf(scope, branchLike)})
      select u.unit_id as "unitId",
        count(*) filter (where m.mobile)::int as mobile,
        count(*) filter (where m.lost_contact)::int as lost
      from members m join unit u on u.org_id = m.org_id
      where m.exit_kind is null group by u.unit_id`),
  ]);
  const rows = new Map<string, BranchRow>(
    units.map((u) => [u.orgId, { ...u, mobile: 0, lost: 0, kinds: emptyKinds() }]),
  );
  for (const p of people) {
    const row = rows.get(p.unitId);
    if (row) Object.assign(row, { mobile: p.mobile, lost: p.lost });
  }
  for (const t of tallies) {
    const tally = rows.get(t.unitId)?.kinds[t.kind as (typeof kinds)[number]];
    if (tally)
      Object.assign(tally, {
        due: t.due,
        done: t.done,
        overdue: t.overdue,
        pending: t.due - t.done - t.overdue,
      });
  }
  const branches = [...rows.values()];
  const total: Omit<BranchRow, 'orgId' | 'orgName'> = { mobile: 0, lost: 0, kinds: emptyKinds() };
  for (const b of branches) {
    total.mobile += b.mobile;
    total.lost += b.lost;
    for (const k of kinds) {
      for (const f of ['due', 'done', 'pending', 'overdue'] as const) total.kinds[k][f] += b.kinds[k][f];
    }
  }
  return { branches, total };
}

/** Each organization of the scope with the branch it counts in: itself, else its nearest branch above. */
function unitOf(scope: SQL, branchLike: SQL) {
  return sql`select o.id as org_id, coalesce((select a.id from orgs a
      where ${isWithin(sql`o.path`, sql`a.path`)} and a.type in (${branchLike}) order by nlevel(a.path) desc limit 1), o.id) as unit_id
    from orgs o where ${scope}`;
}

/**
 * Where the subtree's mobile members went (province, city), why, and for how long; and the branch
 * comparison of branchComparison (篇七's tables), as of today.
 */
export async function mobilityStats(ctx: AppContext, actor: Actor, orgId?: string) {
  authorize(actor, 'stats.read');
  const org = await resolveScopeOrg(ctx.database, actor, orgId);
  const scope = underOrg(actor, org, sql`o.path`);
  const asOf = today();
  const open = sql`mobility_episodes e join members m on m.id = e.member_id join orgs o on o.id = m.org_id
    where ${scope} and e.status = 'open' and e.required_document is distinct from 'none' and m.exit_kind is null`;
  const [provinces, cities, reasons, durations, comparison] = await Promise.all([
    ctx.database.rows<PlaceCount>(sql`select left(e.destination_region, 2) || '0000' as code, count(*)::int as n from ${open}
      group by 1 order by n desc`),
    ctx.database.rows<PlaceCount>(sql`select left(e.destination_region, 4) || '00' as code, count(*)::int as n from ${open}
      group by 1 order by n desc limit 50`),
    ctx.database.rows<{ reason: OutflowReason | null; n: number }>(
      sql`select e.reason, count(*)::int as n from ${open} group by 1 order by n desc`,
    ),
    ctx.database.rows<{ band: string; n: number }>(sql`select case when e.left_on is null then 'unknown'
        when e.left_on > current_date - interval '3 months' then '<=3'
        when e.left_on > current_date - interval '6 months' then '3-6'
        when e.left_on > current_date - interval '12 months' then '6-12'
        when e.left_on > current_date - interval '24 months' then '12-24' else '>24' end as band, count(*)::int as n
      from ${open} group by 1`),
    branchComparison(ctx, scope, asOf),
  ]);
  // A municipality's "city" (110100) is no place of its own: name it by its province.
  const withNames = (rows: PlaceCount[]) =>
    rows.map(({ code, n }) => ({
      code,
      n,
      name: code
        ? (regionName(ctx.regions, code) ?? regionName(ctx.regions, `${code.slice(0, 2)}0000`))
        : null,
    }));
  return {
    asOf,
    provinces: withNames(provinces),
    cities: withNames(cities),
    reasons,
    durations,
    ...comparison,
  };
}
