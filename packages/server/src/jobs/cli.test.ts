import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../db/engine.js';

// The built CLI, as `npm run obligations` runs it (build first: npx tsc -b packages/server).
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function obligations(...args: string[]) {
  const child = spawn(process.execPath, [cli, 'obligations', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => {
    stdout += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('npm run obligations', () => {
  it('runs the refresh with a progress bar on stderr and the finished run as JSON on stdout', async () => {
    const res = await obligations('--as-of', '2026-03-02');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      status: 'done',
      trigger: 'cli',
      asOf: '2026-03-02',
      obligations: { members: 0, total: 0 },
      delivered: { sent: 0, failed: 0 },
    });
    expect(res.stderr).toMatch(/完成 █+ 0\/0 人，新提醒 0 条，已发送 0 条，失败 0 条/);
  });

  it('refuses a wrong date, and leaves the run to whoever holds the job lease', async () => {
    const wrong = await obligations('--as-of', '2026-02-30');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('用法：npm run obligations -- [--as-of YYYY-MM-DD]');

    const database = await openPglite(dataDir);
    try {
      await database.rows(sql`update meta set value = now()::text where key = 'job_lease'`);
    } finally {
      await database.close();
    }
    const busy = await obligations();
    expect(busy.code).toBe(2);
    expect(busy.stdout).toBe('');
    expect(busy.stderr).toContain('每日计算正在进行');
  });
});
