// Starting and stopping the real server (and the baseline) as child processes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const ADMIN_PASSWORD = 'Admin12345';
const LOG_DIR = path.join(ROOT, 'bench', '.data', 'logs');

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `url` until it answers 200; returns milliseconds since `since`. */
export async function waitFor200(
  url,
  { since = performance.now(), timeoutMs = 120_000, intervalMs = 20, child } = {},
) {
  for (;;) {
    if (child && child.exitCode !== null)
      throw new Error(`process exited with ${child.exitCode} before ${url} answered`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs)
      throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

function spawnLogged(name, args, env) {
  // args may start with node options (e.g. --require a preload)
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const logFile = path.join(LOG_DIR, `${name}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  child.logFile = logFile;
  return child;
}

async function stopChild(child, timeoutMs = 20_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(timeoutMs).then(() => false)]);
  if (!done) {
    child.kill('SIGKILL');
    await exited;
  }
}

/**
 * Starts packages/server/dist/main.js. `databaseUrl` selects PostgreSQL; without it the server
 * opens PGlite in `dataDir`. Resolves once /api/health answers 200.
 */
export async function startServer({
  dataDir,
  databaseUrl,
  logLevel,
  name = 'server',
  env = {},
  nodeArgs = [],
}) {
  const port = await freePort();
  const childEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    ADMIN_PASSWORD,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_URL: '' }),
    ...(logLevel ? { LOG_LEVEL: logLevel } : {}),
    ...env,
  };
  const since = performance.now();
  const child = spawnLogged(name, [...nodeArgs, 'packages/server/dist/main.js'], childEnv);
  const base = `http://127.0.0.1:${port}`;
  let startupMs;
  try {
    startupMs = await waitFor200(`${base}/api/health`, { since, child });
  } catch (err) {
    await stopChild(child);
    throw new Error(`${err.message}; see ${child.logFile}:\n${tail(child.logFile)}`);
  }
  return {
    base,
    port,
    pid: child.pid,
    child,
    startupMs,
    logFile: child.logFile,
    stop: () => stopChild(child),
  };
}

/** Starts bench/baseline-server.mjs with the given arguments. */
export async function startBaseline(args, name = 'baseline') {
  const port = await freePort();
  const since = performance.now();
  const child = spawnLogged(
    name,
    ['bench/baseline-server.mjs', '--port', String(port), ...args],
    process.env,
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(`${base}/health`, { since, child });
  } catch (err) {
    await stopChild(child);
    throw new Error(`${err.message}; see ${child.logFile}:\n${tail(child.logFile)}`);
  }
  return { base, port, pid: child.pid, child, stop: () => stopChild(child) };
}

function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Logs in as the bootstrap administrator; returns the Cookie header. */
export async function login(base, username = 'admin', password = ADMIN_PASSWORD) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await res.text();
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${body}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('dj_session='));
  if (!cookie) throw new Error('login set no dj_session cookie');
  return cookie;
}

export async function api(base, cookie, method, url, body) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 500)}`);
  return json;
}

/** kB values of /proc/<pid>/status: VmRSS (now) and VmHWM (peak so far). */
export function memoryOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN);
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/**
 * CPU seconds (user + system) a process has used, from /proc/<pid>/stat; NaN once it is gone.
 * On a shared machine this moves far less with other work than wall time does.
 */
export function cpuSecondsOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Samples VmRSS every `everyMs`; `stop()` returns the peak seen (and VmHWM), in MB. */
export function sampleRss(pid, everyMs = 50) {
  let peak = 0;
  const timer = setInterval(() => {
    const { rss } = memoryOf(pid);
    if (rss > peak) peak = rss;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const { rss, hwm } = memoryOf(pid);
      return { peakSampledMB: Math.max(peak, rss) / 1024, hwmMB: hwm / 1024 };
    },
  };
}
