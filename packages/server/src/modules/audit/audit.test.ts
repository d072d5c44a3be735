import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { type SQL, sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../../boot.js';
import { loadConfig } from '../../config.js';
import { migrationsFolder, type Tx, wrapPglite } from '../../db/engine.js';
import { canonicalJson, GENESIS, recordAudit } from '../../lib/audit.js';
import { buildTree, engines, memberBody, startEnv, type TestEnv, userClient } from '../../test/harness.js';
import { verifyAuditChain } from './service.js';

/**
 * An attacker with database rights: triggers off for the statements (as a superuser can with
 * session_replication_role), so only the chain itself can tell.
 */
async function asSuperuser(env: TestEnv, work: (tx: Tx) => Promise<void>) {
  await env.ctx.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await work(tx);
  });
}

const exec = async (tx: Tx, query: SQL) =>
  ((await tx.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;

/** The unkeyed SHA-256 link anyone can compute: what a forger would write after editing an event. */
function plainSha256(prevHash: string, e: Record<string, unknown>) {
  const body = canonicalJson({
    at: new Date(e.at as string).toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    orgId: e.orgId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
  });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** Rewrites the events from `fromId` (to `toId`) with recomputed plain SHA-256 links. */
async function rehashFrom(tx: Tx, fromId: number, toId = Number.MAX_SAFE_INTEGER) {
  const [prev] = await exec(
    tx,
    sql`select hash from audit_events where id < ${fromId} order by id desc limit 1`,
  );
  let prevHash = (prev?.hash as string | undefined) ?? '0'.repeat(64);
  const rows = await exec(
    tx,
    sql`select id, at, actor_id as "actorId", actor_name as "actorName", org_id as "orgId", action, entity,
      entity_id as "entityId", before, after from audit_events where id >= ${fromId} and id <= ${toId}
      order by id`,
  );
  for (const row of rows) {
    const hash = plainSha256(prevHash, row);
    await tx.execute(
      sql`update audit_events set prev_hash = ${prevHash}, hash = ${hash} where id = ${row.id}`,
    );
    prevHash = hash;
  }
}

const lastIds = async (env: TestEnv, n: number) =>
  (
    await env.ctx.database.rows<{ id: string }>(sql`select id from audit_events order by id desc limit ${n}`)
  ).map((r) => Number(r.id));

describe.each(engines)('audit log on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine);
  });
  afterAll(() => env.close());

  it('writes an event with before/after in the same transaction as each change', async () => {
    const t = await buildTree(env);
    const m = (await env.admin.post('/api/members', memberBody(t.branchA.id))).body;
    await env.admin.patch(`/api/members/${m.id}`, { ethnicity: '苗族' });
    const res = await env.admin.get(`/api/audit?entity=member&entityId=${m.id}`);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual([
      'member.update',
      'member.create',
    ]);
    expect(res.body.items[0]).toMatchObject({
      actorName: 'admin',
      before: { ethnicity: null },
      after: { ethnicity: '苗族' },
    });
  });

  it('writes nothing at all when a change is refused', async () => {
    const [{ n: before } = { n: -1 }] = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events`,
    );
    await env.admin.post('/api/members', { name: 'x' });
    const [{ n: after } = { n: -2 }] = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events`,
    );
    expect(after).toBe(before);
  });

  it('shows auditors the log of their subtree only, and refuses clerks', async () => {
    const a = await buildTree(env);
    const b = await buildTree(env);
    await env.admin.post('/api/members', memberBody(a.branchA.id));
    await env.admin.post('/api/members', memberBody(b.branchA.id));
    const auditor = await userClient(env, a.committee.id, 'auditor');
    const seen = await auditor.get('/api/audit?entity=member');
    expect(seen.status).toBe(200);
    expect(seen.body.items.every((e: { orgId: string }) => e.orgId === a.branchA.id)).toBe(true);
    const clerk = await userClient(env, a.committee.id, 'clerk');
    expect((await clerk.get('/api/audit')).status).toBe(403);
  });

  it('verifies the hash chain and names the first tampered event', async () => {
    await buildTree(env);
    expect((await verifyAuditChain(env.ctx.database)).ok).toBe(true);
    const viaApi = await env.admin.get('/api/audit/verify');
    expect(viaApi.status).toBe(200);
    expect(viaApi.body).toMatchObject({ ok: true, brokenAt: null });
    const [victim] = await env.ctx.database.rows<{ id: number }>(
      sql`select id from audit_events order by id limit 1 offset 3`,
    );
    await asSuperuser(env, async (tx) => {
      await tx.execute(sql`update audit_events set action = 'forged' where id = ${victim!.id}`);
    });
    const report = await verifyAuditChain(env.ctx.database);
    expect(report.ok).toBe(false);
    expect(report.brokenAt).toBe(Number(victim!.id));
  });
});

describe.each(engines)('a rewrite of the audit log by someone with database rights, on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine);
    const t = await buildTree(env);
    for (let i = 0; i < 3; i++) await env.admin.post('/api/members', memberBody(t.branchA.id));
  });
  afterAll(() => env.close());

  it('is refused by the database: no UPDATE, DELETE or TRUNCATE of audit rows', async () => {
    const [id] = await lastIds(env, 1);
    const db = env.ctx.database;
    await expect(db.rows(sql`update audit_events set action = 'forged' where id = ${id}`)).rejects.toThrow();
    await expect(db.rows(sql`delete from audit_events where id = ${id}`)).rejects.toThrow();
    await expect(db.rows(sql`truncate audit_events`)).rejects.toThrow();
    await expect(db.rows(sql`delete from audit_head`)).rejects.toThrow();
    await expect(db.rows(sql`truncate audit_head`)).rejects.toThrow();
    expect(await lastIds(env, 1)).toEqual([id]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('detects an edit whose hashes were all recomputed with plain SHA-256', async () => {
    const [victim] = await env.ctx.database.rows<{ id: string }>(
      sql`select id from audit_events order by id limit 1 offset 2`,
    );
    const id = Number(victim!.id);
    await asSuperuser(env, async (tx) => {
      await tx.execute(sql`update audit_events set after = '{"name":"伪造"}' where id = ${id}`);
      await rehashFrom(tx, id);
    });
    const report = await verifyAuditChain(env.ctx.database);
    expect(report).toMatchObject({ ok: false, brokenAt: id });
  });
});

describe.each(engines)('the end and the org path of the audit log, on %s', (engine) => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await startEnv(engine);
    const t = await buildTree(env);
    for (let i = 0; i < 3; i++) await env.admin.post('/api/members', memberBody(t.branchA.id));
    expect((await verifyAuditChain(env.ctx.database)).ok).toBe(true);
  });
  afterEach(() => env.close());

  it('detects deleting the last events', async () => {
    const ids = await lastIds(env, 2);
    await asSuperuser(env, async (tx) => {
      await tx.execute(sql`delete from audit_events where id >= ${Math.min(...ids)}`);
    });
    const report = await verifyAuditChain(env.ctx.database);
    expect(report.ok).toBe(false);
    expect(report.reason).toMatch(/删除/);
  });

  it('detects emptying the whole log', async () => {
    await asSuperuser(env, async (tx) => {
      await tx.execute(sql`delete from audit_events`);
    });
    expect((await verifyAuditChain(env.ctx.database)).ok).toBe(false);
  });

  it('detects an event moved to another organization by its org_path alone', async () => {
    const [row] = await env.ctx.database.rows<{ id: string }>(
      sql`select id from audit_events where org_path is not null order by id desc limit 1`,
    );
    await asSuperuser(env, async (tx) => {
      await tx.execute(sql`update audit_events set org_path = 'elsewhere' where id = ${row!.id}`);
    });
    const report = await verifyAuditChain(env.ctx.database);
    expect(report).toMatchObject({ ok: false, brokenAt: Number(row!.id) });
  });
});

describe('an audit log written before the chain was keyed (migration 0011)', () => {
  it('stays verifiable, is sealed by the first keyed event, and a rewrite of it is then detected', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-legacy-'));
    const folder = path.join(dir, 'migrations');
    fs.cpSync(migrationsFolder, folder, { recursive: true });
    const journalFile = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
    journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0011');
    fs.writeFileSync(journalFile, JSON.stringify(journal));
    const database = wrapPglite(await PGlite.create({ extensions: { ltree } }));
    try {
      await migratePglite(database.db as never, { migrationsFolder: folder });
      let prevHash = GENESIS;
      for (let i = 0; i < 3; i++) {
        const e = {
          at: new Date(Date.UTC(2025, 0, 1 + i)).toISOString(),
          actorId: null,
          actorName: 'admin',
          orgId: null,
          action: `legacy.${i}`,
          entity: 'test',
          entityId: String(i),
          before: null,
          after: { i },
        };
        const hash = plainSha256(prevHash, e);
        await database.rows(sql`insert into audit_events (at, actor_name, action, entity, entity_id, after,
          prev_hash, hash) values (${e.at}, ${e.actorName}, ${e.action}, ${e.entity}, ${e.entityId},
          ${JSON.stringify(e.after)}::jsonb, ${prevHash}, ${hash})`);
        prevHash = hash;
      }
      const config = loadConfig({
        DATA_DIR: dir,
        MASTER_KEY: randomBytes(32).toString('hex'),
        ADMIN_PASSWORD: 'Admin12345',
        LOG_LEVEL: 'silent',
      });
      await createContext(config, database);
      expect(await verifyAuditChain(database)).toMatchObject({ ok: true, checked: 3 });

      await database.db.transaction((tx) => recordAudit(tx, null, { action: 'keyed.0', entity: 'test' }));
      expect(await verifyAuditChain(database)).toMatchObject({ ok: true, checked: 4 });
      const [keyed] = await database.rows<{ id: string }>(
        sql`select id from audit_events where action = 'keyed.0'`,
      );
      const [victim] = await database.rows<{ id: string }>(
        sql`select id from audit_events where action = 'legacy.1'`,
      );
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update audit_events set after = '{"i":99}' where id = ${victim!.id}`);
        await rehashFrom(tx, Number(victim!.id), Number(keyed!.id) - 1);
      });
      expect(await verifyAuditChain(database)).toMatchObject({ ok: false, brokenAt: Number(keyed!.id) });
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
