import fs from 'node:fs';
import path from 'node:path';
import { checkIdNumber, makeIdNumber, memberFormColumns, memberToFormRow } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/engine.js';
import { recordAudit } from '../../lib/audit.js';
import {
  buildTree,
  type Client,
  engines,
  memberBody,
  startEnv,
  type TestEnv,
  userClient,
} from '../../test/harness.js';
import { backfillIdSuffixHashes } from './backfill.js';

/** Every string anywhere in a JSON value. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

const fits = (candidate: string, mask: string) => [...mask].every((c, i) => c === '*' || c === candidate[i]);

/**
 * API.md, the member resource: "A mask never lets what else the caller can read (the birth date, the
 * organization's region, any other field) complete the number." Issue 8 defect 1: the old mask (6 + 4)
 * with the listed birth date rebuilt the whole number for an auditor who may not reveal it.
 */
describe.each(engines)('personal data a caller without the reveal right can read, on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let auditor: Client;
  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env, '430104');
    auditor = await userClient(env, tree.committee.id, 'auditor');
  });
  afterAll(() => env.close());

  it('everything an auditor reads leaves ≥ 100 ID numbers and ≥ 1000 phones, the real ones among them', async () => {
    const body = memberBody(tree.branchA.id, {
      birthDate: '1990-03-07',
      gender: 'male',
      phone: '13912345678',
      address: '湖南省长沙市岳麓区麓山路1号',
    });
    const m = (await env.admin.post('/api/members', body)).body;
    // A change and an ID correction put masks into the history as well.
    const edited = await env.admin.patch(`/api/members/${m.id}`, { jobPost: '村委委员', version: m.version });
    expect(edited.status).toBe(200);
    const corrected = makeIdNumber('430104', '1990-03-07', 321, 'male');
    expect(
      (await env.admin.patch(`/api/members/${m.id}`, { idNumber: corrected, version: m.version + 1 })).status,
    ).toBe(200);

    const reads = await Promise.all([
      auditor.get(`/api/members?orgId=${tree.committee.id}&q=${encodeURIComponent(m.name)}`),
      auditor.get(`/api/members/${m.id}`),
      auditor.get(`/api/members/${m.id}/history`),
      auditor.get(`/api/members/${m.id}/relatives`),
      auditor.get(`/api/stats/members?orgId=${tree.committee.id}`),
      auditor.get(`/api/audit?entityId=${m.id}`),
      auditor.get(`/api/orgs/${tree.branchA.id}`),
      auditor.get(`/api/orgs/${tree.committee.id}`),
    ]);
    for (const r of reads) expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(reads[0]!.body.items.map((x: { id: string }) => x.id)).toEqual([m.id]);
    expect(reads[2]!.body.items.length).toBeGreaterThanOrEqual(3);
    const refused = await Promise.all([
      auditor.get(`/api/members/${m.id}?reveal=idNumber`),
      auditor.get(`/api/members/${m.id}?reveal=phone`),
      auditor.get(`/api/members/export?orgId=${tree.committee.id}`),
      auditor.get(`/api/members?orgId=${tree.committee.id}&q=${corrected.slice(-4)}`),
    ]);
    const seen = strings([...reads, ...refused].map((r) => r.body));

    for (const real of [body.idNumber, corrected]) {
      expect(seen.filter((s) => s.includes(real))).toEqual([]);
      // Generous to the attacker: every mask that belongs to this number (the history holds two).
      const masks = seen.filter((s) => /^[\dX*]{18}$/.test(s) && s.includes('*') && fits(real, s));
      expect(masks.length).toBeGreaterThan(0);
      // The caller is granted the birth date, the gender (parity of digit 17) and the full region code.
      const candidates = Array.from({ length: 500 }, (_, s) =>
        makeIdNumber('430104', '1990-03-07', s, 'male'),
      );
      const consistent = candidates.filter(
        (c) => checkIdNumber(c).ok && masks.every((mask) => fits(c, mask)),
      );
      expect(consistent).toContain(real);
      expect(consistent.length).toBeGreaterThanOrEqual(100);
    }

    expect(seen.filter((s) => s.includes('13912345678') || s.includes('12345678'))).toEqual([]);
    const phoneMasks = seen.filter((s) => /^1[\d*]{10}$/.test(s) && s.includes('*'));
    expect(phoneMasks).toContain('139****5678');
    let phones = 0;
    for (let middle = 0; middle < 10_000; middle++) {
      const c = `139${String(middle).padStart(4, '0')}5678`;
      if (phoneMasks.every((mask) => fits(c, mask))) phones += 1;
    }
    expect(phones).toBeGreaterThanOrEqual(1000);
    expect(seen.some((s) => s.includes('麓山路1号'))).toBe(false);
    // Reveal, export and the suffix oracle are refused outright.
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
  });

  it('searches by the last 4 ID characters only for callers who may reveal the number', async () => {
    const body = memberBody(tree.branchB.id);
    const m = (await env.admin.post('/api/members', body)).body;
    const suffix = body.idNumber.slice(-4);
    const url = `/api/members?orgId=${tree.committee.id}&q=${suffix}`;
    const clerk = await userClient(env, tree.committee.id, 'clerk');
    for (const c of [auditor, clerk]) {
      const res = await c.get(url);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/后四位/);
    }
    const manager = await userClient(env, tree.committee.id, 'manager');
    const found = await manager.get(url);
    expect(found.status).toBe(200);
    expect(found.body.items.map((x: { id: string }) => x.id)).toContain(m.id);
    // The whole number is searchable by anyone who may read the list: they already know it.
    const whole = await auditor.get(`/api/members?orgId=${tree.committee.id}&q=${body.idNumber}`);
    expect(whole.body.items.map((x: { id: string }) => x.id)).toEqual([m.id]);
  });

  it('members written by an import are found by their ID suffix too', async () => {
    const body = memberBody(tree.branchA.id);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('党员信息采集表');
    const row = memberToFormRow(
      {
        ...(body as never as Parameters<typeof memberToFormRow>[0]),
        ethnicity: '汉族',
        occupation: null,
        branch: null,
        branchName: null,
        jobPost: null,
        address: null,
        standing: 'normal',
        lostContact: false,
        lostContactSince: null,
        mobile: false,
        destinationRegion: null,
      },
      env.ctx.regions,
    );
    const headers = memberFormColumns.map((c) => c.header);
    sheet.addRow(headers);
    sheet.addRow(headers.map((h) => row[h] ?? null));
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = await env.admin.upload(`/api/members/import?orgId=${tree.branchA.id}`, file);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.created).toBe(1);
    const manager = await userClient(env, tree.committee.id, 'manager');
    const found = await manager.get(`/api/members?orgId=${tree.committee.id}&q=${body.idNumber.slice(-4)}`);
    expect(found.body.items.map((x: { name: string }) => x.name)).toContain(body.name);
  });

  it('export of full numbers is audited as a reveal', async () => {
    const manager = await userClient(env, tree.committee.id, 'manager');
    const before = (await env.admin.get(`/api/audit?action=member.reveal&entityId=${tree.committee.id}`)).body
      .total as number;
    const res = await manager.get(`/api/members/export?orgId=${tree.committee.id}`);
    expect(res.status).toBe(200);
    const audit = await env.admin.get(`/api/audit?action=member.reveal&entityId=${tree.committee.id}`);
    expect(audit.body.total).toBe(before + 1);
    expect(audit.body.items[0].after).toMatchObject({
      fields: ['idNumber', 'phone', 'address'],
      via: 'member.export',
    });
  });

  it('migration 0012 re-masks old rows; the start-up backfill fills suffix hashes once', async () => {
    const body = memberBody(tree.branchA.id);
    const m = (await env.admin.post('/api/members', body)).body;
    const oldMask = `${body.idNumber.slice(0, 6)}********${body.idNumber.slice(-4)}`;
    await env.ctx.database.rows(
      sql`update members set id_number_masked = ${oldMask}, id_suffix_hash = null where id = ${m.id}`,
    );
    const migration = fs.readFileSync(path.join(migrationsFolder, '0012_member_masks.sql'), 'utf8');
    const rewrite = migration
      .split('--> statement-breakpoint')
      .map((s) => s.replace(/^--.*$/gm, '').trim())
      .find((s) => s.startsWith('UPDATE'))!;
    await env.ctx.database.rows(sql.raw(rewrite));
    expect((await env.admin.get(`/api/members/${m.id}`)).body.idNumber).toBe(
      `${body.idNumber.slice(0, 4)}${'*'.repeat(14)}`,
    );
    const url = `/api/members?orgId=${tree.committee.id}&q=${body.idNumber.slice(-4)}`;
    expect((await env.admin.get(url)).body.items.map((x: { id: string }) => x.id)).not.toContain(m.id);
    expect(await backfillIdSuffixHashes(env.ctx)).toBe(1);
    expect(await backfillIdSuffixHashes(env.ctx)).toBe(0);
    expect((await env.admin.get(url)).body.items.map((x: { id: string }) => x.id)).toContain(m.id);
  });

  it('audit events written with the old mask are shown re-masked, without hashes', async () => {
    const body = memberBody(tree.branchA.id);
    const m = (await env.admin.post('/api/members', body)).body;
    const oldMask = `${body.idNumber.slice(0, 6)}********${body.idNumber.slice(-4)}`;
    const [org] = await env.ctx.database.rows<{ path: string }>(
      sql`select path::text as path from orgs where id = ${tree.branchA.id}`,
    );
    await env.ctx.database.db.transaction((tx) =>
      recordAudit(tx, { userId: null, username: 'legacy' } as never, {
        action: 'member.update',
        entity: 'member',
        entityId: m.id,
        orgId: tree.branchA.id,
        orgPath: org!.path,
        before: { idNumberMasked: oldMask, idNumberHash: 'h' },
        after: { idNumber: oldMask, nested: [{ idNumberMasked: oldMask }] },
      }),
    );
    const masked = `${body.idNumber.slice(0, 4)}${'*'.repeat(14)}`;
    for (const url of [`/api/members/${m.id}/history`, `/api/audit?entityId=${m.id}`]) {
      const res = await auditor.get(url);
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(oldMask);
      expect(text).not.toContain('idNumberHash');
      const legacy = res.body.items.find((e: { actorName: string }) => e.actorName === 'legacy');
      expect(legacy.before).toEqual({ idNumberMasked: masked });
      expect(legacy.after).toEqual({ idNumber: masked, nested: [{ idNumberMasked: masked }] });
    }
  });
});
