import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, startEnv, type TestEnv } from '../../test/harness.js';

describe.each(engines)('staff e-mail addresses on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
  });
  afterAll(() => env.close());

  const create = (over: Record<string, unknown>) =>
    env.admin.post('/api/users', {
      username: `e${Math.random().toString(36).slice(2, 10)}`,
      password: 'Passw0rd!',
      orgId: tree.branchA.id,
      role: 'manager',
      ...over,
    });

  it('keeps an optional e-mail on create and shows it in the user', async () => {
    const withEmail = await create({ email: 'secretary@branch.test' });
    expect(withEmail.status).toBe(201);
    expect(withEmail.body.email).toBe('secretary@branch.test');
    const without = await create({});
    expect(without.body.email).toBeNull();
    const list = await env.admin.get(`/api/users?orgId=${tree.branchA.id}&pageSize=200`);
    const row = list.body.items.find((u: { id: string }) => u.id === withEmail.body.id);
    expect(row.email).toBe('secretary@branch.test');
  });

  it('refuses a malformed e-mail with a Chinese message', async () => {
    const res = await create({ email: 'not-an-address' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('邮箱格式不正确');
  });

  it('changes and clears the e-mail, with both values in the audit log', async () => {
    const user = (await create({ email: 'old@branch.test' })).body;
    const changed = await env.admin.patch(`/api/users/${user.id}`, { email: 'new@branch.test' });
    expect(changed.status).toBe(200);
    expect(changed.body.email).toBe('new@branch.test');
    const audit = await env.admin.get(`/api/audit?entity=user&entityId=${user.id}&action=user.update`);
    expect(audit.body.items[0]).toMatchObject({
      before: { email: 'old@branch.test' },
      after: { email: 'new@branch.test' },
    });
    const cleared = await env.admin.patch(`/api/users/${user.id}`, { email: null });
    expect(cleared.body.email).toBeNull();
    expect((await env.admin.patch(`/api/users/${user.id}`, { email: 'bad@' })).status).toBe(400);
  });
});
