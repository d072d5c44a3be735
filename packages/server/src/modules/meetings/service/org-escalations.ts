import { randomUUID } from 'node:crypto';
import { addDays, missedMonths, type OrgEscalationKind, orgEscalations, periodEnd } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { unnestInsert } from '../../../db/bulk.js';
import { notifications, orgEscalations as orgEscalationsTable } from '../../../db/schema.js';
import { type Actor, authorize, loadOrgInScope } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { write } from '../../../lib/write.js';
import { policyResolver } from '../../policies/index.js';
import { branchLike } from '../compliance-queries.js';

/** How the ladder's documents are numbered: 书面提醒〔2026〕03号, the month the branch missed. */
const numberPrefix: Record<OrgEscalationKind, string> = {
  written_reminder: '书面提醒',
  admonition_talk: '诫勉谈话',
  org_disposal: '处置通知',
};

interface LadderRow {
  orgId: string;
  name: string;
  path: string;
  parentId: string | null;
  /** The first month the organization existed in the year (months before it cannot be missed). */
  since: string;
  /** Bit n: month n + 1 had a held meeting of the organization or of its groups. */
  mask: number;
  /** Periods already on the ladder, comma-joined. */
  existing: string | null;
}

/** One statement for every branch-like organization: the months it held anything, and its ladder so far. */
function ladderFacts(ctx: AppContext, year: number) {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return ctx.database.rows<LadderRow>(sql`
    with held as (
      select case when o.type = 'group' then o.parent_id else o.id end as org_id,
        bit_or(1 << (extract(month from m.held_on)::int - 1)) as mask
      from meetings m join orgs o on o.id = m.org_id
      where m.status = 'held' and m.held_on between ${from}::date and ${to}::date
      group by 1
    ), done as (
      select org_id, string_agg(period, ',') as existing from org_escalations
      where period like ${`${year}-%`} group by org_id
    )
    select b.id as "orgId", b.name, b.path::text as path, b.parent_id as "parentId",
      greatest(${from}::date, date_trunc('month', b.created_at)::date)::text as since,
      coalesce(h.mask, 0)::int as mask, d.existing
    from orgs b left join held h on h.org_id = b.id left join done d on d.org_id = b.id
    where ${branchLike(sql`b.type`)} and b.dissolved_at is null and b.created_at::date <= ${to}::date`);
}

const monthsOf = (year: number, mask: number) =>
  Array.from({ length: 12 }, (_, m) => m)
    .filter((m) => mask & (1 << m))
    .map((m) => `${year}-${String(m + 1).padStart(2, '0')}-01`);

/**
 * The branch ladder of 篇三 街道 六(一), as a daily step: for each branch-like organization, the months
 * of the year that ended without any held meeting, answered in order by a written reminder, then 诫勉谈话,
 * then disposal (core `orgEscalations`, under the branch's meeting policy). Only the missing rows are
 * inserted, dated the day after the month ended; in January the previous year's December is settled
 * too. A disposal also tells the organization above (an inbox notification to its staff).
 */
export async function runOrgLadder(ctx: AppContext, asOf: string = today()) {
  const year = Number(asOf.slice(0, 4));
  const years = asOf.slice(5, 7) === '01' ? [year - 1, year] : [year];
  const policyOf = await policyResolver(ctx, 'meetings', asOf);
  const rows: (typeof orgEscalationsTable.$inferInsert)[] = [];
  const notices: (typeof notifications.$inferInsert)[] = [];
  for (const y of years) {
    for (const b of await ladderFacts(ctx, y)) {
      const existing = new Set(b.existing ? b.existing.split(',') : []);
      const missed = missedMonths(y, monthsOf(y, b.mask), asOf).filter((p) => `${p}-01` >= b.since);
      for (const step of orgEscalations(policyOf(b.path), missed)) {
        if (existing.has(step.period)) continue;
        const id = randomUUID();
        rows.push({
          id,
          orgId: b.orgId,
          kind: step.kind,
          period: step.period,
          createdOn: addDays(periodEnd(step.period), 1),
          number: `${numberPrefix[step.kind]}〔${y}〕${step.period.slice(5)}号`,
        });
        if (step.kind === 'org_disposal' && b.parentId) {
          notices.push({
            id: randomUUID(),
            dedupeKey: `org_disposal:${b.orgId}:${step.period}`,
            orgId: b.parentId,
            channel: 'inbox',
            template: 'org_disposal',
            title: '党支部未按期开展组织生活，需启动组织处置',
            body: `${b.name}${step.period} 未开展组织生活，本年度已累计多次，按规定应启动组织处置程序（篇三 街道 六(一)）。`,
          });
        }
      }
    }
  }
  if (rows.length === 0) return { created: 0 };
  await write(ctx, null, async (tx, w) => {
    for (let i = 0; i < rows.length; i += 5000) {
      await tx.execute(
        unnestInsert(
          orgEscalationsTable,
          rows.slice(i, i + 5000),
          sql`on conflict (org_id, period) do nothing`,
        ),
      );
    }
    if (notices.length > 0) await tx.insert(notifications).values(notices).onConflictDoNothing();
    w.audit({
      action: 'org_escalation.create',
      entity: 'org_escalations',
      after: { asOf, created: rows.length, disposals: notices.length },
    });
  });
  return { created: rows.length };
}

/** The daily step the obligations refresh runs (modules/obligations/registry.ts). */
export const orgLadderStep = {
  name: 'meetings: branch ladder (篇三 街道 六(一))',
  run: (ctx: AppContext, asOf: string) => runOrgLadder(ctx, asOf),
};

/** `GET /api/orgs/:id/escalations?year=`: the organization's ladder of a year. */
export async function listOrgEscalations(ctx: AppContext, actor: Actor, orgId: string, q: { year?: number }) {
  authorize(actor, 'org.read');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  const year = q.year ?? Number(today().slice(0, 4));
  const items = await ctx.database.rows<{
    id: string;
    kind: OrgEscalationKind;
    period: string;
    createdOn: string;
  }>(
    sql`select id, kind, period, created_on::text as "createdOn" from org_escalations
        where org_id = ${org.id} and period like ${`${year}-%`} order by period`,
  );
  return { items };
}
