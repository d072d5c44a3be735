import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, memberBody, startEnv, type TestEnv } from '../../test/harness.js';

/**
 * Issue 8 defect 18, optimistic locking (docs/api.md "并发修改 / optimistic locking"): of writers that
 * read the same version exactly one wins and the others get 409 CONFLICT; a writer that sends no
 * version applies its fields to the latest record, never a 409 nor a lost field — on both engines.
 */
describe.each(engines)('concurrent member edits on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
  });
  afterAll(() => env.close());

  it('three parallel PATCHes with the version read: one 200, two 409, one version step', async () => {
    const m = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
    const results = await Promise.all(
      ['甲', '乙', '丙'].map((jobPost) =>
        env.admin.patch(`/api/members/${m.id}`, { jobPost, version: m.version }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.error.code).toBe('CONFLICT');
    const winner = results.find((r) => r.status === 200)!.body;
    const now = (await env.admin.get(`/api/members/${m.id}`)).body;
    expect(now).toMatchObject({ version: m.version + 1, jobPost: winner.jobPost });
  });

  it('parallel PATCHes without a version each apply their own field to the latest record', async () => {
    const m = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
    const results = await Promise.all([
      env.admin.patch(`/api/members/${m.id}`, { jobPost: '村委委员' }),
      env.admin.patch(`/api/members/${m.id}`, { ethnicity: '苗族' }),
      env.admin.patch(`/api/members/${m.id}`, { occupation: '学生' }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const now = (await env.admin.get(`/api/members/${m.id}`)).body;
    expect(now).toMatchObject({
      version: m.version + 3,
      jobPost: '村委委员',
      ethnicity: '苗族',
      occupation: '学生',
    });
  });

  it('a PATCH with a stale version after another edit is 409 and changes nothing', async () => {
    const m = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
    expect((await env.admin.patch(`/api/members/${m.id}`, { jobPost: '支委' })).status).toBe(200);
    const stale = await env.admin.patch(`/api/members/${m.id}`, { jobPost: '覆盖', version: m.version });
    expect(stale.status).toBe(409);
    expect((await env.admin.get(`/api/members/${m.id}`)).body).toMatchObject({
      jobPost: '支委',
      version: m.version + 1,
    });
  });
});
