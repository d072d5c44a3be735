import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { analyzeIfEmbedded } from '../db/engine.js';
import { localDate } from '../lib/clock.js';
import { yieldToEventLoop } from '../lib/event-loop.js';
import { isoTimestamp } from '../lib/schemas.js';
import {
  deliverPending,
  type Provider,
  providersFromConfig,
  queueReminders,
} from '../modules/notices/index.js';
import { countScannedSubjects, refreshAllObligations, runDailySteps } from '../modules/obligations/index.js';
import { beginRun, finishRun, type JobRun, type JobTrigger, latestRun } from './progress.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** Milliseconds from `now` to the next `hour`:00 local time; an hour already reached today means tomorrow. */
export function msUntilNextRun(now: Date, hour: number): number {
  const next = new Date(now);
  next.setHours(hour, 0, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime();
}

/** The local date of the latest run slot at or before `now`: today once `hour` has struck, else yesterday. */
export function lastSlotDate(now: Date, hour: number): string {
  const slot = new Date(now);
  if (slot.getHours() < hour) slot.setDate(slot.getDate() - 1);
  return localDate(slot);
}

/**
 * A run is due when the latest slot has no successful run yet. So a restart at 01:00 after
 * yesterday's 02:00 run waits for today's 02:00, while a server that was down at 02:00 catches
 * up once on start and not on every later start.
 */
export function isRunDue(lastRun: string | null, now: Date, hour: number): boolean {
  return lastRun === null || lastRun < lastSlotDate(now, hour);
}

/** A lease older than this is taken to have died with its holder (a killed process). */
const LEASE_MINUTES = 60;

/**
 * Jobs run where the lease is won: with several instances, one of them does each run. A lease row
 * rather than a session advisory lock, because a pooled connection may not be the one that unlocks.
 */
async function takeLease(ctx: AppContext, minutes: number): Promise<boolean> {
  const rows = await ctx.database.rows(sql`
    insert into meta (key, value) values ('job_lease', now()::text)
    on conflict (key) do update set value = now()::text
      where meta.value::timestamptz < now() - make_interval(mins => ${minutes})
    returning key`);
  return rows.length > 0;
}

async function releaseLease(ctx: AppContext) {
  await ctx.database.rows(sql`update meta set value = '1970-01-01' where key = 'job_lease'`);
}

/** When the lease was taken, if someone (this process or another) holds it now; else null. */
async function leaseHeldSince(ctx: AppContext, minutes: number): Promise<string | null> {
  // The case keeps the cast off meta's other rows, whatever order the planner checks conditions in.
  const [row] = await ctx.database.rows<{ since: string }>(sql`
    select ${isoTimestamp(sql`t`)} as since from (
      select case when key = 'job_lease' then value::timestamptz end as t from meta where key = 'job_lease') l
    where t >= now() - make_interval(mins => ${minutes})`);
  return row?.since ?? null;
}

async function lastRun(ctx: AppContext): Promise<string | null> {
  const [row] = await ctx.database.rows<{ value: string }>(
    sql`select value from meta where key = 'jobs_last_run'`,
  );
  return row?.value ?? null;
}

/** Refresh, queue, deliver: the daily work, also started by hand from the 预警 page or the CLI. */
async function runJobs(ctx: AppContext, providers: Provider[], log: (msg: string) => void, run: JobRun) {
  // On PGlite the work would otherwise go on ahead of the 202 that tells the page it started.
  await yieldToEventLoop();
  run.obligations.total = await countScannedSubjects(ctx);
  const obligations = await refreshAllObligations(ctx, run.asOf, (n) => {
    run.obligations.members = n;
  });
  run.obligations.members = obligations.members;
  // Still the refresh phase: what the day brings to light (disposal candidates) is part of recomputing it.
  const daily = await runDailySteps(ctx, run.asOf);
  // Every table, once a day: the scan rewrote obligations, and imports and the day's work changed the
  // rest (an import does not analyze itself, to keep its answer quick).
  await analyzeIfEmbedded(ctx.database, []);
  run.phase = 'reminders';
  const reminders = await queueReminders(
    ctx,
    (queued) => {
      run.reminders.queued = queued;
    },
    run.asOf,
  );
  run.reminders = reminders;
  run.phase = 'delivery';
  const delivered = await deliverPending(ctx, providers, log, {
    onProgress: (so) => {
      run.delivered = so;
    },
  });
  run.delivered = delivered;
  return { obligations, daily, reminders, delivered };
}

/**
 * `work` under a lease already taken, reported into `run`. The lease is freed before the run shows
 * as finished, so whoever sees it done may start the next one at once without a 409.
 */
async function runUnderLease<T>(ctx: AppContext, run: JobRun, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    try {
      result = await work();
    } finally {
      await releaseLease(ctx);
    }
  } catch (err) {
    finishRun(run, err);
    throw err;
  }
  finishRun(run);
  return result;
}

/**
 * A run by hand (the 预警 page, the CLI), under the same lease as the daily one, so two drains never
 * send the same reminder twice. Resolves as soon as the lease is won, with the run (its progress,
 * updated as it goes) and `finished`, which settles when the run is over, failed or not. Null when
 * a run is already going on, here or on another instance.
 */
export async function startJobs(
  ctx: AppContext,
  providers: Provider[],
  log: (msg: string) => void,
  trigger: Exclude<JobTrigger, 'daily'>,
  asOf = localDate(new Date()),
): Promise<{ run: JobRun; finished: Promise<JobRun> } | null> {
  if (!(await takeLease(ctx, LEASE_MINUTES))) return null;
  const run = beginRun(ctx, trigger, asOf);
  const finished = runUnderLease(ctx, run, () => runJobs(ctx, providers, log, run)).then(
    () => run,
    (err) => {
      log(`jobs failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return run;
    },
  );
  return { run, finished };
}

/**
 * What GET /api/obligations/refresh shows: the run of this process while it goes on; else, while
 * the lease is held, a run elsewhere (another instance, the CLI) whose progress lives there; else
 * the last run here, or idle.
 */
export async function jobsProgress(ctx: AppContext) {
  const run = latestRun(ctx);
  if (run?.status === 'running') return run;
  const since = await leaseHeldSince(ctx, LEASE_MINUTES);
  if (since) return { status: 'running' as const, elsewhere: true as const, startedAt: since };
  return run ?? { status: 'idle' as const };
}

/**
 * The daily run, if due (checked under the lease, so a second instance whose timer fires just
 * after the first finished finds the slot done). Null when another instance holds the lease or
 * the slot has already run. It reports into the same progress as a run by hand, so the 预警 page
 * shows it going on.
 */
export async function runDailyJobs(
  ctx: AppContext,
  providers: Provider[],
  log: (msg: string) => void = () => {},
  now = new Date(),
) {
  if (!(await takeLease(ctx, LEASE_MINUTES))) return null;
  let due: boolean;
  try {
    due = isRunDue(await lastRun(ctx), now, ctx.config.JOBS_HOUR);
  } catch (err) {
    await releaseLease(ctx);
    throw err;
  }
  if (!due) {
    await releaseLease(ctx);
    return null;
  }
  const run = beginRun(ctx, 'daily', localDate(now));
  return runUnderLease(ctx, run, async () => {
    const slot = lastSlotDate(now, ctx.config.JOBS_HOUR);
    log(`jobs: daily run for ${slot} started`);
    const started = Date.now();
    const result = await runJobs(ctx, providers, log, run);
    await ctx.database.rows(sql`
      insert into meta (key, value) values ('jobs_last_run', ${slot})
      on conflict (key) do update set value = excluded.value`);
    log(`jobs: daily run for ${slot} finished in ${Date.now() - started} ms: ${JSON.stringify(result)}`);
    return result;
  });
}

/**
 * Once a day at JOBS_HOUR (local), re-armed after each run; shortly after start only when a day was
 * missed. A run on a million members costs ~20 s, too much to repeat on every restart.
 */
const RETRY_MS = 3600_000;

export function startScheduler(ctx: AppContext, log: (msg: string) => void) {
  if (!ctx.config.JOBS_ENABLED) {
    log('jobs: disabled (JOBS_ENABLED=false)');
    return () => {};
  }
  const providers = providersFromConfig(ctx, log);
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const arm = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  const tick = async () => {
    let retry = false;
    try {
      await runDailyJobs(ctx, providers, log);
      // Still due: another instance held the lease and may have died with it.
      retry = isRunDue(await lastRun(ctx), new Date(), ctx.config.JOBS_HOUR);
    } catch (err) {
      log(`jobs failed: ${err instanceof Error ? err.message : String(err)}`);
      retry = true;
    }
    const next = msUntilNextRun(new Date(), ctx.config.JOBS_HOUR);
    arm(retry ? Math.min(RETRY_MS, next) : next);
  };
  // A few seconds' grace so the catch-up check does not compete with start-up itself.
  arm(5_000);
  log(`jobs: daily at ${pad(ctx.config.JOBS_HOUR)}:00 local time`);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
