import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { localDate } from '../lib/clock.js';
import type { Provider } from '../modules/notices/providers.js';
import { countScannedSubjects } from '../modules/obligations/index.js';
import {
  anonymous,
  buildTree,
  engines,
  memberBody,
  refreshObligations,
  startEnv,
  type TestEnv,
  userClient,
} from '../test/harness.js';
import {
  isRunDue,
  lastSlotDate,
  msUntilNextRun,
  runDailyJobs,
  startJobs,
  startScheduler,
} from './scheduler.js';

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
      // Its progress lives with the holder (another instance, the CLI): here only that it goes on.
      const progress = await env.admin.get('/api/obligations/refresh');
      expect(progress.body).toMatchObject({ status: 'running', elsewhere: true });
      expect(Date.parse(progress.body.startedAt)).toBeGreaterThan(Date.now() - 60_000);
    } finally {
      await env.ctx.database.rows(sql`update meta set value = '1970-01-01' where key = 'job_lease'`);
    }
    expect(await runDailyJobs(env.ctx, [], () => {}, at(20, 10))).not.toBeNull();
    expect(await meta('jobs_last_run')).toBe('2026-01-20');
    // The daily run reports into the same progress as a run by hand: the 预警 page shows it.
    expect((await env.admin.get('/api/obligations/refresh')).body).toMatchObject({
      status: 'done',
      phase: 'done',
      trigger: 'daily',
      asOf: '2026-01-20',
    });
  });
});

/** Members away two months (their documents and reports owed), written straight into the tables. */
async function awayMembers(env: TestEnv, orgId: string, n: number) {
  const tag = randomUUID();
  await env.ctx.database.rows(sql`
    with m as (
      insert into members (id, org_id, name, gender, id_number_enc, id_number_hash, id_number_masked,
        birth_date, kind, joined_on, mobile)
      select gen_random_uuid(), ${orgId}, '外出' || g, 'male', 'x', ${tag} || g, 'x', '1980-01-01', 'full',
        '2005-07-01', true
      from generate_series(1, ${n}) g returning id)
    insert into mobility_episodes (id, member_id, origin_org_id, left_on, expected_months, reason, fixed_place,
      host_has_party_org, required_document, rule)
    select gen_random_uuid(), m.id, ${orgId}, current_date - 62, 6, 'work', false, false,
      'activity_certificate', 'test' from m`);
}

// Every provider's subjects (members away, organizations owing meetings, …): what the run reports it judged.
const scanned = (env: TestEnv) => countScannedSubjects(env.ctx);

describe.each(engines)('the refresh by hand, in the background, on %s', (engine) => {
  let env: TestEnv;
  let orgId: string;
  beforeAll(async () => {
    env = await startEnv(engine);
    orgId = (await buildTree(env)).branchA.id;
  });
  afterAll(() => env.close());

  it('answers 202 at once and reports members, reminders and deliveries until done', async () => {
    expect((await env.admin.get('/api/obligations/refresh')).body).toEqual({ status: 'idle' });
    await awayMembers(env, orgId, 30);
    const start = await env.admin.post('/api/obligations/refresh');
    expect(start.status).toBe(202);
    expect(start.body).toEqual({ id: expect.any(String), status: 'running' });
    const seen = new Set<string>();
    let run: any;
    for (let i = 0; i < 2000; i++) {
      run = (await env.admin.get('/api/obligations/refresh')).body;
      expect(run.id).toBe(start.body.id);
      seen.add(run.phase);
      if (run.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const members = await scanned(env);
    expect(run).toMatchObject({
      status: 'done',
      phase: 'done',
      trigger: 'manual',
      obligations: { members, total: members },
      message: null,
    });
    expect(members).toBeGreaterThanOrEqual(30);
    // At least the late report and the late contact of each member; each queued reminder is sent once.
    expect(run.reminders.queued).toBeGreaterThanOrEqual(60);
    expect(run.delivered).toEqual({ sent: run.reminders.queued, failed: 0 });
    expect(Date.parse(run.finishedAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
    expect([...seen].every((p) => ['refresh', 'reminders', 'delivery', 'done'].includes(p))).toBe(true);
    // Done means the lease is free again: the next run starts at once.
    const next = await refreshObligations(env.admin);
    expect(next).toMatchObject({ status: 'done', obligations: { members }, reminders: { queued: 0 } });
    expect(next.id).not.toBe(start.body.id);
  });

  it('shows a run under way, refuses a second one meanwhile, and shows how it ended', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    // Delivery waits on the gate: the run stays observable in its last phase.
    const held: Provider = { channel: 'inbox', send: () => gate.then(() => true) };
    await awayMembers(env, orgId, 3);
    const started = await startJobs(env.ctx, [held], () => {}, 'manual');
    expect(started).not.toBeNull();
    await expect
      .poll(async () => (await env.admin.get('/api/obligations/refresh')).body.phase)
      .toBe('delivery');
    const during = (await env.admin.get('/api/obligations/refresh')).body;
    const members = await scanned(env);
    expect(during).toMatchObject({
      id: started!.run.id,
      status: 'running',
      finishedAt: null,
      obligations: { members, total: members },
    });
    expect(during.reminders.queued).toBeGreaterThanOrEqual(6);
    const second = await env.admin.post('/api/obligations/refresh');
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: 'JOBS_RUNNING',
      message: '每日计算正在进行，请稍后再试',
    });
    expect(await startJobs(env.ctx, [], () => {}, 'cli')).toBeNull();
    open();
    const done = await started!.finished;
    expect(done).toMatchObject({ status: 'done', delivered: { sent: during.reminders.queued, failed: 0 } });
    expect((await env.admin.get('/api/obligations/refresh')).body.id).toBe(started!.run.id);
  });

  it('reports a failed run with a message in Chinese, and frees the lease for a retry', async () => {
    const logs: string[] = [];
    await awayMembers(env, orgId, 2);
    // The table the scan writes is missing for a moment: the run fails half-way through its first phase.
    await env.ctx.database.rows(sql`alter table obligations rename to obligations_away`);
    let failed: any;
    try {
      failed = await (await startJobs(env.ctx, [], (m) => logs.push(m), 'manual'))!.finished;
    } finally {
      await env.ctx.database.rows(sql`alter table obligations_away rename to obligations`);
    }
    expect(failed).toMatchObject({
      status: 'failed',
      phase: 'failed',
      message: '计算应办事项时出错，本次计算未完成，请重新计算（详情见服务器日志）',
    });
    expect(logs.join('\n')).toMatch(/^jobs failed: .*obligations/m);
    const shown = (await env.admin.get('/api/obligations/refresh')).body;
    expect(shown).toMatchObject({ id: failed.id, status: 'failed', message: failed.message });
    expect(shown.finishedAt).not.toBeNull();
    expect((await refreshObligations(env.admin)).status).toBe('done');
  });

  // The recompute covers every organization and reminds everyone: a branch manager may not start it.
  it('reserves the recompute and its global progress to the system administrator', async () => {
    const tree = await buildTree(env);
    const manager = await userClient(env, tree.branchA.id, 'manager');
    const clerk = await userClient(env, tree.branchA.id, 'clerk');
    const member = await userClient(env, tree.branchA.id, 'member', {
      memberId: (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body.id,
    });
    expect((await env.admin.get('/api/obligations/refresh')).status).toBe(200);
    for (const client of [manager, clerk, member]) {
      const status = client === member ? 404 : 403;
      expect((await client.post('/api/obligations/refresh')).status).toBe(status);
      expect((await client.get('/api/obligations/refresh')).status).toBe(status);
    }
    const me = (await manager.get('/api/auth/me')).body;
    expect(me.permissions).not.toContain('obligations.refresh');
    expect((await env.admin.get('/api/auth/me')).body.permissions).toContain('obligations.refresh');
    expect((await anonymous(env.app).get('/api/obligations/refresh')).status).toBe(401);
  });
});

describe('the refresh on the embedded engine', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv('pglite');
  });
  afterAll(() => env.close());

  it('answers progress polls between batches of the scan, not only once it is over', async () => {
    await awayMembers(env, (await buildTree(env)).branchA.id, 11_000);
    const total = await scanned(env);
    expect(total).toBeGreaterThanOrEqual(11_000);
    const started = await startJobs(env.ctx, [], () => {}, 'manual');
    const seen: { phase: string; members: number; total: number | null }[] = [];
    for (;;) {
      const run = (await env.admin.get('/api/obligations/refresh')).body;
      seen.push({ phase: run.phase, ...run.obligations });
      if (run.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // Batches of 5000: a poll lands after the first or the second while the scan is still going.
    expect(seen).toContainEqual({
      phase: 'refresh',
      members: expect.toSatisfy((n: number) => n > 0 && n < total),
      total,
    });
    expect((await started!.finished).status).toBe('done');
  }, 60_000);
});
