import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { makeIdNumber, memberFormColumns } from '@dangjian/core';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';

const json = async (res: Response): Promise<any> => res.json();

const main = new URL('../dist/main.js', import.meta.url).pathname;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-crash-'));
let child: ChildProcess | null = null;

afterAll(() => {
  child?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function spawnServer(port: number, dir = dataDir) {
  return spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DATA_DIR: dir,
      DATABASE_URL: '',
      PORT: String(port),
      ADMIN_PASSWORD: 'Admin12345',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function start(port: number, dir = dataDir) {
  const started = spawnServer(port, dir);
  child = started;
  let exited = false;
  started.once('exit', () => {
    exited = true;
  });
  await waitForHealth(port, () => exited);
}

async function waitForHealth(port: number, exited = () => false) {
  for (let i = 0; i < 600 && !exited(); i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(exited() ? 'server exited instead of starting' : 'server did not start');
}

async function workbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('采集表');
  sheet.addRow(memberFormColumns.map((c) => c.header));
  for (let i = 0; i < rows; i++) {
    const birth = `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 9}`;
    const gender = i % 2 ? 'male' : 'female';
    const cells: Record<string, string> = {
      姓名: `压力${i}`,
      性别: gender === 'male' ? '男' : '女',
      公民身份号码: makeIdNumber(
        ['430104', '430102', '430203', '440305'][i % 4]!,
        birth,
        Math.floor(i / 360) % 500,
        gender,
      ),
      出生日期: birth,
      加入党组织日期: `${Number(birth.slice(0, 4)) + 25}-07-01`,
      转为正式党员日期: `${Number(birth.slice(0, 4)) + 26}-07-01`,
    };
    sheet.addRow(memberFormColumns.map((c) => cells[c.header] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('a server killed in the middle of an import', () => {
  it('leaves none of the import rows and starts clean (ARCHITECTURE.md §4)', async () => {
    const port = await freePort();
    await start(port);
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Admin12345' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const org = await json(
      await fetch(`${base}/api/orgs`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ name: '崩溃测试党委', type: 'committee' }),
      }),
    );
    const form = new FormData();
    form.append('file', new Blob([await workbook(20_000)]), 'big.xlsx');
    const started = await fetch(`${base}/api/members/import?orgId=${org.id}&async=true`, {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
    expect(started.status).toBe(202);
    const { id } = await json(started);
    let phase = '';
    for (let i = 0; i < 600 && phase !== 'writing'; i++) {
      const p = await json(await fetch(`${base}/api/imports/${id}`, { headers: { cookie } }));
      phase = p.phase;
      expect(p.status).toBe('running');
      if (phase !== 'writing') await new Promise((r) => setTimeout(r, 20));
    }
    expect(phase).toBe('writing');
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));

    await start(port);
    const again = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Admin12345' }),
    });
    const cookie2 = again.headers.get('set-cookie')!.split(';')[0]!;
    const list = await json(
      await fetch(`${base}/api/members?orgId=${org.id}`, { headers: { cookie: cookie2 } }),
    );
    expect(list.total).toBe(0);
    const job = await json(await fetch(`${base}/api/imports/${id}`, { headers: { cookie: cookie2 } }));
    expect(job.status).toBe('failed');
    child!.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }, 120_000);
});

describe('a restart right after kill -9 (embedded data dir)', () => {
  it('starts at once although the killed server is not reaped yet, and still refuses a live second one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-restart-'));
    const port = await freePort();
    // The server runs under a parent that never reaps it (`exec sleep`), as under a supervisor that
    // is slow to: after kill -9 its pid stays taken (a zombie), which the lock used to take for alive.
    const parent = spawn('sh', ['-c', `"${process.execPath}" "${main}" & echo $!; exec sleep 120`], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        DATABASE_URL: '',
        PORT: String(port),
        ADMIN_PASSWORD: 'Admin12345',
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const pid = Number(
        await new Promise<string>((resolve) =>
          parent.stdout!.once('data', (b: Buffer) => resolve(b.toString())),
        ),
      );
      await waitForHealth(port);
      process.kill(pid, 'SIGKILL');
      await start(port, dir);
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).ok).toBe(true);

      const second = spawnServer(await freePort(), dir);
      let stderr = '';
      second.stderr!.on('data', (b: Buffer) => {
        stderr += b.toString();
      });
      const code = await new Promise((r) => second.once('exit', r));
      expect(code).toBe(1);
      expect(stderr).toContain('正被另一个进程');
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).ok).toBe(true);
      child!.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    } finally {
      parent.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
