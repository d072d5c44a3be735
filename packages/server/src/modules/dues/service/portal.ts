import { arrearsOf, formatYuan, type MonthDue, monthIndex, monthOfDate, monthsDue } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import type { Actor } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { loadMemberInScope } from '../../members/index.js';
import { effectivePolicy } from '../../policies/index.js';
import { presentAssessment } from '../presenter.js';
import { assessmentRows, memberSchedule, submittedMonths } from '../queries.js';

/**
 * 党员本人's dues (issue 10 item 9): the amount of the year and why, the year's months and their standing,
 * and what is owed now (the assessed, unexempted months before this month that are unpaid, any year).
 */
export async function myDues(ctx: AppContext, actor: Actor, year?: number) {
  if (actor.role !== 'member' || !actor.memberId) throw new AppError('NOT_FOUND');
  const member = await loadMemberInScope(ctx, actor, actor.memberId);
  const now = today();
  const shownYear = year ?? Number(now.slice(0, 4));
  const [policy, years, paidRows, submitted] = await Promise.all([
    effectivePolicy(ctx, member.orgId, 'dues'),
    ctx.database.rows<{ year: number }>(
      sql`select distinct year from dues_assessments where member_id = ${member.id} and superseded_by is null`,
    ),
    ctx.database.rows<{ month: string }>(
      sql`select month from dues_payment_months where member_id = ${member.id}`,
    ),
    submittedMonths(ctx, member.id),
  ]);
  const allYears = [...new Set([...years.map((y) => y.year), shownYear])];
  const schedule = await memberSchedule(ctx, member, allYears);
  const dueOf = (y: number): MonthDue[] =>
    monthsDue({
      year: y,
      assessments: schedule.assessments.get(y) ?? [],
      reliefs: schedule.reliefs,
      startMonth: schedule.startMonth,
      endMonth: schedule.endMonth,
    });
  const paid = new Set(paidRows.map((r) => r.month));
  const all = allYears.flatMap(dueOf);
  const arrears = arrearsOf(all, paid, now);
  const owedFen = all.filter((d) => arrears.months.includes(d.month)).reduce((a, d) => a + d.dueFen, 0n);
  const thisMonth = monthIndex(monthOfDate(now));
  const months = dueOf(shownYear).map((d) => ({
    month: d.month,
    due: formatYuan(d.dueFen),
    state: paid.has(d.month)
      ? ('paid' as const)
      : d.relief === 'exemption'
        ? ('exempt' as const)
        : submitted.has(d.month)
          ? ('submitted' as const)
          : monthIndex(d.month) < thisMonth
            ? ('unpaid' as const)
            : ('upcoming' as const),
  }));
  const rows = await assessmentRows(
    ctx,
    sql`a.member_id = ${member.id} and a.year = ${shownYear}`,
    sql`order by a.from_month`,
  );
  const inForce =
    rows
      .filter((r) => monthIndex(r.fromMonth) <= Math.max(thisMonth, monthIndex(`${shownYear}-01`)))
      .at(-1) ?? rows[0];
  const a = inForce ? presentAssessment(policy.document, inForce) : null;
  return {
    year: shownYear,
    assessment: a && {
      category: a.category,
      base: a.base,
      monthlyAmount: a.monthlyAmount,
      rate: a.rate,
      fromMonth: a.fromMonth,
      included: a.included,
      excluded: a.excluded,
      explanation: a.explanation,
    },
    owed: { months: arrears.months, amount: formatYuan(owedFen) },
    months,
  };
}
