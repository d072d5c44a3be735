import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeIdNumber } from '@dangjian/core';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import pg from 'pg';
import { type App, buildApp } from '../app.js';
import { createContext } from '../boot.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { type Database, type EngineName, openPostgres, wrapPglite } from '../db/engine.js';
import { bootstrapAdmin } from '../modules/auth/index.js';

export const ADMIN_PASSWORD = 'Admin12345';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export const engines: EngineName[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestEnv {
  engine: EngineName;
  ctx: AppContext;
  app: App;
  admin: Client;
  dataDir: string;
  close(): Promise<void>;
}

async function openTestDatabase(
  engine: EngineName,
): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const template = process.env.DJ_PGLITE_TEMPLATE;
    const loadDataDir = template ? new Blob([fs.readFileSync(template)]) : undefined;
    const client = await PGlite.create({ extensions: { ltree }, loadDataDir });
    return { database: wrapPglite(client), drop: async () => {} };
  }
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const name = `dj_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  const database = openPostgres(url.toString(), 5);
  return {
    database,
    drop: async () => {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function startEnv(engine: EngineName, env: Record<string, string> = {}): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    MASTER_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    ...env,
  });
  const { database, drop } = await openTestDatabase(engine);
  const ctx = await createContext(config, database);
  await bootstrapAdmin(ctx);
  const app = await buildApp(ctx);
  await app.ready();
  const admin = await login(app, 'admin', ADMIN_PASSWORD);
  return {
    engine,
    ctx,
    app,
    admin,
    dataDir,
    async close() {
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
  raw: Buffer;
}

/** A logged-in caller driving the app through Fastify's inject (real routing, hooks and schemas). */
export class Client {
  constructor(
    readonly app: App,
    readonly cookie: string | null,
  ) {}

  async request<T = any>(
    method: string,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      payload: payload as string,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
    });
    let body: unknown = res.body;
    if (String(res.headers['content-type'] ?? '').includes('json')) body = res.json();
    return { status: res.statusCode, body: body as T, headers: res.headers, raw: res.rawPayload } as Res<T>;
  }
  get<T = any>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = any>(url: string, payload?: unknown) {
    return this.request<T>('POST', url, payload ?? {});
  }
  patch<T = any>(url: string, payload: unknown) {
    return this.request<T>('PATCH', url, payload);
  }
  put<T = any>(url: string, payload: unknown) {
    return this.request<T>('PUT', url, payload);
  }
  delete<T = any>(url: string) {
    return this.request<T>('DELETE', url);
  }
  /** Uploads a file as multipart field `file`. */
  async upload<T = any>(url: string, file: Buffer, fileName = 'members.xlsx') {
    const boundary = `----dj${randomBytes(8).toString('hex')}`;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
          'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return this.request<T>('POST', url, body, {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
  }
}

/**
 * POST /api/obligations/refresh and wait for the run it started: the route answers 202 at once and
 * the work goes on in the background. Resolves with the finished run (status done or failed).
 */
export async function refreshObligations(client: Client, timeoutMs = 25_000) {
  const start = await client.post('/api/obligations/refresh');
  if (start.status !== 202) {
    throw new Error(`refresh did not start: ${start.status} ${JSON.stringify(start.body)}`);
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await client.get('/api/obligations/refresh');
    if (body.id === start.body.id && body.status !== 'running') return body;
    if (Date.now() > deadline) throw new Error(`refresh still running: ${JSON.stringify(body)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function login(app: App, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'dj_session');
  return new Client(app, `dj_session=${cookie!.value}`);
}

export function anonymous(app: App) {
  return new Client(app, null);
}

let seq = 0;
/** A valid, unique member body for POST /api/members. */
export function memberBody(orgId: string, over: Record<string, unknown> = {}) {
  seq += 1;
  const birthDate = (over.birthDate as string) ?? `19${70 + (seq % 25)}-0${1 + (seq % 9)}-1${seq % 9}`;
  const gender = (over.gender as 'male' | 'female') ?? (seq % 2 ? 'male' : 'female');
  const region = (over.region as string) ?? '430104';
  return {
    orgId,
    name: `测试${seq}号`,
    gender,
    idNumber: makeIdNumber(region, birthDate, (seq * 7 + Number(randomBytes(1)[0])) % 500, gender),
    birthDate,
    kind: 'full',
    joinedOn: `${Number(birthDate.slice(0, 4)) + 25}-07-01`,
    fullOn: `${Number(birthDate.slice(0, 4)) + 26}-07-01`,
    education: 'bachelor',
    phone: '13900000000',
    ...Object.fromEntries(Object.entries(over).filter(([k]) => k !== 'region')),
  };
}

/** A small tree of its own for a test: committee → two branches, with a manager on branch A. */
export async function buildTree(env: TestEnv, regionCode = '430104') {
  const suffix = randomUUID().slice(0, 6);
  const committee = (
    await env.admin.post('/api/orgs', { name: `测试党委${suffix}`, type: 'committee', regionCode })
  ).body;
  const branchA = (
    await env.admin.post('/api/orgs', { name: `第一党支部${suffix}`, type: 'branch', parentId: committee.id })
  ).body;
  const branchB = (
    await env.admin.post('/api/orgs', { name: `第二党支部${suffix}`, type: 'branch', parentId: committee.id })
  ).body;
  return { committee, branchA, branchB, suffix };
}

export async function userClient(
  env: TestEnv,
  orgId: string,
  role: string,
  extra: Record<string, unknown> = {},
): Promise<Client> {
  const username = `u${randomBytes(5).toString('hex')}`;
  const password = 'Passw0rd!';
  const res = await env.admin.post('/api/users', { username, password, orgId, role, ...extra });
  if (res.status !== 201) throw new Error(`create user failed: ${JSON.stringify(res.body)}`);
  return login(env.app, username, password);
}
