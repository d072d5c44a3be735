import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, memberBody, startEnv, type TestEnv, userClient } from '../../test/harness.js';

const cellsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
};

describe.each(engines)('statistics exported as one workbook on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;

  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env, '430104');
    for (const birthDate of ['2000-05-01', '1990-05-01', '1960-05-01']) {
      expect((await env.admin.post('/api/members', memberBody(tree.branchA.id, { birthDate }))).status).toBe(
        201,
      );
    }
  });
  afterAll(() => env.close());

  it('has one sheet per dashboard table, headed by the organization and the as-of date, with the same counts', async () => {
    const asOf = '2024-06-30';
    const q = `orgId=${tree.committee.id}&asOf=${asOf}`;
    const stats = (await env.admin.get(`/api/stats/members?${q}`)).body;
    const res = await env.admin.get(`/api/stats/members/export?${q}`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '总体',
      '年龄结构',
      '学历结构',
      '所在地分布',
      '流动党员流向',
      '党籍状态',
    ]);
    const summary = cellsOf(workbook.getWorksheet('总体')!);
    expect(summary).toContainEqual(['统计日期', asOf]);
    expect(summary).toContainEqual(['党员总数', 3]);
    expect(String(summary[1]?.[1])).toContain(tree.committee.name);
    const ages = cellsOf(workbook.getWorksheet('年龄结构')!);
    expect(String(ages[0]?.[0])).toContain(asOf);
    // On 2024-06-30 the member born 2000-05-01 is 24: in the "25 岁及以下" band, as the API says.
    expect(ages.slice(2, 7).map((r) => r[1])).toEqual([
      stats.ageBands['<=25'],
      stats.ageBands['26-30'],
      stats.ageBands['31-35'],
      stats.ageBands['36-40'],
      stats.ageBands['>=41'],
    ]);
    expect(ages[2]).toEqual(['25 岁及以下', 1, 33.3]);
    expect(ages.at(-1)).toEqual(['合计', 3, 100]);
  });

  it("refuses another branch's organization (404) and bad dates (400)", async () => {
    const other = await userClient(env, tree.branchB.id, 'manager');
    expect((await other.get(`/api/stats/members/export?orgId=${tree.branchA.id}`)).status).toBe(404);
    expect((await env.admin.get('/api/stats/members/export?asOf=2024-13-40')).status).toBe(400);
  });
});
