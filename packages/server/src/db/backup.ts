import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { type Database, knownMigrations } from './engine.js';
import { schemaTables } from './schema.js';

const FORMAT = 'dangjian-backup';
const BATCH = 2000;

/** Derived rows, recomputed after a restore rather than carried. */
const derived = new Set(['obligations']);

/** Every table is copied whole: by pages of its primary key, or at once when it has none (small). */
const tables = Object.values(schemaTables)
  .map((t) => {
    const config = getTableConfig(t);
    return { name: config.name, pk: config.columns.find((c) => c.primary)?.name ?? null };
  })
  .filter((t) => !derived.has(t.name));

export type Progress = (table: string, rows: number) => void;

/**
 * A logical backup, the same on both engines: one gzip'd JSON line per row (row_to_json), so an
 * embedded install's backup restores into a PostgreSQL server and back. Encrypted columns stay
 * encrypted: restoring needs the same MASTER_KEY or master.key file.
 */
export async function backupDatabase(database: Database, file: string, progress: Progress = () => {}) {
  const gzip = createGzip();
  const out = fs.createWriteStream(file);
  gzip.pipe(out);
  const write = (line: unknown) =>
    new Promise<void>((resolve) =>
      gzip.write(`${JSON.stringify(line)}\n`) ? resolve() : gzip.once('drain', resolve),
    );
  await write({
    format: FORMAT,
    version: 1,
    migrations: knownMigrations().length,
    createdAt: new Date().toISOString(),
  });
  for (const t of tables) {
    let last: string | null = null;
    let count = 0;
    for (;;) {
      const pk = t.pk;
      const rows: { pk: string; json: string }[] = pk
        ? await database.rows(sql`
          select ${sql.identifier(pk)}::text as pk, row_to_json(x)::text as json from ${sql.identifier(t.name)} x
          ${last === null ? sql`` : sql`where ${sql.identifier(pk)}::text > ${last}`}
          order by ${sql.identifier(pk)}::text limit ${BATCH}`)
        : await database.rows(
            sql`select '' as pk, row_to_json(x)::text as json from ${sql.identifier(t.name)} x`,
          );
      for (const r of rows) await write({ t: t.name, r: JSON.parse(r.json) });
      count += rows.length;
      progress(t.name, count);
      if (!pk || rows.length < BATCH) break;
      last = rows.at(-1)!.pk;
    }
  }
  await new Promise<void>((resolve, reject) => {
    out.on('finish', resolve).on('error', reject);
    gzip.end();
  });
}

export class RestoreError extends Error {}

/** Restores into a migrated database, all in one transaction: it either holds the backup or is unchanged. */
export async function restoreDatabase(
  database: Database,
  file: string,
  opts: { force?: boolean } = {},
  progress: Progress = () => {},
) {
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  const iter = lines[Symbol.asyncIterator]();
  const first = await iter.next();
  const header = first.done ? null : JSON.parse(first.value);
  if (header?.format !== FORMAT) throw new RestoreError('不是党建系统的备份文件');
  if (header.migrations !== knownMigrations().length) {
    throw new RestoreError(
      `备份的数据库版本（${header.migrations} 个迁移）与本程序（${knownMigrations().length} 个）不同，请用相同版本的程序恢复`,
    );
  }
  const [{ n } = { n: 0 }] = await database.rows<{ n: number }>(
    sql`select (select count(*) from orgs) + (select count(*) from members) as n`,
  );
  if (Number(n) > 0 && !opts.force) throw new RestoreError('目标数据库不是空的；确认覆盖请加 --force');
  await database.db.transaction(async (tx) => {
    const all = [...tables.map((t) => t.name), ...derived];
    await tx.execute(sql.raw(`truncate ${all.map((name) => `"${name}"`).join(', ')}`));
    let table = '';
    let batch: unknown[] = [];
    let count = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await tx.execute(sql`insert into ${sql.identifier(table)}
        select * from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(batch)}::json)`);
      count += batch.length;
      progress(table, count);
      batch = [];
    };
    for (let next = await iter.next(); !next.done; next = await iter.next()) {
      if (!next.value) continue;
      const { t, r } = JSON.parse(next.value) as { t: string; r: unknown };
      if (t !== table) {
        await flush();
        table = t;
        count = 0;
        if (!tables.some((x) => x.name === t)) throw new RestoreError(`备份中有未知的表：${t}`);
      }
      batch.push(r);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    // Sequences do not travel with rows: move the audit id past the restored events.
    await tx.execute(
      sql`select setval(pg_get_serial_sequence('audit_events', 'id'), coalesce((select max(id) from audit_events), 0) + 1, false)`,
    );
  });
}
