import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, memberBody, startEnv, type TestEnv } from '../test/harness.js';
import type { Actor } from './authz.js';
import { collectIds, resolveRefs } from './refs.js';

describe('collectIds', () => {
  it('finds uuids at any depth, once, and nothing else', () => {
    const a = '0b7c1b8e-1111-4222-8333-444455556666';
    const b = 'E98D9D02-1111-4222-8333-444455556666';
    expect(collectIds([{ x: [a, { y: b }], z: 'not-a-uuid', n: 3 }, a, null]).sort()).toEqual(
      [a, b.toLowerCase()].sort(),
    );
  });
});

describe.each(engines)('names in history and audit (%s) — issue 17 item 5', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine);
  });
  afterAll(async () => env?.close());

  it('names the organizations a member history mentions, and the audit log names its records', async () => {
    const { branchA, branchB } = await buildTree(env);
    const m = (await env.admin.post('/api/members', memberBody(branchA.id))).body;
    const moved = await env.admin.patch(`/api/members/${m.id}`, { orgId: branchB.id, version: m.version });
    expect(moved.status).toBe(200);
    const history = await env.admin.get(`/api/members/${m.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body.refs[branchA.id]).toBe(branchA.name);
    expect(history.body.refs[branchB.id]).toBe(branchB.name);

    const audit = await env.admin.get(`/api/audit?entityId=${m.id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.refs[m.id]).toBe(m.name);
  });

  it('names only what the caller may see', async () => {
    const { branchA, branchB } = await buildTree(env);
    const [row] = await env.ctx.database.rows<{ path: string }>(
      sql`select path::text as path from orgs where id = ${branchB.id}`,
    );
    const actor: Actor = {
      userId: '00000000-0000-4000-8000-000000000000',
      username: 'b-manager',
      role: 'manager',
      orgId: branchB.id,
      orgPath: row!.path,
      memberId: null,
      sessionId: 'test',
    };
    const refs = await resolveRefs(env.ctx.database, actor, [{ from: branchA.id, to: branchB.id }]);
    expect(refs).toEqual({ [branchB.id]: branchB.name });
  });
});
