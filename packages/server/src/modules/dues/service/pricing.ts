import {
  checkPaymentMonths,
  type DuesMonth,
  type DuesPolicy,
  formatYuan,
  monthIndex,
  monthsDue,
  type PaymentSplit,
  parseYuan,
  splitPayment,
} from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { AppError } from '../../../lib/errors.js';
import { memberSchedule, paidMonths, quarterlyMonths, submittedMonths } from '../queries.js';

export type PayingMember = { id: string; joinedOn: string | null; exitOn: string | null };

/**
 * The months a payment may cover (back-pay limit, no advancing except an approved quarter), checked before
 * anything is read for writing (RULES.md §1; API.md `POST /api/dues/payments`).
 */
export async function checkMonths(
  ctx: AppContext,
  policy: DuesPolicy,
  member: PayingMember,
  input: {
    months: readonly string[];
    paidOn: string;
    override?: { reason: string } | null;
    backPayExempt?: (month: DuesMonth) => boolean;
  },
) {
  const quarters = await quarterlyMonths(ctx, member.id);
  return checkPaymentMonths({
    ...input,
    policy,
    quarterlyApproved: (m) =>
      quarters.some(
        (q) => monthIndex(q.fromMonth) <= monthIndex(m) && monthIndex(m) <= monthIndex(q.toMonth),
      ),
  });
}

export type Priced = PaymentSplit & { perMonth: Map<DuesMonth, bigint>; amountFen: bigint };

/**
 * Inside the write: the member's row locked (payments of one member queue), then a paid month is
 * `MONTH_PAID`, a month without an assessment `NOT_ASSESSED`, an exempt one `MONTH_EXEMPT`, and an amount
 * below the months' assessed total `DUES_SHORT`.
 */
export async function priceMonths(
  ctx: AppContext,
  tx: Executor,
  policy: DuesPolicy,
  member: PayingMember,
  months: readonly DuesMonth[],
  amount: string,
  opts: { pendingToo?: boolean } = {},
): Promise<Priced> {
  await ctx.database.rows(sql`select id from members where id = ${member.id} for update`, tx);
  const paid = await paidMonths(ctx, member.id, months, tx);
  const pending = opts.pendingToo ? await submittedMonths(ctx, member.id, tx) : new Set<string>();
  const taken = [...paid, ...months.filter((m) => pending.has(m))];
  if (taken.length > 0) {
    throw new AppError('MONTH_PAID', `所选月份已交纳党费：${[...new Set(taken)].sort().join('、')}`, {
      months: [...new Set(taken)].sort(),
    });
  }
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  const schedule = await memberSchedule(ctx, member, years, tx);
  const perMonth = new Map<DuesMonth, bigint>();
  for (const year of years) {
    const due = monthsDue({
      year,
      assessments: schedule.assessments.get(year) ?? [],
      reliefs: schedule.reliefs,
      startMonth: schedule.startMonth,
      endMonth: schedule.endMonth,
    });
    for (const d of due) {
      if (!months.includes(d.month)) continue;
      if (d.relief === 'exemption') {
        throw new AppError('MONTH_EXEMPT', `${d.month} 已批准免交党费`, { months: [d.month] });
      }
      perMonth.set(d.month, d.dueFen);
    }
  }
  const unassessed = months.filter((m) => !perMonth.has(m));
  if (unassessed.length > 0) {
    throw new AppError('NOT_ASSESSED', `所选月份尚未核定党费：${unassessed.join('、')}`, {
      months: unassessed,
    });
  }
  const amountFen = parseYuan(amount);
  if (amountFen === null) throw new AppError('INVALID_AMOUNT', `金额格式不正确：${amount}`);
  const dueFen = [...perMonth.values()].reduce((a, b) => a + b, 0n);
  if (amountFen < dueFen) {
    throw new AppError(
      'DUES_SHORT',
      `交纳金额 ${formatYuan(amountFen)} 元少于所选月份的核定党费 ${formatYuan(dueFen)} 元`,
      {
        due: formatYuan(dueFen),
        amount: formatYuan(amountFen),
      },
    );
  }
  return { ...splitPayment(amountFen, dueFen, policy), perMonth, amountFen };
}
