import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const rootDir = fileURLToPath(new URL('..', import.meta.url));
export const ADMIN_PASSWORD = 'Admin12345';
const screenshotDir = join(rootDir, 'test-results', 'screenshots');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface TestServer {
  url: string;
  logs: string[];
  stop: () => Promise<void>;
}

/**
 * The built server on a port of its own with a fresh data directory. `args` runs another entry point
 * (the demo: `['packages/server/dist/cli.js', 'demo']`), which may need longer to become healthy.
 */
export async function startServer(
  opts: { args?: string[]; env?: Record<string, string>; startupMs?: number } = {},
): Promise<TestServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'dangjian-e2e-'));
  const logs: string[] = [];
  const child: ChildProcess = spawn(process.execPath, opts.args ?? ['packages/server/dist/main.js'], {
    cwd: rootDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_PASSWORD,
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (b: Buffer) => logs.push(b.toString()));
  child.stderr?.on('data', (b: Buffer) => logs.push(b.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startupMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${logs.join('')}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${logs.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    logs,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A page that records uncaught errors so tests can assert the app never crashed. */
export async function openPage(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1440, height: 900 },
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  // Generous: the suite shares two cores with builds and other test runs.
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // React and antd warnings only show in a development build (E2E_SKIP_WEB_BUILD=1 after `vite build --mode development`).
  page.on('console', (m) => {
    if (m.type() === 'warning' || (m.type() === 'error' && m.text().startsWith('Warning'))) {
      console.warn(`[browser ${m.type()}] ${m.text().slice(0, 400)}`);
    }
  });
  return { context, page, errors };
}

export async function shot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Gzipped size of all JavaScript a fresh page load fetches, as a user on first visit would. */
export async function firstLoadJs(
  browser: Browser,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  sessionCookie?: string,
) {
  const context = await browser.newContext();
  if (sessionCookie) {
    const [name = '', value = ''] = sessionCookie.split('=');
    await context.addCookies([
      { name, value, url },
      { name: 'dj_signed_in', value: '1', url },
    ]);
  }
  const page = await context.newPage();
  const pending: Promise<{ url: string; gz: number }>[] = [];
  page.on('response', (res) => {
    if (res.url().endsWith('.js')) {
      pending.push(res.body().then((b) => ({ url: res.url(), gz: gzipSync(b).length })));
    }
  });
  await page.goto(url);
  await ready(page);
  await page.waitForLoadState('networkidle');
  const files = await Promise.all(pending);
  await context.close();
  return { bytes: files.reduce((s, f) => s + f.gz, 0), files: files.map((f) => f.url) };
}

/** Logs in on the console's login page and waits for the member list it lands on. */
export async function consoleLogin(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登 录' }).click();
  await page.waitForURL('**/members');
}

/**
 * The daily computation, run now (as the administrator): the route answers 202 and goes on in the
 * background; the server's own catch-up run after start may hold the lease a while (409 JOBS_RUNNING).
 */
export async function refreshNow(api: Api) {
  const deadline = Date.now() + 90_000;
  let start: { id: string } | null = null;
  while (!start) {
    start = await api.call<{ id: string }>('POST', '/api/obligations/refresh', {}).catch((e: Error) => {
      if (!e.message.includes('JOBS_RUNNING') || Date.now() > deadline) throw e;
      return null;
    });
    if (!start) await new Promise((r) => setTimeout(r, 500));
  }
  for (;;) {
    const progress = await api.call<{ id?: string; status: string }>('GET', '/api/obligations/refresh');
    if (progress.id === start.id && progress.status === 'done') return;
    if ((progress.id === start.id && progress.status !== 'running') || Date.now() > deadline) {
      throw new Error(`refresh did not finish: ${JSON.stringify(progress)}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A cookie-holding API client for setting up fixtures the UI test is not about. */
export class Api {
  cookie = '';
  constructor(private readonly base: string) {}

  async login(username: string, password: string) {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    return this;
  }

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }
}
