import { addDuesMonths, monthOfDate } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { type Actor, authorize, isWithin, loadOrgInScope } from '../../../lib/authz.js';

/**
 * The assessed months of the organizations `scope` admits (a condition on `o.path`, the assessing
 * organization's) from `first` to `last` that are unpaid (RULES.md §1; API.md arrears): per member and
 * year, the months from the year's first assessment (a later one in the year only changes the amount) to
 * December, `last` or the member's exit, less the months paid and the approved exemptions. Set-based and
 * month-free until the end so that 1M members stay within seconds: each member-year is a 12-bit mask
 * (assessed, paid — one aggregate over dues_payment_months, a hash join at county scale and an index range
 * for a branch — and exempt), and only the unpaid bits become rows, priced by the assessment in force for
 * that month and its reduction (篇二 L250). Columns: member_id, org_id, month, amount.
 */
export function unpaidMonthsSql(scope: SQL, first: string, last: string): SQL {
  const bit = (month: SQL) => sql`(1 << (right(${month}, 2)::int - 1))`;
  return sql`
    with ay as (
      select a.member_id, a.year, greatest(min(a.from_month), ${first}::text) as s
      from dues_assessments a join orgs o on o.id = a.org_id
      where ${scope} and a.superseded_by is null and a.from_month <= ${last}
        and a.year >= left(${first}, 4)::int
      group by a.member_id, a.year),
    span as (
      select ay.member_id, ay.year, ay.s,
        least(ay.year::text || '-12', ${last}::text, coalesce(to_char(m.exit_on, 'YYYY-MM'), '9999-12')) as e
      from ay join members m on m.id = ay.member_id),
    masked as (
      select sp.member_id, sp.year,
        ((1 << (right(sp.e, 2)::int - right(sp.s, 2)::int + 1)) - 1) << (right(sp.s, 2)::int - 1) as due,
        coalesce(bit_or(${bit(sql`p.month`)}), 0) as paid
      from span sp
      left join dues_payment_months p on p.member_id = sp.member_id and left(p.month, 4)::int = sp.year
        and p.month >= sp.s and p.month <= sp.e
      where sp.s <= sp.e
      group by sp.member_id, sp.year, sp.s, sp.e),
    exempt as (
      select r.member_id, y.year, bit_or(${bit(sql`mo.month`)}) as months
      from dues_reliefs r
      cross join lateral generate_series(left(r.from_month, 4)::int, left(r.to_month, 4)::int) y(year)
      cross join lateral (select to_char(g, 'YYYY-MM') as month from generate_series(
        to_date(greatest(r.from_month, y.year::text || '-01'), 'YYYY-MM'),
        to_date(least(r.to_month, y.year::text || '-12'), 'YYYY-MM'), interval '1 month') g) mo
      where r.status = 'approved' and r.kind = 'exemption' and r.to_month >= ${first}
      group by r.member_id, y.year),
    unpaid as materialized (
      select k.member_id, k.year, k.due & ~k.paid & ~coalesce(x.months, 0) as months
      from masked k left join exempt x on x.member_id = k.member_id and x.year = k.year
      where k.due & ~k.paid & ~coalesce(x.months, 0) <> 0)
    select u.member_id, f.org_id, mo.month,
      case r.kind when 'reduction' then least(r.monthly_amount, f.monthly_amount) else f.monthly_amount end
        as amount
    from unpaid u
    cross join lateral (select u.year::text || '-' || lpad(b::text, 2, '0') as month from generate_series(1, 12) b
      where (u.months >> (b - 1)) & 1 = 1) mo
    cross join lateral (
      select a.org_id, a.monthly_amount from dues_assessments a
      where a.member_id = u.member_id and a.year = u.year and a.superseded_by is null and a.from_month <= mo.month
      order by a.from_month desc limit 1) f
    left join lateral (
      select r.kind, r.monthly_amount from dues_reliefs r
      where r.member_id = u.member_id and r.status = 'approved' and r.kind = 'reduction'
        and r.from_month <= mo.month and r.to_month >= mo.month
      order by r.created_at desc limit 1) r on true`;
}

/**
 * Runs a statement over a whole subtree with parallel workers on PostgreSQL (the pool turns them off for
 * the many short queries; a county's arrears is one scan of its payments, as the statistics are).
 */
export function wholeScan<T>(ctx: AppContext, query: SQL): Promise<T[]> {
  return ctx.database.db.transaction(async (tx) => {
    if (ctx.database.engine === 'postgres')
      await tx.execute(sql`set local max_parallel_workers_per_gather = 2`);
    return ctx.database.rows<T>(query, tx);
  });
}

interface ArrearsRow {
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  months: string;
  amount: string;
}

/** The unpaid run ending with `before`'s previous month (篇三 L380: 连续 6 个月不交纳党费). */
export function runBefore(months: Set<string>, before: string): number {
  let run = 0;
  for (let m = addDuesMonths(before, -1); months.has(m); m = addDuesMonths(m, -1)) run += 1;
  return run;
}

/**
 * GET /api/dues/arrears (API.md "Dues"): per member of the subtree, the assessed, unexempted months before
 * the month of `asOf` that are unpaid, `since` the first of them; with the name, the organization that
 * assessed the member last, what the months come to and the unpaid run before `asOf` (the 6-month rule).
 */
export async function duesArrears(ctx: AppContext, actor: Actor, q: { orgId: string; asOf: string }) {
  authorize(actor, 'dues.read');
  const org = await loadOrgInScope(ctx.database, actor, q.orgId);
  const current = monthOfDate(q.asOf);
  const rows = await wholeScan<ArrearsRow>(
    ctx,
    sql`
    with u as (${unpaidMonthsSql(isWithin(sql`o.path`, sql`${org.path}::ltree`), '0000-01', addDuesMonths(current, -1))}),
    g as (
      select member_id, (array_agg(org_id order by month desc))[1] as org_id,
        string_agg(month, ',' order by month) as months, sum(amount)::numeric(14, 2)::text as amount
      from u group by member_id)
    select g.member_id as "memberId", m.name as "memberName", g.org_id as "orgId", o.name as "orgName",
      g.months, g.amount
    from g join members m on m.id = g.member_id join orgs o on o.id = g.org_id`,
  );
  const items = rows.map((r) => {
    const months = r.months.split(',');
    return {
      memberId: r.memberId,
      unpaidMonths: months.length,
      since: months[0]!,
      memberName: r.memberName,
      orgId: r.orgId,
      orgName: r.orgName,
      consecutive: runBefore(new Set(months), current),
      amount: r.amount,
    };
  });
  items.sort(
    (a, b) =>
      b.unpaidMonths - a.unpaidMonths ||
      a.since.localeCompare(b.since) ||
      a.memberId.localeCompare(b.memberId),
  );
  return { items };
}
