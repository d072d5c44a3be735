import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, anonymous, engines, startEnv, type TestEnv } from '../../test/harness.js';

describe.each(engines)(
  'logged out (%s): the API docs hint (issue 17 item 12) and the signed-in hint (item 13)',
  (engine) => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await startEnv(engine);
    });
    afterAll(async () => env?.close());

    it('answers a login hint page, not raw 401 JSON, and keeps the OpenAPI document public', async () => {
      const docs = await anonymous(env.app).get('/api/docs');
      expect(docs.status).toBe(401);
      expect(String(docs.headers['content-type'])).toContain('text/html');
      expect(String(docs.body)).toContain('接口文档需要登录');
      expect(String(docs.body)).toContain('/login?next=%2Fapi%2Fdocs');

      const spec = await anonymous(env.app).get('/api/openapi.json');
      expect(spec.status).toBe(200);
      expect(spec.body.openapi).toMatch(/^3\./);

      // Other routes still answer the one error shape.
      const other = await anonymous(env.app).get('/api/members');
      expect(other.status).toBe(401);
      expect(other.body.error.code).toBe('UNAUTHENTICATED');
    });

    it('sets a non-secret signed-in hint beside the session cookie and clears both on logout', async () => {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      });
      const hint = res.cookies.find((c) => c.name === 'dj_signed_in');
      const session = res.cookies.find((c) => c.name === 'dj_session');
      expect(hint?.value).toBe('1');
      expect(hint?.httpOnly).toBeFalsy();
      expect(session?.httpOnly).toBe(true);
      const out = await env.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        payload: {},
        headers: { cookie: `dj_session=${session!.value}` },
      });
      expect(out.statusCode).toBe(200);
      const cleared = out.cookies.find((c) => c.name === 'dj_signed_in');
      expect(cleared?.value).toBe('');
    });

    it('serves the docs to a logged-in caller', async () => {
      const docs = await env.admin.get('/api/docs');
      expect([200, 302]).toContain(docs.status);
      expect(String(docs.body)).not.toContain('接口文档需要登录');
    });
  },
);
