import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, memberBody, startEnv, type TestEnv } from '../test/harness.js';
import { backupDatabase, restoreDatabase } from './backup.js';
import * as schema from './schema.js';

/**
 * The hand-written migrations and the schema in db/schema/<area>.ts say the same thing (issue 16 item 5):
 * every index, foreign key and check the migrated database holds is declared in the schema, and back.
 */
const declared = Object.values(schema as Record<string, unknown>)
  .filter((t): t is PgTable => is(t, PgTable))
  .map((t) => {
    const c = getTableConfig(t);
    return {
      table: c.name,
      indexes: [
        ...c.indexes.map((i) => i.config.name!),
        ...c.columns.filter((col) => col.isUnique).map((col) => col.uniqueName!),
      ].sort(),
      foreignKeys: c.foreignKeys
        .map((fk) => {
          const r = fk.reference();
          return `${fk.getName()} (${r.columns.map((x) => x.name).join(',')}) → ${getTableConfig(r.foreignTable).name}`;
        })
        .sort(),
      checks: c.checks.map((ch) => ch.name).sort(),
    };
  });

describe.each(engines)('schema and migrations agree (%s)', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine);
  }, 60_000);
  afterAll(() => env?.close());

  it('every table of the database is in the schema', async () => {
    const rows = await env.ctx.database.rows<{ name: string }>(
      sql`select tablename as name from pg_tables where schemaname = 'public' and tablename not like '\\_\\_%'`,
    );
    const known = new Set(declared.map((t) => t.table));
    expect(rows.map((r) => r.name).filter((n) => !known.has(n) && !n.startsWith('drizzle'))).toEqual([]);
  });

  it('declares every index, foreign key and check the migrations create', async () => {
    const indexes = await env.ctx.database.rows<{ table: string; name: string }>(
      sql`select tablename as table, indexname as name from pg_indexes
          where schemaname = 'public' and indexname not like '%\\_pkey'`,
    );
    const constraints = await env.ctx.database.rows<{
      table: string;
      name: string;
      type: string;
      def: string;
    }>(
      sql`select c.conrelid::regclass::text as table, c.conname as name, c.contype as type,
            case when c.contype = 'f' then
              (select string_agg(a.attname, ',' order by k.n) from unnest(c.conkey) with ordinality k(attnum, n)
                 join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum)
              || ') → ' || c.confrelid::regclass::text
            end as def
          from pg_constraint c where c.connamespace = 'public'::regnamespace and c.contype in ('f', 'c')`,
    );
    const found = declared.map((t) => ({
      table: t.table,
      indexes: indexes
        .filter((i) => i.table === t.table)
        .map((i) => i.name)
        .sort(),
      foreignKeys: constraints
        .filter((c) => c.table === t.table && c.type === 'f')
        .map((c) => `${c.name} (${c.def}`)
        .sort(),
      checks: constraints
        .filter((c) => c.table === t.table && c.type === 'c')
        .map((c) => c.name)
        .sort(),
    }));
    expect(found).toEqual(declared);
  });

  it('checks foreign keys at each statement, and validated the existing rows', async () => {
    const rows = await env.ctx.database.rows<{ name: string; deferrable: boolean; validated: boolean }>(
      sql`select conname as name, condeferrable as deferrable, convalidated as validated from pg_constraint
          where connamespace = 'public'::regnamespace and contype = 'f' and conname = 'users_org_id_orgs_id_fk'`,
    );
    expect(rows).toEqual([{ name: 'users_org_id_orgs_id_fk', deferrable: true, validated: true }]);
    await expect(
      env.ctx.database.rows(sql`update users set org_id = gen_random_uuid() where username = 'admin'`),
    ).rejects.toThrow();
  });

  it('restores a backup whose rows come before the rows they reference (the keys are deferred to commit)', async () => {
    const t = await buildTree(env);
    const member = (await env.admin.post('/api/members', memberBody(t.branchA.id))).body;
    // 随迁 for 4 months: a 活动证, so letters (backed up before mobility_episodes) refer to an episode.
    const outflow = await env.admin.post('/api/mobility/outflows', {
      memberId: member.id,
      leftOn: '2026-01-01',
      expectedMonths: 4,
      reason: 'accompany',
      destinationRegion: '440305',
      fixedPlace: false,
      hostHasPartyOrg: false,
    });
    expect((await env.admin.post(`/api/mobility/outflows/${outflow.body.id}/certificate`, {})).status).toBe(
      201,
    );
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-schema-'));
    const file = path.join(dir, 'backup.jsonl.gz');
    const masterKey = Buffer.from(env.ctx.config.MASTER_KEY!, 'hex');
    try {
      await backupDatabase(env.ctx.database, file, { masterKey });
      const target = await startEnv(engine, { MASTER_KEY: env.ctx.config.MASTER_KEY! });
      try {
        await restoreDatabase(target.ctx.database, file, { force: true, masterKey });
        const [row] = await target.ctx.database.rows<{ n: number }>(
          sql`select count(*)::int as n from letters where episode_id = ${outflow.body.id}`,
        );
        expect(row!.n).toBe(1);
      } finally {
        await target.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
