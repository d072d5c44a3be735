import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, buildTree, engines, memberBody, startEnv, type TestEnv } from '../test/harness.js';
import { assertCleanText, isCleanText, jsonDepth, MAX_JSON_DEPTH } from './input-guard.js';

const wellFormed = fc.string({ unit: 'binary' }).filter((s) => !s.includes('\u0000'));
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) });
const badPiece = fc.oneof(
  fc.constant('\u0000'),
  fc.integer({ min: 0xd800, max: 0xdbff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xdc00, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);
const withBad = fc.tuple(wellFormed, badPiece, wellFormed).map(([a, b, c]) => a + b + c);

/** The reference: nesting counted by walking the parsed value. */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object') {
    return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  }
  return 0;
}

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('input guard', () => {
  it('lets every well-formed string without NUL through', () => {
    fc.assert(
      fc.property(wellFormed, (s) => {
        expect(isCleanText(s)).toBe(true);
        expect(() => assertCleanText({ [s]: [s, { s }] })).not.toThrow();
      }),
    );
  });

  it('refuses any string with a NUL or a lone surrogate, as a value or a key at any depth', () => {
    fc.assert(
      fc.property(withBad, fc.integer({ min: 0, max: 20 }), fc.boolean(), (s, depth, asKey) => {
        expect(isCleanText(s)).toBe(false);
        let value: unknown = asKey ? { [s]: 1 } : s;
        for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { ok: value };
        expect(() => assertCleanText(value)).toThrow(expect.objectContaining({ code: 'INVALID_TEXT' }));
      }),
    );
  });

  it('agrees with String.prototype.isWellFormed on any sequence of UTF-16 code units', () => {
    fc.assert(
      fc.property(codeUnits, (s) => {
        const wf = (s as unknown as { isWellFormed(): boolean }).isWellFormed();
        expect(isCleanText(s)).toBe(wf && !s.includes('\u0000'));
      }),
    );
  });

  it('measures JSON nesting as the parsed value does, brackets inside strings included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.boolean(), (value, pretty) => {
        const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
        expect(jsonDepth(text)).toBe(depthOf(JSON.parse(text)));
      }),
    );
    expect(jsonDepth('"[[[\\"{{"')).toBe(0);
    expect(jsonDepth(nested(5_000))).toBe(5_000);
  });
});

describe.each(engines)('input guard in the app on %s', (engine) => {
  let env: TestEnv;
  let orgId: string;
  let memberId: string;

  beforeAll(async () => {
    env = await startEnv(engine);
    const tree = await buildTree(env);
    orgId = tree.branchA.id;
    memberId = (await env.admin.post('/api/members', memberBody(orgId))).body.id;
  });
  afterAll(() => env.close());

  async function auditCount() {
    const [row] = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events`,
    );
    return row?.n ?? -1;
  }

  it('refuses a NUL in a login body, a public path and a query with 400 INVALID_TEXT', async () => {
    const login = await anonymous(env.app).post('/api/auth/login', { username: 'a\u0000b', password: 'x' });
    expect(login.status).toBe(400);
    expect(login.body.error.code).toBe('INVALID_TEXT');
    expect(login.body.error.message).toContain('不允许的字符');
    const letter = await anonymous(env.app).get('/api/public/letters/%00');
    expect([letter.status, letter.body.error.code]).toEqual([400, 'INVALID_TEXT']);
    const search = await env.admin.get(`/api/members?orgId=${orgId}&q=%00`);
    expect([search.status, search.body.error.code]).toEqual([400, 'INVALID_TEXT']);
  });

  it('refuses a lone surrogate in a body, a key and a raw URL, and writes nothing', async () => {
    const before = await auditCount();
    const relative = await env.admin.post(`/api/members/${memberId}/relatives`, {
      relation: 'spouse',
      name: '党员\ud800x',
    });
    expect([relative.status, relative.body.error?.code]).toEqual([400, 'INVALID_TEXT']);
    const rename = await env.admin.patch(`/api/orgs/${orgId}`, { name: '党员\udc00支部' });
    expect([rename.status, rename.body.error?.code]).toEqual([400, 'INVALID_TEXT']);
    const key = await env.admin.patch(`/api/members/${memberId}`, { jobPost: '干部', x: { 'k\u0000': 1 } });
    expect([key.status, key.body.error?.code]).toEqual([400, 'INVALID_TEXT']);
    for (const url of [
      `/api/orgs/%ED%A0%80`,
      `/api/members?orgId=${orgId}&q=%ED%A0%80`,
      '/api/orgs?q=%E0%A4',
    ]) {
      const res = await env.admin.get(url);
      expect([res.status, res.body.error?.code], url).toEqual([400, 'INVALID_TEXT']);
    }
    expect(await auditCount()).toBe(before);
    const org = await env.admin.get(`/api/orgs/${orgId}`);
    expect(org.body.name).not.toContain('支部\udc00');
  });

  it('refuses a policy document nested 5,000 deep with 400 JSON_TOO_DEEP', async () => {
    const payload = `{"effectiveFrom":"2024-01-01","document":{"tiers":${nested(5_000)}}}`;
    const res = await env.admin.request('PUT', `/api/orgs/${orgId}/policies/dues`, payload, {
      'content-type': 'application/json',
    });
    expect([res.status, res.body.error.code]).toEqual([400, 'JSON_TOO_DEEP']);
    expect(res.body.error.message).toContain('嵌套');
    const limit = (depth: number) =>
      env.admin.request(
        'PUT',
        `/api/orgs/${orgId}/policies/dues`,
        `{"effectiveFrom":"2024-01-01","document":{"x":${nested(depth - 2)}}}`,
        { 'content-type': 'application/json' },
      );
    expect((await limit(MAX_JSON_DEPTH)).body.error?.code).not.toBe('JSON_TOO_DEEP');
    expect((await limit(MAX_JSON_DEPTH + 1)).body.error?.code).toBe('JSON_TOO_DEEP');
  });

  it('keeps the 1 MB limit, the prototype-poisoning refusal and the empty-body answer', async () => {
    const big = await env.admin.patch(`/api/members/${memberId}`, { jobPost: 'x'.repeat(1024 * 1024) });
    expect([big.status, big.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    for (const payload of ['{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}']) {
      const res = await env.admin.request('PATCH', `/api/members/${memberId}`, payload, {
        'content-type': 'application/json',
      });
      expect([res.status, res.body.error.code], payload).toEqual([400, 'INVALID_JSON']);
    }
    // As before the guard: an empty body declared as JSON is refused, with or without a schema.
    for (const [method, url] of [
      ['POST', '/api/obligations/refresh'],
      ['DELETE', `/api/orgs/${orgId}/posts/${memberId}`],
    ] as const) {
      const res = await env.admin.request(method, url, '', { 'content-type': 'application/json' });
      expect([res.status, res.body.error.code], url).toEqual([400, 'INVALID_JSON']);
    }
  });

  it('refuses a multipart file name or field value with a NUL (the import route)', async () => {
    const before = await auditCount();
    const named = await env.admin.upload(
      `/api/members/import?orgId=${orgId}`,
      Buffer.from('PK'),
      'a\u0000.xlsx',
    );
    expect([named.status, named.body.error?.code]).toEqual([400, 'INVALID_TEXT']);
    const boundary = `----dj${randomBytes(8).toString('hex')}`;
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\na\u0000b\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.xlsx"\r\n\r\nPK\r\n` +
      `--${boundary}--\r\n`;
    const field = await env.admin.request('POST', `/api/members/import?orgId=${orgId}`, body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect([field.status, field.body.error?.code]).toEqual([400, 'INVALID_TEXT']);
    expect(await auditCount()).toBe(before);
  });
});
