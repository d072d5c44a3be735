import { randomUUID } from 'node:crypto';
import { addDuesMonths, checkRemittancePeriod, monthOfDate, parseYuan } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { type Actor, authorize, loadOrgInScope, type ScopedOrg, subtree } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { effectivePolicy } from '../../policies/index.js';

const monthStart = (m: string) => `${m}-01`;

/**
 * What an organization holds for a run of months (篇二 L226, issue 10 §5 "what was sent and received at
 * each level"): the dues it collected itself for those months (the ledger's paid, by the collecting
 * organization), the voluntary surplus of its payments made in them, and what the organizations below
 * remitted to it and it received within them. The remittance up sends that by default.
 */
export async function heldFor(
  ctx: AppContext,
  orgId: string,
  from: string,
  to: string,
  ex?: Executor,
): Promise<string> {
  const [row] = await ctx.database.rows<{ held: string }>(
    sql`select (
      coalesce((select sum(p.amount) from dues_payment_months p
        where p.org_id = ${orgId} and p.month >= ${from} and p.month <= ${to}), 0)
      + coalesce((select sum(p.surplus) from dues_payments p where p.org_id = ${orgId} and p.status = 'confirmed'
        and p.paid_on >= ${monthStart(from)}::date and p.paid_on < ${monthStart(addDuesMonths(to, 1))}::date), 0)
      + coalesce((select sum(r.received_amount) from dues_remittances r where r.to_org_id = ${orgId}
        and r.received_on >= ${monthStart(from)}::date
        and r.received_on < ${monthStart(addDuesMonths(to, 1))}::date), 0)
    )::numeric(14, 2)::text as held`,
    ex,
  );
  return row?.held ?? '0.00';
}

const remittanceColumns = sql`r.id, r.from_org_id as "fromOrgId", f.name as "fromOrgName", r.to_org_id as "toOrgId",
  t.name as "toOrgName", r.from_month as "fromMonth", r.to_month as "toMonth", r.amount::text as amount,
  r.collected::text as collected, r.sent_on::text as "sentOn", r.received_on::text as "receivedOn",
  r.received_amount::text as "receivedAmount", r.note`;

interface RemittanceRow {
  id: string;
  fromOrgId: string;
  fromOrgName: string;
  toOrgId: string;
  toOrgName: string;
  fromMonth: string;
  toMonth: string;
  amount: string;
  collected: string;
  sentOn: string;
  receivedOn: string | null;
  receivedAmount: string | null;
  note: string | null;
}

function remittances(ctx: AppContext, where: SQL, ex?: Executor) {
  return ctx.database.rows<RemittanceRow>(
    sql`select ${remittanceColumns} from dues_remittances r
      join orgs f on f.id = r.from_org_id join orgs t on t.id = r.to_org_id
      where ${where} order by r.from_month desc, f.name, r.id`,
    ex,
  );
}

const auditOf = (action: string, org: ScopedOrg, row: RemittanceRow) => ({
  action,
  entity: 'dues_remittance',
  entityId: row.id,
  orgId: org.id,
  orgPath: org.path,
  after: row,
});

function yuanOrThrow(s: string | undefined, fallback: string): string {
  if (s === undefined) return fallback;
  if (parseYuan(s) === null) throw new AppError('INVALID_AMOUNT');
  return s;
}

/**
 * 上缴 by an organization to the one above it (篇二 L226: generally quarterly, at most every 6 months): a
 * period of whole months following the last one (core `checkRemittancePeriod`), the amount sent (by default
 * what it holds for the period, `collected`).
 */
export async function sendRemittance(
  ctx: AppContext,
  actor: Actor,
  body: {
    fromOrgId: string;
    fromMonth: string;
    toMonth: string;
    amount?: string | undefined;
    sentOn: string;
    note?: string | undefined;
  },
) {
  authorize(actor, 'dues.write');
  const org = await loadOrgInScope(ctx.database, actor, body.fromOrgId);
  if (!org.parentId) throw new AppError('REMIT_NO_PARENT');
  const policy = (await effectivePolicy(ctx, org.id, 'dues', body.sentOn)).document;
  return write(ctx, actor, async (tx, w) => {
    // The period follows the last one: serialized per sending organization.
    await ctx.database.rows(sql`select id from orgs where id = ${org.id} for update`, tx);
    const [last] = await ctx.database.rows<{ through: string | null }>(
      sql`select max(to_month) as through from dues_remittances where from_org_id = ${org.id}`,
      tx,
    );
    checkRemittancePeriod({
      fromMonth: body.fromMonth,
      toMonth: body.toMonth,
      lastRemittedThrough: last?.through ?? null,
      asOfMonth: monthOfDate(body.sentOn),
      policy,
    });
    const collected = await heldFor(ctx, org.id, body.fromMonth, body.toMonth, tx);
    const id = randomUUID();
    await ctx.database.rows(
      sql`insert into dues_remittances (id, from_org_id, to_org_id, from_month, to_month, amount, collected,
          sent_on, sent_by, note)
        values (${id}, ${org.id}, ${org.parentId}, ${body.fromMonth}, ${body.toMonth},
          ${yuanOrThrow(body.amount, collected)}::numeric, ${collected}::numeric, ${body.sentOn}::date,
          ${actor.userId}, ${body.note ?? null})`,
      tx,
    );
    const [row] = await remittances(ctx, sql`r.id = ${id}`, tx);
    w.audit(auditOf('dues.remittance.send', org, row!));
    return row!;
  });
}

/** The level above records what arrived (by default the amount sent); once. */
export async function receiveRemittance(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: { receivedOn: string; amount?: string | undefined },
) {
  authorize(actor, 'dues.write');
  const [found] = await ctx.database.rows<{ toOrgId: string }>(
    sql`select to_org_id as "toOrgId" from dues_remittances where id = ${id}::uuid`,
  );
  if (!found) throw new AppError('REMITTANCE_NOT_FOUND');
  // Only the receiving side records receipt: its staff, or staff above it.
  const org = await loadOrgInScope(ctx.database, actor, found.toOrgId).catch(() => {
    throw new AppError('REMITTANCE_NOT_FOUND');
  });
  return write(ctx, actor, async (tx, w) => {
    const [sent] = await ctx.database.rows<{ amount: string; receivedOn: string | null }>(
      sql`select amount::text as amount, received_on::text as "receivedOn" from dues_remittances
        where id = ${id} for update`,
      tx,
    );
    if (sent?.receivedOn) throw new AppError('REMITTANCE_RECEIVED');
    await ctx.database.rows(
      sql`update dues_remittances set received_on = ${body.receivedOn}::date,
          received_amount = ${yuanOrThrow(body.amount, sent!.amount)}::numeric, received_by = ${actor.userId}
        where id = ${id}`,
      tx,
    );
    const [row] = await remittances(ctx, sql`r.id = ${id}`, tx);
    w.audit(auditOf('dues.remittance.receive', org, row!));
    return row!;
  });
}

/**
 * The remittances an organization sent and those it received (the two sides of each level), newest period
 * first; `year` selects by the period's first month.
 */
export async function listRemittances(
  ctx: AppContext,
  actor: Actor,
  q: { orgId: string; year?: number | undefined },
) {
  authorize(actor, 'dues.read');
  const org = await loadOrgInScope(ctx.database, actor, q.orgId);
  const year = q.year === undefined ? sql`true` : sql`left(r.from_month, 4)::int = ${q.year}`;
  const items = await remittances(
    ctx,
    sql`(r.from_org_id = ${org.id} or r.to_org_id = ${org.id}) and ${year} and (${subtree(actor, sql`f.path`)} or ${subtree(actor, sql`t.path`)})`,
  );
  return { items };
}
