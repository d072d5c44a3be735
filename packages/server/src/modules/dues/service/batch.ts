import { randomUUID } from 'node:crypto';
import type { DuesCategory, DuesPolicy } from '@dangjian/core';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { arrayParam } from '../../../db/bulk.js';
import type { Executor } from '../../../db/engine.js';
import { duesAssessmentJobs, duesAssessments } from '../../../db/schema.js';
import { type Actor, authorize, isUuid, loadOrgInScope, type ScopedOrg } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { policyResolver } from '../../policies/index.js';
import { assessmentValues } from './assessments.js';
import { quoteSql } from './batch-sql.js';

const CHUNK = 20_000;
const WORKERS = 2;

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

type Line = { key: string; amount: string };
interface Candidate {
  components: { included?: Line[]; excluded?: Line[] } | null;
}

/** Last year's items, included and excluded, to compose this year's base from the same pay slip. */
const amountsOf = (c: Candidate['components']) =>
  Object.fromEntries([...(c?.included ?? []), ...(c?.excluded ?? [])].map((l) => [l.key, l.amount]));

/** The subtree's organizations with members, grouped by effective policy, in chunks of about CHUNK members. */
async function chunksOf(ctx: AppContext, org: ScopedOrg) {
  const policyOf = await policyResolver(ctx, 'dues');
  const orgs = await ctx.database.rows<{ id: string; path: string; n: number }>(
    sql`select o.id, o.path::text as path, count(*)::int as n from orgs o join members m on m.org_id = o.id
        where o.path <@ ${org.path}::ltree and m.exit_on is null group by o.id, o.path`,
  );
  const groups = new Map<string, { policy: DuesPolicy; chunks: { orgIds: string[]; n: number }[] }>();
  for (const o of orgs) {
    const policy = policyOf(o.path);
    const key = JSON.stringify(policy);
    const group = groups.get(key) ?? { policy, chunks: [] };
    groups.set(key, group);
    let chunk = group.chunks.at(-1);
    if (!chunk || chunk.n >= CHUNK) {
      chunk = { orgIds: [], n: 0 };
      group.chunks.push(chunk);
    }
    chunk.orgIds.push(o.id);
    chunk.n += o.n;
  }
  return { policyOf, groups: [...groups.values()], total: orgs.reduce((a, o) => a + o.n, 0) };
}

/**
 * 年初核定 of a whole subtree from last year's bases (issue 10 item 1): every member still in the party
 * whose year is not assessed gets last year's category and base quoted under the policy in force for their
 * branch now; members without last year's assessment are skipped for the review screen. The organizations
 * are grouped by their effective policy and cut into chunks of about CHUNK members, each chunk one write:
 * a set-based insert (core's quote as SQL, batch-sql.ts) and, for the few rows whose base was composed of
 * items, the same quote in code.
 */
async function runBatch(ctx: AppContext, actor: Actor, org: ScopedOrg, p: BatchProgress) {
  // Fresh statistics first: a table that grew by a year of rows since it was last analysed is otherwise
  // read by year instead of by member (seconds a chunk instead of milliseconds).
  await ctx.database.rows(sql`analyze dues_assessments`);
  const { policyOf, groups, total } = await chunksOf(ctx, org);
  p.total = total;
  const queue = groups.flatMap((g) => g.chunks.map((chunk) => ({ policy: g.policy, chunk })));
  const runChunk = async ({ policy, chunk }: (typeof queue)[number]) => {
    const scope = sql`m.org_id = any(${arrayParam(chunk.orgIds, 'uuid')})`;
    const created = await write(ctx, actor, async (tx, w) => {
      const quoted = await insertQuoted(ctx, tx, actor, p.year, policy, scope);
      const created = quoted.n + (await insertComposed(tx, actor, p.year, policyOf, quoted.composed));
      w.audit({
        action: 'dues.assess_batch',
        entity: 'org',
        entityId: org.id,
        orgId: org.id,
        orgPath: org.path,
        after: { jobId: p.id, year: p.year, created },
      });
      return created;
    });
    // Counted together once the chunk committed, so the two workers never show created > processed.
    p.created += created;
    p.processed += chunk.n;
    p.skipped = p.processed - p.created;
    await saveProgress(ctx, p);
  };
  // Chunks touch disjoint members, so two run at once (PostgreSQL uses a second core; PGlite queues them).
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      // A failed chunk stops the other worker too: the job ends failed with what was written so far.
      await runChunk(next).catch((err: unknown) => {
        queue.length = 0;
        throw err;
      });
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
}

/**
 * Last year's latest row of each member of the chunk still in the party. A member already assessed for the
 * year holds its first month's row (the same first month: `firstMonthOf`), so the insert's conflict skips
 * them; an anti-join here would be planned on statistics taken before the batch's own rows existed.
 */
const lastYear = (year: number, where: SQL) => sql`
  select distinct on (m.id) m.id as member_id, m.org_id, o.path::text as org_path, m.joined_on, x.category,
    x.base, x.components, x.monthly_amount
  from members m join orgs o on o.id = m.org_id
  join dues_assessments x on x.member_id = m.id and x.year = ${year - 1} and x.superseded_by is null
  where ${where} and m.exit_on is null and (m.joined_on is null or extract(year from m.joined_on) <= ${year})
  order by m.id, x.from_month desc`;

/** January, or the month the assembly admitted a member who joined in the year (篇二 L220). */
const fromMonthSql = (year: number) =>
  sql`greatest(${`${year}-01`}, coalesce(to_char(l.joined_on, 'YYYY-MM'), ${`${year}-01`}))`;

type ComposedRow = {
  memberId: string;
  orgId: string;
  orgPath: string;
  fromMonth: string;
  category: DuesCategory;
  components: Candidate['components'];
};

/**
 * One statement a chunk: last year's rows read once, the plain ones inserted quoted in SQL, the composed
 * ones handed back for the code path.
 */
async function insertQuoted(
  ctx: AppContext,
  tx: Executor,
  actor: Actor,
  year: number,
  policy: DuesPolicy,
  where: SQL,
) {
  const q = quoteSql(policy, {
    category: sql`l.category`,
    base: sql`l.base`,
    lastMonthly: sql`l.monthly_amount`,
  });
  const [row] = await ctx.database.rows<{ n: number; composed: ComposedRow[] | string | null }>(
    sql`with l as materialized (${lastYear(year, where)}), ins as (
          insert into dues_assessments (id, member_id, org_id, year, category, base, monthly_amount, rate, capped,
            from_month, created_by)
          select gen_random_uuid(), l.member_id, l.org_id, ${year}, l.category,
            case when ${q.rate} is null then null else l.base end, ${q.monthly}, ${q.rate}, ${q.capped},
            ${fromMonthSql(year)}, ${actor.userId}
          from l where l.components is null and ${q.quotable}
          on conflict do nothing returning 1)
        select (select count(*)::int from ins) as n,
          (select json_agg(json_build_object('memberId', l.member_id, 'orgId', l.org_id, 'orgPath', l.org_path,
             'category', l.category, 'components', l.components, 'fromMonth', ${fromMonthSql(year)}))
           from l where l.components is not null) as composed`,
    tx,
  );
  const composed =
    typeof row?.composed === 'string' ? (JSON.parse(row.composed) as ComposedRow[]) : row?.composed;
  return { n: row?.n ?? 0, composed: composed ?? [] };
}

/** Rows whose base was composed of items: composed again from the same items under today's policy. */
async function insertComposed(
  tx: Executor,
  actor: Actor,
  year: number,
  policyOf: (path: string) => DuesPolicy,
  rows: ComposedRow[],
) {
  const values = rows.flatMap((r) => {
    try {
      return [
        assessmentValues(
          policyOf(r.orgPath),
          { category: r.category, components: amountsOf(r.components) },
          { memberId: r.memberId, orgId: r.orgId, year, fromMonth: r.fromMonth, reason: null },
          actor.userId,
        ),
      ];
    } catch {
      // Last year's items no longer compose under today's policy (an item it dropped): left for review.
      return [];
    }
  });
  if (values.length === 0) return 0;
  const inserted = await tx
    .insert(duesAssessments)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: duesAssessments.id });
  return inserted.length;
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
