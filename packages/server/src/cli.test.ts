import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from './db/backup.js';
import { buildTree, memberBody, startEnv } from './test/harness.js';

// The built CLI, as `npm run restore` / `npm run audit:verify` run it (build first: npm run build).
const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-cli-ops-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', MASTER_KEY: '', LOG_LEVEL: 'silent', ...env },
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

/** What a backup written before the header named its key looks like. */
function withoutKeyCheck(file: string, out: string) {
  const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
  const { keyCheck: _dropped, ...header } = JSON.parse(lines[0]!);
  lines[0] = JSON.stringify({ ...header, version: 1 });
  fs.writeFileSync(out, gzipSync(lines.join('\n')));
}

describe('npm run restore', () => {
  const backup = path.join(root, 'backup.jsonl.gz');
  let key = '';
  let events = 0;
  beforeAll(async () => {
    const env = await startEnv('pglite');
    const t = await buildTree(env);
    await env.admin.post('/api/members', memberBody(t.branchA.id));
    key = env.ctx.config.MASTER_KEY!;
    await backupDatabase(env.ctx.database, backup, { masterKey: Buffer.from(key, 'hex') });
    [{ n: events } = { n: -1 }] = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events`,
    );
    await env.close();
  });

  it('refuses without the key before writing anything, naming the key to bring', async () => {
    const dir = path.join(root, 'no-key');
    const res = await run(['restore', backup], { DATA_DIR: dir });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('MASTER_KEY');
    expect(res.stderr).toContain('master.key');
    expect(res.stderr).not.toContain('恢复完成');
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('refuses a key other than the one the backup was made with, before writing anything', async () => {
    const dir = path.join(root, 'wrong-key');
    const res = await run(['restore', backup], {
      DATA_DIR: dir,
      MASTER_KEY: randomBytes(32).toString('hex'),
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('另一把加密密钥');
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('restores with the right key, after which the audit chain verifies', async () => {
    const dir = path.join(root, 'restored');
    const res = await run(['restore', backup], { DATA_DIR: dir, MASTER_KEY: key });
    expect(res.stderr).toContain('恢复完成。审计链完整');
    expect(res.code).toBe(0);
    const verify = await run(['audit-verify'], { DATA_DIR: dir, MASTER_KEY: key });
    expect(verify.stdout).toContain(`已校验 ${events} 条事件`);
    expect(verify.code).toBe(0);

    // The installation is there but its key is not: refused, and no new key file is made up.
    const keyless = await run(['audit-verify'], { DATA_DIR: dir });
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toContain('找不到加密密钥');
    expect(fs.existsSync(path.join(dir, 'master.key'))).toBe(false);
  }, 120_000);

  it('still restores a backup whose header does not name its key, with the right key only', async () => {
    const old = path.join(root, 'old.jsonl.gz');
    withoutKeyCheck(backup, old);
    const wrongDir = path.join(root, 'old-wrong');
    const wrong = await run(['restore', old], {
      DATA_DIR: wrongDir,
      MASTER_KEY: randomBytes(32).toString('hex'),
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('另一把加密密钥');
    expect(fs.existsSync(wrongDir)).toBe(false);
    const right = await run(['restore', old], { DATA_DIR: path.join(root, 'old-right'), MASTER_KEY: key });
    expect(right.stderr).toContain('恢复完成');
    expect(right.code).toBe(0);
  }, 120_000);
});

describe('read-only commands where there is no database', () => {
  it('audit:verify and backup refuse with a message and create nothing', async () => {
    const dir = path.join(root, 'nothing-here');
    for (const command of ['audit-verify', 'backup']) {
      const res = await run([command], { DATA_DIR: dir });
      expect(res.code).toBe(1);
      expect(res.stderr).toContain('找不到数据库');
      expect(res.stdout).not.toContain('已校验');
      expect(fs.existsSync(dir)).toBe(false);
    }
    expect(fs.existsSync(path.join(root, 'backups'))).toBe(false);
  }, 60_000);
});
