import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';

/**
 * Ledger facts written straight into the dues tables for the ledger's tests: an assessment, a confirmed
 * payment with its months, an approved relief, a delay. The routes that record them (and their rules) are
 * tested with them; these tests are about what the ledger, arrears, remittance and obligations read.
 */
export function ledgerFixtures(ctx: AppContext) {
  const run = (q: ReturnType<typeof sql>) => ctx.database.rows(q);
  return {
    async assess(memberId: string, orgId: string, year: number, monthly: string, fromMonth = `${year}-01`) {
      const id = randomUUID();
      await run(sql`insert into dues_assessments (id, member_id, org_id, year, category, base, monthly_amount,
          rate, from_month)
        values (${id}, ${memberId}, ${orgId}, ${year}, 'salaried', null, ${monthly}::numeric, null, ${fromMonth})`);
      return id;
    },
    async pay(
      memberId: string,
      orgId: string,
      months: string[],
      perMonth: string,
      paidOn: string,
      opts: { surplus?: string; catchUp?: boolean } = {},
    ) {
      const id = randomUUID();
      const due = (Number(perMonth) * months.length).toFixed(2);
      const surplus = opts.surplus ?? '0.00';
      const amount = (Number(due) + Number(surplus)).toFixed(2);
      await run(sql`insert into dues_payments (id, member_id, org_id, months, amount, due, surplus, large_dues,
          channel, paid_on, catch_up, receipt_number, status)
        values (${id}, ${memberId}, ${orgId}, ${`{${months.join(',')}}`}::text[], ${amount}::numeric,
          ${due}::numeric, ${surplus}::numeric, false, 'cash', ${paidOn}::date, ${opts.catchUp ?? false},
          ${`T-${id.slice(0, 12)}`}, 'confirmed')`);
      for (const month of months) {
        await run(sql`insert into dues_payment_months (member_id, month, payment_id, org_id, amount, paid_on)
          values (${memberId}, ${month}, ${id}, ${orgId}, ${perMonth}::numeric, ${paidOn}::date)`);
      }
      return id;
    },
    async relief(
      memberId: string,
      orgId: string,
      kind: 'exemption' | 'reduction',
      fromMonth: string,
      toMonth: string,
      monthly: string | null = null,
    ) {
      await run(sql`insert into dues_reliefs (id, member_id, org_id, kind, from_month, to_month, monthly_amount,
          needs_committee, reason, status)
        values (${randomUUID()}, ${memberId}, ${orgId}, ${kind}, ${fromMonth}, ${toMonth},
          ${monthly}::numeric, true, '生活困难', 'approved')`);
    },
    async delay(memberId: string, orgId: string, month: string, reason: string) {
      const cycle = randomUUID();
      await run(sql`insert into dues_cycles (id, org_id, month, status) values (${cycle}, ${orgId}, ${month}, 'collecting')
        on conflict (org_id, month) do nothing`);
      await run(sql`insert into dues_delays (cycle_id, member_id, reason)
        select id, ${memberId}, ${reason} from dues_cycles where org_id = ${orgId} and month = ${month}`);
    },
  };
}
