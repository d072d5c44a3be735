import fs from 'node:fs';
import { makeIdNumber, memberFormColumns } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/engine.js';
import { buildTree, type Client, engines, memberBody, startEnv, type TestEnv } from '../../test/harness.js';

/**
 * Issue 17 item 1, "one truth for mobile": the register's 是否为流动党员 / 外出流向 (import, member
 * form) opens the episode `members.mobile` is derived from, so the ledger (外出党员登记簿), 流动统计
 * and the statistics count the same members (RULES.md §2).
 */

const HEADERS = memberFormColumns.map((c) => c.header);
let seq = 0;
function row(mobile: boolean, over: Record<string, unknown> = {}) {
  seq += 1;
  const birthDate = `19${70 + (seq % 25)}-0${1 + (seq % 9)}-1${seq % 9}`;
  const gender = seq % 2 ? 'male' : 'female';
  return {
    姓名: `流动${seq}号`,
    性别: gender === 'male' ? '男' : '女',
    民族: '汉族',
    公民身份号码: makeIdNumber('110101', birthDate, (seq * 13) % 500, gender),
    出生日期: birthDate,
    学历: '大学本科',
    人员类别: '工人',
    加入党组织日期: `${Number(birthDate.slice(0, 4)) + 25}-07-01`,
    转为正式党员日期: `${Number(birthDate.slice(0, 4)) + 26}-07-01`,
    党籍状态: '正常',
    是否为失联党员: '否',
    是否为流动党员: mobile ? '是' : '否',
    外出流向: mobile ? '440305' : null,
    ...over,
  } as Record<string, unknown>;
}

async function xlsx(rows: Record<string, unknown>[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(HEADERS);
  for (const r of rows) sheet.addRow(HEADERS.map((h) => r[h] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The mobile count as every page reads it. */
async function counts(client: Client, orgId: string) {
  const [ledger, todo, stats, destinations, list] = await Promise.all([
    client.get(`/api/mobility/ledger?orgId=${orgId}&pageSize=100`),
    client.get(`/api/mobility/ledger?orgId=${orgId}&needsCompletion=true&pageSize=100`),
    client.get(`/api/stats/mobility?orgId=${orgId}`),
    client.get(`/api/stats/destinations?orgId=${orgId}`),
    client.get(`/api/members?orgId=${orgId}&mobile=true`),
  ]);
  const sum = (items: { n?: number; count?: number }[]) =>
    items.reduce((s, i) => s + (i.n ?? i.count ?? 0), 0);
  return {
    ledger: ledger.body.total as number,
    needsCompletion: todo.body.total as number,
    mobilityStats: sum(stats.body.provinces),
    branches: stats.body.total?.mobile as number,
    destinations: sum(destinations.body.items),
    members: list.body.total as number,
    items: ledger.body.items as Record<string, unknown>[],
  };
}

const same = (n: number) => ({
  ledger: n,
  mobilityStats: n,
  branches: n,
  destinations: n,
  members: n,
});

describe.each(engines)('one truth for "mobile" on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine);
  });
  afterAll(() => env.close());

  const upload = (orgId: string, rows: Record<string, unknown>[]) =>
    xlsx(rows).then((b) => env.admin.upload(`/api/members/import?orgId=${orgId}`, b));

  it('a member imported as mobile is in the ledger (待补全), in 流动统计 and in the statistics, with one count', async () => {
    const { committee } = await buildTree(env);
    const rows = [row(true), row(true), row(false)];
    const res = await upload(committee.id, rows);
    expect(res.body).toMatchObject({ created: 3, errors: [] });
    const c = await counts(env.admin, committee.id);
    expect(c).toMatchObject({ ...same(2), needsCompletion: 2 });
    expect(c.items).toHaveLength(2);
    for (const item of c.items) {
      expect(item).toMatchObject({
        needsCompletion: true,
        leftOn: null,
        expectedMonths: null,
        requiredDocument: null,
        destinationRegion: '440305',
      });
    }
    // The monthly contact and report are owed from the day the register told (RULES.md §2, 篇九).
    const memberId = c.items[0]!.memberId as string;
    const owed = await env.admin.get(`/api/obligations?memberId=${memberId}`);
    expect(owed.body.items.map((o: { kind: string }) => o.kind)).toEqual(
      expect.arrayContaining(['monthly_contact', 'monthly_report']),
    );
    // No document can be chosen before the stay is known.
    const cert = await env.admin.post(`/api/mobility/outflows/${c.items[0]!.id}/certificate`);
    expect(cert.status).toBe(409);
    expect(cert.body.error.code).toBe('EPISODE_INCOMPLETE');
  });

  it('completing the outflow classifies it (RULES.md §2) and takes it off the 待补全 list', async () => {
    const { committee } = await buildTree(env);
    await upload(committee.id, [row(true), row(true)]);
    const [first] = (await counts(env.admin, committee.id)).items;
    const done = await env.admin.patch(`/api/mobility/outflows/${first!.id}`, {
      leftOn: '2026-09-01',
      expectedMonths: 4,
      reason: 'work',
      expectedReturnOn: '2027-01-10',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      needsCompletion: false,
      requiredDocument: 'activity_certificate',
      expectedReturnOn: '2027-01-10',
    });
    expect(await counts(env.admin, committee.id)).toMatchObject({ ...same(2), needsCompletion: 1 });
    const bad = await env.admin.patch(`/api/mobility/outflows/${first!.id}`, {
      expectedReturnOn: '2026-08-01',
    });
    expect(bad.status).toBe(400);
  });

  it('un-marking mobile (form or re-import) closes the episode; marking it on the form opens one', async () => {
    const { committee, branchA } = await buildTree(env);
    const rows = [row(true, { 所在党支部: branchA.name }), row(true, { 所在党支部: branchA.name })];
    await upload(committee.id, rows);
    expect(await counts(env.admin, committee.id)).toMatchObject(same(2));
    await upload(committee.id, [{ ...rows[0]!, 是否为流动党员: '否', 外出流向: null }]);
    expect(await counts(env.admin, committee.id)).toMatchObject(same(1));
    const [left] = (await counts(env.admin, committee.id)).items;
    const off = await env.admin.patch(`/api/members/${left!.memberId}`, { mobile: false });
    expect(off.status).toBe(200);
    expect(off.body.mobile).toBe(false);
    expect(await counts(env.admin, committee.id)).toMatchObject(same(0));
    const returned = await env.admin.get(`/api/mobility/ledger?orgId=${committee.id}&status=returned`);
    expect(returned.body.total).toBe(2);

    const created = await env.admin.post(
      '/api/members',
      memberBody(branchA.id, { mobile: true, destinationRegion: '330106' }),
    );
    expect(created.status).toBe(201);
    const c = await counts(env.admin, committee.id);
    expect(c).toMatchObject({ ...same(1), needsCompletion: 1 });
    expect(c.items[0]).toMatchObject({ memberId: created.body.id, destinationRegion: '330106' });
    const moved = await env.admin.patch(`/api/members/${created.body.id}`, { destinationRegion: '310115' });
    expect(moved.body.destinationRegion).toBe('310115');
    expect((await counts(env.admin, committee.id)).items[0]).toMatchObject({ destinationRegion: '310115' });
  });

  it('a leave of ≤ 3 months makes nobody mobile and is listed apart (RULES.md §2: leave of the branch)', async () => {
    const { committee, branchA } = await buildTree(env);
    const m = (await env.admin.post('/api/members', memberBody(branchA.id))).body;
    const leave = await env.admin.post('/api/mobility/outflows', {
      memberId: m.id,
      leftOn: '2026-11-20',
      expectedMonths: 2,
      destinationRegion: '440305',
    });
    expect(leave.body.requiredDocument).toBe('none');
    expect(await counts(env.admin, committee.id)).toMatchObject(same(0));
    const leaves = await env.admin.get(`/api/mobility/ledger?orgId=${committee.id}&kind=leave`);
    expect(leaves.body.total).toBe(1);
  });

  it('migration 0013 opens an episode for a register mark that has none', async () => {
    const { committee, branchA } = await buildTree(env);
    const m = (await env.admin.post('/api/members', memberBody(branchA.id))).body;
    // A row as the migration finds it: flagged mobile before the flag was derived.
    await env.ctx.database.rows(
      sql`update members set mobile = true, destination_region = '440305' where id = ${m.id}`,
    );
    expect((await counts(env.admin, committee.id)).ledger).toBe(0);
    const text = fs.readFileSync(`${migrationsFolder}/0013_mobility_truth.sql`, 'utf8');
    const insert = text
      .split('--> statement-breakpoint')
      .find((s) => /INSERT INTO "mobility_episodes"/.test(s))!;
    await env.ctx.database.rows(sql.raw(insert));
    await env.ctx.database.rows(sql.raw(insert));
    const c = await counts(env.admin, committee.id);
    expect(c).toMatchObject({ ledger: 1, needsCompletion: 1, mobilityStats: 1, members: 1 });
  });

  it('the outflow form takes an inflow organization and an expected return; the ledger shows them (item 10)', async () => {
    const { committee, branchA, branchB } = await buildTree(env);
    const [a, b] = [
      (await env.admin.post('/api/members', memberBody(branchA.id))).body,
      (await env.admin.post('/api/members', memberBody(branchA.id))).body,
    ];
    const base = { leftOn: '2026-11-01', expectedMonths: 5, reason: 'work', destinationRegion: '440305' };
    const named = await env.admin.post('/api/mobility/outflows', {
      ...base,
      memberId: a.id,
      inflowOrgName: '深圳市南山区某科技公司党支部',
      expectedReturnOn: '2027-04-01',
    });
    expect(named.status).toBe(201);
    expect(named.body).toMatchObject({
      inflowOrgName: '深圳市南山区某科技公司党支部',
      expectedReturnOn: '2027-04-01',
    });
    const internal = await env.admin.post('/api/mobility/outflows', {
      ...base,
      memberId: b.id,
      inflowOrgId: branchB.id,
    });
    expect(internal.body.inflowOrgName).toBe(branchB.name);
    const items = (await counts(env.admin, committee.id)).items;
    expect(items.find((i) => i.memberId === a.id)).toMatchObject({
      inflowOrgName: '深圳市南山区某科技公司党支部',
      expectedReturnOn: '2027-04-01',
    });
    expect(items.find((i) => i.memberId === b.id)).toMatchObject({ inflowOrgName: branchB.name });
    const c = (await env.admin.post('/api/members', memberBody(branchA.id))).body;
    const unknown = await env.admin.post('/api/mobility/outflows', {
      ...base,
      memberId: c.id,
      inflowOrgId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    const early = await env.admin.post('/api/mobility/outflows', {
      ...base,
      memberId: c.id,
      expectedReturnOn: '2026-10-01',
    });
    expect(early.status).toBe(400);
    const ledger = await env.admin.get(`/api/mobility/ledger?orgId=${committee.id}`);
    expect(ledger.body.items.some((i: { memberId: string }) => i.memberId === c.id)).toBe(false);
  });

  it.each([
    ['accompany', 4, {}, 'activity_certificate'],
    ['family', 4, {}, 'membership_certificate_letter'],
    [
      'work',
      8,
      { fixedPlace: true, hostHasPartyOrg: true, relationshipCanMove: false },
      'activity_certificate',
    ],
    ['work', 8, { fixedPlace: true, hostHasPartyOrg: true }, 'transfer_letter'],
  ] as const)(
    'RULES.md §2 (篇三 L396): %s for %i months %j ⇒ %s',
    async (reason, expectedMonths, over, doc) => {
      const { branchA } = await buildTree(env);
      const m = (await env.admin.post('/api/members', memberBody(branchA.id))).body;
      const res = await env.admin.post('/api/mobility/outflows', {
        memberId: m.id,
        leftOn: '2026-11-01',
        expectedMonths,
        reason,
        destinationRegion: '440305',
        ...over,
      });
      expect(res.status).toBe(201);
      expect(res.body.requiredDocument).toBe(doc);
    },
  );

  it.each(['email', 'class_cadre'])('RULES.md §2 (篇七): a contact by %s is recorded', async (channel) => {
    const { branchA } = await buildTree(env);
    const m = (await env.admin.post('/api/members', memberBody(branchA.id))).body;
    const res = await env.admin.post(`/api/members/${m.id}/contacts`, { channel, reached: true });
    expect(res.status).toBe(201);
    expect(res.body.channel).toBe(channel);
  });
});
