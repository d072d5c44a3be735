import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  buildTree,
  engines,
  login,
  startEnv,
  type TestEnv,
  userClient,
} from '../../test/harness.js';

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

describe.each(engines)('who may change an account, on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
  });
  afterAll(() => env.close());

  const account = async (role: string, orgId = tree.branchA.id) => {
    const username = `t${Math.random().toString(36).slice(2, 10)}`;
    const res = await env.admin.post('/api/users', { username, password: 'Passw0rd!', orgId, role });
    expect(res.status).toBe(201);
    return res.body as { id: string; username: string };
  };
  const auditCount = async (id: string) =>
    (await env.admin.get(`/api/audit?entity=user&entityId=${id}&action=user.update`)).body.total;

  it('refuses a manager any change to an administrator account in its subtree, and audits nothing', async () => {
    const manager = await userClient(env, tree.committee.id, 'manager');
    const target = await account('admin');
    for (const patch of [
      { password: 'Taken0ver!' },
      { role: 'clerk' },
      { role: 'manager' },
      { disabled: true },
      { email: 'x@evil.test' },
    ]) {
      const res = await manager.patch(`/api/users/${target.id}`, patch);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('ROLE_NOT_ALLOWED');
      expect(res.body.error.message).toBe('不能修改角色高于自己的账号');
    }
    expect(await auditCount(target.id)).toBe(0);
    const still = (await env.admin.get(`/api/users/${target.id}`)).body;
    expect(still).toMatchObject({ role: 'admin', disabled: false, email: null });
    // The old password still works and the would-be one does not: nothing was written.
    await login(env.app, target.username, 'Passw0rd!');
    const taken = await anonymous(env.app).post('/api/auth/login', {
      username: target.username,
      password: 'Taken0ver!',
    });
    expect(taken.status).toBe(401);
  });

  it('lets a manager change accounts of its own rank or below', async () => {
    const manager = await userClient(env, tree.committee.id, 'manager');
    for (const role of ['manager', 'clerk', 'auditor']) {
      const target = await account(role);
      const res = await manager.patch(`/api/users/${target.id}`, { disabled: true });
      expect(res.status).toBe(200);
      expect(res.body.disabled).toBe(true);
    }
    const admin = await account('admin');
    expect((await env.admin.patch(`/api/users/${admin.id}`, { role: 'manager' })).status).toBe(200);
  });

  it.each([[{}], [{ unknown: 1 }], [{ username: 'renamed', orgId: 'x' }]])(
    'answers PATCH %o with 400 VALIDATION_FAILED and writes nothing',
    async (body) => {
      const target = await account('clerk');
      const res = await env.admin.patch(`/api/users/${target.id}`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toContain('请至少提供一项要修改的内容');
      expect(await auditCount(target.id)).toBe(0);
    },
  );
});
