import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTree,
  type Client,
  engines,
  memberBody,
  startEnv,
  type TestEnv,
  userClient,
} from '../../test/harness.js';
import { pdfPageCount, pdfText } from '../../test/pdf.js';

const today = () => new Date().toISOString().slice(0, 10);

async function readSheet(raw: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(raw as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return { name: sheet.name, rows };
}

describe.each(engines)('外出党员登记簿 print and export, certificate pages on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let manager: Client;
  let clerk: Client;
  let otherBranch: Client;
  const names: Record<'certified' | 'pending' | 'transfer' | 'elsewhere', string> = {
    certified: '',
    pending: '',
    transfer: '',
    elsewhere: '',
  };
  let certifiedEpisode = '';
  let certificateNumber = '';

  const away = async (orgId: string, over: Record<string, unknown>, gender: 'male' | 'female' = 'male') => {
    const m = (await env.admin.post('/api/members', memberBody(orgId, { gender }))).body;
    const ep = await env.admin.post('/api/mobility/outflows', {
      memberId: m.id,
      leftOn: today(),
      expectedMonths: 4,
      reason: 'work',
      destinationRegion: '440305',
      fixedPlace: false,
      hostHasPartyOrg: false,
      contact: '13800001234',
      ...over,
    });
    expect(ep.status).toBe(201);
    return { member: m, episode: ep.body };
  };

  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
    manager = await userClient(env, tree.branchA.id, 'manager');
    clerk = await userClient(env, tree.branchA.id, 'clerk');
    otherBranch = await userClient(env, tree.branchB.id, 'manager');
    const certified = await away(tree.branchA.id, {}, 'female');
    names.certified = certified.member.name;
    certifiedEpisode = certified.episode.id;
    const cert = await env.admin.post(`/api/mobility/outflows/${certifiedEpisode}/certificate`);
    expect(cert.status).toBe(201);
    certificateNumber = cert.body.number;
    names.pending = (await away(tree.branchA.id, { reason: 'business' })).member.name;
    names.transfer = (await away(tree.branchA.id, { expectedMonths: 12, fixedPlace: true })).member.name;
    names.elsewhere = (await away(tree.branchB.id, {})).member.name;
  });
  afterAll(() => env.close());

  it('the print view lists the paper columns with the real certificate state, masked for a clerk', async () => {
    const res = await clerk.get(`/api/mobility/ledger/print?orgId=${tree.branchA.id}`);
    expect(res.status).toBe(200);
    const byName = new Map(res.body.items.map((i: { memberName: string }) => [i.memberName, i]));
    expect([...byName.keys()].sort()).toEqual([names.certified, names.pending, names.transfer].sort());
    expect(byName.get(names.certified)).toMatchObject({
      gender: '女',
      leftOn: today(),
      destination: expect.stringContaining('深圳'),
      reason: '务工',
      contact: '138****1234',
      document: `活动证 ${certificateNumber}`,
    });
    // 证明 says what is in hand (issue 17 item 10): not 活动证 before one is issued.
    expect(byName.get(names.pending)).toMatchObject({ document: '未开具', reason: '经商' });
    expect(byName.get(names.transfer)).toMatchObject({ document: '需转组织关系' });
    expect(res.body.revealed).toBe(false);
    const search = await clerk.get(
      `/api/mobility/ledger/print?orgId=${tree.branchA.id}&q=${encodeURIComponent(names.pending)}`,
    );
    expect(search.body.items.map((i: { memberName: string }) => i.memberName)).toEqual([names.pending]);
    const byReason = await clerk.get(`/api/mobility/ledger/print?orgId=${tree.branchA.id}&reason=business`);
    expect(byReason.body.items).toHaveLength(1);
  });

  it('the ledger list says which document is in hand, not which one the rules ask for', async () => {
    const res = await clerk.get(`/api/mobility/ledger?orgId=${tree.branchA.id}`);
    expect(res.status).toBe(200);
    const doc = (name: string) =>
      res.body.items.find((i: { memberName: string }) => i.memberName === name)?.document;
    expect(doc(names.certified)).toBe(`活动证 ${certificateNumber}`);
    expect(doc(names.pending)).toBe('未开具');
    expect(doc(names.transfer)).toBe('需转组织关系');
  });

  it('exports a real .xlsx of the subtree, contacts in full for a caller who may reveal, audited', async () => {
    const before = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'mobility.ledger_export'`,
    );
    const res = await manager.get(`/api/mobility/ledger/export?orgId=${tree.branchA.id}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const { name, rows } = await readSheet(res.raw);
    expect(name).toBe('外出党员登记簿');
    expect(rows[2]).toEqual([
      '姓名',
      '性别',
      '所在党组织',
      '外出时间',
      '外出地点（流向）',
      '流入党组织',
      '外出原因',
      '联系方式',
      '活动证（证明信）编号',
      '预计返回',
    ]);
    const data = rows.slice(3);
    expect(data.map((r) => r[0]).sort()).toEqual([names.certified, names.pending, names.transfer].sort());
    const certified = data.find((r) => r[0] === names.certified)!;
    expect(certified[7]).toBe('13800001234');
    expect(certified[8]).toBe(`活动证 ${certificateNumber}`);
    expect(certified[9]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [audit] = await env.ctx.database.rows<{ after: { revealed: boolean; count: number } }>(
      sql`select after from audit_events where action = 'mobility.ledger_export' order by id desc limit 1`,
    );
    expect(audit!.after).toMatchObject({ revealed: true, count: 3 });
    const after = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'mobility.ledger_export'`,
    );
    expect(after[0]!.n).toBe(before[0]!.n + 1);

    const masked = await readSheet(
      (await clerk.get(`/api/mobility/ledger/export?orgId=${tree.branchA.id}`)).raw,
    );
    expect(masked.rows.slice(3).every((r) => r[7] === '138****1234')).toBe(true);
  });

  it("another branch's staff cannot export this branch (404)", async () => {
    expect((await otherBranch.get(`/api/mobility/ledger/export?orgId=${tree.branchA.id}`)).status).toBe(404);
    const own = await readSheet((await otherBranch.get('/api/mobility/ledger/export')).raw);
    expect(own.rows.slice(3).map((r) => r[0])).toEqual([names.elsewhere]);
  });

  it('the certificate has the holder, a photo place, seal and signature, and the host record page', async () => {
    const pdf = await manager.get(`/api/mobility/outflows/${certifiedEpisode}/certificate.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(pdf.raw)).toBe(2);
    const text = pdfText(pdf.raw);
    if (text !== null) {
      const flat = text.replace(/\s+/g, '');
      for (const words of [
        '性别：女',
        '入党日期',
        '党员类别：正式党员',
        '照片',
        '发证党组织（盖章）',
        '负责人签字',
        '流入地党组织记录',
        '参加组织生活',
        '交纳党费',
        '评议情况',
        certificateNumber,
      ]) {
        expect(flat).toContain(words);
      }
    }
  });
});
