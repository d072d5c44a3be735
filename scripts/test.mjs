// `npm test`: lint, types, build, then every suite (unit, integration on each engine, browser),
// ending with one plain "N passed, N failed" line over all of them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.tmp');
fs.mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };

function step(title, cmd, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status === 0;
}

function vitest(title, args, report) {
  const file = path.join(out, `${report}.json`);
  fs.rmSync(file, { force: true });
  const ok = step(title, 'npx', [
    'vitest',
    'run',
    ...args,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  if (fs.existsSync(file)) {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } else if (!ok) {
    totals.failed += 1;
  }
  return ok;
}

const results = [
  step('lint (biome)', 'npx', ['biome', 'check', '.']),
  step('module boundaries', 'node', ['scripts/check-boundaries.mjs']),
  step('build (core, server, web)', 'npm', ['run', 'build']),
  step('types (tests and web)', 'npx', ['tsc', '-p', 'tsconfig.test.json']) &&
    step('types (web)', 'npx', ['tsc', '-p', 'packages/web', '--noEmit']),
  vitest(
    `unit and integration (${process.env.TEST_DATABASE_URL ? 'PGlite and PostgreSQL' : 'PGlite only: set TEST_DATABASE_URL for PostgreSQL'})`,
    [],
    'unit',
  ),
  vitest('browser (Chromium)', ['--config', 'e2e/vitest.config.ts'], 'e2e'),
];

console.log(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(results.every(Boolean) && totals.failed === 0 ? 0 : 1);
