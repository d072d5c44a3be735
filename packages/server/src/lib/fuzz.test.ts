import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, memberBody, startEnv, type TestEnv } from '../test/harness.js';

/**
 * Every operation of the OpenAPI document, fed bad strings in each place a client controls: bad input
 * is answered 4xx and writes nothing (ARCHITECTURE.md "bad input → 4xx, never 500").
 */

interface Schema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  minimum?: number;
}

interface Operation {
  parameters?: { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

const DEPTH = 5_000;
const bad = {
  nul: 'a\u0000b',
  surrogate: '党员\ud800x',
  huge: 'x'.repeat(1024 * 1024),
  deep: `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`,
} as const;
type Kind = keyof typeof bad;
const kinds = Object.keys(bad) as Kind[];

/** The deep kind in a JSON body is real nesting (inside an object, as a policy document would be). */
const json: Record<Kind, string> = {
  nul: JSON.stringify(bad.nul),
  surrogate: JSON.stringify(bad.surrogate),
  huge: JSON.stringify(bad.huge),
  deep: `{"d":${bad.deep}}`,
};

/**
 * Percent-encodes like a client that writes lone surrogates as their three UTF-8-shaped bytes
 * (`%ED%A0%80`), which encodeURIComponent refuses to produce.
 */
function encodeRaw(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      out += [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

interface Fixture {
  orgId: string;
  memberId: string;
  userId: string;
}

function idFor(name: string, path: string, f: Fixture): string {
  const key = `${path} ${name}`.toLowerCase();
  if (/member/.test(name.toLowerCase()) || (name === 'id' && path.startsWith('/api/members/'))) {
    return f.memberId;
  }
  if (name === 'id' && path.startsWith('/api/users/')) return f.userId;
  if (/org|parent|into|reassign/.test(key)) return f.orgId;
  return randomUUID();
}

/** A value the schema would accept where one can be guessed, so the bad string is what is tested. */
function plausible(schema: Schema | undefined, name: string, path: string, f: Fixture, kind: Kind): string {
  const s = schema?.anyOf?.[0] ?? schema?.oneOf?.[0] ?? schema ?? {};
  if (s.enum?.length) return JSON.stringify(s.enum[0]);
  if (s.const !== undefined) return JSON.stringify(s.const);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'integer' || type === 'number') return String(s.minimum ?? 1);
  if (type === 'boolean') return 'false';
  if (type === 'array') return `[${plausible(s.items, name, path, f, kind)}]`;
  if (type === 'object' && s.properties) return objectWith(s, path, f, kind);
  if (s.format === 'uuid') return JSON.stringify(idFor(name, path, f));
  if (s.format === 'date' || /On$|From$|Date$/.test(name)) return JSON.stringify('2024-01-01');
  return json[kind];
}

function objectWith(schema: Schema, path: string, f: Fixture, kind: Kind): string {
  const fields = Object.entries(schema.properties ?? {}).map(
    ([name, s]) => `${JSON.stringify(name)}:${plausible(s, name, path, f, kind)}`,
  );
  return `{${fields.join(',')}}`;
}

function fillPath(path: string, f: Fixture, override?: { name: string; value: string }): string {
  return path.replace(/\{([a-zA-Z]+)\}/g, (_m, name: string) => {
    if (override?.name === name) return override.value;
    if (name === 'kind') return 'dues';
    if (name === 'code') return 'NOSUCHCODE';
    return idFor(name, path, f);
  });
}

function multipart(fileName: string, field: { name: string; value: string }) {
  const boundary = `----dj${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field.name}"\r\n\r\n${field.value}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
        'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\nPK\r\n' +
        `--${boundary}--\r\n`,
    ),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

const encoded = Object.fromEntries(kinds.map((k) => [k, encodeRaw(bad[k])])) as Record<Kind, string>;

describe.each(engines)('bad strings on every operation on %s', (engine) => {
  let env: TestEnv;
  let fixture: Fixture;
  let operations: { method: string; path: string; op: Operation }[];

  beforeAll(async () => {
    env = await startEnv(engine);
    const tree = await buildTree(env);
    const member = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
    const user = (
      await env.admin.post('/api/users', {
        username: `f${Date.now()}`,
        password: 'Passw0rd!',
        orgId: tree.branchA.id,
        role: 'clerk',
      })
    ).body;
    fixture = { orgId: tree.branchA.id, memberId: member.id, userId: user.id };
    const doc = (await env.admin.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    // Logging out ends the session the rest of the run uses: it goes last.
    operations = Object.entries(doc.paths)
      .flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
      )
      .sort((a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'));
  });
  afterAll(() => env.close());

  async function auditCount() {
    const [row] = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events`,
    );
    return row?.n ?? -1;
  }

  it('answers 4xx to NUL, lone surrogates, 1 MB strings and deep nesting, and writes nothing', async () => {
    expect(operations.length).toBeGreaterThan(30);
    const auditBefore = await auditCount();
    const failures: string[] = [];
    let sent = 0;
    const send = async (
      label: string,
      method: string,
      url: string,
      payload?: string | Buffer,
      type?: string,
    ) => {
      sent += 1;
      const res = await env.app.inject({
        method: method as 'GET',
        url,
        payload,
        headers: { cookie: env.admin.cookie!, ...(type ? { 'content-type': type } : {}) },
      });
      if (res.statusCode >= 500) failures.push(`${label} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    };

    for (const { method, path, op } of operations) {
      const key = `${method} ${path}`;
      const params = op.parameters ?? [];
      const queryDefaults = params
        .filter((p) => p.in === 'query' && /orgid/i.test(p.name))
        .map((p) => `${p.name}=${fixture.orgId}`);
      const baseQuery = queryDefaults.length ? `?${queryDefaults.join('&')}` : '';
      const content = op.requestBody?.content ?? {};
      for (const kind of kinds) {
        // A 1 MB string is refused for its size wherever it sits: once per place is enough.
        const once = <T>(list: T[]) => (kind === 'huge' ? list.slice(0, 1) : list);
        for (const p of once(params.filter((p) => p.in === 'path'))) {
          const url = fillPath(path, fixture, { name: p.name, value: encoded[kind] });
          await send(`${key} path ${p.name} ${kind}`, method, url + baseQuery);
        }
        for (const p of once(params.filter((p) => p.in === 'query'))) {
          const others = queryDefaults.filter((q) => !q.startsWith(`${p.name}=`));
          const query = [...others, `${p.name}=${encoded[kind]}`].join('&');
          await send(`${key} query ${p.name} ${kind}`, method, `${fillPath(path, fixture)}?${query}`);
        }
        const url = fillPath(path, fixture) + baseQuery;
        if (content['application/json']) {
          const schema = content['application/json'].schema ?? {};
          if (kind !== 'huge') {
            const fields = objectWith(schema, path, fixture, kind);
            await send(`${key} body fields ${kind}`, method, url, fields, 'application/json');
          }
          await send(`${key} body whole ${kind}`, method, url, json[kind], 'application/json');
          if (kind === 'nul' || kind === 'surrogate') {
            const keyed = `{${JSON.stringify(bad[kind])}:{${JSON.stringify(bad[kind])}:1}}`;
            await send(`${key} body key ${kind}`, method, url, keyed, 'application/json');
          }
        }
        if (content['multipart/form-data'] && kind !== 'huge' && kind !== 'deep') {
          const byName = multipart(`${bad[kind]}.xlsx`, { name: 'note', value: '说明' });
          await send(`${key} multipart filename ${kind}`, method, url, byName.body, byName.type);
          const byField = multipart('members.xlsx', { name: 'note', value: bad[kind] });
          await send(`${key} multipart field ${kind}`, method, url, byField.body, byField.type);
        }
      }
    }
    expect(sent).toBeGreaterThan(operations.length * kinds.length);
    expect(failures).toEqual([]);
    expect(await auditCount()).toBe(auditBefore);
  }, 120_000);
});
