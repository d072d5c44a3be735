// Result tables: printed to stdout, appended as a dated section to bench/history/<YYYY-MM-DD>.md,
// and summarised as one row per benchmark and engine in bench/RESULTS.md (the current figures).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const RESULTS = path.resolve(import.meta.dirname, '..', 'RESULTS.md');
export const HISTORY = path.resolve(import.meta.dirname, '..', 'history');

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

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading) {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchor of `heading` as the last of its name in `text` (GitHub numbers repeats -1, -2, …). */
function anchorIn(text, heading) {
  const base = slug(heading);
  const seen = text
    .split('\n')
    .filter((l) => /^#{1,6} /.test(l))
    .filter((l) => slug(l.replace(/^#+ /, '')) === base).length;
  return seen > 1 ? `${base}-${seen - 1}` : base;
}

const CURRENT_HEADERS = [
  'benchmark',
  'target',
  'measured',
  'baseline (same run)',
  'ratio',
  'engine',
  'date (UTC)',
  'load 1/5/15',
  'verdict',
  'run',
];
const cell = (v) => String(v ?? '–').replaceAll('|', '\\|');
const splitRow = (line) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

/**
 * Replaces (or adds) the rows of RESULTS.md's current-figures table keyed by benchmark + engine.
 * Each row: { benchmark, target, measured, baseline, ratio, engine, verdict }; the date, load and
 * link to the history section come from the run.
 */
function updateCurrent(rows, { stamp, load, link }) {
  const text = fs.readFileSync(RESULTS, 'utf8');
  const lines = text.split('\n');
  const header = lines.findIndex((l) => l.startsWith(`| ${CURRENT_HEADERS[0]} | ${CURRENT_HEADERS[1]} |`));
  if (header < 0) throw new Error(`${RESULTS}: no current-figures table (header "| benchmark | target | …")`);
  let end = header + 2;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  const body = lines.slice(header + 2, end);
  for (const r of rows) {
    const line = `| ${[
      r.benchmark,
      r.target,
      r.measured,
      r.baseline,
      r.ratio,
      r.engine,
      stamp,
      load,
      r.verdict,
      `[${stamp.slice(11)}](${link})`,
    ]
      .map(cell)
      .join(' | ')} |`;
    const at = body.findIndex((l) => {
      const c = splitRow(l);
      return c[0] === cell(r.benchmark) && c[5] === cell(r.engine);
    });
    if (at >= 0) body[at] = line;
    else body.push(line);
  }
  lines.splice(header + 2, end - header - 2, ...body);
  fs.writeFileSync(RESULTS, lines.join('\n'));
}

/**
 * Prints a section `## <date> — <title>` (machine line, then the body, markdown) and appends it to
 * bench/history/<date>.md; `current` rows replace this benchmark's rows in RESULTS.md.
 */
export function record(title, body, { write = true, current = [] } = {}) {
  const stamp = new Date().toISOString().replace('T', ' ').slice(0, 16);
  const heading = `${stamp} UTC — ${title}`;
  const section = `## ${heading}\n\n_${machine()}_\n\n${body.trim()}\n`;
  console.log(`\n${section}`);
  if (!write) return;
  const day = stamp.slice(0, 10);
  const file = path.join(HISTORY, `${day}.md`);
  fs.mkdirSync(HISTORY, { recursive: true });
  if (!fs.existsSync(file)) {
    fs.writeFileSync(
      file,
      `# Benchmark runs, ${day}\n\nAppended by \`npm run bench -- <name>\` (newest last); ../RESULTS.md has the current figures. See ../README.md for what each measures.\n`,
    );
  }
  fs.appendFileSync(file, `\n${section}`);
  if (current.length)
    updateCurrent(current, {
      stamp,
      load: os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' '),
      link: `history/${day}.md#${anchorIn(fs.readFileSync(file, 'utf8'), heading)}`,
    });
}

/** PASS/MISS against a target. */
export const verdict = (ok) => (ok ? '**met**' : '**MISSED**');
