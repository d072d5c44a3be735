import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { refreshAllObligations } from '../modules/mobility/obligations.js';
import { deliverPending, logProvider, type Provider, queueReminders } from '../modules/notices/service.js';

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

export async function runDailyJobs(ctx: AppContext, providers: Provider[]) {
  if (!(await takeLease(ctx, 60))) return null;
  try {
    const obligations = await refreshAllObligations(ctx);
    const reminders = await queueReminders(ctx);
    const delivered = await deliverPending(ctx, providers);
    return { obligations, reminders, delivered };
  } finally {
    await ctx.database.rows(sql`update meta set value = '1970-01-01' where key = 'job_lease'`);
  }
}

/** Once shortly after start, then every few hours: cheap enough, and a date rollover is never missed for long. */
export function startScheduler(ctx: AppContext, log: (msg: string) => void, everyMs = 6 * 3600_000) {
  const providers = [logProvider(log)];
  const tick = () =>
    runDailyJobs(ctx, providers)
      .then((r) => r && log(`jobs: ${JSON.stringify(r)}`))
      .catch((err) => log(`jobs failed: ${err instanceof Error ? err.message : String(err)}`));
  const first = setTimeout(tick, 5_000);
  const every = setInterval(tick, everyMs);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
