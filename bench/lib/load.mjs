// A small HTTP load generator: N keep-alive connections, each sending its next request as soon as
// the previous answer has been read, for a fixed duration; latencies in milliseconds.
import http from 'node:http';

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(latencies, seconds, errors = 0, statuses = {}) {
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: sorted.length,
    errors,
    statuses,
    seconds,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : NaN,
  };
}

function once(agent, base, path, headers) {
  return new Promise((resolve) => {
    const start = performance.now();
    const req = http.request(`${base}${path}`, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (c) => {
        bytes += c.length;
      });
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - start, bytes }));
      res.on('error', (e) => resolve({ status: e.code ?? 'error', ms: performance.now() - start, bytes }));
    });
    req.on('error', (e) => resolve({ status: e.code ?? 'error', ms: performance.now() - start, bytes: 0 }));
    req.end();
  });
}

/**
 * Runs `connections` closed loops against `base` for `warmup` + `seconds` seconds. Answers that
 * arrive within the last `seconds` are recorded (as wrk does); at the end, requests still in
 * flight are abandoned (their sockets destroyed) and not counted. `nextPath(i)` gives each
 * request's path. Non-2xx answers and socket errors count as errors.
 */
export async function runLoad({ base, nextPath, headers = {}, connections = 32, seconds = 20, warmup = 3 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const latencies = [];
  const statuses = {};
  let errors = 0;
  let bytes = 0;
  let n = 0;
  const t0 = performance.now();
  const recordFrom = t0 + warmup * 1000;
  const stopAt = recordFrom + seconds * 1000;
  let stopped = false;
  let wake;
  const ended = new Promise((r) => {
    wake = r;
  });
  const timer = setTimeout(() => {
    stopped = true;
    agent.destroy();
    wake();
  }, stopAt - t0);
  const loop = async () => {
    while (!stopped) {
      const r = await Promise.race([once(agent, base, nextPath(n++), headers), ended.then(() => null)]);
      if (r === null || stopped) break;
      const now = performance.now();
      if (now >= recordFrom && now <= stopAt) {
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (typeof r.status === 'number' && r.status >= 200 && r.status < 300) latencies.push(r.ms);
        else errors += 1;
        bytes += r.bytes;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  clearTimeout(timer);
  return { ...summarize(latencies, seconds, errors, statuses), bytes, connections };
}

/** Sequential timings of one request: `runs` measured after `warmup` unmeasured ones. */
export async function timeSequential({ base, path, headers = {}, runs = 20, warmup = 1 }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = [];
  let last = null;
  for (let i = 0; i < warmup + runs; i++) {
    const r = await once(agent, base, typeof path === 'function' ? path(i) : path, headers);
    if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}`);
    if (i >= warmup) times.push(r.ms);
    last = r;
  }
  agent.destroy();
  return { ...summarize(times, times.reduce((a, b) => a + b, 0) / 1000), last };
}
