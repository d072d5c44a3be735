import { randomUUID } from 'node:crypto';
import { type DuesCategory, monthOfDate } from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { arrayParam } from '../../../db/bulk.js';
import { duesAssessmentJobs } from '../../../db/schema.js';
import { type Actor, authorize, isUuid, loadOrgInScope, type ScopedOrg } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { policyResolver } from '../../policies/index.js';
import { assessmentValues } from './assessments.js';

const BATCH = 5000;

export interface BatchProgress {
  id: string;
  orgId: string;
  orgPath: string;
  year: number;
  status: 'running' | 'succeeded' | 'failed';
  total: number;
  processed: number;
  created: number;
  skipped: number;
  message: string | null;
}

/** Progress of batches running in this process; the row holds the outcome. */
const live = new Map<string, BatchProgress>();

export const presentJob = ({ orgPath: _path, ...p }: BatchProgress) => p;

interface Candidate {
  memberId: string;
  orgId: string;
  orgPath: string;
  joinedOn: string | null;
  category: DuesCategory | null;
  base: string | null;
  components: { included: { key: string; amount: string }[] } | null;
  monthlyAmount: string | null;
  assessed: boolean;
}

/** The amounts of last year's composed base, to compose this year's from the same items. */
const amountsOf = (c: Candidate['components']) =>
  c?.included?.length ? Object.fromEntries(c.included.map((l) => [l.key, l.amount])) : undefined;

/**
 * 年初核定 of a whole subtree from last year's bases (issue 10 item 1): every member still in the party
 * whose year is not assessed gets last year's category and base (or composed items) quoted under the
 * policy in force for their branch now. Members without last year's assessment are skipped for the review
 * screen. Keyset batches, each one write with its audit event, set-based inserts.
 */
async function runBatch(ctx: AppContext, actor: Actor, org: ScopedOrg, p: BatchProgress) {
  const policyOf = await policyResolver(ctx, 'dues');
  const scope = sql`m.org_id in (select id from orgs where path <@ ${org.path}::ltree)`;
  const [count] = await ctx.database.rows<{ n: number }>(
    sql`select count(*)::int as n from members m where ${scope} and m.exit_on is null`,
  );
  p.total = count?.n ?? 0;
  let last = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await ctx.database.rows<Candidate>(
      sql`select m.id as "memberId", m.org_id as "orgId", o.path::text as "orgPath", m.joined_on::text as "joinedOn",
            a.category, a.base::text as base, a.components, a.monthly_amount::text as "monthlyAmount",
            exists (select 1 from dues_assessments b where b.member_id = m.id and b.year = ${p.year}
              and b.superseded_by is null) as assessed
          from members m join orgs o on o.id = m.org_id
          left join lateral (select category, base, components, monthly_amount from dues_assessments x
            where x.member_id = m.id and x.year = ${p.year - 1} and x.superseded_by is null
            order by x.from_month desc limit 1) a on true
          where ${scope} and m.exit_on is null and m.id > ${last}
          order by m.id limit ${BATCH}`,
    );
    if (rows.length === 0) break;
    last = rows.at(-1)!.memberId;
    const values = rows.flatMap((r) => {
      const joinedYear = r.joinedOn ? Number(r.joinedOn.slice(0, 4)) : null;
      if (r.assessed || !r.category || (joinedYear !== null && joinedYear > p.year)) return [];
      const policy = policyOf(r.orgPath);
      const joined = r.joinedOn ? monthOfDate(r.joinedOn) : null;
      const fromMonth = joined && joined > `${p.year}-01` ? joined : `${p.year}-01`;
      try {
        return [
          assessmentValues(
            policy,
            {
              category: r.category,
              base: r.base,
              components: amountsOf(r.components),
              ...(r.category === 'farmer' && r.monthlyAmount ? { farmerAmount: r.monthlyAmount } : {}),
            },
            { memberId: r.memberId, orgId: r.orgId, year: p.year, fromMonth, reason: null },
            actor.userId,
          ),
        ];
      } catch {
        // Last year's row no longer quotes under today's policy (an item it dropped): left for review.
        return [];
      }
    });
    if (values.length > 0) await insertBatch(ctx, actor, org, p, values);
    p.processed += rows.length;
    p.skipped = p.processed - p.created;
    await saveProgress(ctx, p);
  }
}

async function insertBatch(
  ctx: AppContext,
  actor: Actor,
  org: ScopedOrg,
  p: BatchProgress,
  values: ReturnType<typeof assessmentValues>[],
) {
  const col = <K extends keyof (typeof values)[number]>(k: K, type: string) =>
    arrayParam(
      values.map((v) => (k === 'components' && v[k] !== null ? JSON.stringify(v[k]) : v[k])),
      type,
    );
  await write(ctx, actor, async (tx, w) => {
    const inserted = await ctx.database.rows<{ id: string }>(
      sql`insert into dues_assessments (id, member_id, org_id, year, category, base, components, monthly_amount,
            rate, capped, from_month, created_by)
          select u.id, u.member_id, u.org_id, ${p.year}, u.category, u.base, u.components::jsonb, u.monthly_amount,
            u.rate, u.capped, u.from_month, ${actor.userId}
          from unnest(${col('id', 'uuid')}, ${col('memberId', 'uuid')}, ${col('orgId', 'uuid')},
            ${col('category', 'text')}, ${col('base', 'numeric')}, ${col('components', 'text')},
            ${col('monthlyAmount', 'numeric')}, ${col('rate', 'numeric')}, ${col('capped', 'boolean')},
            ${col('fromMonth', 'text')})
            as u(id, member_id, org_id, category, base, components, monthly_amount, rate, capped, from_month)
          where not exists (select 1 from dues_assessments b where b.member_id = u.member_id and b.year = ${p.year}
            and b.superseded_by is null)
          on conflict do nothing
          returning id`,
      tx,
    );
    p.created += inserted.length;
    w.audit({
      action: 'dues.assess_batch',
      entity: 'org',
      entityId: org.id,
      orgId: org.id,
      orgPath: org.path,
      after: { jobId: p.id, year: p.year, created: inserted.length },
    });
  });
}

async function saveProgress(ctx: AppContext, p: BatchProgress, finished = false) {
  await ctx.database.db
    .update(duesAssessmentJobs)
    .set({
      status: p.status,
      total: p.total,
      processed: p.processed,
      created: p.created,
      skipped: p.skipped,
      message: p.message,
      ...(finished ? { finishedAt: new Date() } : {}),
    })
    .where(eq(duesAssessmentJobs.id, p.id));
}

/** Starts the batch; `done` settles when it ends (the route answers at once, the CLI waits). */
export async function startBatch(ctx: AppContext, actor: Actor, input: { orgId: string; year: number }) {
  authorize(actor, 'dues.write');
  const org = await loadOrgInScope(ctx.database, actor, input.orgId);
  if (org.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  const p: BatchProgress = {
    id: randomUUID(),
    orgId: org.id,
    orgPath: org.path,
    year: input.year,
    status: 'running',
    total: 0,
    processed: 0,
    created: 0,
    skipped: 0,
    message: null,
  };
  await ctx.database.db
    .insert(duesAssessmentJobs)
    .values({ id: p.id, orgId: org.id, year: input.year, userId: actor.userId, status: 'running' });
  live.set(p.id, p);
  const done = runBatch(ctx, actor, org, p)
    .then(() => {
      p.status = 'succeeded';
      p.message = `新核定 ${p.created} 人，跳过 ${p.skipped} 人（已核定或无上年计算基数）`;
    })
    .catch((err: unknown) => {
      p.status = 'failed';
      p.message = err instanceof AppError ? err.message : '批量核定失败';
    })
    .then(() => saveProgress(ctx, p, true))
    .finally(() => setTimeout(() => live.delete(p.id), 10 * 60_000).unref());
  return { progress: p, done };
}

/** A job as it runs (memory) or as it ended (row), if its organization is in the actor's scope. */
export async function readJob(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'dues.read');
  if (!isUuid(id)) throw new AppError('ASSESSMENT_JOB_NOT_FOUND');
  const [row] = await ctx.database.rows<BatchProgress>(
    sql`select j.id, j.org_id as "orgId", o.path::text as "orgPath", j.year, j.status, j.total, j.processed,
          j.created, j.skipped, j.message from dues_assessment_jobs j join orgs o on o.id = j.org_id
        where j.id = ${id}`,
  );
  if (!row) throw new AppError('ASSESSMENT_JOB_NOT_FOUND');
  // Scope through lib/authz: a job of an organization the actor may not see is 404.
  await loadOrgInScope(ctx.database, actor, row.orgId).catch(() => {
    throw new AppError('ASSESSMENT_JOB_NOT_FOUND');
  });
  return presentJob(live.get(id) ?? row);
}
