import { randomUUID } from 'node:crypto';
import {
  type DuesMonth,
  type duesPaymentBody,
  type duesPaymentListQuery,
  formatReceiptNumber,
  formatYuan,
  type myDuesPaymentBody,
} from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { duesPaymentMonths, duesPayments } from '../../../db/schema.js';
import { type Actor, authorize, loadOrgInScope, underOrgId } from '../../../lib/authz.js';
import { AppError, isUniqueViolation } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { loadMemberInScope } from '../../members/index.js';
import { effectivePolicy } from '../../policies/index.js';
import { presentPayment } from '../presenter.js';
import { loadPaymentInScope, nextReceiptSequence, paymentRows } from '../queries.js';
import { checkMonths, type Priced, priceMonths } from './pricing.js';

type PaymentBody = z.output<typeof duesPaymentBody>;

const answer = (id: string, receiptNumber: string | null, status: string, p: Priced) => ({
  id,
  receiptNumber,
  status: status as 'confirmed',
  due: formatYuan(p.dueFen),
  surplus: formatYuan(p.surplusFen),
  largeDues: p.largeDues,
});

/** Receipt numbers run per collecting organization per year of payment. */
async function receiptFor(ctx: AppContext, tx: Executor, orgId: string, paidOn: string) {
  const year = Number(paidOn.slice(0, 4));
  return formatReceiptNumber(year, await nextReceiptSequence(ctx, tx, orgId, year));
}

/** One row per member-month paid: the unique key is "every month paid at most once" (RULES.md §1). */
async function insertMonths(
  tx: Executor,
  payment: { id: string; memberId: string; orgId: string; paidOn: string },
  perMonth: Map<DuesMonth, bigint>,
) {
  await tx
    .insert(duesPaymentMonths)
    .values(
      [...perMonth].map(([month, fen]) => ({
        memberId: payment.memberId,
        month,
        paymentId: payment.id,
        orgId: payment.orgId,
        amount: formatYuan(fen),
        paidOn: payment.paidOn,
      })),
    )
    .catch(monthPaidOnRace);
}

/** A concurrent payment of the same month loses on the unique key: the same 409 as the check. */
function monthPaidOnRace(err: unknown): never {
  if (isUniqueViolation(err)) throw new AppError('MONTH_PAID');
  throw err;
}

/**
 * Staff record a payment (API.md `POST /api/dues/payments`): by the member or on their behalf (代缴,
 * `paidBy`, 篇二 L224); confirmed and numbered at once. `collectorOrgId` names another collecting
 * organization (a mobile member's inflow side) and `backPayExempt` the catch-up months the back-pay
 * limit does not reach (RULES.md §1 decision on L256); both are for callers that checked them. `member` is
 * the member as such a caller loaded it (the inflow side holds a hosted member through the episode).
 */
export async function recordPayment(
  ctx: AppContext,
  actor: Actor,
  body: PaymentBody,
  opts: {
    collectorOrgId?: string;
    backPayExempt?: (month: DuesMonth) => boolean;
    member?: Awaited<ReturnType<typeof loadMemberInScope>>;
  } = {},
) {
  authorize(actor, 'dues.write');
  const member = opts.member ?? (await loadMemberInScope(ctx, actor, body.memberId));
  if (body.paidBy?.memberId) await loadMemberInScope(ctx, actor, body.paidBy.memberId);
  const orgId = opts.collectorOrgId ?? member.orgId;
  const policy = (await effectivePolicy(ctx, member.orgId, 'dues')).document;
  const months = await checkMonths(ctx, policy, member, {
    months: body.months,
    paidOn: body.paidOn,
    override: body.override,
    backPayExempt: opts.backPayExempt,
  });
  const id = randomUUID();
  return write(ctx, actor, async (tx, w) => {
    const priced = await priceMonths(ctx, tx, policy, member, months, body.amount);
    const payment = { id, memberId: member.id, orgId, paidOn: body.paidOn };
    const receiptNumber = await receiptFor(ctx, tx, orgId, body.paidOn);
    await tx.insert(duesPayments).values({
      ...payment,
      months,
      amount: formatYuan(priced.amountFen),
      due: formatYuan(priced.dueFen),
      surplus: formatYuan(priced.surplusFen),
      largeDues: priced.largeDues,
      channel: body.channel,
      reference: body.reference ?? null,
      paidByName: body.paidBy?.name ?? null,
      paidByRelation: body.paidBy?.relation ?? null,
      paidByMemberId: body.paidBy?.memberId ?? null,
      overrideReason: body.override?.reason ?? null,
      catchUp: Boolean(opts.backPayExempt && months.some((m) => opts.backPayExempt?.(m))),
      status: 'confirmed',
      note: body.note ?? null,
      recordedBy: actor.userId,
      confirmedBy: actor.userId,
      confirmedAt: new Date(),
      receiptNumber,
    });
    await insertMonths(tx, payment, priced.perMonth);
    w.audit({
      action: 'dues.payment',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: {
        paymentId: id,
        months,
        amount: formatYuan(priced.amountFen),
        surplus: formatYuan(priced.surplusFen),
        largeDues: priced.largeDues,
        paidBy: body.paidBy?.name ?? null,
        override: body.override?.reason ?? null,
        receiptNumber,
      },
    });
    w.affects({ memberIds: [member.id], orgIds: [orgId] });
    return answer(id, receiptNumber, 'confirmed', priced);
  });
}

/** 党员本人 submits a payment record from the portal; it counts once staff confirm it (no override). */
export async function submitPayment(ctx: AppContext, actor: Actor, body: z.output<typeof myDuesPaymentBody>) {
  if (actor.role !== 'member' || !actor.memberId) throw new AppError('NOT_FOUND');
  const member = await loadMemberInScope(ctx, actor, actor.memberId);
  const policy = (await effectivePolicy(ctx, member.orgId, 'dues')).document;
  const months = await checkMonths(ctx, policy, member, { months: body.months, paidOn: body.paidOn });
  const id = randomUUID();
  return write(ctx, actor, async (tx, w) => {
    const priced = await priceMonths(ctx, tx, policy, member, months, body.amount, { pendingToo: true });
    await tx.insert(duesPayments).values({
      id,
      memberId: member.id,
      orgId: member.orgId,
      paidOn: body.paidOn,
      months,
      amount: formatYuan(priced.amountFen),
      due: formatYuan(priced.dueFen),
      surplus: formatYuan(priced.surplusFen),
      largeDues: priced.largeDues,
      channel: body.channel,
      reference: body.reference ?? null,
      status: 'submitted',
      note: body.note ?? null,
      submittedBy: actor.userId,
    });
    w.audit({
      action: 'dues.payment_submit',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { paymentId: id, months, amount: formatYuan(priced.amountFen) },
    });
    return answer(id, null, 'submitted', priced);
  });
}

/** Staff confirm a submitted payment: the months are checked again and the receipt numbered. */
export async function confirmPayment(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'dues.write');
  const row = await loadPaymentInScope(ctx, actor, id);
  if (row.status !== 'submitted') throw new AppError('PAYMENT_STATE');
  const member = await loadMemberInScope(ctx, actor, row.memberId);
  const policy = (await effectivePolicy(ctx, member.orgId, 'dues')).document;
  return write(ctx, actor, async (tx, w) => {
    const [locked] = await ctx.database.rows<{ status: string }>(
      sql`select status from dues_payments where id = ${id} for update`,
      tx,
    );
    if (locked?.status !== 'submitted') throw new AppError('PAYMENT_STATE');
    const priced = await priceMonths(ctx, tx, policy, member, row.months, row.amount);
    const receiptNumber = await receiptFor(ctx, tx, row.orgId, row.paidOn);
    await tx
      .update(duesPayments)
      .set({
        status: 'confirmed',
        receiptNumber,
        due: formatYuan(priced.dueFen),
        surplus: formatYuan(priced.surplusFen),
        largeDues: priced.largeDues,
        confirmedBy: actor.userId,
        confirmedAt: new Date(),
      })
      .where(eq(duesPayments.id, id));
    await insertMonths(tx, row, priced.perMonth);
    w.audit({
      action: 'dues.payment_confirm',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { paymentId: id, receiptNumber },
    });
    w.affects({ memberIds: [member.id], orgIds: [row.orgId] });
    return { id, receiptNumber, status: 'confirmed' as const };
  });
}

export async function rejectPayment(ctx: AppContext, actor: Actor, id: string, reason: string) {
  authorize(actor, 'dues.write');
  const row = await loadPaymentInScope(ctx, actor, id);
  return write(ctx, actor, async (tx, w) => {
    const [locked] = await ctx.database.rows<{ status: string }>(
      sql`select status from dues_payments where id = ${id} for update`,
      tx,
    );
    if (locked?.status !== 'submitted') throw new AppError('PAYMENT_STATE');
    await tx
      .update(duesPayments)
      .set({ status: 'rejected', rejectReason: reason })
      .where(eq(duesPayments.id, id));
    w.audit({
      action: 'dues.payment_reject',
      entity: 'member',
      entityId: row.memberId,
      orgId: row.memberOrgId,
      orgPath: row.memberOrgPath,
      after: { paymentId: id, reason },
    });
    return { id, receiptNumber: null, status: 'rejected' as const };
  });
}

/** Payments collected in, or by members of, an organization's subtree. */
export async function listPayments(ctx: AppContext, actor: Actor, q: z.output<typeof duesPaymentListQuery>) {
  authorize(actor, 'dues.read');
  const org = await loadOrgInScope(ctx.database, actor, q.orgId);
  const where = sql`(${underOrgId(actor, org, sql`p.org_id`)} or ${underOrgId(actor, org, sql`m.org_id`)})
    ${q.memberId ? sql`and p.member_id = ${q.memberId}` : sql``}
    ${q.month ? sql`and ${q.month} = any(p.months)` : sql``}
    ${q.status ? sql`and p.status = ${q.status}` : sql``}`;
  const [rows, [count]] = await Promise.all([
    paymentRows(
      ctx,
      where,
      sql`order by p.paid_on desc, p.created_at desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from dues_payments p join members m on m.id = p.member_id where ${where}`,
    ),
  ]);
  return { items: rows.map((r) => presentPayment(actor, r)), total: count?.n ?? 0 };
}

export async function myPayments(ctx: AppContext, actor: Actor) {
  if (actor.role !== 'member' || !actor.memberId) throw new AppError('NOT_FOUND');
  const rows = await paymentRows(
    ctx,
    sql`p.member_id = ${actor.memberId}`,
    sql`order by p.paid_on desc, p.created_at desc limit 200`,
  );
  return { items: rows.map((r) => presentPayment(actor, r)) };
}
