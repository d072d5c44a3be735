import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { readHead, recordAudit } from '../lib/audit.js';
import { verifyAuditChain } from '../modules/audit/service.js';
import { buildTree, engines, memberBody, startEnv } from '../test/harness.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import { analyzeIfEmbedded, DataDirLockedError, migrate, openPglite, SchemaTooNewError } from './engine.js';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-engine-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('embedded data directory', () => {
  it('refuses a second process on the same data dir, and frees it on close', async () => {
    const dir = tmp();
    const first = await openPglite(dir);
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    fs.writeFileSync(path.join(dir, 'dangjian.lock'), String(child.pid));
    await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await new Promise((resolve) => child.once('exit', resolve).kill());
    await first.close();
    const again = await openPglite(dir);
    await again.close();
  });

  it('takes over the lock of a holder killed but not yet reaped (a zombie)', async () => {
    const dir = tmp();
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const pid = Number(
      await new Promise<string>((resolve) =>
        parent.stdout.once('data', (b: Buffer) => resolve(b.toString())),
      ),
    );
    for (let i = 0; i < 100 && !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')).toContain(') Z ');
    fs.writeFileSync(path.join(dir, 'dangjian.lock'), String(pid));
    try {
      const db = await openPglite(dir);
      await db.close();
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('gives the planner statistics after bulk writes, which PGlite (no autovacuum) never gets otherwise', async () => {
    const db = await openPglite(tmp());
    try {
      await migrate(db);
      await db.rows(sql`insert into meta (key, value) select 'k' || g, 'v' from generate_series(1, 500) g`);
      const rows = () =>
        db.rows<{ n: number }>(sql`select reltuples::int as n from pg_class where relname = 'meta'`);
      expect((await rows())[0]!.n).toBeLessThan(500);
      await analyzeIfEmbedded(db, ['meta']);
      expect((await rows())[0]!.n).toBeGreaterThanOrEqual(500);
    } finally {
      await db.close();
    }
  });

  it('migrates an older data dir and refuses one written by a newer version', async () => {
    const dir = tmp();
    const db = await openPglite(dir);
    await migrate(db);
    await migrate(db);
    await db.rows(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('future', ${Date.now() + 10 ** 10})`,
    );
    await expect(migrate(db)).rejects.toBeInstanceOf(SchemaTooNewError);
    await db.close();
  });
});

describe.each(engines)('backup and restore on %s', (engine) => {
  it('restores a backup into an empty database with the same rows and a valid audit chain', async () => {
    const source = await startEnv(engine);
    const t = await buildTree(source);
    for (let i = 0; i < 3; i++) await source.admin.post('/api/members', memberBody(t.branchA.id));
    const file = path.join(tmp(), 'backup.jsonl.gz');
    const masterKey = Buffer.from(source.ctx.config.MASTER_KEY!, 'hex');
    await backupDatabase(source.ctx.database, file, { masterKey });
    const target = await startEnv(engine, { MASTER_KEY: source.ctx.config.MASTER_KEY! });
    await buildTree(target);
    await expect(restoreDatabase(target.ctx.database, file, { masterKey })).rejects.toThrow(/--force/);
    await expect(
      restoreDatabase(target.ctx.database, file, { force: true, masterKey: randomBytes(32) }),
    ).rejects.toThrow(/另一把加密密钥/);
    await restoreDatabase(target.ctx.database, file, { force: true, masterKey });
    const count = async (env: typeof source, table: string) =>
      (
        await env.ctx.database.rows<{ n: number }>(
          sql`select count(*)::int as n from ${sql.identifier(table)}`,
        )
      )[0]!.n;
    expect(await count(target, 'members')).toBe(await count(source, 'members'));
    expect(await count(target, 'audit_events')).toBe(await count(source, 'audit_events'));
    expect(await readHead(target.ctx.database.db)).toEqual(await readHead(source.ctx.database.db));
    expect(await verifyAuditChain(target.ctx.database)).toMatchObject({
      ok: true,
      checked: await count(source, 'audit_events'),
    });
    // The log goes on after the restore, and still refuses rewrites.
    await target.ctx.database.db.transaction((tx) =>
      recordAudit(tx, null, { action: 'after.restore', entity: 'test' }),
    );
    expect((await verifyAuditChain(target.ctx.database)).ok).toBe(true);
    await expect(target.ctx.database.rows(sql`delete from audit_events`)).rejects.toThrow();
    await source.close();
    await target.close();
  });
});
