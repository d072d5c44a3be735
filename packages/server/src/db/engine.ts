import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { ConfigError } from '../config.js';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export type EngineName = 'pglite' | 'postgres';

export interface Database {
  engine: EngineName;
  db: Db;
  /** Raw rows of a statement, identical in shape on both engines. */
  rows<T = Record<string, unknown>>(query: SQL, executor?: Executor): Promise<T[]>;
  close(): Promise<void>;
  pglite?: PGlite;
  pool?: pg.Pool;
}

/**
 * PGlite has no autovacuum, so nothing refreshes the planner's statistics after bulk writes; without
 * them it plans joins row by row (the reminder query: 5 s instead of 50 ms for 12k members). On
 * PostgreSQL autovacuum does this.
 */
/** `tables` empty: the whole database. */
export async function analyzeIfEmbedded(database: Database, tables: string[]) {
  if (database.engine !== 'pglite') return;
  await database.rows(sql.raw(`analyze ${tables.join(', ')}`));
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export class DataDirLockedError extends ConfigError {}

/** PGlite has no directory lock of its own: two processes on one data dir corrupt it (STACK.md). */
async function takeLock(dataDir: string): Promise<() => void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'dangjian.lock');
  const stamp = `${process.pid} ${procStat(process.pid)?.startTime ?? ''}`.trim();
  const tryCreate = () => {
    const fd = fs.openSync(lockFile, 'wx');
    fs.writeSync(fd, stamp);
    fs.closeSync(fd);
  };
  const deadline = Date.now() + DYING_WAIT_MS;
  for (;;) {
    try {
      tryCreate();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const content = readLock(lockFile);
    if (content === null) continue;
    const [pidText = '', startTime] = content.split(/\s+/);
    const holder = Number(pidText);
    const state = holder && holder !== process.pid ? holderState(holder, startTime) : 'dead';
    if (state === 'dying' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    if (state !== 'dead') {
      throw new DataDirLockedError(
        `数据目录 ${dataDir} 正被另一个进程 (pid ${holder}) 使用；同一数据目录只能由一个进程打开。`,
      );
    }
    // Only the stale stamp we judged is removed: a lock a racing starter just took stays.
    if (readLock(lockFile) === content) fs.rmSync(lockFile, { force: true });
  }
  return () => {
    if (readLock(lockFile) === stamp) fs.rmSync(lockFile, { force: true });
  };
}

/**
 * A process killed with SIGKILL keeps its pid while the kernel tears down its memory (PGlite's WASM
 * heap: up to ~2 s) and then as a zombie until its parent reaps it. `kill(pid, 0)` succeeds all that
 * time, so a restart right after a crash would be refused. A holder that is dying is waited for this
 * long; a zombie is dead already.
 */
const DYING_WAIT_MS = 10_000;
const SIGKILL_BIT = 1n << 8n;
const PF_EXITING = 0x4;

function readLock(lockFile: string): string | null {
  try {
    return fs.readFileSync(lockFile, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Linux /proc/<pid>/stat: state (field 3), flags (9), start time (22); null elsewhere or if gone. */
function procStat(pid: number): { state: string; flags: number; startTime: string } | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', flags: Number(fields[6]), startTime: fields[19] ?? '' };
  } catch {
    return null;
  }
}

function sigkillPending(pid: number): boolean {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return [...status.matchAll(/^(?:SigPnd|ShdPnd):\s*([0-9a-f]+)$/gm)].some(
      (m) => (BigInt(`0x${m[1]}`) & SIGKILL_BIT) !== 0n,
    );
  } catch {
    return false;
  }
}

/**
 * Where /proc cannot be read (not Linux) a holder that answers `kill(pid, 0)` counts as alive. A start
 * time that differs from the one in the lock means the pid now belongs to another process.
 */
function holderState(pid: number, startTime: string | undefined): 'alive' | 'dying' | 'dead' {
  if (!isAlive(pid)) return 'dead';
  const stat = procStat(pid);
  if (!stat) return isAlive(pid) ? 'alive' : 'dead';
  if (stat.state === 'Z' || stat.state === 'X' || stat.state === 'x') return 'dead';
  if (startTime && stat.startTime !== startTime) return 'dead';
  if (stat.flags & PF_EXITING || sigkillPending(pid)) return 'dying';
  return 'alive';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openPglite(dataDir: string | null): Promise<Database> {
  const release = dataDir ? await takeLock(dataDir) : () => {};
  try {
    const client = await PGlite.create(dataDir ? path.join(dataDir, 'pgdata') : undefined, {
      extensions: { ltree },
    });
    return wrapPglite(client, release);
  } catch (err) {
    release();
    throw err;
  }
}

export function wrapPglite(client: PGlite, release: () => void = () => {}): Database {
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    engine: 'pglite',
    db,
    pglite: client,
    async rows(query, executor = db) {
      const res = (await executor.execute(query)) as unknown as { rows: never[] };
      return res.rows;
    },
    async close() {
      await client.close();
      release();
    },
  };
}

export function openPostgres(url: string, max = 10): Database {
  // Many short queries at once on few cores: parallel workers and JIT cost more than they save
  // (bench/RESULTS.md, list). Whole-subtree statistics turn parallelism back on for themselves.
  const pool = new pg.Pool({
    connectionString: url,
    max,
    options: '-c jit=off -c max_parallel_workers_per_gather=0',
  });
  pool.on('error', () => {
    // an idle client lost its connection; the pool replaces it on next use
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    engine: 'postgres',
    db,
    pool,
    async rows(query, executor = db) {
      const res = (await executor.execute(query)) as unknown as { rows: never[] };
      return res.rows;
    },
    async close() {
      await pool.end();
    },
  };
}

interface Journal {
  entries: { idx: number; tag: string; when: number }[];
}

export function knownMigrations(): Journal['entries'] {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'),
  ) as Journal;
  return journal.entries;
}

export class SchemaTooNewError extends ConfigError {}

/**
 * Applies pending migrations. A database migrated by a newer release has migrations this one does
 * not know: refuse it rather than run old code on a newer schema.
 */
export async function migrate(database: Database): Promise<void> {
  const known = knownMigrations();
  const applied = await appliedMigrations(database);
  const newest = known.at(-1)?.when ?? 0;
  const unknown = applied.filter((when) => when > newest);
  if (unknown.length > 0) {
    throw new SchemaTooNewError(
      `数据库由更新版本的程序创建（已应用 ${applied.length} 个迁移，本程序只认识 ${known.length} 个）。请使用更新版本的程序，或从备份恢复。`,
    );
  }
  if (database.engine === 'pglite') await migratePglite(database.db as never, { migrationsFolder });
  else await migratePg(database.db as never, { migrationsFolder });
}

async function appliedMigrations(database: Database): Promise<number[]> {
  const exists = await database.rows<{ present: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists[0]?.present) return [];
  const rows = await database.rows<{ created_at: string | number }>(
    sql`select created_at from drizzle.__drizzle_migrations`,
  );
  return rows.map((r) => Number(r.created_at));
}
