import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { localDate } from '../lib/clock.js';
import { refreshAllObligations } from '../modules/mobility/obligations.js';
import { type Provider, providersFromConfig } from '../modules/notices/providers.js';
import { deliverPending, queueReminders } from '../modules/notices/service.js';

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

async function lastRun(ctx: AppContext): Promise<string | null> {
  const [row] = await ctx.database.rows<{ value: string }>(
    sql`select value from meta where key = 'jobs_last_run'`,
  );
  return row?.value ?? null;
}

/** Refresh, queue, deliver: the daily work, also started by hand from the 预警 page. */
async function runJobs(ctx: AppContext, providers: Provider[], log: (msg: string) => void, asOf: string) {
  const obligations = await refreshAllObligations(ctx, asOf);
  const reminders = await queueReminders(ctx);
  const delivered = await deliverPending(ctx, providers, log);
  return { obligations, reminders, delivered };
}

async function withLease<T>(ctx: AppContext, fn: () => Promise<T>): Promise<T | null> {
  if (!(await takeLease(ctx, 60))) return null;
  try {
    return await fn();
  } finally {
    await ctx.database.rows(sql`update meta set value = '1970-01-01' where key = 'job_lease'`);
  }
}

/**
 * A run by hand, under the same lease as the daily one, so two drains never send the same
 * reminder twice. Null when a run is already going on.
 */
export function runJobsNow(ctx: AppContext, providers: Provider[], log: (msg: string) => void) {
  return withLease(ctx, () => runJobs(ctx, providers, log, localDate(new Date())));
}

/**
 * The daily run, if due (checked under the lease, so a second instance whose timer fires just
 * after the first finished finds the slot done). Null when another instance holds the lease or
 * the slot has already run.
 */
export async function runDailyJobs(
  ctx: AppContext,
  providers: Provider[],
  log: (msg: string) => void = () => {},
  now = new Date(),
) {
  return withLease(ctx, async () => {
    if (!isRunDue(await lastRun(ctx), now, ctx.config.JOBS_HOUR)) return null;
    const slot = lastSlotDate(now, ctx.config.JOBS_HOUR);
    log(`jobs: daily run for ${slot} started`);
    const started = Date.now();
    const result = await runJobs(ctx, providers, log, localDate(now));
    await ctx.database.rows(sql`
      insert into meta (key, value) values ('jobs_last_run', ${slot})
      on conflict (key) do update set value = excluded.value`);
    log(`jobs: daily run for ${slot} finished in ${Date.now() - started} ms: ${JSON.stringify(result)}`);
    return result;
  });
}

/**
 * Once a day at JOBS_HOUR (local), re-armed after each run; shortly after start only when a day was
 * missed. A run on a million members costs ~19 s, too much to repeat on every restart.
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
