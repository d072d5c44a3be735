import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, memberBody, startEnv, type TestEnv, userClient } from '../../test/harness.js';
import { verifyAuditChain } from './service.js';

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
    const [victim] = await env.ctx.database.rows<{ id: number }>(
      sql`select id from audit_events order by id limit 1 offset 3`,
    );
    await env.ctx.database.rows(sql`update audit_events set action = 'forged' where id = ${victim!.id}`);
    const report = await verifyAuditChain(env.ctx.database);
    expect(report.ok).toBe(false);
    expect(report.brokenAt).toBe(Number(victim!.id));
  });
});
