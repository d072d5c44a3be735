// Result tables: printed to stdout and appended, dated, to bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const RESULTS = path.resolve(import.meta.dirname, '..', 'RESULTS.md');

export const ms = (v) => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v.toFixed(1)) : '–');
export const num = (v, digits = 0) =>
  Number.isFinite(v)
    ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';
export const pct = (v) => (Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '–');

export function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  return [
    `| ${cells[0].join(' | ')} |`,
    `|${cells[0].map(() => '---').join('|')}|`,
    ...cells.slice(1).map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** The commit the run started at (and whether packages/ had uncommitted changes then). */
const COMMIT = (() => {
  const root = path.resolve(import.meta.dirname, '..', '..');
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    return `${head}${dirty ? ' + uncommitted changes in packages/' : ''}`;
  } catch {
    return 'unknown';
  }
})();

function machine() {
  const cpu = os.cpus();
  return `${cpu.length} × ${cpu[0]?.model?.trim() ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.versions.node}, load avg ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}; server at ${COMMIT}`;
}

/**
 * Prints a section and appends it to RESULTS.md:
 * `## <date> — <title>` then the machine line, then the body (markdown).
 */
export function record(title, body, { write = true } = {}) {
  const stamp = new Date().toISOString().replace('T', ' ').slice(0, 16);
  const section = `## ${stamp} UTC — ${title}\n\n_${machine()}_\n\n${body.trim()}\n`;
  console.log(`\n${section}`);
  if (!write) return;
  if (!fs.existsSync(RESULTS)) {
    fs.writeFileSync(
      RESULTS,
      '# Benchmark results\n\nAppended by `npm run bench -- <name>` (newest last). See README.md for what each measures.\n',
    );
  }
  fs.appendFileSync(RESULTS, `\n${section}`);
}

/** PASS/MISS against a target. */
export const verdict = (ok) => (ok ? '**met**' : '**MISSED**');
