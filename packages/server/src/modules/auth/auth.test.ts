import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
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

const address = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** One login attempt from a given socket address, optionally carrying an X-Forwarded-For header. */
async function attempt(env: TestEnv, username: string, password: string, from: string, forwarded?: string) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: from,
    headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
  });
  return { status: res.statusCode, code: res.json().error?.code as string | undefined };
}

/** The per-address brake trips at 30 failures in five minutes (auth/service/login.ts IP_MAX_FAILURES). */
const IP_BRAKE = 30;

async function staffAccount(env: TestEnv) {
  const { committee } = await buildTree(env);
  const username = `s${randomInt(1e9)}`;
  const res = await env.admin.post('/api/users', {
    username,
    password: 'Passw0rd!',
    orgId: committee.id,
    role: 'clerk',
  });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, username };
}

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

  it('does not let a caller vouch for its own Origin with X-Forwarded-Host unless a proxy is trusted', async () => {
    const forged = await env.admin.request(
      'POST',
      '/api/orgs',
      { name: 'x', type: 'committee' },
      { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
    );
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('CSRF_REJECTED');
    const sameSite = await env.admin.request(
      'POST',
      '/api/orgs',
      { name: `同源${Date.now()}`, type: 'committee' },
      { origin: 'http://localhost:3000', host: 'localhost:3000' },
    );
    expect(sameSite.status).toBe(201);
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

describe.each(engines)('login brakes under attack on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine, { LOGIN_MAX_FAILURES: '3' });
  });
  afterAll(() => env.close());

  it('locks the account under 40 parallel wrong passwords and refuses the right one among them', async () => {
    const user = await staffAccount(env);
    // Each guess from its own address, so only the per-account lockout is at work.
    const wrong = Array.from({ length: 40 }, (_, i) =>
      attempt(env, user.username, `wrong-${i}-pass`, address()),
    );
    const right = attempt(env, user.username, 'Passw0rd!', address());
    const results = await Promise.all([...wrong, right]);
    expect(results.at(-1)).toEqual({ status: 429, code: 'ACCOUNT_LOCKED' });
    for (const r of results.slice(0, -1)) expect(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']).toContain(r.code);
    const [row] = await env.ctx.database.rows<{ failures: number; locked: boolean }>(
      sql`select failed_logins as failures, locked_until > now() as locked from users where id = ${user.id}`,
    );
    expect(row!.locked).toBe(true);
    expect(row!.failures).toBeGreaterThanOrEqual(3);
    const locks = await env.admin.get(`/api/audit?entity=user&entityId=${user.id}&action=auth.locked`);
    expect(locks.body.total).toBe(1);
    expect(await attempt(env, user.username, 'Passw0rd!', address())).toEqual({
      status: 429,
      code: 'ACCOUNT_LOCKED',
    });
  });

  it('does not let a rotating X-Forwarded-For reset the per-address brake when no proxy is trusted', async () => {
    const from = address();
    await Promise.all(
      Array.from({ length: IP_BRAKE }, (_, i) => attempt(env, `nobody-${i}`, 'wrong-pass1', from, address())),
    );
    expect(await attempt(env, 'nobody-else', 'wrong-pass1', from, address())).toEqual({
      status: 429,
      code: 'TOO_MANY_ATTEMPTS',
    });
  });

  it('lets the right password through a braked address, while wrong ones still lock the account', async () => {
    const from = address();
    await Promise.all(
      Array.from({ length: IP_BRAKE }, (_, i) => attempt(env, `nobody-${i}`, 'wrong-pass1', from)),
    );
    const user = await staffAccount(env);
    expect(await attempt(env, user.username, 'wrong-pass1', from)).toEqual({
      status: 429,
      code: 'TOO_MANY_ATTEMPTS',
    });
    expect((await attempt(env, user.username, 'Passw0rd!', from)).status).toBe(200);
    const other = await staffAccount(env);
    for (let i = 0; i < 3; i++) await attempt(env, other.username, 'wrong-pass1', from);
    expect(await attempt(env, other.username, 'Passw0rd!', from)).toEqual({
      status: 429,
      code: 'ACCOUNT_LOCKED',
    });
  });

  describe('behind a trusted proxy (TRUST_PROXY=127.0.0.1)', () => {
    let proxied: TestEnv;
    beforeAll(async () => {
      proxied = await startEnv(engine, { TRUST_PROXY: '127.0.0.1' });
    });
    afterAll(() => proxied.close());

    it('brakes the forwarded client address, and believes the header only from the proxy', async () => {
      const client = address();
      await Promise.all(
        Array.from({ length: IP_BRAKE }, (_, i) =>
          attempt(proxied, `nobody-${i}`, 'wrong-pass1', '127.0.0.1', client),
        ),
      );
      const braked = { status: 429, code: 'TOO_MANY_ATTEMPTS' };
      expect(await attempt(proxied, 'nobody', 'wrong-pass1', '127.0.0.1', client)).toEqual(braked);
      const fresh = await attempt(proxied, 'nobody', 'wrong-pass1', '127.0.0.1', address());
      expect(fresh.code).toBe('INVALID_CREDENTIALS');
      // From anywhere but the proxy the header is the client's own claim and is ignored.
      const direct = await attempt(proxied, 'nobody', 'wrong-pass1', address(), client);
      expect(direct.code).toBe('INVALID_CREDENTIALS');
      const res = await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: ADMIN_PASSWORD },
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'dj_session')!;
      const sessions = await proxied.app.inject({
        method: 'GET',
        url: '/api/auth/sessions',
        cookies: { dj_session: cookie.value },
      });
      const current = sessions.json().items.find((s: { current: boolean }) => s.current);
      expect(current.ip).toBe('203.0.113.7');
    });
  });
});
