import { type DuesMonth, type duesMobileItemSchema, type duesPaymentBody, monthOfDate } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { type Actor, authorize, isWithin, loadOrgInScope, memberSubtree } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { type loadMemberInScope, memberColumns } from '../../members/index.js';
import { recordPayment } from './payments.js';

/**
 * Mobile members' months (RULES.md §1 L252/L256 decision: to the inflow organization, or to the outflow one
 * until settled, never both — one row per member-month): months of the year paid away from the member's
 * organization, or to it while the member was away, as both sides see them (the member's organization or
 * the collecting one in the subtree). `catchUp` marks the inflow side's back-payment beyond the limit.
 */
export async function duesMobile(
  ctx: AppContext,
  actor: Actor,
  q: { orgId: string; year?: number | undefined },
) {
  authorize(actor, 'dues.read');
  const org = await loadOrgInScope(ctx.database, actor, q.orgId);
  const year = String(q.year ?? new Date().getFullYear());
  const items = await ctx.database.rows<z.output<typeof duesMobileItemSchema>>(sql`
    select pm.member_id as "memberId", m.name as "memberName", m.org_id as "homeOrgId", h.name as "homeOrgName",
      pm.month, pm.org_id as "paidToOrgId", c.name as "paidToOrgName",
      case when pm.org_id = m.org_id then 'outflow' else 'inflow' end as side,
      pm.payment_id as "paymentId", p.catch_up as "catchUp"
    from dues_payment_months pm
    join dues_payments p on p.id = pm.payment_id
    join members m on m.id = pm.member_id
    join orgs h on h.id = m.org_id
    join orgs c on c.id = pm.org_id
    where left(pm.month, 4) = ${year}
      and (${isWithin(sql`h.path`, sql`${org.path}::ltree`)} or ${isWithin(sql`c.path`, sql`${org.path}::ltree`)})
      and (pm.org_id <> m.org_id or exists (select 1 from mobility_episodes e where e.member_id = pm.member_id
        and e.left_on <= p.paid_on and (e.returned_on is null or e.returned_on >= p.paid_on)))
    order by m.name, pm.member_id, pm.month`);
  return { items };
}

type HostedMember = Awaited<ReturnType<typeof loadMemberInScope>> & {
  inflowOrgId: string;
  leftOn: string;
  settledOn: string;
};

/**
 * A member hosted by an organization of the caller's subtree: the open episode names it as the inflow
 * organization. The host sees the member through the episode, not the registry (lib/authz.ts), so only
 * this payment path loads the member that way; anyone else is 404.
 */
async function hostedMember(ctx: AppContext, actor: Actor, memberId: string): Promise<HostedMember> {
  const [row] = await ctx.database.rows<HostedMember>(sql`
    select ${memberColumns}, o.path::text as "orgPath", e.inflow_org_id as "inflowOrgId",
      coalesce(e.left_on, e.created_at::date)::text as "leftOn",
      coalesce(e.inflow_on, e.left_on, e.created_at::date)::text as "settledOn"
    from mobility_episodes e join members m on m.id = e.member_id join orgs o on o.id = m.org_id
    where e.member_id = ${memberId}::uuid and e.status = 'open' and m.exit_kind is null
      and ${memberSubtree(actor, sql`e.inflow_org_id`)}
    order by e.left_on desc nulls last limit 1`);
  if (!row) throw new AppError('MEMBER_NOT_FOUND');
  return row;
}

/**
 * The inflow side records a mobile member's payment (RULES.md §1 L252/L256 decision): collected by the
 * inflow organization. The months away before it was settled there (departure to 流入登记) may be paid
 * now as a catch-up beyond the 6-month back-pay limit — unless the outflow side was paid for them, which
 * is MONTH_PAID as any repeat: never both. The rest is the ordinary payment (API.md POST /api/dues/payments).
 */
export async function recordInflowPayment(
  ctx: AppContext,
  actor: Actor,
  body: z.output<typeof duesPaymentBody>,
) {
  authorize(actor, 'dues.write');
  const member = await hostedMember(ctx, actor, body.memberId);
  const [away, settled] = [monthOfDate(member.leftOn), monthOfDate(member.settledOn)];
  return recordPayment(ctx, actor, body, {
    collectorOrgId: member.inflowOrgId,
    backPayExempt: (m: DuesMonth) => away <= m && m < settled,
    member,
  });
}
