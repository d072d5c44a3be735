#!/usr/bin/env node
// The bare baseline for the member-list benchmark: node:http + the database driver, running the
// SAME two statements as the server's listMembers (page query and count query, same join and ltree
// filter; see bench/lib/sql.mjs) and answering JSON. No framework, no auth, no validation, no
// decryption or masking, organization paths cached in memory.
//
//   node bench/baseline-server.mjs --engine postgres --url postgres://postgres@127.0.0.1:5432/dangjian_bench_1m --port 3999
//   node bench/baseline-server.mjs --engine pglite --dir bench/.data/pglite-100k --port 3999
//   GET /api/members?orgId=<uuid>&page=1&pageSize=20&standing=normal   → {"items":[…],"total":n}
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { listCountScopeSql, listCountSql, listPageScopeSql, listPageSql } from './lib/sql.mjs';

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
const scope = values.variant === 'scope';
const pageSql = scope ? listPageScopeSql : listPageSql;
const countSql = scope ? listCountScopeSql : listCountSql;

let query;
let close;
if (values.engine === 'postgres') {
  // The server's pool size (openPostgres default).
  const pool = new pg.Pool({ connectionString: values.url, max: Number(values.pool) });
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

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/health') return send(res, 200, { status: 'ok' });
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
