import { addDuesMonths, collectionRate, formatYuan, monthIndex, monthRange, parseYuan } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { type Actor, authorize, isWithin, loadOrgInScope, type ScopedOrg } from '../../../lib/authz.js';

/**
 * The assessed member-months of a subtree over a run of months, one row per member and month (RULES.md §1
 * 年初核定): the assessment in force for the month is the member's latest unsuperseded one of that year
 * starting on or before it; a month after the member's exit owes nothing; an approved exemption makes it
 * 0 and a reduction its reduced amount (篇二 L250). The member falls under the organization that assessed
 * them for the year (a transfer in the year brings a new assessment from its month). Columns: month,
 * member_id, org_id, path (the assessing organization's), due.
 */
export function assessedMonths(orgPath: string, from: string, to: string): SQL {
  const months =
    from === to
      ? sql`(select ${from}::text as month)`
      : sql`(select to_char(d, 'YYYY-MM') as month
          from generate_series(${`${from}-01`}::date, ${`${to}-01`}::date, interval '1 month') d)`;
  return sql`
    select mo.month, a.member_id, a.org_id, o.path,
      case r.kind when 'exemption' then 0::numeric
        when 'reduction' then least(r.monthly_amount, a.monthly_amount)
        else a.monthly_amount end as due
    from ${months} mo
    join dues_assessments a on a.year = left(mo.month, 4)::int and a.from_month <= mo.month
      and a.superseded_by is null
    join orgs o on o.id = a.org_id
    join members m on m.id = a.member_id
    left join lateral (
      select r.kind, r.monthly_amount from dues_reliefs r
      where r.member_id = a.member_id and r.status = 'approved' and r.from_month <= mo.month
        and r.to_month >= mo.month
      order by r.created_at desc limit 1) r on true
    where ${isWithin(sql`o.path`, sql`${orgPath}::ltree`)}
      and not exists (select 1 from dues_assessments b where b.member_id = a.member_id and b.year = a.year
        and b.superseded_by is null and b.from_month > a.from_month and b.from_month <= mo.month)
      and (m.exit_on is null or to_char(m.exit_on, 'YYYY-MM') >= mo.month)`;
}

interface TotalsRow {
  childId: string | null;
  childName: string | null;
  dissolved: boolean | null;
  due: string;
  paid: string;
  members: number;
  voluntary: string;
}

/**
 * due and paid of a subtree over months, one row per direct child of `org` (zeros for a child with nothing
 * assessed) and one (childId null) for the members `org` assessed itself; the CASE keeps subpath from
 * reading past the end of `org`'s own path. `paid` is what was paid *for* those months (the rows of
 * dues_payment_months, to whichever organization, RULES.md §1 L256); `voluntary` the surplus of the
 * subtree's payments made in those months, apart. One statement, one round trip.
 */
function totalsByChild(ctx: AppContext, org: ScopedOrg, from: string, to: string) {
  const level = org.path.split('.').length;
  return ctx.database.rows<TotalsRow>(sql`
    with d as (${assessedMonths(org.path, from, to)}),
    t as (
      select case when nlevel(d.path) > ${level} then subpath(d.path, ${level}, 1) end as label,
        sum(d.due) as due, coalesce(sum(p.amount), 0) as paid, count(distinct d.member_id)::int as members
      from d left join dues_payment_months p on p.member_id = d.member_id and p.month = d.month
      group by 1),
    kids as (select id, name, dissolved_at is not null as dissolved, subpath(path, ${level}, 1) as label
      from orgs where parent_id = ${org.id})
    select k.id as "childId", k.name as "childName", k.dissolved,
      coalesce(t.due, 0)::numeric(14, 2)::text as due, coalesce(t.paid, 0)::numeric(14, 2)::text as paid,
      coalesce(t.members, 0) as members,
      (select coalesce(sum(p.surplus), 0) from dues_payments p join orgs o on o.id = p.org_id
        where p.status = 'confirmed' and ${isWithin(sql`o.path`, sql`${org.path}::ltree`)}
          and p.paid_on >= ${`${from}-01`}::date
          and p.paid_on < ${`${addDuesMonths(to, 1)}-01`}::date)::numeric(14, 2)::text as voluntary
    from kids k full join t on t.label = k.label
    order by k.name nulls first, k.id`);
}

const fen = (s: string) => parseYuan(s) ?? 0n;

/**
 * The organization's months as a ledger: its totals and each direct child's, which add up (the children's
 * and the organization's own members make the whole; core `rollUpLedger` is the same arithmetic). A
 * dissolved child appears only when something is on it.
 */
async function ledgerTotals(ctx: AppContext, org: ScopedOrg, from: string, to: string) {
  const rows = await totalsByChild(ctx, org, from, to);
  let [due, paid, members] = [0n, 0n, 0];
  for (const r of rows) {
    due += fen(r.due);
    paid += fen(r.paid);
    members += r.members;
  }
  const children = rows
    .filter((r) => r.childId !== null && (!r.dissolved || r.members > 0))
    .map((r) => ({ orgId: r.childId!, orgName: r.childName!, due: r.due, paid: r.paid, members: r.members }));
  const voluntary = rows[0]?.voluntary ?? '0.00';
  return { due: formatYuan(due), paid: formatYuan(paid), members, children, voluntary };
}

/** GET /api/dues/ledger (API.md "Dues"): the subtree's month, its children's beside it. */
export async function duesLedger(ctx: AppContext, actor: Actor, q: { orgId: string; month: string }) {
  authorize(actor, 'dues.read');
  const org = await loadOrgInScope(ctx.database, actor, q.orgId);
  return { ...(await ledgerTotals(ctx, org, q.month, q.month)), orgId: org.id, month: q.month };
}

/** The months a rates query covers: the month, or the whole year. */
function ratePeriod(q: { month?: string | undefined; year?: number | undefined }): [string, string] {
  if (q.month) return [q.month, q.month];
  const y = String(q.year);
  return [`${y}-01`, `${y}-12`];
}

/** GET /api/dues/rates: each direct child's due, paid and collection rate (the console's chart). */
export async function duesRates(
  ctx: AppContext,
  actor: Actor,
  q: { orgId: string; month?: string | undefined; year?: number | undefined },
) {
  authorize(actor, 'dues.read');
  const org = await loadOrgInScope(ctx.database, actor, q.orgId);
  const [from, to] = ratePeriod(q);
  const { children } = await ledgerTotals(ctx, org, from, to);
  return {
    items: children.map((c) => ({
      orgId: c.orgId,
      orgName: c.orgName,
      due: c.due,
      paid: c.paid,
      rate: collectionRate({ dueFen: fen(c.due), paidFen: fen(c.paid) }),
    })),
  };
}

/**
 * The month up to which a member's dues are paid (the transfer letter's 党费交至, API.md "Transfers": the
 * last month paid in the dues ledger): the last paid month before the first assessed, unexempted month left
 * unpaid, so a gap is not papered over by a later payment; null when nothing was paid before it.
 */
export async function duesPaidThrough(ctx: AppContext, memberId: string): Promise<string | null> {
  const [facts] = await ctx.database.rows<{
    paid: string[] | null;
    spans: string | null;
    exempt: string | null;
  }>(
    sql`select
      (select array_agg(p.month order by p.month) from dues_payment_months p where p.member_id = ${memberId}) as paid,
      (select string_agg(a.from_month || ':' || coalesce((select min(b.from_month) from dues_assessments b
          where b.member_id = a.member_id and b.year = a.year and b.superseded_by is null
            and b.from_month > a.from_month), ''), ',')
        from dues_assessments a where a.member_id = ${memberId} and a.superseded_by is null) as spans,
      (select string_agg(r.from_month || ':' || r.to_month, ',') from dues_reliefs r
        where r.member_id = ${memberId} and r.status = 'approved' and r.kind = 'exemption') as exempt`,
  );
  const paid = facts?.paid ?? [];
  const last = paid.at(-1);
  if (!last) return null;
  const paidSet = new Set(paid);
  const exempt = new Set(
    (facts?.exempt ?? '')
      .split(',')
      .filter(Boolean)
      .flatMap((s) => monthRange(...(s.split(':') as [string, string]))),
  );
  const owed = (facts?.spans ?? '')
    .split(',')
    .filter(Boolean)
    .flatMap((s) => {
      const [start, next] = s.split(':') as [string, string];
      const end = next ? addDuesMonths(next, -1) : `${start.slice(0, 4)}-12`;
      return monthRange(start, end.localeCompare(last) < 0 ? end : last);
    })
    .filter((m) => !exempt.has(m) && !paidSet.has(m))
    .sort((a, b) => monthIndex(a) - monthIndex(b));
  const gap = owed[0];
  if (gap === undefined) return last;
  return paid.filter((m) => monthIndex(m) < monthIndex(gap)).at(-1) ?? null;
}
