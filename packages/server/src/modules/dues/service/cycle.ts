import { randomUUID } from 'node:crypto';
import {
  type DuesCategory,
  type DuesCycleStatus,
  type DuesMemberState,
  formatYuan,
  memberMonthState,
  nextCycleStatus,
  parseYuan,
} from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { type Actor, authorize, can, loadOrgInScope, type ScopedOrg } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { loadMemberInScope } from '../../members/index.js';

const fen = (s: string | null) => (s === null ? 0n : (parseYuan(s) ?? 0n));

interface CycleMemberRow {
  memberId: string;
  memberName: string;
  category: DuesCategory | null;
  monthly: string;
  reliefKind: 'reduction' | 'exemption' | null;
  reliefAmount: string | null;
  paidAmount: string | null;
  paymentId: string | null;
  receiptNumber: string | null;
  paidOn: string | null;
  delayReason: string | null;
}

/**
 * The branch's members assessed for the month (its own members, not the subtree's: a branch runs its own
 * month), each with what is due, what was paid for the month and any delay.
 */
async function cycleMembers(ctx: AppContext, orgId: string, month: string, ex?: Executor) {
  const year = Number(month.slice(0, 4));
  const rows = await ctx.database.rows<CycleMemberRow>(
    sql`select m.id as "memberId", m.name as "memberName", a.category, a.monthly_amount::text as monthly,
          r.kind as "reliefKind", r.monthly_amount::text as "reliefAmount", pm.amount::text as "paidAmount",
          pm.payment_id as "paymentId", p.receipt_number as "receiptNumber", pm.paid_on::text as "paidOn",
          d.reason as "delayReason"
        from members m
        join lateral (select category, monthly_amount from dues_assessments
          where member_id = m.id and year = ${year} and superseded_by is null and from_month <= ${month}
          order by from_month desc limit 1) a on true
        left join lateral (select kind, monthly_amount from dues_reliefs
          where member_id = m.id and status = 'approved' and from_month <= ${month} and to_month >= ${month}
          order by created_at desc limit 1) r on true
        left join dues_payment_months pm on pm.member_id = m.id and pm.month = ${month}
        left join dues_payments p on p.id = pm.payment_id
        left join dues_cycles c on c.org_id = ${orgId} and c.month = ${month}
        left join dues_delays d on d.cycle_id = c.id and d.member_id = m.id
        where m.org_id = ${orgId}
          and (m.exit_on is null or to_char(m.exit_on, 'YYYY-MM') >= ${month})
          and (m.joined_on is null or to_char(m.joined_on, 'YYYY-MM') <= ${month})
        order by m.name`,
    ex,
  );
  return rows.map((r) => {
    const exempt = r.reliefKind === 'exemption';
    const reduced =
      r.reliefKind === 'reduction' && r.reliefAmount !== null && fen(r.reliefAmount) < fen(r.monthly);
    const dueFen = exempt ? 0n : reduced ? fen(r.reliefAmount) : fen(r.monthly);
    const state: DuesMemberState = memberMonthState({
      paid: r.paymentId !== null,
      exempt,
      delayReason: r.delayReason,
    });
    return {
      memberId: r.memberId,
      memberName: r.memberName,
      category: r.category,
      dueFen,
      paidFen: fen(r.paidAmount),
      state,
      delayReason: r.delayReason,
      paymentId: r.paymentId,
      receiptNumber: r.receiptNumber,
      paidOn: r.paidOn,
    };
  });
}

async function cycleRow(ctx: AppContext, orgId: string, month: string, ex?: Executor, lock = false) {
  const [row] = await ctx.database.rows<{ id: string; status: DuesCycleStatus; settledOn: string | null }>(
    sql`select id, status, settled_on::text as "settledOn" from dues_cycles
        where org_id = ${orgId} and month = ${month} ${lock ? sql`for update` : sql``}`,
    ex,
  );
  return row ?? null;
}

async function view(ctx: AppContext, actor: Actor, org: ScopedOrg, month: string) {
  const [cycle, members] = await Promise.all([
    cycleRow(ctx, org.id, month),
    cycleMembers(ctx, org.id, month),
  ]);
  const status = cycle?.status ?? 'open';
  const counts = { paid: 0, unpaid: 0, exempt: 0, delayed: 0 };
  for (const m of members) counts[m.state] += 1;
  const write = can(actor, 'dues.write');
  return {
    orgId: org.id,
    orgName: org.name,
    month,
    status,
    settledOn: cycle?.settledOn ?? null,
    due: formatYuan(members.reduce((a, m) => a + m.dueFen, 0n)),
    paid: formatYuan(members.reduce((a, m) => a + m.paidFen, 0n)),
    counts,
    members: members.map(({ dueFen, paidFen, ...m }) => ({
      ...m,
      due: formatYuan(dueFen),
      paid: formatYuan(paidFen),
    })),
    abilities: {
      record: write,
      collect: write && status === 'open',
      settle: write && status !== 'settled' && counts.unpaid === 0,
    },
  };
}

export async function readCycle(ctx: AppContext, actor: Actor, orgId: string, month: string) {
  authorize(actor, 'dues.read');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  return view(ctx, actor, org, month);
}

/** The cycle's row, created open on first use (no row reads as open). */
async function ensureCycle(ctx: AppContext, tx: Executor, orgId: string, month: string) {
  await ctx.database.rows(
    sql`insert into dues_cycles (id, org_id, month, status) values (${randomUUID()}, ${orgId}, ${month}, 'open')
        on conflict (org_id, month) do nothing`,
    tx,
  );
  return (await cycleRow(ctx, orgId, month, tx, true))!;
}

/** open → collecting → settled (issue 10 item 3); settling checks every member (core nextCycleStatus). */
export async function advanceCycle(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  month: string,
  action: 'collect' | 'settle',
  today: string,
) {
  authorize(actor, 'dues.write');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  await write(ctx, actor, async (tx, w) => {
    const cycle = await ensureCycle(ctx, tx, org.id, month);
    const members = action === 'settle' ? await cycleMembers(ctx, org.id, month, tx) : [];
    const status = nextCycleStatus(cycle.status, action, members);
    await ctx.database.rows(
      sql`update dues_cycles set status = ${status},
            settled_on = ${status === 'settled' ? today : null}, settled_by = ${status === 'settled' ? actor.userId : null}
          where id = ${cycle.id}`,
      tx,
    );
    w.audit({
      action: `dues.cycle_${action}`,
      entity: 'org',
      entityId: org.id,
      orgId: org.id,
      orgPath: org.path,
      before: { month, status: cycle.status },
      after: { month, status },
    });
  });
  return view(ctx, actor, org, month);
}

/** Marks a member delayed in the month with the reason (缓交), or clears it (reason null). */
export async function markDelayed(
  ctx: AppContext,
  actor: Actor,
  input: { orgId: string; month: string; memberId: string; reason: string | null },
) {
  authorize(actor, 'dues.write');
  const org = await loadOrgInScope(ctx.database, actor, input.orgId);
  const member = await loadMemberInScope(ctx, actor, input.memberId);
  if (member.orgId !== org.id) throw new AppError('MEMBER_NOT_FOUND', '该党员不在此党支部');
  await write(ctx, actor, async (tx, w) => {
    const cycle = await ensureCycle(ctx, tx, org.id, input.month);
    if (cycle.status === 'settled') throw new AppError('CYCLE_SETTLED');
    if (input.reason === null) {
      await ctx.database.rows(
        sql`delete from dues_delays where cycle_id = ${cycle.id} and member_id = ${member.id}`,
        tx,
      );
    } else {
      await ctx.database.rows(
        sql`insert into dues_delays (cycle_id, member_id, reason, created_by)
            values (${cycle.id}, ${member.id}, ${input.reason}, ${actor.userId})
            on conflict (cycle_id, member_id) do update set reason = excluded.reason`,
        tx,
      );
    }
    w.audit({
      action: 'dues.delay',
      entity: 'member',
      entityId: member.id,
      orgId: org.id,
      orgPath: org.path,
      after: { month: input.month, reason: input.reason },
    });
  });
  return view(ctx, actor, org, input.month);
}
