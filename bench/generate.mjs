#!/usr/bin/env node
// Synthetic members for the benchmarks (see bench/README.md).
//
//   node bench/generate.mjs --members 1000000 --engine postgres --url postgres://postgres@127.0.0.1:5432/dangjian_bench_1m
//   node bench/generate.mjs --members 100000 --engine pglite --dir bench/.data/pglite-100k
//   node bench/generate.mjs --members 100000 --xlsx /tmp/members.xlsx [--branches names.json]
//
// Databases get an organization tree (county committee → townships → general branches → branches
// of ≤ 50 → groups) and members with encrypted personal fields, written with the server's own vault
// so the server reads them. A JSON sidecar lists the tree's ids for the benchmarks to pick scopes.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { educationLabels, regionName } from '@dangjian/core';
import ExcelJS from 'exceljs';
import pg from 'pg';
import {
  buildTree,
  GENERATOR_VERSION,
  MEMBER_COLUMNS,
  memberFactory,
  memberRow,
  ORG_COLUMNS,
  orgRow,
  prng,
  regions,
  TODAY,
} from './lib/data.mjs';
import { MOBILITY_TABLES, mobilityConsistencySql, mobilityInserts } from './lib/mobility-data.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
export const BENCH_DATA = path.join(ROOT, 'bench', '.data');
const serverDist = (p) => pathToFileURL(path.join(ROOT, 'packages/server/dist', p)).href;

export const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);
const fmt = (n) => n.toLocaleString('en-US');

/** The server's own modules: its migrations and its vault (so the server can decrypt what we write). */
export async function serverModules() {
  const file = path.join(ROOT, 'packages/server/dist/db/engine.js');
  if (
    !fs.existsSync(file) ||
    !fs.existsSync(path.join(ROOT, 'packages/server/dist/db/migrations/meta/_journal.json'))
  ) {
    throw new Error(
      'The server is not built: run `npx tsc -b packages/server && node scripts/copy-migrations.mjs` first.',
    );
  }
  const engine = await import(serverDist('db/engine.js'));
  const crypto = await import(serverDist('lib/crypto.js'));
  return { engine, crypto };
}

export function dbNameOf(url) {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function adminUrl(url) {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export async function withAdmin(url, fn) {
  const c = new pg.Client({ connectionString: adminUrl(url) });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function databaseExists(url) {
  return withAdmin(url, async (c) => {
    const r = await c.query('select 1 from pg_database where datname = $1', [dbNameOf(url)]);
    return r.rowCount > 0;
  });
}

/** Drops and creates a bench database; refuses names that do not look like one. */
export async function recreateDatabase(url, { force = false } = {}) {
  const name = dbNameOf(url);
  if (!/^dangjian_bench/.test(name) && !force) {
    throw new Error(
      `Refusing to drop database "${name}": bench databases are named dangjian_bench_* (or pass --force).`,
    );
  }
  await withAdmin(url, async (c) => {
    await c.query(`drop database if exists "${name}" with (force)`);
    await c.query(`create database "${name}"`);
  });
}

/** Where the server's DATA_DIR (with master.key) lives for a PostgreSQL bench database. */
export function keyDirFor(url) {
  return path.join(BENCH_DATA, `${dbNameOf(url)}-data`);
}

export function sidecarFor({ engine, url, dir }) {
  return engine === 'postgres'
    ? path.join(BENCH_DATA, `${dbNameOf(url)}.tree.json`)
    : path.join(dir, 'bench-tree.json');
}

/** A thin handle on either engine: `query(sql, params)` returning rows. */
async function openTarget({ engine, url, dir }) {
  const { engine: eng } = await serverModules();
  if (engine === 'postgres') {
    const database = eng.openPostgres(url, 2);
    await eng.migrate(database);
    await database.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      query: async (sql, params) => (await client.query(sql, params)).rows,
      close: () => client.end(),
    };
  }
  const database = await eng.openPglite(dir);
  await eng.migrate(database);
  const db = database.pglite;
  return {
    query: async (sql, params) => (await db.query(sql, params)).rows,
    exec: (sql) => db.exec(sql),
    close: () => database.close(),
  };
}

/** One multi-row INSERT per batch: each column travels as one array parameter through unnest. */
export function unnestInsert(table, columns) {
  const names = columns.map(([c]) => c).join(', ');
  const arrays = columns.map(([, t], i) => `$${i + 1}::${t === 'ltree' ? 'text' : t}[]`).join(', ');
  const select = columns.map(([c, t]) => (t === 'ltree' ? `${c}::ltree` : c)).join(', ');
  const sql = `insert into ${table} (${names}) select ${select} from unnest(${arrays}) as t(${names})`;
  return (rows) => {
    const cols = columns.map((_, i) => rows.map((r) => r[i]));
    return [sql, cols];
  };
}

/**
 * Fills a database with `members` members over a generated tree. Skips the work when the database
 * already holds exactly that many members and the sidecar matches (unless `force`).
 */
export async function generateDatabase(opts) {
  const { engine, url, members: total, seed = 1, townships = 20, force = false } = opts;
  const dir = opts.dir && path.resolve(opts.dir);
  const keyDir = engine === 'postgres' ? (opts.keyDir ?? keyDirFor(url)) : dir;
  const sidecar = opts.sidecar ?? sidecarFor({ engine, url, dir });
  const { crypto } = await serverModules();
  const started = performance.now();

  // Reuse what is there when it is what was asked for.
  const existing = await existingCount({ engine, url, dir });
  if (existing === total && !force && fs.existsSync(sidecar)) {
    const side = JSON.parse(fs.readFileSync(sidecar, 'utf8'));
    if (side.members === total && side.seed === seed && side.version === GENERATOR_VERSION) {
      log(`generate: ${engine} ${url ?? dir} already holds ${fmt(total)} members; reusing it`);
      return side;
    }
  }
  if (existing !== null)
    log(
      `generate: ${engine} ${url ?? dir} holds ${existing === -1 ? 'no members table' : `${fmt(existing)} members`}; recreating`,
    );
  if (engine === 'postgres') {
    await recreateDatabase(url, { force });
    fs.rmSync(keyDir, { recursive: true, force: true });
  } else {
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
      if (
        !fs.existsSync(path.join(dir, 'bench-tree.json')) &&
        !fs.existsSync(path.join(dir, 'bench-generating')) &&
        !force
      ) {
        throw new Error(`Refusing to wipe ${dir}: not a bench data dir (pass --force).`);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'bench-generating'), '');
  }
  fs.mkdirSync(keyDir, { recursive: true });
  const vault = crypto.createVault(crypto.loadMasterKey(undefined, keyDir));
  const target = await openTarget({ engine, url, dir });
  try {
    // The server checks its key against this on start; write it with the same vault.
    await target.query(
      `insert into meta (key, value) values ('vault_check', $1) on conflict (key) do nothing`,
      [vault.encrypt('dangjian')],
    );

    const tree = buildTree(total, { seed, townships });
    log(
      `generate: tree of ${fmt(tree.orgs.length)} organizations (${tree.townships.length} townships, ${fmt(tree.generalBranches.length)} general branches, ${fmt(tree.branches.length)} branches)`,
    );
    const orgInsert = unnestInsert('orgs', ORG_COLUMNS);
    for (let i = 0; i < tree.orgs.length; i += 5000) {
      const [sql, params] = orgInsert(tree.orgs.slice(i, i + 5000).map(orgRow));
      await target.query(sql, params);
    }

    // Secondary indexes are rebuilt once at the end: far cheaper than maintaining them row by row.
    const indexes = await target.query(
      `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = 'members' and indexname <> 'members_pkey'`,
    );
    for (const ix of indexes) await target.query(`drop index "${ix.indexname}"`);
    if (engine === 'postgres') await target.query(`set synchronous_commit = off`);

    const memberInsert = unnestInsert('members', MEMBER_COLUMNS);
    const make = memberFactory({ seed });
    const order = prng(seed * 31 + 7).shuffle([...tree.branches]);
    const BATCH = 5000;
    let batch = [];
    let written = 0;
    let pending = Promise.resolve();
    let lastLog = performance.now();
    const t0 = performance.now();
    const flush = async () => {
      const [sql, params] = memberInsert(batch);
      batch = [];
      await pending;
      pending = target.query(sql, params).then(() => {});
    };
    for (const branch of order) {
      for (let k = 0; k < branch.members; k++) {
        batch.push(memberRow(vault, make(branch)));
        if (batch.length === BATCH) {
          await flush();
          written += BATCH;
          const now = performance.now();
          if (now - lastLog > 2000) {
            lastLog = now;
            const rate = written / ((now - t0) / 1000);
            log(
              `generate: members ${fmt(written)}/${fmt(total)} (${Math.round((written / total) * 100)}%), ${fmt(Math.round(rate))} rows/s, ETA ${Math.round((total - written) / rate)} s`,
            );
          }
        }
      }
    }
    written += batch.length;
    if (batch.length > 0) await flush();
    await pending;
    const loadSeconds = (performance.now() - t0) / 1000;
    log(
      `generate: ${fmt(written)} members written in ${loadSeconds.toFixed(1)} s; rebuilding ${indexes.length} indexes`,
    );
    const ti = performance.now();
    if (engine === 'postgres') await target.query(`set maintenance_work_mem = '512MB'`);
    for (const ix of indexes) await target.query(ix.indexdef);
    const indexSeconds = (performance.now() - ti) / 1000;
    log(`generate: indexes rebuilt in ${indexSeconds.toFixed(1)} s; vacuum analyze`);
    await target.query('vacuum analyze members');
    await target.query('vacuum analyze orgs');

    const side = {
      engine,
      url: url ?? null,
      dir: dir ?? null,
      dataDir: keyDir,
      members: total,
      seed,
      version: GENERATOR_VERSION,
      generatedAt: new Date().toISOString(),
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      root: { id: tree.root.id, name: tree.root.name, path: tree.root.path },
      townships: tree.townships.map((t) => ({ id: t.id, name: t.name, path: t.path, members: t.members })),
      generalBranches: tree.generalBranches.map((g) => g.id),
      branches: tree.branches.map((b) => [b.id, b.members]),
      orgCount: tree.orgs.length,
    };
    fs.mkdirSync(path.dirname(sidecar), { recursive: true });
    fs.writeFileSync(sidecar, JSON.stringify(side));
    if (engine === 'pglite') fs.rmSync(path.join(dir, 'bench-generating'), { force: true });
    log(`generate: done in ${side.seconds} s; tree ids in ${path.relative(process.cwd(), sidecar)}`);
    return side;
  } finally {
    await target.close();
  }
}

/**
 * Mobile-member data on top of a generated database (issue 4; see lib/mobility-data.mjs): one open
 * episode per mobile member plus contacts, thought reports, life records and yearly reviews.
 * Skipped when the database already has episodes (unless `force`, which empties those tables and
 * the obligations first). All in one transaction, so an interrupted run leaves nothing behind.
 */
export async function generateMobility({ engine, url, dir, force = false, today = TODAY }) {
  const target = await openTarget({ engine, url, dir: dir && path.resolve(dir) });
  try {
    const counts = async () => {
      const out = {};
      for (const t of MOBILITY_TABLES)
        out[t] = (await target.query(`select count(*)::int as n from ${t}`))[0].n;
      return out;
    };
    const before = await counts();
    if (before.mobility_episodes > 0 && !force) {
      log(`generate: mobility data already there (${JSON.stringify(before)}); reusing it`);
      return { ...before, skipped: true };
    }
    const t0 = performance.now();
    await target.query('begin');
    try {
      if (force) await target.query(`truncate ${[...MOBILITY_TABLES, 'obligations'].join(', ')} cascade`);
      if (engine === 'postgres') await target.query('set local synchronous_commit = off');
      for (const [label, sql] of mobilityInserts) {
        const t1 = performance.now();
        await target.query(sql, [today]);
        log(`generate: ${label} in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
      }
      const [bad] = await target.query(mobilityConsistencySql);
      if (bad.n !== 0) throw new Error(`${bad.n} members whose mobile flag disagrees with their episodes`);
      await target.query('commit');
    } catch (err) {
      await target.query('rollback');
      throw err;
    }
    for (const t of MOBILITY_TABLES) await target.query(`vacuum analyze ${t}`);
    const after = await counts();
    const seconds = (performance.now() - t0) / 1000;
    log(`generate: mobility data in ${seconds.toFixed(1)} s: ${JSON.stringify(after)}`);
    return { ...after, seconds, skipped: false };
  } finally {
    await target.close();
  }
}

/** Members already in a target: null if there is no database, -1 if it has no members table. */
async function existingCount({ engine, url, dir }) {
  if (engine === 'postgres') {
    if (!(await databaseExists(url))) return null;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      const t = await c.query(`select to_regclass('public.members') is not null as present`);
      if (!t.rows[0].present) return -1;
      return (await c.query('select count(*)::int as n from members')).rows[0].n;
    } finally {
      await c.end();
    }
  }
  if (!fs.existsSync(path.join(dir, 'pgdata'))) return null;
  if (fs.existsSync(path.join(dir, 'bench-generating'))) return -1;
  const { engine: eng } = await serverModules();
  const database = await eng.openPglite(dir);
  try {
    const t = await database.pglite.query(`select to_regclass('public.members') is not null as present`);
    if (!t.rows[0].present) return -1;
    return (await database.pglite.query('select count(*)::int as n from members')).rows[0].n;
  } finally {
    await database.close();
  }
}

export const FORM_HEADERS = [
  '姓名',
  '性别',
  '民族',
  '公民身份号码',
  '出生日期',
  '学历',
  '人员类别',
  '所在党支部',
  '加入党组织日期',
  '转为正式党员日期',
  '工作岗位',
  '联系电话',
  '家庭住址',
  '党籍状态',
  '是否为失联党员',
  '失去联系日期',
  '是否为流动党员',
  '外出流向',
];

/**
 * Branches for an import: names unique inside one township, sizes of 15..50 members, enough of
 * them for `members` people. The import benchmark creates them (via the API) before uploading.
 */
export function importBranchPlan(members, { seed = 2 } = {}) {
  const tree = buildTree(members, { seed, townships: 1 });
  return {
    generalBranches: tree.generalBranches.map((g) => ({ key: g.id, name: g.name })),
    branches: tree.branches.map((b) => ({
      key: b.id,
      name: b.name,
      members: b.members,
      parentKey: b.parentId === tree.townships[0].id ? null : b.parentId,
    })),
  };
}

/**
 * The people of an import, in file order: `branches` lists {name, members}; rows fill them in turn
 * (所在党支部), and a share `emptyShare` names no branch (the import's own organization).
 */
export function* importMembers({
  members: total,
  seed = 2,
  branches = [],
  townshipName = '黄花镇',
  emptyShare = 0.03,
}) {
  const make = memberFactory({ seed: seed * 13 + 5 });
  const r = prng(seed * 97 + 1);
  const slots = branches.length > 0 ? branches : [{ name: null, members: total }];
  const township = { id: null, name: `中共${townshipName}委员会` };
  let written = 0;
  for (let b = 0; written < total; b = (b + 1) % slots.length) {
    const branch = slots[b];
    for (let k = 0; k < branch.members && written < total; k++) {
      const name = r.next() < emptyShare ? null : branch.name;
      const m = make({ id: null, name, township }, { plain: true });
      m.branchName = name;
      written += 1;
      yield m;
    }
  }
}

/** One 采集表 row (FORM_HEADERS order) for a generated member. */
export function formRow(m, index) {
  return [
    m.name,
    m.gender === 'male' ? '男' : '女',
    m.ethnicity,
    m.idNumber,
    m.birthDate,
    educationLabels[m.education === 'other' ? 'junior' : m.education],
    m.occupation,
    m.branchName,
    m.joinedOn,
    m.fullOn,
    m.jobPost,
    m.phone,
    m.address,
    '正常',
    m.lostContact ? '是' : '否',
    m.lostContactSince,
    m.mobile ? '是' : '否',
    m.destinationRegion ? regionName(index, m.destinationRegion) : null,
  ];
}

/** A 党员信息采集表 of `members` rows (see importMembers), streamed with exceljs's WorkbookWriter. */
export async function writeMemberXlsx({ file, ...plan }) {
  const { index } = regions();
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: false,
    useSharedStrings: true,
  });
  const sheet = wb.addWorksheet('党员信息采集表');
  sheet.addRow(FORM_HEADERS).commit();
  const t0 = performance.now();
  let lastLog = t0;
  let written = 0;
  for (const m of importMembers(plan)) {
    sheet.addRow(formRow(m, index)).commit();
    written += 1;
    const now = performance.now();
    if (now - lastLog > 2000) {
      lastLog = now;
      log(`xlsx: ${fmt(written)}/${fmt(plan.members)} rows`);
    }
  }
  sheet.commit();
  await wb.commit();
  const seconds = (performance.now() - t0) / 1000;
  const bytes = fs.statSync(file).size;
  log(`xlsx: ${fmt(written)} rows, ${(bytes / 1048576).toFixed(1)} MB in ${seconds.toFixed(1)} s → ${file}`);
  return { file, rows: written, bytes, seconds };
}

async function main() {
  const { values } = parseArgs({
    options: {
      members: { type: 'string', default: '10000' },
      engine: { type: 'string' },
      url: { type: 'string' },
      dir: { type: 'string' },
      xlsx: { type: 'string' },
      branches: { type: 'string' },
      seed: { type: 'string', default: '1' },
      townships: { type: 'string', default: '20' },
      sidecar: { type: 'string' },
      force: { type: 'boolean', default: false },
      mobility: { type: 'boolean', default: false },
      'force-mobility': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const usage = `usage:
  node bench/generate.mjs --members N --engine postgres --url postgres://postgres@127.0.0.1:5432/dangjian_bench_x
  node bench/generate.mjs --members N --engine pglite --dir <DATA_DIR>
  node bench/generate.mjs --members N --xlsx <file.xlsx> [--branches names.json|"A,B,C"]
options: --seed S (1), --townships T (20), --sidecar file.json, --force (recreate even if present),
  --mobility (also the mobile-member data: episodes, contacts, reports, life records, reviews;
  skipped if there are episodes already), --force-mobility (empty those tables and redo them)`;
  if (values.help) return console.log(usage);
  const members = Number(values.members.replaceAll('_', ''));
  const seed = Number(values.seed);
  if (!Number.isInteger(members) || members <= 0)
    throw new Error(`--members must be a positive integer\n${usage}`);
  if (values.xlsx) {
    let branches = [];
    if (values.branches) {
      const names = fs.existsSync(values.branches)
        ? JSON.parse(fs.readFileSync(values.branches, 'utf8'))
        : values.branches.split(',');
      const r = prng(seed);
      branches = names.map((n) => (typeof n === 'string' ? { name: n, members: r.int(15, 50) } : n));
    }
    const out = await writeMemberXlsx({ file: values.xlsx, members, seed, branches });
    console.log(JSON.stringify(out));
    return;
  }
  if (values.engine === 'postgres') {
    if (!values.url) throw new Error(`--url is required for --engine postgres\n${usage}`);
  } else if (values.engine === 'pglite') {
    if (!values.dir) throw new Error(`--dir is required for --engine pglite\n${usage}`);
  } else {
    throw new Error(`--engine postgres|pglite or --xlsx is required\n${usage}`);
  }
  const side = await generateDatabase({
    engine: values.engine,
    url: values.url,
    dir: values.dir,
    members,
    seed,
    townships: Number(values.townships),
    sidecar: values.sidecar,
    force: values.force,
  });
  const mobility =
    values.mobility || values['force-mobility']
      ? await generateMobility({
          engine: values.engine,
          url: values.url,
          dir: values.dir,
          force: values['force-mobility'],
        })
      : undefined;
  console.log(
    JSON.stringify({
      members: side.members,
      orgs: side.orgCount,
      root: side.root.id,
      dataDir: side.dataDir,
      seconds: side.seconds,
      mobility,
    }),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
