#!/usr/bin/env node
// The bare baseline for the member-list and ledger benchmarks: node:http + the database driver,
// running the SAME statements as the server (see bench/lib/sql.mjs) and answering JSON. No
// framework, no auth, no validation, no decryption or masking, organization paths cached in memory.
// PostgreSQL connections use the server pool's session options (no JIT, no parallel workers).
//
//   GET /api/members?orgId=<uuid>&page=1&pageSize=20&standing=normal   → {"items":[…],"total":n}
//     listMembers' page query and count query, at once
//   GET /api/mobility/members/<uuid>/ledger                             → {"episodes":[…], …}
//     memberLedger's statements in the server's order: episodes; then contacts, reports, reviews,
//     life records, obligations, member at once; then each episode's latest certificate
//
//   node bench/baseline-server.mjs --engine postgres --url postgres://postgres@127.0.0.1:5432/dangjian_bench_1m --port 3999
//   node bench/baseline-server.mjs --engine pglite --dir bench/.data/pglite-100k --port 3999
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  ledgerSql,
  listCountScopeCountedSql,
  listCountScopeSql,
  listCountSql,
  listPageScopeSql,
  listPageSql,
  PG_SESSION_OPTIONS,
} from './lib/sql.mjs';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'postgres' },
    url: { type: 'string' },
    dir: { type: 'string' },
    port: { type: 'string', default: '3999' },
    pool: { type: 'string', default: '10' },
    // Experiments (bench/run.mjs list --experiments): session settings; `--variant scope` reads a closure table.
    set: { type: 'string', multiple: true, default: [] },
    variant: { type: 'string', default: 'server' },
  },
});
const settings = values.set.map((kv) => {
  const [k, v] = kv.split('=');
  if (!/^[a-z_]+$/.test(k) || !/^[\w.]+$/.test(v)) throw new Error(`bad --set ${kv}`);
  return `set ${k} = '${v}'`;
});
// server: the server's statements; scope: closure table; scope-counted: closure table + kept counts.
const scope = values.variant.startsWith('scope');
const pageSql = scope ? listPageScopeSql : listPageSql;
const countSql =
  values.variant === 'scope-counted' ? listCountScopeCountedSql : scope ? listCountScopeSql : listCountSql;

let query;
let close;
if (values.engine === 'postgres') {
  // The server's pool size (openPostgres default) and session options.
  const pool = new pg.Pool({
    connectionString: values.url,
    max: Number(values.pool),
    options: PG_SESSION_OPTIONS,
  });
  pool.on('connect', (client) => {
    for (const s of settings) client.query(s);
  });
  query = async (sql, params) => (await pool.query(sql, params)).rows;
  close = () => pool.end();
} else {
  // The server's own opener: same extensions, and the same data-dir lock.
  const root = path.resolve(import.meta.dirname, '..');
  const { openPglite } = await import(
    pathToFileURL(path.join(root, 'packages/server/dist/db/engine.js')).href
  );
  const database = await openPglite(path.resolve(values.dir));
  for (const s of settings) await database.pglite.query(s);
  query = async (sql, params) => (await database.pglite.query(sql, params)).rows;
  close = () => database.close();
}

const paths = new Map(
  (await query('select id::text as id, path::text as path from orgs')).map((r) => [r.id, r.path]),
);

const send = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function ledger(memberId) {
  const episodes = await query(ledgerSql.episodes, [memberId]);
  if (episodes.length === 0 && (await query(ledgerSql.member404, [memberId])).length === 0) return null;
  const [contacts, reports, reviews, life, obligations, member] = await Promise.all(
    ['contacts', 'reports', 'reviews', 'life', 'obligations', 'member'].map((k) =>
      query(ledgerSql[k], [memberId]),
    ),
  );
  return {
    memberId,
    memberName: member[0]?.name ?? null,
    lostContact: member[0]?.lostContact ?? false,
    standing: member[0]?.standing ?? null,
    episodes: await Promise.all(
      episodes.map(async (e) => ({
        ...e,
        certificate: (await query(ledgerSql.certificate, [e.id]))[0] ?? null,
      })),
    ),
    contacts,
    reports,
    reviews,
    life,
    obligations,
  };
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
    const ledgerOf = /^\/api\/mobility\/members\/([^/]+)\/ledger$/.exec(url.pathname)?.[1];
    if (ledgerOf) {
      const body = UUID.test(ledgerOf) ? await ledger(ledgerOf) : null;
      return body ? send(res, 200, body) : send(res, 404, { error: 'member not found' });
    }
    if (url.pathname !== '/api/members' && url.pathname !== '/members')
      return send(res, 404, { error: 'not found' });
    const orgId = url.searchParams.get('orgId') ?? '';
    const orgPath = paths.get(orgId);
    if (!orgPath) return send(res, 404, { error: 'org not found' });
    const key = scope ? orgId : orgPath;
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const pageSize = Math.min(100, Math.max(1, Number(url.searchParams.get('pageSize') ?? 20)));
    const standing = url.searchParams.get('standing') ?? 'normal';
    const [items, [count]] = await Promise.all([
      query(pageSql, [key, standing, pageSize, (page - 1) * pageSize]),
      query(countSql, [key, standing]),
    ]);
    send(res, 200, { items, total: count?.n ?? 0 });
  } catch (err) {
    send(res, 500, { error: String(err?.message ?? err) });
  }
});
server.keepAliveTimeout = 60_000;
server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`baseline (${values.engine}) on http://127.0.0.1:${values.port}, ${paths.size} orgs cached`);
});
const shutdown = () =>
  server.close(async () => {
    await close();
    process.exit(0);
  });
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
