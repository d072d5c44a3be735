import { sql } from 'drizzle-orm';
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

describe.each(engines)('党员信息采集表 printed on one page on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let manager: Client;
  let clerk: Client;
  let body: ReturnType<typeof memberBody>;
  let memberId = '';

  const reveals = async () =>
    (
      await env.ctx.database.rows<{ n: number }>(
        sql`select count(*)::int as n from audit_events where action = 'member.reveal' and entity_id = ${memberId}`,
      )
    )[0]!.n;

  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
    manager = await userClient(env, tree.branchA.id, 'manager');
    clerk = await userClient(env, tree.branchA.id, 'clerk');
    body = memberBody(tree.branchA.id, {
      phone: '13912345678',
      address: '长沙市岳麓区麓山南路1号',
      occupation: '专业技术人员',
      jobPost: '工程师',
      ethnicity: '汉族',
    });
    memberId = (await env.admin.post('/api/members', body)).body.id;
  });
  afterAll(() => env.close());

  it('a caller with member.reveal gets the 16 items in full on one page, and the reveal is audited', async () => {
    const res = await manager.get(`/api/members/${memberId}/form.pdf`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toBe('application/pdf');
    expect(res.raw.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfPageCount(res.raw)).toBe(1);
    expect(res.raw.toString('latin1')).toMatch(/NotoSans|CJK|WenQuanYi/);
    expect(await reveals()).toBe(1);
    const text = pdfText(res.raw);
    if (text !== null) {
      const flat = text.replace(/\s+/g, '');
      expect(flat).toContain('党员信息采集表');
      expect(flat).toContain(body.idNumber);
      expect(flat).toContain('13912345678');
      expect(flat).toContain(body.name);
      // DOMAIN.md member_form: the 16 items, numbered as on the paper form.
      for (const item of ['15.是否为失联党员', '失去联系日期', '16.是否为流动党员', '外出流向']) {
        expect(flat).toContain(item);
      }
    }
  });

  it('a clerk gets the masks and no reveal is logged; another branch gets 404', async () => {
    const res = await clerk.get(`/api/members/${memberId}/form.pdf`);
    expect(res.status).toBe(200);
    expect(pdfPageCount(res.raw)).toBe(1);
    expect(await reveals()).toBe(1);
    const text = pdfText(res.raw);
    if (text !== null) {
      const flat = text.replace(/\s+/g, '');
      expect(flat).not.toContain(body.idNumber);
      expect(flat).toContain('139****5678');
      expect(flat).toContain('已部分隐去');
    }
    const other = await userClient(env, tree.branchB.id, 'manager');
    expect((await other.get(`/api/members/${memberId}/form.pdf`)).status).toBe(404);
  });
});
