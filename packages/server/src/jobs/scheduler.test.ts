import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { localDate } from '../lib/clock.js';
import { engines, startEnv, type TestEnv } from '../test/harness.js';
import { isRunDue, lastSlotDate, msUntilNextRun, runDailyJobs, startScheduler } from './scheduler.js';

// China keeps no daylight saving time: the server's local day is a plain 24 hours.
process.env.TZ = 'Asia/Shanghai';

const at = (day: number, hour: number, minute = 0) => new Date(2026, 0, day, hour, minute);
const HOUR = 3600_000;

describe('when the daily jobs run', () => {
  it('waits until JOBS_HOUR today when it is still ahead', () => {
    expect(msUntilNextRun(at(15, 1, 30), 2)).toBe(HOUR / 2);
    expect(msUntilNextRun(at(15, 0, 0), 2)).toBe(2 * HOUR);
  });

  it('waits until tomorrow when JOBS_HOUR has passed or is striking now', () => {
    expect(msUntilNextRun(at(15, 13), 2)).toBe(13 * HOUR);
    expect(msUntilNextRun(at(15, 2), 2)).toBe(24 * HOUR);
    expect(msUntilNextRun(at(15, 23, 59), 0)).toBe(60_000);
    expect(msUntilNextRun(at(31, 3), 2)).toBe(23 * HOUR);
  });

  it('counts JOBS_HOUR in local time, not UTC', () => {
    // 17:00 UTC is 01:00 in Beijing: an hour before a 02:00 run.
    expect(msUntilNextRun(new Date('2026-01-15T17:00:00Z'), 2)).toBe(HOUR);
    expect(localDate(new Date('2026-01-15T17:00:00Z'))).toBe('2026-01-16');
    expect(lastSlotDate(new Date('2026-01-15T17:00:00Z'), 2)).toBe('2026-01-15');
  });

  it('catches up a missed day once on start, but does not run early on a restart before the hour', () => {
    expect(isRunDue(null, at(15, 1), 2)).toBe(true);
    // Restart at 01:00 after yesterday's run: today's run is still ahead, not missed.
    expect(isRunDue('2026-01-14', at(15, 1), 2)).toBe(false);
    // Down at 02:00 today: catch up once…
    expect(isRunDue('2026-01-14', at(15, 10), 2)).toBe(true);
    // …and not again on the next start.
    expect(isRunDue('2026-01-15', at(15, 11), 2)).toBe(false);
    // Down across yesterday's 02:00.
    expect(isRunDue('2026-01-13', at(15, 1), 2)).toBe(true);
    expect(isRunDue('2026-01-31', at(32, 2), 2)).toBe(true);
  });

  it('starts nothing when JOBS_ENABLED=false', () => {
    const logs: string[] = [];
    const ctx = { config: loadConfig({ JOBS_ENABLED: 'false' }) } as AppContext;
    const stop = startScheduler(ctx, (m) => logs.push(m));
    stop();
    expect(logs).toEqual(['jobs: disabled (JOBS_ENABLED=false)']);
  });
});

describe.each(engines)('the daily run on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine, { JOBS_HOUR: '2' });
  });
  afterAll(() => env.close());

  const meta = async (key: string) =>
    (await env.ctx.database.rows<{ value: string }>(sql`select value from meta where key = ${key}`))[0]
      ?.value;

  it('runs once per slot, records it, and logs start and finish with counts', async () => {
    const logs: string[] = [];
    const first = await runDailyJobs(env.ctx, [], (m) => logs.push(m), at(15, 10));
    expect(first).toMatchObject({ obligations: { members: 0 }, delivered: { sent: 0, failed: 0 } });
    expect(await meta('jobs_last_run')).toBe('2026-01-15');
    expect(logs[0]).toBe('jobs: daily run for 2026-01-15 started');
    expect(logs.at(-1)).toMatch(/^jobs: daily run for 2026-01-15 finished in \d+ ms: \{"obligations"/);
    expect(await runDailyJobs(env.ctx, [], () => {}, at(15, 23))).toBeNull();
    expect(await runDailyJobs(env.ctx, [], () => {}, at(16, 1))).toBeNull();
    expect(await runDailyJobs(env.ctx, [], () => {}, at(16, 2))).not.toBeNull();
    expect(await meta('jobs_last_run')).toBe('2026-01-16');
  });

  it('leaves the run to the instance holding the lease', async () => {
    await env.ctx.database.rows(sql`
      insert into meta (key, value) values ('job_lease', now()::text)
      on conflict (key) do update set value = excluded.value`);
    try {
      const before = await meta('jobs_last_run');
      expect(await runDailyJobs(env.ctx, [], () => {}, at(20, 10))).toBeNull();
      expect(await meta('jobs_last_run')).toBe(before);
      // A run by hand waits its turn too, so the same reminder is never sent by two drains.
      const byHand = await env.admin.post('/api/obligations/refresh');
      expect(byHand.status).toBe(409);
      expect(byHand.body.error.code).toBe('JOBS_RUNNING');
    } finally {
      await env.ctx.database.rows(sql`update meta set value = '1970-01-01' where key = 'job_lease'`);
    }
    expect(await runDailyJobs(env.ctx, [], () => {}, at(20, 10))).not.toBeNull();
    expect(await meta('jobs_last_run')).toBe('2026-01-20');
  });
});
