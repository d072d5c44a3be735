import { type SQL, sql } from 'drizzle-orm';

/** One stored obligation of either subject, as the 预警 list reads it. */
export interface ObligationRecord {
  memberId: string | null;
  memberName: string | null;
  orgId: string;
  orgName: string;
  kind: string;
  period: string;
  dueOn: string;
  state: string;
  fulfilledOn: string | null;
}

export interface ObligationConditions {
  /** The scope, on the path of the organization the row belongs to (`o.path`). */
  scope: SQL;
  state?: string;
  kind?: string;
  memberId?: string;
}

const columns = sql`b.kind, b.period, b.due_on::text as "dueOn", b.state, b.fulfilled_on::text as "fulfilledOn"`;

/**
 * Both stores as one relation: members' obligations (of members still in the Party, under their
 * organization) and organizations' (of organizations not dissolved). Each part carries its own
 * conditions, so every index of its table serves it.
 */
function stored(c: ObligationConditions, select: { member: SQL; org: SQL }) {
  const common = [c.scope];
  if (c.state) common.push(sql`b.state = ${c.state}`);
  if (c.kind) common.push(sql`b.kind = ${c.kind}`);
  const member = [...common, sql`m.exit_kind is null`];
  if (c.memberId) member.push(sql`b.member_id::text = ${c.memberId}`);
  // An organization's obligation belongs to no member: a list narrowed to one member holds none.
  const org = c.memberId ? [sql`false`] : [...common, sql`o.dissolved_at is null`];
  return sql`
    select ${select.member} from obligations b join members m on m.id = b.member_id join orgs o on o.id = m.org_id
    where ${sql.join(member, sql` and `)}
    union all
    select ${select.org} from org_obligations b join orgs o on o.id = b.org_id
    where ${sql.join(org, sql` and `)}`;
}

const rowColumns = {
  member: sql`b.member_id::text as "memberId", m.name as "memberName", m.org_id::text as "orgId",
    o.name as "orgName", ${columns}`,
  org: sql`null::text as "memberId", null::text as "memberName", o.id::text as "orgId", o.name as "orgName", ${columns}`,
};

/** A page of the list, the most pressing first. */
export function obligationPageQuery(c: ObligationConditions, page: { limit: number; offset: number }) {
  return sql`select * from (${stored(c, rowColumns)}) x
    order by case x.state when 'breached' then 0 when 'overdue' then 1 when 'due_soon' then 2 else 3 end,
      x."dueOn", coalesce(x."memberName", x."orgName") limit ${page.limit} offset ${page.offset}`;
}

export function obligationCountQuery(c: ObligationConditions) {
  const one = sql`1`;
  return sql`select count(*)::int as n from (${stored(c, { member: one, org: one })}) x`;
}

/** Counts by kind and state over the whole scope, whatever the filters (the page's matrix). */
export function obligationSummaryQuery(scope: SQL) {
  const kindState = sql`b.kind, b.state`;
  return sql`select x.kind, x.state, count(*)::int as n
    from (${stored({ scope }, { member: kindState, org: kindState })}) x group by x.kind, x.state`;
}
