#!/usr/bin/env node
// Dues benchmarks (issue 10 targets) over the 1M PostgreSQL bench database, each with a baseline in the
// same run: (a) the yearly assessment batch (D1's batch service) ≤ 60 s, (b) arrears over 1M members ≤ 5 s,
// (c) the ledger API p95 ≤ 50 ms. `node bench/dues-bench.mjs [--url …] [--duration S] [--no-write]`.
// The database comes from `node bench/generate.mjs --members 1000000 --engine postgres --url … --mobility`;
// the dues rows it needs (last year's assessments, this year's payments) are added here once.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { keyDirFor, log, sidecarFor } from './generate.mjs';
import { percentile, runLoad, timeSequential } from './lib/load.mjs';
import { ms, num, record, table, verdict } from './lib/results.mjs';
import { ADMIN_PASSWORD as BENCH_ADMIN_PASSWORD, login, ROOT, startServer } from './lib/server.mjs';
import { PG_SESSION_OPTIONS } from './lib/sql.mjs';

const { values: opt } = parseArgs({
  options: {
    url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/dangjian_bench_1m' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '8' },
    write: { type: 'boolean', default: true },
    // Leaves the dues rows in place (to EXPLAIN by hand); the daily scan of other benchmarks then sees them.
    keep: { type: 'boolean', default: false },
    // The batch service's compiled module under packages/server/dist (another build of it, to compare).
    'batch-module': { type: 'string', default: 'modules/dues/service/batch.js' },
    // Seconds the batch service is given (its target is 60).
    'batch-limit': { type: 'string', default: '120' },
    // Leaves (a) out: this year's assessments come from one bare statement, for (b) and (c) alone.
    'skip-batch': { type: 'boolean', default: false },
  },
  allowNegative: true,
});

// The assessed year, last year (the batch's source), the arrears day and the ledger's month.
const YEAR = 2026;
const ASOF = '2026-12-01';
const MONTH = '2026-11';
const url = opt.url;

async function withPg(fn, { server = false } = {}) {
  const c = new pg.Client({ connectionString: url, ...(server ? { options: PG_SESSION_OPTIONS } : {}) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
const one = async (sql, params = []) => withPg(async (c) => (await c.query(sql, params)).rows[0]);
const timed = async (fn) => {
  const t = performance.now();
  const out = await fn();
  return { ms: performance.now() - t, out };
};

// Last year's monthly amount as the seed's rates give it (RULES.md §1), for the batch to start from.
const amountSql = (base, category) => `case
  when ${category} in ('farmer', 'student', 'unemployed', 'relief') then 0.20
  when ${category} = 'retired' then round(${base} * case when ${base} <= 5000 then 0.005 else 0.01 end, 2)
  else least(1000, round(${base} * case when ${base} <= 3000 then 0.005 when ${base} <= 5000 then 0.01
    when ${base} <= 10000 then 0.015 else 0.02 end, 2)) end`;

/** Last year's assessments for every member in the party: a base from 2,000 to 14,000 yuan. */
async function seedLastYear(year = YEAR - 1) {
  log(`dues: seeding ${year} assessments`);
  return withPg(async (c) => {
    await c.query(`set session_replication_role = replica`);
    const cat = `coalesce(m.dues_category, 'salaried')`;
    const base = `(2000 + ('x' || substr(md5(m.id::text), 1, 6))::bit(24)::int % 12000)::numeric`;
    const res = await c.query(
      `insert into dues_assessments (id, member_id, org_id, year, category, base, monthly_amount, rate, from_month)
       select gen_random_uuid(), m.id, m.org_id, $1, ${cat},
         case when ${cat} in ('farmer', 'student', 'unemployed', 'relief') then null else ${base} end,
         ${amountSql(base, cat)}, null, $2
       from members m where m.exit_on is null`,
      [year, `${year}-01`],
    );
    await c.query(`vacuum analyze dues_assessments`);
    return res.rowCount;
  });
}

/** The dues rows this script adds, gone: other benchmarks (the daily scan) see the database as generated. */
const clearDues = () =>
  withPg((c) =>
    c.query(`truncate dues_payment_months, dues_payments, dues_assessments, dues_assessment_jobs`),
  );

/** The server's AppContext in this process, as boot.js builds it. */
async function serverContext() {
  const dist = (p) => pathToFileURL(path.join(ROOT, 'packages/server/dist', p)).href;
  const [{ loadConfig }, { createContext }, { openPostgres }, { bootstrapAdmin }, batch, arrears] =
    await Promise.all([
      import(dist('config.js')),
      import(dist('boot.js')),
      import(dist('db/engine.js')),
      import(dist('modules/auth/index.js')),
      import(dist(opt['batch-module'])),
      import(dist('modules/dues/service/arrears.js')),
    ]);
  const config = loadConfig({
    DATA_DIR: keyDirFor(url),
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
  });
  const ctx = await createContext(config, openPostgres(url));
  // The batch runs as the system administrator, as the CLI does: the account the server would create.
  await bootstrapAdmin(ctx);
  const adminId = (await one(`select id from users where username = 'admin'`)).id;
  const actor = {
    userId: adminId,
    username: 'admin',
    role: 'admin',
    orgId: null,
    orgPath: null,
    memberId: null,
    sessionId: 'bench',
  };
  return { ctx, actor, batch, arrears, close: () => ctx.database.close() };
}

const tree = () => JSON.parse(fs.readFileSync(sidecarFor({ engine: 'postgres', url }), 'utf8'));

/**
 * The bare statement for the batch's answer: last year's category and base at this year's rates, from the
 * year's first month or the month the member joined, for every member in the party not yet assessed.
 */
const bareBatch = (target, source) =>
  withPg(
    async (c) =>
      (
        await c.query(
          `insert into dues_assessments (id, member_id, org_id, year, category, base, components, monthly_amount,
             rate, capped, from_month)
           select gen_random_uuid(), m.id, m.org_id, $1, a.category, a.base, a.components,
             ${amountSql('a.base', 'a.category')}, null, false, greatest($2, to_char(m.joined_on, 'YYYY-MM'))
           from members m
           join lateral (select category, base, components from dues_assessments x where x.member_id = m.id
             and x.year = $3 and x.superseded_by is null order by x.from_month desc limit 1) a on true
           where m.exit_on is null and not exists (select 1 from dues_assessments b where b.member_id = m.id
             and b.year = $1 and b.superseded_by is null)`,
          [target, `${target}-01`, source],
        )
      ).rowCount,
    { server: true },
  );

/**
 * (a) 年初核定 of the whole county from last year's bases: the batch service, given `batchLimit` seconds
 * (past them it is stopped by closing its context, and recorded as missed with how far it got), then the
 * bare statement into the year after (then removed). When the service did not finish, the baseline's rows
 * become the year, so that (b) and (c) read a whole year.
 */
async function benchBatch(s, rootId) {
  const limitMs = Number(opt['batch-limit']) * 1000;
  const t0 = performance.now();
  const { progress, done } = await s.batch.startBatch(s.ctx, s.actor, { orgId: rootId, year: YEAR });
  const finished = await Promise.race([
    done.then(
      () => true,
      () => true,
    ),
    new Promise((r) => setTimeout(() => r(false), limitMs).unref()),
  ]);
  const server = { ms: performance.now() - t0, out: { ...progress }, finished };
  if (finished && progress.status !== 'succeeded') throw new Error(`batch failed: ${progress.message}`);
  // A stopped batch fails on its next statement; that failure is expected and not this script's.
  done.catch(() => {});
  if (!finished) await s.close();
  log(
    `dues: batch ${finished ? 'done' : 'stopped'} after ${ms(server.ms)} ms, created ${server.out.created}`,
  );
  const baseline = await timed(() => bareBatch(YEAR + 1, YEAR - 1));
  log(`dues: batch baseline ${ms(baseline.ms)} ms, ${baseline.out} rows`);
  // Only this year stays: the arrears and the ledger read a system that started with it. A stopped batch's
  // year is the baseline's answer instead (the same assessments, moved to this year).
  await withPg(async (c) => {
    if (!finished) {
      await c.query(`delete from dues_assessments where year = $1`, [YEAR]);
      await c.query(
        `update dues_assessments set year = $1, from_month = $1::text || right(from_month, 3) where year = $2`,
        [YEAR, YEAR + 1],
      );
    }
    await c.query(`delete from dues_assessments where year <> $1`, [YEAR]);
    await c.query(`vacuum analyze dues_assessments`);
  });
  return { server, baseline };
}

/**
 * This year's payments (once per batch run): most members paid every month through last month, one in
 * ten stopped after some months, one in a hundred paid nothing. One payment per member, its months in
 * dues_payment_months.
 */
async function seedPayments() {
  const last = `${YEAR}-11`;
  log('dues: seeding payments');
  return withPg(async (c) => {
    await c.query(`set session_replication_role = replica`);
    await c.query(
      `create temp table plan as
      select a.member_id, a.org_id, a.monthly_amount, h,
        array(select to_char(g, 'YYYY-MM') from generate_series(to_date(a.from_month, 'YYYY-MM'),
          to_date($1, 'YYYY-MM'), interval '1 month') g) as months
      from dues_assessments a
      cross join lateral (select ('x' || substr(md5(a.member_id::text), 7, 6))::bit(24)::int as h) x
      where a.year = $2 and a.superseded_by is null and a.from_month <= $1`,
      [last, YEAR],
    );
    await c.query(`update plan set months = case when h % 100 = 0 then '{}'::text[]
      when h % 10 = 1 then months[1:(h / 10) % greatest(cardinality(months), 1)] else months end`);
    await c.query(`delete from plan where cardinality(months) = 0`);
    await c.query(`alter table plan add column id uuid default gen_random_uuid()`);
    await c.query(`insert into dues_payments (id, member_id, org_id, months, amount, due, surplus, channel, paid_on,
        receipt_number, status)
      select id, member_id, org_id, months, monthly_amount * cardinality(months), monthly_amount * cardinality(months),
        0, 'cash', (months[cardinality(months)] || '-10')::date, 'B' || id::text, 'confirmed' from plan`);
    const res =
      await c.query(`insert into dues_payment_months (member_id, month, payment_id, org_id, amount, paid_on)
      select p.member_id, m, p.id, p.org_id, p.monthly_amount, (m || '-10')::date
      from plan p cross join unnest(p.months) m`);
    await c.query(`vacuum analyze dues_payments`);
    await c.query(`vacuum analyze dues_payment_months`);
    return res.rowCount;
  });
}

/** (b) arrears of the whole county: the service (three runs), then its statement bare. */
async function benchArrears(s, rootId, rootPath) {
  const runs = [];
  let items = 0;
  for (let i = 0; i < 3; i++) {
    const r = await timed(() => s.arrears.duesArrears(s.ctx, s.actor, { orgId: rootId, asOf: ASOF }));
    runs.push(r.ms);
    items = r.out.items.length;
    log(`dues: arrears run ${i + 1}: ${ms(r.ms)} ms, ${items} members`);
  }
  const { sql } = await import('drizzle-orm');
  const { PgDialect } = await import('drizzle-orm/pg-core');
  const statement = s.arrears.unpaidMonthsSql(sql`o.path <@ ${rootPath}::ltree`, '0000-01', `${YEAR}-11`);
  const dialectSql = new PgDialect().sqlToQuery(statement);
  const bare = [];
  for (let i = 0; i < 3; i++) {
    const r = await timed(() =>
      withPg(
        async (c) => {
          // As the server runs it: the whole-subtree scan with parallel workers.
          await c.query('set max_parallel_workers_per_gather = 2');
          return (
            await c.query(
              `with u as (${dialectSql.sql}) select member_id, count(*)::int as n, min(month) as since,
                 sum(amount) as amount from u group by member_id`,
              dialectSql.params,
            )
          ).rowCount;
        },
        { server: true },
      ),
    );
    bare.push(r.ms);
    log(`dues: arrears baseline run ${i + 1}: ${ms(r.ms)} ms, ${r.out} members`);
  }
  const median = (a) => [...a].sort((x, y) => x - y)[1];
  return { server: median(runs), baseline: median(bare), items };
}

/** (c) the ledger API under load over a fixed sample of organizations, and its statement bare. */
async function benchLedger(orgIds, rootId) {
  const seconds = Number(opt.duration);
  const connections = Number(opt.connections);
  const lease = `insert into meta (key, value) values ('job_lease', '9999-12-31 00:00:00+00')
    on conflict (key) do update set value = excluded.value`;
  await one(lease);
  const srv = await startServer({ dataDir: keyDirFor(url), databaseUrl: url, name: 'dues-ledger' });
  try {
    const cookie = await login(srv.base);
    let k = 0;
    const pick = () => orgIds[(k++ * 7919) % orgIds.length];
    const nextPath = () => `/api/dues/ledger?orgId=${pick()}&month=${MONTH}`;
    const root = await timeSequential({
      base: srv.base,
      headers: { cookie },
      path: () => `/api/dues/ledger?orgId=${rootId}&month=${MONTH}`,
      runs: 5,
      warmup: 1,
    });
    const load = await runLoad({
      base: srv.base,
      headers: { cookie },
      nextPath,
      connections,
      seconds,
      warmup: 3,
    });
    if (load.errors > 0) throw new Error(`ledger: ${load.errors} errors ${JSON.stringify(load.statuses)}`);
    // Baseline: the same grouped statement, bare, from `connections` pooled clients for the same time.
    const pool = new pg.Pool({ connectionString: url, max: connections, options: PG_SESSION_OPTIONS });
    const latencies = [];
    let j = 0;
    const stopAt = performance.now() + (3 + seconds) * 1000;
    const recordFrom = performance.now() + 3000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < stopAt) {
          const orgId = orgIds[(j++ * 7919) % orgIds.length];
          const t = performance.now();
          await pool.query(BARE_LEDGER, [orgId, MONTH]);
          if (t >= recordFrom) latencies.push(performance.now() - t);
        }
      }),
    );
    await pool.end();
    const sorted = Float64Array.from(latencies).sort();
    return {
      server: load,
      root: root.p50,
      baseline: { p95: percentile(sorted, 95), rps: sorted.length / seconds, p50: percentile(sorted, 50) },
    };
  } finally {
    await srv.stop();
    await one(
      `update meta set value = '1970-01-01' where key = 'job_lease' and value = '9999-12-31 00:00:00+00'`,
    );
  }
}

// The ledger's answer in one bare statement: the month's in-force assessment per member of the subtree
// (no exemptions or exits in the bench data), what was paid for it, grouped by the child it falls under.
const BARE_LEDGER = `
  with org as (select id, path, nlevel(path) as lvl from orgs where id = $1),
  d as (
    select a.member_id, o.path, a.monthly_amount as due from dues_assessments a join orgs o on o.id = a.org_id, org
    where o.path <@ org.path and a.year = left($2, 4)::int and a.from_month <= $2 and a.superseded_by is null)
  select case when nlevel(d.path) > org.lvl then subpath(d.path, org.lvl, 1) end as child,
    sum(d.due) as due, coalesce(sum(p.amount), 0) as paid, count(*) as members
  from d cross join org left join dues_payment_months p on p.member_id = d.member_id and p.month = $2
  group by 1`;

async function main() {
  const rootId = tree().root.id;
  const { path: rootPath } = await one(`select path::text as path from orgs where id = $1`, [rootId]);
  const members = (await one(`select count(*)::int as n from members where exit_on is null`)).n;
  // The context first: it migrates the database (the dues tables) as the server does on start.
  let s = await serverContext();
  let lastYear;
  let batch;
  let arrears;
  let ledger;
  try {
    await clearDues();
    if (opt['skip-batch']) await seedLastYear(YEAR);
    else {
      lastYear = await seedLastYear();
      batch = await benchBatch(s, rootId);
      if (!batch.server.finished) s = await serverContext();
    }
    const paidMonths = await seedPayments();
    log(`dues: ${num(paidMonths)} paid months`);
    arrears = await benchArrears(s, rootId, rootPath);
    const orgIds = (
      await withPg((c) => c.query(`select id::text as id from orgs order by md5(id::text) limit 2000`))
    ).rows.map((r) => r.id);
    ledger = await benchLedger(orgIds, rootId);
  } finally {
    await s.close();
    if (!opt.keep) await clearDues();
  }
  const rowA = batch && [
    '(a) assessment batch',
    batch.server.finished
      ? `${(batch.server.ms / 1000).toFixed(1)} s (${num(batch.server.out.created)} assessed)`
      : `> ${(batch.server.ms / 1000).toFixed(0)} s: stopped with ${num(batch.server.out.created)} of ${num(batch.server.out.total)} assessed`,
    `${(batch.baseline.ms / 1000).toFixed(1)} s (one INSERT … SELECT)`,
    `${batch.server.finished ? '' : '> '}${num(batch.server.ms / batch.baseline.ms, 1)}×`,
  ];
  const rowB = [
    '(b) arrears, whole county',
    `${(arrears.server / 1000).toFixed(2)} s (${num(arrears.items)} members in arrears)`,
    `${(arrears.baseline / 1000).toFixed(2)} s (its statement, bare)`,
    `${num(arrears.server / arrears.baseline, 1)}×`,
  ];
  const rowC = [
    '(c) ledger API, random organizations',
    `p95 ${ms(ledger.server.p95)} ms, ${num(ledger.server.rps, 0)} req/s; county root ${ms(ledger.root)} ms unloaded`,
    `p95 ${ms(ledger.baseline.p95)} ms, ${num(ledger.baseline.rps, 0)} q/s (grouped statement, bare)`,
    `${num(ledger.server.p95 / ledger.baseline.p95, 1)}×`,
  ];
  const rows = [rowA, rowB, rowC].filter(Boolean);
  const size = `${Math.round(members / 1e5) / 10}M`;
  const body = [
    `${size} database (${num(members)} members in the party; ${batch ? `${num(lastYear)} assessments of ${YEAR - 1} as the batch's source` : `this year's assessments from one bare statement, (a) left out`}), PostgreSQL, the server's session options on both sides (no JIT; no parallel workers, except the arrears scan: 2, as the server sets for a whole subtree). Ledger: ${opt.connections} connections, ${opt.duration} s after 3 s warm-up, month ${MONTH}, a fixed sample of 2,000 organizations of every level; arrears as of ${ASOF}, median of 3.`,
    '',
    table(['benchmark', 'server', 'baseline (same run)', 'ratio'], rows),
    '',
    batch ? `Batch module: \`${opt['batch-module']}\`.` : '',
  ].join('\n');
  record('dues: assessment batch, arrears, ledger API', body, {
    write: opt.write,
    current: [
      ...(rowA
        ? [
            {
              benchmark: `dues assessment batch, ${size} members`,
              target: '≤ 60 s',
              measured: rowA[1],
              baseline: rowA[2],
              ratio: rowA[3],
              engine: 'postgres',
              verdict: verdict(batch.server.finished && batch.server.ms <= 60_000),
            },
          ]
        : []),
      {
        benchmark: `dues arrears, ${size} members`,
        target: '≤ 5 s',
        measured: rowB[1],
        baseline: rowB[2],
        ratio: rowB[3],
        engine: 'postgres',
        verdict: verdict(arrears.server <= 5_000),
      },
      {
        benchmark: `dues ledger API, ${size} members`,
        target: 'p95 ≤ 50 ms',
        measured: rowC[1],
        baseline: rowC[2],
        ratio: rowC[3],
        engine: 'postgres',
        verdict: verdict(ledger.server.p95 <= 50),
      },
    ],
  });
}

await main();
