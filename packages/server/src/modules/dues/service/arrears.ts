import { addDuesMonths, monthOfDate } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { type Actor, authorize, isWithin, loadOrgInScope } from '../../../lib/authz.js';

/** 'YYYY-MM' as a month index (year × 12 + month), in SQL. */
const monthNo = (m: SQL) => sql`(left(${m}, 4)::int * 12 + right(${m}, 2)::int)`;

/**
 * The assessed spans of the organizations `scope` admits (a condition on `o.path`, the assessing
 * organization's) from `first` to `last` (each unsuperseded assessment from its month to the end of
 * its year, the month before the member's next assessment that year, the member's exit, or `last`), then
 * their unpaid months (RULES.md §1; API.md arrears). Set-based in two steps so that 1M members stay within
 * seconds: a span whose paid months (an index range on dues_payment_months' key) cover it is dropped before
 * any month is generated, and only the rest is expanded month by month and anti-joined against payments
 * and approved exemptions. Columns: member_id, org_id, month, amount.
 */
export function unpaidMonthsSql(scope: SQL, first: string, last: string): SQL {
  return sql`
    with spans as (
      select a.member_id, a.org_id, greatest(a.from_month, ${first}::text) as s,
        least(a.year::text || '-12', ${last}::text,
          coalesce(to_char(m.exit_on, 'YYYY-MM'), '9999-12'),
          coalesce((select to_char(to_date(min(b.from_month), 'YYYY-MM') - interval '1 month', 'YYYY-MM')
            from dues_assessments b where b.member_id = a.member_id and b.year = a.year
              and b.superseded_by is null and b.from_month > a.from_month), '9999-12')) as e,
        a.monthly_amount
      from dues_assessments a join orgs o on o.id = a.org_id join members m on m.id = a.member_id
      where ${scope} and a.superseded_by is null and a.from_month <= ${last}
        and a.year >= left(${first}, 4)::int),
    owing as (
      select sp.* from spans sp
      where sp.s <= sp.e and ${monthNo(sql`sp.e`)} - ${monthNo(sql`sp.s`)} + 1 >
        (select count(*) from dues_payment_months p where p.member_id = sp.member_id
           and p.month >= sp.s and p.month <= sp.e))
    select ow.member_id, ow.org_id, mo.month,
      case r.kind when 'reduction' then least(r.monthly_amount, ow.monthly_amount) else ow.monthly_amount end
        as amount
    from owing ow
    cross join lateral (select to_char(g, 'YYYY-MM') as month from generate_series(
      to_date(ow.s, 'YYYY-MM'), to_date(ow.e, 'YYYY-MM'), interval '1 month') g) mo
    left join lateral (
      select r.kind, r.monthly_amount from dues_reliefs r
      where r.member_id = ow.member_id and r.status = 'approved' and r.from_month <= mo.month
        and r.to_month >= mo.month
      order by r.created_at desc limit 1) r on true
    where r.kind is distinct from 'exemption'
      and not exists (select 1 from dues_payment_months p where p.member_id = ow.member_id and p.month = mo.month)`;
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
  const rows = await ctx.database.rows<ArrearsRow>(sql`
    with u as (${unpaidMonthsSql(isWithin(sql`o.path`, sql`${org.path}::ltree`), '0000-01', addDuesMonths(current, -1))}),
    g as (
      select member_id, (array_agg(org_id order by month desc))[1] as org_id,
        string_agg(month, ',' order by month) as months, sum(amount)::numeric(14, 2)::text as amount
      from u group by member_id)
    select g.member_id as "memberId", m.name as "memberName", g.org_id as "orgId", o.name as "orgName",
      g.months, g.amount
    from g join members m on m.id = g.member_id join orgs o on o.id = g.org_id`);
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
