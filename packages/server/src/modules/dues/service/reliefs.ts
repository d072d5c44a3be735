import { randomUUID } from 'node:crypto';
import {
  type DuesCategory,
  decideRelief as decideReliefStatus,
  type duesQuarterlyBody,
  type duesReliefBody,
  type duesReliefDecisionBody,
  type duesReliefListQuery,
  formatYuan,
  monthIndex,
  parseYuan,
  reliefChain,
} from '@dangjian/core';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { duesQuarterly, duesReliefs } from '../../../db/schema.js';
import {
  type Actor,
  authorize,
  belowOwnOrg,
  isUuid,
  loadOrgInScope,
  memberSubtree,
  underOrgId,
} from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { loadMemberInScope } from '../../members/index.js';
import { effectivePolicy } from '../../policies/index.js';
import { presentRelief, type ReliefRow } from '../presenter.js';
import { quarterlyMonths } from '../queries.js';

function reliefRows(ctx: AppContext, where: SQL, tail: SQL = sql``) {
  return ctx.database.rows<ReliefRow>(
    sql`select r.id, r.member_id as "memberId", m.name as "memberName", m.org_id as "orgId", o.name as "orgName",
          o.path::text as "orgPath", r.kind, r.from_month as "fromMonth", r.to_month as "toMonth",
          r.monthly_amount::text as "monthlyAmount", r.hardship, r.needs_committee as "needsCommittee", r.reason,
          r.status, r.branch_decided_at as "branchDecidedAt", r.committee_decided_at as "committeeDecidedAt",
          r.note, r.created_at as "createdAt"
        from dues_reliefs r join members m on m.id = r.member_id join orgs o on o.id = m.org_id
        where ${where} ${tail}`,
  );
}

async function loadRelief(ctx: AppContext, actor: Actor, id: string) {
  if (!isUuid(id)) throw new AppError('RELIEF_NOT_FOUND');
  const [row] = await reliefRows(ctx, sql`r.id = ${id} and ${memberSubtree(actor, sql`m.org_id`)}`);
  if (!row) throw new AppError('RELIEF_NOT_FOUND');
  return row;
}

function checkSpan(fromMonth: string, toMonth: string) {
  if (monthIndex(fromMonth) > monthIndex(toMonth)) {
    throw new AppError('VALIDATION_FAILED', '结束月份不能早于开始月份');
  }
}

/**
 * A request to pay less or nothing (少交/免交, 篇二 L250). Its chain is fixed when it is made: the branch
 * and the committee above, or the branch alone for a retiree in hardship (policy `retiredHardshipBranchOnly`).
 */
export async function requestRelief(ctx: AppContext, actor: Actor, body: z.output<typeof duesReliefBody>) {
  authorize(actor, 'dues.write');
  const member = await loadMemberInScope(ctx, actor, body.memberId);
  checkSpan(body.fromMonth, body.toMonth);
  const amountFen = body.monthlyAmount === undefined ? null : parseYuan(body.monthlyAmount);
  if (body.kind === 'reduction' && amountFen === null) throw new AppError('RELIEF_AMOUNT_REQUIRED');
  const policy = (await effectivePolicy(ctx, member.orgId, 'dues')).document;
  const [latest] = await ctx.database.rows<{ category: DuesCategory }>(
    sql`select category from dues_assessments where member_id = ${member.id} and superseded_by is null
        order by year desc, from_month desc limit 1`,
  );
  const category = latest?.category ?? (member.duesCategory as DuesCategory | null);
  const chain = reliefChain(policy, { category, hardship: body.hardship });
  const id = randomUUID();
  await write(ctx, actor, async (tx, w) => {
    await tx.insert(duesReliefs).values({
      id,
      memberId: member.id,
      orgId: member.orgId,
      kind: body.kind,
      fromMonth: body.fromMonth,
      toMonth: body.toMonth,
      monthlyAmount: body.kind === 'reduction' && amountFen !== null ? formatYuan(amountFen) : null,
      hardship: body.hardship,
      needsCommittee: chain.includes('committee'),
      reason: body.reason,
      status: 'pending',
      createdBy: actor.userId,
    });
    w.audit({
      action: 'dues.relief_request',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { reliefId: id, kind: body.kind, fromMonth: body.fromMonth, toMonth: body.toMonth },
    });
  });
  return presentRelief(actor, (await reliefRows(ctx, sql`r.id = ${id}`))[0]!);
}

/**
 * A step's decision: the branch's (any account whose scope holds the member), then the committee's, which
 * must be an organization above the member's branch (篇二 L250: 报上一级党委批准).
 */
export async function decideRelief(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof duesReliefDecisionBody>,
) {
  authorize(actor, 'dues.relief');
  const row = await loadRelief(ctx, actor, id);
  if (body.step === 'committee' && !belowOwnOrg(actor, row.orgPath))
    throw new AppError('RELIEF_NEEDS_COMMITTEE');
  const chain = row.needsCommittee ? (['branch', 'committee'] as const) : (['branch'] as const);
  const status = decideReliefStatus(row.status, chain, body.step, body.approve);
  await write(ctx, actor, async (tx, w) => {
    const [locked] = await ctx.database.rows<{ status: string }>(
      sql`select status from dues_reliefs where id = ${id} for update`,
      tx,
    );
    if (locked?.status !== row.status) throw new AppError('CONFLICT');
    const decided =
      body.step === 'branch'
        ? { branchDecidedBy: actor.userId, branchDecidedAt: new Date() }
        : { committeeDecidedBy: actor.userId, committeeDecidedAt: new Date() };
    await tx
      .update(duesReliefs)
      .set({ status, ...decided, ...(body.note ? { note: body.note } : {}) })
      .where(eq(duesReliefs.id, id));
    w.audit({
      action: 'dues.relief_decide',
      entity: 'member',
      entityId: row.memberId,
      orgId: row.orgId,
      orgPath: row.orgPath,
      before: { status: row.status },
      after: { reliefId: id, step: body.step, approve: body.approve, status },
    });
    if (status === 'approved') w.affects({ memberIds: [row.memberId] });
  });
  return presentRelief(actor, (await reliefRows(ctx, sql`r.id = ${id}`))[0]!);
}

export async function listReliefs(ctx: AppContext, actor: Actor, q: z.output<typeof duesReliefListQuery>) {
  authorize(actor, 'dues.read');
  const org = await loadOrgInScope(ctx.database, actor, q.orgId);
  const where = sql`${underOrgId(actor, org, sql`m.org_id`)}
    ${q.status ? sql`and r.status = ${q.status}` : sql``}
    ${q.memberId ? sql`and r.member_id = ${q.memberId}` : sql``}`;
  const [rows, [count]] = await Promise.all([
    reliefRows(
      ctx,
      where,
      sql`order by r.created_at desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from dues_reliefs r join members m on m.id = r.member_id where ${where}`,
    ),
  ]);
  return { items: rows.map((r) => presentRelief(actor, r)), total: count?.n ?? 0 };
}

/** The branch consents to quarterly payment over a run of months (篇二 L224 经党支部同意). */
export async function approveQuarterly(
  ctx: AppContext,
  actor: Actor,
  body: z.output<typeof duesQuarterlyBody>,
) {
  authorize(actor, 'dues.write');
  const member = await loadMemberInScope(ctx, actor, body.memberId);
  checkSpan(body.fromMonth, body.toMonth);
  const id = randomUUID();
  await write(ctx, actor, async (tx, w) => {
    await tx.insert(duesQuarterly).values({
      id,
      memberId: member.id,
      orgId: member.orgId,
      fromMonth: body.fromMonth,
      toMonth: body.toMonth,
      reason: body.reason,
      createdBy: actor.userId,
    });
    w.audit({
      action: 'dues.quarterly',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      after: { fromMonth: body.fromMonth, toMonth: body.toMonth, reason: body.reason },
    });
  });
  return { id, memberId: member.id, fromMonth: body.fromMonth, toMonth: body.toMonth, reason: body.reason };
}

export async function listQuarterly(ctx: AppContext, actor: Actor, memberId: string) {
  authorize(actor, 'dues.read');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const rows = await quarterlyMonths(ctx, member.id);
  return { items: rows.map((r) => ({ ...r, memberId: member.id })) };
}
