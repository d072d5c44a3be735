import fs from 'node:fs';
import readline from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { createVault, keyCheckValue } from '../lib/crypto.js';
import { type Database, knownMigrations } from './engine.js';
import { schemaTables } from './schema.js';

const FORMAT = 'dangjian-backup';
const BATCH = 2000;

/** Tables whose triggers refuse deletes (migration 0011). */
const appendOnly = ['audit_events', 'audit_head'];

/** Derived rows, recomputed after a restore rather than carried. */
const derived = new Set(['obligations', 'org_obligations']);

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
 * encrypted: restoring needs the same MASTER_KEY or master.key file, which the header names by its
 * check value. One snapshot for all tables (repeatable read), so the audit head and its events, and
 * every row and what it refers to, are of the same moment even while the server keeps writing.
 */
export async function backupDatabase(
  database: Database,
  file: string,
  opts: { masterKey: Buffer },
  progress: Progress = () => {},
) {
  const gzip = createGzip();
  const out = fs.createWriteStream(file);
  gzip.pipe(out);
  const write = (line: unknown) =>
    new Promise<void>((resolve) =>
      gzip.write(`${JSON.stringify(line)}\n`) ? resolve() : gzip.once('drain', resolve),
    );
  await write({
    format: FORMAT,
    version: 2,
    migrations: knownMigrations().length,
    createdAt: new Date().toISOString(),
    keyCheck: keyCheckValue(opts.masterKey),
  });
  await database.db.transaction(
    async (tx) => {
      for (const t of tables) {
        let last: string | null = null;
        let count = 0;
        for (;;) {
          const pk = t.pk;
          const rows: { pk: string; json: string }[] = pk
            ? await database.rows(
                sql`
          select ${sql.identifier(pk)}::text as pk, row_to_json(x)::text as json from ${sql.identifier(t.name)} x
          ${last === null ? sql`` : sql`where ${sql.identifier(pk)}::text > ${last}`}
          order by ${sql.identifier(pk)}::text limit ${BATCH}`,
                tx,
              )
            : await database.rows(
                sql`select '' as pk, row_to_json(x)::text as json from ${sql.identifier(t.name)} x`,
                tx,
              );
          for (const r of rows) await write({ t: t.name, r: JSON.parse(r.json) });
          count += rows.length;
          progress(t.name, count);
          if (!pk || rows.length < BATCH) break;
          last = rows.at(-1)!.pk;
        }
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  await new Promise<void>((resolve, reject) => {
    out.on('finish', resolve).on('error', reject);
    gzip.end();
  });
}

export class RestoreError extends Error {}

function backupLines(file: string) {
  return readline.createInterface({
    input: fs.createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
}

async function readHeader(lines: AsyncIterator<string>) {
  let header: { format?: string; migrations?: number; keyCheck?: string } | null = null;
  try {
    const first = await lines.next();
    header = first.done ? null : JSON.parse(first.value);
  } catch {
    header = null;
  }
  if (header?.format !== FORMAT) throw new RestoreError('不是党建系统的备份文件');
  if (header.migrations !== knownMigrations().length) {
    throw new RestoreError(
      `备份的数据库版本（${header.migrations} 个迁移）与本程序（${knownMigrations().length} 个）不同，请用相同版本的程序恢复`,
    );
  }
  return header;
}

const wrongKey =
  '备份是用另一把加密密钥制作的：请设置原安装的 MASTER_KEY，或把原安装数据目录中的 master.key 放到本数据目录后重试。';

/**
 * Before anything is written: the file is a backup of this version, and the key at hand is the one
 * it was made with. Backups from before the header named its key are checked against the database's
 * own key check (meta.vault_check) inside them.
 */
export async function checkBackup(file: string, masterKey: Buffer) {
  if (!fs.existsSync(file)) throw new RestoreError(`找不到备份文件：${file}`);
  const lines = backupLines(file);
  try {
    const iter = lines[Symbol.asyncIterator]();
    const header = await readHeader(iter);
    if (header.keyCheck !== undefined) {
      if (header.keyCheck !== keyCheckValue(masterKey)) throw new RestoreError(wrongKey);
      return;
    }
    for (let next = await iter.next(); !next.done; next = await iter.next()) {
      if (!next.value.startsWith('{"t":"meta"')) continue;
      const { r } = JSON.parse(next.value) as { r: { key: string; value: string } };
      if (r.key !== 'vault_check') continue;
      let plain = '';
      try {
        plain = createVault(masterKey).decrypt(r.value);
      } catch {
        // a wrong key fails the GCM tag: refused below
      }
      if (plain !== 'dangjian') throw new RestoreError(wrongKey);
      return;
    }
  } finally {
    lines.close();
  }
}

/**
 * Restores into a migrated database, all in one transaction: it either holds the backup or is
 * unchanged. The audit tables refuse deletes to everyone (migration 0011); a restore replaces the
 * whole database, log and signed head included, so their triggers are off for this transaction only.
 */
export async function restoreDatabase(
  database: Database,
  file: string,
  opts: { force?: boolean; masterKey: Buffer },
  progress: Progress = () => {},
) {
  await checkBackup(file, opts.masterKey);
  const lines = backupLines(file);
  const iter = lines[Symbol.asyncIterator]();
  await readHeader(iter);
  const [{ n } = { n: 0 }] = await database.rows<{ n: number }>(
    sql`select (select count(*) from orgs) + (select count(*) from members) as n`,
  );
  if (Number(n) > 0 && !opts.force) throw new RestoreError('目标数据库不是空的；确认覆盖请加 --force');
  await database.db.transaction(async (tx) => {
    // Rows arrive table by table and by primary key, not in the order of their references (migration
    // 0017 made every foreign key deferrable for this): they are checked once, at commit.
    await tx.execute(sql`set constraints all deferred`);
    const all = [...tables.map((t) => t.name), ...derived];
    for (const t of appendOnly) await tx.execute(sql.raw(`alter table "${t}" disable trigger user`));
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
    for (const t of appendOnly) await tx.execute(sql.raw(`alter table "${t}" enable trigger user`));
  });
}
