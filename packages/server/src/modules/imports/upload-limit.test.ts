import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, startEnv, type TestEnv } from '../../test/harness.js';

describe.each(engines)('upload size limit on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine, { UPLOAD_MAX_MB: '0.01' });
  });
  afterAll(() => env.close());

  it('refuses an oversized file with 413, leaves no job and keeps serving', async () => {
    const { committee } = await buildTree(env);
    const res = await env.admin.upload(
      `/api/members/import?orgId=${committee.id}`,
      Buffer.alloc(64 * 1024, 1),
    );
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const [jobs] = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from import_jobs`,
    );
    expect(jobs?.n).toBe(0);
    expect((await env.admin.get('/api/health')).status).toBe(200);
  });
});
