import { type AssessmentSpan, type DuesMonth, monthOfDate, parseYuan, type ReliefSpan } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import { type Actor, isUuid, memberSubtree } from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';

const fen = (s: string | null) => (s === null ? 0n : (parseYuan(s) ?? 0n));

export interface AssessmentRow {
  id: string;
  memberId: string;
  memberName: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  year: number;
  category: string;
  base: string | null;
  components: { included: unknown[]; excluded: unknown[] } | null;
  monthlyAmount: string;
  rate: string | null;
  capped: boolean;
  fromMonth: string;
  reason: string | null;
  createdAt: string;
}

const assessmentColumns = sql`a.id, a.member_id as "memberId", m.name as "memberName", a.org_id as "orgId",
  o.name as "orgName", o.path::text as "orgPath", a.year, a.category, a.base::text as base, a.components,
  a.monthly_amount::text as "monthlyAmount", a.rate::text as rate, a.capped, a.from_month as "fromMonth",
  a.reason, a.created_at as "createdAt"`;

export function assessmentRows(ctx: AppContext, where: SQL, tail: SQL = sql``, ex?: Executor) {
  return ctx.database.rows<AssessmentRow>(
    sql`select ${assessmentColumns} from dues_assessments a join members m on m.id = a.member_id
        join orgs o on o.id = a.org_id where a.superseded_by is null and ${where} ${tail}`,
    ex,
  );
}

/** An assessment whose member the actor may see; else 404. */
export async function loadAssessmentInScope(ctx: AppContext, actor: Actor, id: string, ex?: Executor) {
  if (!isUuid(id)) throw new AppError('ASSESSMENT_NOT_FOUND');
  const [row] = await assessmentRows(
    ctx,
    sql`a.id = ${id} and ${memberSubtree(actor, sql`m.org_id`)}`,
    sql``,
    ex,
  );
  if (!row) throw new AppError('ASSESSMENT_NOT_FOUND');
  return row;
}

/** What a member owes, as the core rules need it: the assessments and approved reliefs of some years. */
export interface MemberSchedule {
  assessments: Map<number, AssessmentSpan[]>;
  reliefs: ReliefSpan[];
  startMonth: DuesMonth | null;
  endMonth: DuesMonth | null;
}

export async function memberSchedule(
  ctx: AppContext,
  member: { id: string; joinedOn: string | null; exitOn: string | null },
  years: readonly number[],
  ex?: Executor,
): Promise<MemberSchedule> {
  const yearList = sql.join(
    years.map((y) => sql`${y}`),
    sql`, `,
  );
  const [spans, reliefs] = await Promise.all([
    ctx.database.rows<{ year: number; fromMonth: string; monthlyAmount: string }>(
      sql`select year, from_month as "fromMonth", monthly_amount::text as "monthlyAmount" from dues_assessments
          where member_id = ${member.id} and superseded_by is null and year in (${yearList})`,
      ex,
    ),
    ctx.database.rows<{
      kind: 'reduction' | 'exemption';
      fromMonth: string;
      toMonth: string;
      amount: string | null;
    }>(
      sql`select kind, from_month as "fromMonth", to_month as "toMonth", monthly_amount::text as amount
          from dues_reliefs where member_id = ${member.id} and status = 'approved'`,
      ex,
    ),
  ]);
  const assessments = new Map<number, AssessmentSpan[]>();
  for (const s of spans) {
    const list = assessments.get(s.year) ?? [];
    list.push({ fromMonth: s.fromMonth, monthlyFen: fen(s.monthlyAmount) });
    assessments.set(s.year, list);
  }
  return {
    assessments,
    reliefs: reliefs.map((r) => ({
      kind: r.kind,
      fromMonth: r.fromMonth,
      toMonth: r.toMonth,
      ...(r.amount === null ? {} : { monthlyFen: fen(r.amount) }),
    })),
    // 篇二 L220: dues run from the day the assembly admitted the member (joinedOn), to the exit.
    startMonth: member.joinedOn ? monthOfDate(member.joinedOn) : null,
    endMonth: member.exitOn ? monthOfDate(member.exitOn) : null,
  };
}

/** The months of these already paid (one row per member-month). */
export async function paidMonths(
  ctx: AppContext,
  memberId: string,
  months: readonly string[],
  ex?: Executor,
) {
  if (months.length === 0) return [];
  const rows = await ctx.database.rows<{ month: string }>(
    sql`select month from dues_payment_months where member_id = ${memberId}
        and month in (${sql.join(
          months.map((m) => sql`${m}`),
          sql`, `,
        )}) order by month`,
    ex,
  );
  return rows.map((r) => r.month);
}

/** Months of this member's portal submissions still awaiting staff. */
export async function submittedMonths(ctx: AppContext, memberId: string, ex?: Executor) {
  const rows = await ctx.database.rows<{ month: string }>(
    sql`select distinct unnest(months) as month from dues_payments
        where member_id = ${memberId} and status = 'submitted'`,
    ex,
  );
  return new Set(rows.map((r) => r.month));
}

/** Whether the branch consented to quarterly payment of this member for a month (篇二 L224). */
export async function quarterlyMonths(ctx: AppContext, memberId: string, ex?: Executor) {
  return ctx.database.rows<{ id: string; fromMonth: string; toMonth: string; reason: string }>(
    sql`select id, from_month as "fromMonth", to_month as "toMonth", reason from dues_quarterly
        where member_id = ${memberId} order by from_month`,
    ex,
  );
}

export interface PaymentRow {
  id: string;
  memberId: string;
  memberName: string;
  memberOrgId: string;
  memberOrgPath: string;
  orgId: string;
  orgName: string;
  orgPath: string;
  months: string[];
  amount: string;
  due: string;
  surplus: string;
  largeDues: boolean;
  channel: string;
  reference: string | null;
  paidOn: string;
  paidByName: string | null;
  paidByRelation: string | null;
  paidByMemberId: string | null;
  overrideReason: string | null;
  receiptNumber: string | null;
  status: 'submitted' | 'confirmed' | 'rejected';
  note: string | null;
  createdAt: string;
}

const paymentColumns = sql`p.id, p.member_id as "memberId", m.name as "memberName", m.org_id as "memberOrgId",
  mo.path::text as "memberOrgPath", p.org_id as "orgId", o.name as "orgName", o.path::text as "orgPath", p.months,
  p.amount::text as amount, p.due::text as due, p.surplus::text as surplus, p.large_dues as "largeDues", p.channel,
  p.reference, p.paid_on::text as "paidOn", p.paid_by_name as "paidByName", p.paid_by_relation as "paidByRelation",
  p.paid_by_member_id as "paidByMemberId", p.override_reason as "overrideReason",
  p.receipt_number as "receiptNumber", p.status, p.note, p.created_at as "createdAt"`;

export function paymentRows(ctx: AppContext, where: SQL, tail: SQL = sql``, ex?: Executor) {
  return ctx.database.rows<PaymentRow>(
    sql`select ${paymentColumns} from dues_payments p join members m on m.id = p.member_id
        join orgs mo on mo.id = m.org_id join orgs o on o.id = p.org_id where ${where} ${tail}`,
    ex,
  );
}

/** A payment the actor may see: collected in scope, or of a member in scope; a member sees their own. */
export async function loadPaymentInScope(
  ctx: AppContext,
  actor: Actor,
  id: string,
  ex?: Executor,
  lock = false,
) {
  if (!isUuid(id)) throw new AppError('PAYMENT_NOT_FOUND');
  const visible =
    actor.role === 'member'
      ? sql`p.member_id = ${actor.memberId}`
      : sql`(${memberSubtree(actor, sql`p.org_id`)} or ${memberSubtree(actor, sql`m.org_id`)})`;
  const [row] = await paymentRows(
    ctx,
    sql`p.id = ${id} and ${visible}`,
    lock ? sql`for update of p` : sql``,
    ex,
  );
  if (!row) throw new AppError('PAYMENT_NOT_FOUND');
  return row;
}

/** The next receipt number of an organization's year (numbers run per collecting branch per year). */
export async function nextReceiptSequence(ctx: AppContext, tx: Executor, orgId: string, year: number) {
  const [row] = await ctx.database.rows<{ last: number }>(
    sql`insert into dues_receipt_counters (org_id, year, last) values (${orgId}, ${year}, 1)
        on conflict (org_id, year) do update set last = dues_receipt_counters.last + 1 returning last`,
    tx,
  );
  return row!.last;
}
