import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  anonymous,
  buildTree,
  engines,
  login,
  startEnv,
  type TestEnv,
  userClient,
} from '../../test/harness.js';

describe.each(engines)('auth and sessions on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine, { LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => env.close());

  it('answers health without login and names the engine (API.md)', async () => {
    const res = await anonymous(env.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: engine });
  });

  it('logs in with an httpOnly SameSite=Strict cookie and answers me', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/dj_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await env.admin.get('/api/auth/me');
    expect(me.body).toMatchObject({ username: 'admin', role: 'admin' });
  });

  it('refuses a wrong password with 401 and a Chinese message', async () => {
    const res = await anonymous(env.app).post('/api/auth/login', {
      username: 'admin',
      password: 'nope-nope1',
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const { committee } = await buildTree(env);
    const client = await userClient(env, committee.id, 'clerk');
    const username = (await client.get('/api/auth/me')).body.username;
    for (let i = 0; i < 3; i++)
      await anonymous(env.app).post('/api/auth/login', { username, password: 'wrong-pass1' });
    const res = await anonymous(env.app).post('/api/auth/login', { username, password: 'Passw0rd!' });
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('ends the session on logout', async () => {
    const client = await login(env.app, 'admin', ADMIN_PASSWORD);
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    const res = await client.get('/api/auth/me');
    expect(res.status).toBe(401);
  });

  it('lists and revokes own sessions', async () => {
    const a = await login(env.app, 'admin', ADMIN_PASSWORD);
    const b = await login(env.app, 'admin', ADMIN_PASSWORD);
    const list = await a.get('/api/auth/sessions');
    const other = list.body.items.find((s: { current: boolean }) => !s.current);
    expect(other).toBeTruthy();
    const mine = (await b.get('/api/auth/sessions')).body.items.find((s: { current: boolean }) => s.current);
    expect((await a.delete(`/api/auth/sessions/${mine.id}`)).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
  });

  it('enforces the password policy and ends other sessions on change', async () => {
    const { committee } = await buildTree(env);
    const client = await userClient(env, committee.id, 'manager');
    const weak = await client.post('/api/auth/password', {
      currentPassword: 'Passw0rd!',
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    const ok = await client.post('/api/auth/password', {
      currentPassword: 'Passw0rd!',
      newPassword: 'N3w-secret',
    });
    expect(ok.status).toBe(200);
    const wrong = await client.post('/api/auth/password', {
      currentPassword: 'Passw0rd!',
      newPassword: 'An0ther-one',
    });
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');
  });

  it('rejects a cross-site write by its Origin (CSRF)', async () => {
    const res = await env.admin.request(
      'POST',
      '/api/orgs',
      { name: 'x', type: 'committee' },
      {
        origin: 'https://evil.example',
      },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_REJECTED');
  });

  it('answers malformed JSON with 400 INVALID_JSON, never a 500', async () => {
    const res = await env.admin.request('POST', '/api/orgs', '{"name":', {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  it('refuses a role above the granter', async () => {
    const { committee } = await buildTree(env);
    const manager = await userClient(env, committee.id, 'manager');
    const res = await manager.post('/api/users', {
      username: 'would-be-admin',
      password: 'Passw0rd!',
      orgId: committee.id,
      role: 'admin',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('ROLE_NOT_ALLOWED');
  });
});
