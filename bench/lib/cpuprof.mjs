// Where a server's main thread spent a time window, from a V8 `.cpuprofile` (node --cpu-prof).
// Profile timestamps are CLOCK_MONOTONIC microseconds, the clock of process.hrtime in the bench
// process, so windows measured here select the server's samples of that window.
import fs from 'node:fs';
import path from 'node:path';

/** Microseconds on the clock the profile's timestamps use. */
export const monoUs = () => Number(process.hrtime.bigint() / 1000n);

/** The newest `.cpuprofile` in `dir`, parsed; null when the process wrote none. */
export function readProfile(dir) {
  if (!fs.existsSync(dir)) return null;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
  return files.length ? JSON.parse(fs.readFileSync(files.at(-1), 'utf8')) : null;
}

const frameName = (cf) => {
  const file = cf.url ? path.basename(cf.url.replace(/^file:\/\//, '')) : '';
  return `${cf.functionName || '(anonymous)'}${file ? ` ${file}:${cf.lineNumber + 1}` : ''}`;
};

/**
 * Per window: wall ms covered by samples, idle (waiting: for the database, the network), GC, and
 * the inclusive ms of every function (each sample counts once for each distinct function on its
 * stack), so `recordAudit` includes the hashing it calls.
 */
export function summarise(profile, windows) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = new Map();
  const stack = (id) => {
    let s = stackOf.get(id);
    if (s) return s;
    const names = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) names.add(frameName(byId.get(at).callFrame));
    s = [...names];
    stackOf.set(id, s);
    return s;
  };
  const out = windows.map((w) => ({ ...w, totalMs: 0, idleMs: 0, gcMs: 0, fns: new Map() }));
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(profile.samples[i]);
    for (const w of out) {
      if (t < w.from || t >= w.to) continue;
      w.totalMs += dt;
      const leaf = node.callFrame.functionName;
      if (leaf === '(idle)') w.idleMs += dt;
      else if (leaf === '(garbage collector)') w.gcMs += dt;
      for (const name of stack(node.id)) w.fns.set(name, (w.fns.get(name) ?? 0) + dt);
    }
  }
  return out;
}

/** The functions worth naming in a report: the server's own, crypto, the driver, the xlsx reader. */
export function topFunctions(w, { limit = 25, match = /\.js:\d+$/ } = {}) {
  return [...w.fns.entries()]
    .filter(([name]) => match.test(name) && !/^\(/.test(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit);
}
