import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, engines, startEnv, type TestEnv } from '../../test/harness.js';

describe.each(engines)('API docs when logged out (%s) — issue 17 item 12', (engine) => {
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

  it('serves the docs to a logged-in caller', async () => {
    const docs = await env.admin.get('/api/docs');
    expect([200, 302]).toContain(docs.status);
    expect(String(docs.body)).not.toContain('接口文档需要登录');
  });
});
