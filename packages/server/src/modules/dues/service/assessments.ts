import { randomUUID } from 'node:crypto';
import {
  assessDues,
  baseComponentsFor,
  type DuesCategory,
  type DuesMonth,
  type duesAssessmentBody,
  type duesAssessmentChangeBody,
  type duesAssessmentListQuery,
  monthIndex,
  monthOfDate,
} from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { duesAssessments } from '../../../db/schema.js';
import { type Actor, authorize, loadOrgInScope, underOrgId } from '../../../lib/authz.js';
import { AppError, isUniqueViolation } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { loadMemberInScope } from '../../members/index.js';
import { effectivePolicy } from '../../policies/index.js';
import { presentAssessment } from '../presenter.js';
import { assessmentRows, loadAssessmentInScope } from '../queries.js';

type AssessInput = {
  category: DuesCategory;
  base?: string | null;
  components?: Record<string, string>;
  farmerAmount?: string;
};

/** The first month a member owes in a year: January, or the month the assembly admitted them (篇二 L220). */
export function firstMonthOf(year: number, joinedOn: string | null): DuesMonth {
  const january = `${year}-01`;
  if (!joinedOn) return january;
  const joined = monthOfDate(joinedOn);
  if (Number(joined.slice(0, 4)) > year) {
    throw new AppError('RULE_VIOLATION', `该党员 ${joinedOn} 才入党，不能核定 ${year} 年的党费`);
  }
  return monthIndex(joined) > monthIndex(january) ? joined : january;
}

/** The row of an assessment quoted under the policy in force for the member's branch. */
export function assessmentValues(
  policy: Parameters<typeof assessDues>[0],
  input: AssessInput,
  row: { memberId: string; orgId: string; year: number; fromMonth: string; reason: string | null },
  createdBy: string | null,
) {
  const q = assessDues(policy, input);
  return {
    id: randomUUID(),
    memberId: row.memberId,
    orgId: row.orgId,
    year: row.year,
    category: input.category,
    base: q.rate === null ? null : q.base,
    components: q.composed ? { included: q.composed.included, excluded: q.composed.excluded } : null,
    monthlyAmount: q.monthlyAmount,
    rate: q.rate,
    capped: q.capped,
    fromMonth: row.fromMonth,
    reason: row.reason,
    createdBy,
  };
}

const created = (v: ReturnType<typeof assessmentValues>) => ({
  id: v.id,
  monthlyAmount: v.monthlyAmount,
  rate: v.rate,
  capped: v.capped,
  fromMonth: v.fromMonth,
  base: v.base,
});

/** 年初核定 of one member (API.md `POST /api/dues/assessments`): fixed for the year. */
export async function createAssessment(
  ctx: AppContext,
  actor: Actor,
  body: z.output<typeof duesAssessmentBody>,
) {
  authorize(actor, 'dues.write');
  const member = await loadMemberInScope(ctx, actor, body.memberId);
  const policy = (await effectivePolicy(ctx, member.orgId, 'dues')).document;
  const values = assessmentValues(
    policy,
    body,
    {
      memberId: member.id,
      orgId: member.orgId,
      year: body.year,
      fromMonth: firstMonthOf(body.year, member.joinedOn),
      reason: null,
    },
    actor.userId,
  );
  try {
    await write(ctx, actor, async (tx, w) => {
      const [existing] = await ctx.database.rows<{ id: string }>(
        sql`select id from dues_assessments where member_id = ${member.id} and year = ${body.year}
            and superseded_by is null limit 1`,
        tx,
      );
      if (existing) throw new AppError('ASSESSMENT_EXISTS');
      await tx.insert(duesAssessments).values(values);
      w.audit({
        action: 'dues.assess',
        entity: 'member',
        entityId: member.id,
        orgId: member.orgId,
        orgPath: member.orgPath,
        after: { year: values.year, category: values.category, monthlyAmount: values.monthlyAmount },
      });
      w.affects({ memberIds: [member.id] });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('ASSESSMENT_EXISTS');
    throw err;
  }
  return created(values);
}

/**
 * A mid-year change (篇二 L226 年内一般不变动): only with a reason, in force from `fromMonth` within the
 * year; a row starting at that month or later is replaced (superseded), earlier months keep their amount.
 */
export async function changeAssessment(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof duesAssessmentChangeBody>,
) {
  authorize(actor, 'dues.write');
  const current = await loadAssessmentInScope(ctx, actor, id);
  if (
    Number(body.fromMonth.slice(0, 4)) !== current.year ||
    monthIndex(body.fromMonth) < monthIndex(current.fromMonth)
  ) {
    throw new AppError('ASSESSMENT_CHANGE_MONTH');
  }
  const member = await loadMemberInScope(ctx, actor, current.memberId);
  const policy = (await effectivePolicy(ctx, member.orgId, 'dues')).document;
  const values = assessmentValues(
    policy,
    body,
    {
      memberId: member.id,
      orgId: member.orgId,
      year: current.year,
      fromMonth: body.fromMonth,
      reason: body.reason,
    },
    actor.userId,
  );
  await write(ctx, actor, async (tx, w) => {
    await supersedeFrom(ctx, tx, member.id, current.year, body.fromMonth, values);
    w.audit({
      action: 'dues.assessment_change',
      entity: 'member',
      entityId: member.id,
      orgId: member.orgId,
      orgPath: member.orgPath,
      before: { monthlyAmount: current.monthlyAmount, fromMonth: current.fromMonth },
      after: { monthlyAmount: values.monthlyAmount, fromMonth: values.fromMonth, reason: body.reason },
    });
    w.affects({ memberIds: [member.id] });
  });
  return created(values);
}

/** Inserts `values`, marking the rows of the year from `fromMonth` on as replaced by it. */
export async function supersedeFrom(
  ctx: AppContext,
  tx: Executor,
  memberId: string,
  year: number,
  fromMonth: string,
  values: ReturnType<typeof assessmentValues>,
) {
  const replaced = await ctx.database.rows<{ id: string }>(
    sql`select id from dues_assessments where member_id = ${memberId} and year = ${year}
        and superseded_by is null and from_month >= ${fromMonth} for update`,
    tx,
  );
  // The replaced rows leave the unique key first; the new row then takes their place.
  if (replaced.length > 0) {
    await ctx.database.rows(
      sql`update dues_assessments set superseded_by = id where id in (${sql.join(
        replaced.map((r) => sql`${r.id}`),
        sql`, `,
      )})`,
      tx,
    );
  }
  await tx.insert(duesAssessments).values(values);
  if (replaced.length > 0) {
    await ctx.database.rows(
      sql`update dues_assessments set superseded_by = ${values.id} where id in (${sql.join(
        replaced.map((r) => sql`${r.id}`),
        sql`, `,
      )})`,
      tx,
    );
  }
}

/** The year's review table of a subtree, and the members still without an assessment. */
export async function listAssessments(
  ctx: AppContext,
  actor: Actor,
  q: z.output<typeof duesAssessmentListQuery>,
) {
  authorize(actor, 'dues.read');
  const org = await loadOrgInScope(ctx.database, actor, q.orgId);
  const policy = (await effectivePolicy(ctx, org.id, 'dues')).document;
  const scope = underOrgId(actor, org, sql`a.org_id`);
  const where = sql`a.year = ${q.year} and ${scope} ${q.memberId ? sql`and a.member_id = ${q.memberId}` : sql``}`;
  const [rows, [count], unassessed] = await Promise.all([
    assessmentRows(
      ctx,
      where,
      sql`order by o.path, m.name, a.from_month limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from dues_assessments a where a.superseded_by is null and ${where}`,
    ),
    ctx.database.rows<{ memberId: string; memberName: string; orgId: string }>(
      sql`select m.id as "memberId", m.name as "memberName", m.org_id as "orgId" from members m
          where ${underOrgId(actor, org, sql`m.org_id`)} and m.exit_on is null
            and (m.joined_on is null or extract(year from m.joined_on) <= ${q.year})
            and not exists (select 1 from dues_assessments a where a.member_id = m.id and a.year = ${q.year}
              and a.superseded_by is null)
          order by m.name limit 500`,
    ),
  ]);
  return { items: rows.map((r) => presentAssessment(policy, r)), total: count?.n ?? 0, unassessed };
}

/** One member's assessments (a mid-year change is a row of its own). */
export async function memberAssessments(ctx: AppContext, actor: Actor, memberId: string, year?: number) {
  if (actor.role !== 'member') authorize(actor, 'dues.read');
  const member = await loadMemberInScope(ctx, actor, memberId);
  const policy = (await effectivePolicy(ctx, member.orgId, 'dues')).document;
  const rows = await assessmentRows(
    ctx,
    sql`a.member_id = ${member.id} ${year ? sql`and a.year = ${year}` : sql``}`,
    sql`order by a.year desc, a.from_month`,
  );
  return { items: rows.map((r) => presentAssessment(policy, r)) };
}

/** The policy's base items (RULES.md §1 included / excluded), for the assessment form. */
export async function baseComponents(ctx: AppContext, actor: Actor, category?: DuesCategory) {
  authorize(actor, 'dues.read');
  const policy = (await effectivePolicy(ctx, actor.orgId, 'dues')).document;
  const items = category ? baseComponentsFor(policy, category) : policy.baseComponents;
  return { items: items.map((c) => ({ ...c, source: c.source ?? null })) };
}
