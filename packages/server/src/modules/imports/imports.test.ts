import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { makeIdNumber, memberFormColumns } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../boot.js';
import {
  anonymous,
  buildTree,
  type Client,
  engines,
  memberBody,
  startEnv,
  type TestEnv,
  userClient,
} from '../../test/harness.js';

/**
 * API.md "POST /api/members/import" and "GET /api/members/export": the 党员信息采集表 (DOMAIN.md
 * `member_form`) as real .xlsx files built here with exceljs.
 */

const HEADERS: string[] = memberFormColumns.map((c) => c.header);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

type Row = Record<string, unknown>;

let seq = 0;
/** One valid row of the form, keyed by the printed headers; IDs use region 110101 (harness uses 430104). */
function person(over: Row = {}): Row {
  seq += 1;
  // Distinct birth dates (so distinct ID numbers) in 1950–1999 for the first 18,250 people.
  const birthDate = iso(Date.UTC(1950, 0, 1) + ((seq * 41) % 18_250) * DAY);
  const year = Number(birthDate.slice(0, 4));
  const gender = seq % 2 ? 'male' : 'female';
  return {
    姓名: `导入${seq}号`,
    性别: gender === 'male' ? '男' : '女',
    民族: '汉族',
    公民身份号码: makeIdNumber('110101', birthDate, seq % 500, gender),
    出生日期: birthDate,
    学历: '大学本科',
    人员类别: '专业技术人员',
    所在党支部: null,
    加入党组织日期: `${year + 25}-07-01`,
    转为正式党员日期: `${year + 26}-07-01`,
    工作岗位: '技术员',
    联系电话: `139${String(10_000_000 + seq).slice(-8)}`,
    家庭住址: `长沙市岳麓区麓山南路${seq}号`,
    党籍状态: '正常',
    是否为失联党员: '否',
    失去联系日期: null,
    是否为流动党员: '否',
    外出流向: null,
    ...over,
  };
}

/** A workbook whose first sheet has `headers` (printed as `rename` says) and one row per `rows`. */
async function xlsx(rows: Row[], opts: { headers?: string[]; rename?: Record<string, string> } = {}) {
  const headers = opts.headers ?? HEADERS;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  sheet.addRow(headers.map((h) => opts.rename?.[h] ?? h));
  for (const r of rows) {
    const row = sheet.addRow(headers.map((h) => (r[h] === '' ? null : (r[h] ?? null))));
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A zip written by hand: stored or deflated entries, with sizes the central directory may overstate. */
function zip(entries: { name: string; data: Buffer; deflate?: boolean; claim?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = e.deflate ? zlib.deflateRawSync(e.data, { level: 9 }) : e.data;
    const crc = zlib.crc32(e.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(e.deflate ? 8 : 0, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.claim ?? e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(e.deflate ? 8 : 0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.claim ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const escapeXml = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** A worksheet with inline strings, as other spreadsheet programs write them. */
function sheetXml(rows: string[][], padding = '') {
  const col = (i: number) => String.fromCharCode(65 + (i % 26)).padStart(i < 26 ? 1 : 2, 'A');
  const body = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells
          .map((v, c) => `<c r="${col(c)}${r + 1}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`)
          .join('')}</row>`,
    )
    .join('');
  return `${xmlHead}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${padding}${body}</sheetData></worksheet>`;
}
/**
 * A minimal workbook written by hand: no styles, no shared strings; `sheets` in workbook order.
 * `stored` keeps the parts uncompressed, so its bytes hold the cells' text as typed.
 */
function handmadeXlsx(sheets: { file: string; xml: string; claim?: number }[], stored = false) {
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const workbook = `${xmlHead}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets>${sheets
    .map((_s, i) => `<sheet name="表${i + 1}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const rels = `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map((s, i) => `<Relationship Id="rId${i + 1}" Type="${rel}/worksheet" Target="worksheets/${s.file}"/>`)
    .join('')}</Relationships>`;
  const text = (name: string, xml: string) => ({ name, data: Buffer.from(xml), deflate: !stored });
  // Sheets stored in reverse of their workbook order: the first sheet is not the first in the zip.
  return zip([
    text(
      '[Content_Types].xml',
      `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    ),
    ...[...sheets].reverse().map((s) => ({ ...text(`xl/worksheets/${s.file}`, s.xml), claim: s.claim })),
    text('xl/_rels/workbook.xml.rels', rels),
    text('xl/workbook.xml', workbook),
  ]);
}

async function readSheet(buf: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { workbook, sheet, rows };
}

describe.each(engines)('采集表 import and export on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine);
  });
  afterAll(() => env.close());

  const importUrl = (orgId: string, async = false) =>
    `/api/members/import?orgId=${orgId}${async ? '&async=true' : ''}`;

  async function count(orgId: string) {
    const res = await env.admin.get(`/api/members?orgId=${orgId}&pageSize=1`);
    expect(res.status).toBe(200);
    return res.body.total as number;
  }
  async function totalMembers() {
    return (await env.admin.get('/api/members?pageSize=1')).body.total as number;
  }
  /** The member with this full ID number, personal fields revealed (admin). */
  async function byId(idNumber: string) {
    const list = await env.admin.get(`/api/members?q=${idNumber}`);
    expect(list.body.total).toBe(1);
    const res = await env.admin.get(`/api/members/${list.body.items[0].id}?reveal=idNumber,phone,address`);
    expect(res.status).toBe(200);
    return res.body;
  }

  it('imports a clean file: 200 {created, updated, errors: []} with every column stored', async () => {
    const { committee, branchA } = await buildTree(env);
    const manager = await userClient(env, committee.id, 'manager');
    const rows = [person(), person(), person({ 所在党支部: branchA.name }), person(), person()];
    const res = await manager.upload(importUrl(committee.id), await xlsx(rows));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 5, updated: 0, errors: [] });
    expect(await count(committee.id)).toBe(5);
    expect(await count(branchA.id)).toBe(1);
    const first = rows[0]!;
    const m = await byId(first.公民身份号码 as string);
    expect(m).toMatchObject({
      orgId: committee.id,
      name: first.姓名,
      gender: first.性别 === '男' ? 'male' : 'female',
      ethnicity: '汉族',
      idNumber: first.公民身份号码,
      birthDate: first.出生日期,
      education: 'bachelor',
      occupation: '专业技术人员',
      jobPost: '技术员',
      phone: first.联系电话,
      address: first.家庭住址,
      kind: 'full',
      joinedOn: first.加入党组织日期,
      fullOn: first.转为正式党员日期,
      standing: 'normal',
      lostContact: false,
      lostContactSince: null,
      mobile: false,
      destinationRegion: null,
    });
    expect((await byId(rows[2]!.公民身份号码 as string)).orgId).toBe(branchA.id);
  });

  it('keeps every Chinese character of a large file intact (parts span many stream chunks)', async () => {
    const { committee } = await buildTree(env);
    const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
    const rows = Array.from({ length: 1200 }, (_, i) =>
      person({
        姓名: `${surnames[i % surnames.length]}${'一二三四五六七八九十'[i % 10]}${'春夏秋冬'[i % 4]}${i}`,
        家庭住址: `湖南省长沙市岳麓区麓山南路${i}号院`,
      }),
    );
    const res = await env.admin.upload(importUrl(committee.id), await xlsx(rows));
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.created).toBe(rows.length);
    const names: string[] = [];
    for (let page = 1; names.length < rows.length; page++) {
      const list = await env.admin.get(`/api/members?orgId=${committee.id}&pageSize=200&page=${page}`);
      if (list.body.items.length === 0) break;
      names.push(...list.body.items.map((m: { name: string }) => m.name));
    }
    expect(names.filter((n) => n.includes('\uFFFD'))).toEqual([]);
    expect(names.sort()).toEqual(rows.map((r) => r.姓名 as string).sort());
  });

  it('reads the first sheet of a workbook written by another program (inline strings, no styles)', async () => {
    const { committee } = await buildTree(env);
    const rows = [person(), person()];
    const table = [HEADERS, ...rows.map((r) => HEADERS.map((h) => (r[h] == null ? '' : String(r[h]))))];
    const file = handmadeXlsx([
      { file: 'sheet2.xml', xml: sheetXml(table) },
      { file: 'sheet1.xml', xml: sheetXml([['说明'], ['本表仅供参考']]) },
    ]);
    const res = await env.admin.upload(importUrl(committee.id), file);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, errors: [] });
    expect(await byId(rows[1]!.公民身份号码 as string)).toMatchObject({
      name: rows[1]!.姓名,
      address: rows[1]!.家庭住址,
    });
  });

  it('reads headers in any order and under their common variants', async () => {
    const { committee, branchB } = await buildTree(env);
    const shuffled = [...HEADERS].reverse();
    const rename = {
      公民身份号码: '身份证号',
      加入党组织日期: '入党时间',
      联系电话: '手机号码',
      出生日期: '出生年月日',
      所在党支部: '所在支部',
      学历: '文化程度',
      转为正式党员日期: '转正时间',
      是否为流动党员: '是否流动党员',
      外出流向: '流向',
      姓名: '姓名*',
      是否为失联党员: '是否为失联党员（必填）',
    };
    const rows = [
      person({ 所在党支部: branchB.name, 学历: '硕士' }),
      person({ 是否为流动党员: '是', 外出流向: '湖南省长沙市岳麓区' }),
    ];
    const res = await env.admin.upload(
      importUrl(committee.id),
      await xlsx(rows, { headers: shuffled, rename }),
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, errors: [] });
    const a = await byId(rows[0]!.公民身份号码 as string);
    expect(a).toMatchObject({
      orgId: branchB.id,
      education: 'master',
      joinedOn: rows[0]!.加入党组织日期,
      fullOn: rows[0]!.转为正式党员日期,
      phone: rows[0]!.联系电话,
    });
    expect(await byId(rows[1]!.公民身份号码 as string)).toMatchObject({
      mobile: true,
      destinationRegion: '430104',
    });
  });

  it('accepts the date spellings of API.md and real Excel date cells', async () => {
    const { committee } = await buildTree(env);
    const id = (birth: string, n: number, g: 'male' | 'female' = 'male') =>
      makeIdNumber('110102', birth, n, g);
    const serial = (date: string) => (Date.parse(`${date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / DAY;
    const cases: [Row, Record<string, unknown>][] = [
      [
        {
          公民身份号码: id('1990-03-07', 11),
          出生日期: '1990/3/7',
          加入党组织日期: '2021/7/1',
          转为正式党员日期: '2022/7/1',
        },
        { birthDate: '1990-03-07', joinedOn: '2021-07-01', fullOn: '2022-07-01' },
      ],
      [
        {
          公民身份号码: id('1990-04-08', 12),
          出生日期: '1990.04',
          加入党组织日期: '2021.07',
          转为正式党员日期: '2022.07',
        },
        { birthDate: '1990-04-08', joinedOn: '2021-07-01', fullOn: '2022-07-01' },
      ],
      [
        {
          公民身份号码: id('1990-05-09', 13),
          出生日期: '199005',
          加入党组织日期: '202107',
          转为正式党员日期: 202207,
        },
        { birthDate: '1990-05-09', joinedOn: '2021-07-01', fullOn: '2022-07-01' },
      ],
      [
        {
          公民身份号码: id('1990-06-10', 14),
          出生日期: utc('1990-06-10'),
          加入党组织日期: utc('2021-07-01'),
          转为正式党员日期: utc('2022-06-30'),
        },
        { birthDate: '1990-06-10', joinedOn: '2021-07-01', fullOn: '2022-06-30' },
      ],
      [
        // An Excel serial typed into a general-format cell.
        {
          公民身份号码: id('1990-07-11', 15),
          出生日期: '1990-07-11',
          加入党组织日期: serial('2021-07-01'),
          转为正式党员日期: null,
        },
        { birthDate: '1990-07-11', joinedOn: '2021-07-01', fullOn: null, kind: 'probationary' },
      ],
      [
        {
          公民身份号码: id('1990-08-12', 16),
          出生日期: '1990年8月12日',
          加入党组织日期: '2021-07-01',
          转为正式党员日期: '2022-07-01',
          是否为失联党员: '是',
          失去联系日期: '2023.05',
        },
        { birthDate: '1990-08-12', lostContact: true, lostContactSince: '2023-05' },
      ],
    ];
    const rows = cases.map(([over]) => person({ 性别: '男', ...over }));
    const res = await env.admin.upload(importUrl(committee.id), await xlsx(rows));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.created).toBe(cases.length);
    for (const [i, [over, expected]] of cases.entries()) {
      expect(await byId(over.公民身份号码 as string), `case ${i}`).toMatchObject(expected);
    }
  });

  it('reads 外出流向 as names run together, separated, or a 6-digit code', async () => {
    const { committee } = await buildTree(env);
    const cases: [Row, string][] = [
      [{ 外出流向: '湖南省长沙市岳麓区' }, '430104'],
      [{ 外出流向: '湖南/长沙/岳麓区' }, '430104'],
      [{ 外出流向: '430104' }, '430104'],
      [{ 外出流向: '广东省 深圳市 南山区' }, '440305'],
      [{ 外出流向: '湖南-长沙-芙蓉区' }, '430102'],
      [{ 外出流向: '湖南省株洲市' }, '430200'],
      [{ 是否为流动党员: '是（广东省深圳市南山区）', 外出流向: null }, '440305'],
    ];
    const rows = cases.map(([over]) => person({ 是否为流动党员: '是', ...over }));
    const res = await env.admin.upload(importUrl(committee.id), await xlsx(rows));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    for (const [i, row] of rows.entries()) {
      expect(await byId(row.公民身份号码 as string), `case ${i}`).toMatchObject({
        mobile: true,
        destinationRegion: cases[i]![1],
      });
    }
  });

  it('所在党支部 names a branch in the subtree; empty or the root itself means orgId', async () => {
    const { committee, branchA, branchB } = await buildTree(env);
    const rows = [
      person({ 所在党支部: branchA.name }),
      person({ 所在党支部: ` ${branchB.name} ` }),
      person({ 所在党支部: null }),
      person({ 所在党支部: committee.name }),
    ];
    const res = await env.admin.upload(importUrl(committee.id), await xlsx(rows));
    expect(res.status).toBe(200);
    const orgs = await Promise.all(rows.map(async (r) => (await byId(r.公民身份号码 as string)).orgId));
    expect(orgs).toEqual([branchA.id, branchB.id, committee.id, committee.id]);
    // Importing into branch A: the member lands in branch A itself.
    const intoBranch = person();
    expect((await env.admin.upload(importUrl(branchA.id), await xlsx([intoBranch]))).status).toBe(200);
    expect((await byId(intoBranch.公民身份号码 as string)).orgId).toBe(branchA.id);
  });

  describe('a file with one bad cell is rejected whole: 422 IMPORT_INVALID and nothing written', () => {
    const badChecksum = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const cases: [string, (p: Row, ctx: { other: string; first: Row }) => Row, string][] = [
      ['a bad ID checksum', (p) => ({ 公民身份号码: badChecksum(p.公民身份号码 as string) }), '公民身份号码'],
      [
        'a birth date not agreeing with the ID',
        (p) => ({ 出生日期: iso(Date.parse(`${p.出生日期}T00:00:00Z`) + DAY) }),
        '出生日期',
      ],
      ['a gender not agreeing with the ID', (p) => ({ 性别: p.性别 === '男' ? '女' : '男' }), '性别'],
      ['an unknown branch', () => ({ 所在党支部: '不存在的党支部' }), '所在党支部'],
      ["a branch of another committee's tree", (_p, c) => ({ 所在党支部: c.other }), '所在党支部'],
      [
        'an ID duplicated within the file',
        (_p, { first }) => ({ 公民身份号码: first.公民身份号码, 出生日期: first.出生日期, 性别: first.性别 }),
        '公民身份号码',
      ],
      ['a malformed phone', () => ({ 联系电话: '12345' }), '联系电话'],
      ['an unreadable date', () => ({ 加入党组织日期: '去年七月' }), '加入党组织日期'],
      ['an unknown destination', () => ({ 是否为流动党员: '是', 外出流向: '火星省' }), '外出流向'],
      ['a mobile member without destination', () => ({ 是否为流动党员: '是', 外出流向: null }), '外出流向'],
      ['a missing name', () => ({ 姓名: null }), '姓名'],
      [
        'joining before 18',
        (p) => ({ 加入党组织日期: `${Number(String(p.出生日期).slice(0, 4)) + 10}-07-01` }),
        '加入党组织日期',
      ],
    ];
    it.each(cases)('%s', async (_label, spoil, column) => {
      const { committee } = await buildTree(env);
      const other = await buildTree(env);
      const manager = await userClient(env, committee.id, 'manager');
      const rows = [person(), person(), person(), person()];
      const bad = rows[2]!;
      Object.assign(bad, spoil(bad, { other: other.branchA.name, first: rows[0]! }));
      const before = await totalMembers();
      const res = await manager.upload(importUrl(committee.id), await xlsx(rows));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('IMPORT_INVALID');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      const errors = res.body.error.details.errors as { row: number; column: string; message: string }[];
      // Header is row 1, so the third data row is row 4.
      expect(errors).toContainEqual({ row: 4, column, message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
      expect(errors.every((e) => e.row === 4)).toBe(true);
      expect(await totalMembers()).toBe(before);
      expect(await count(committee.id)).toBe(0);
    });

    it('reports every bad row, not only the first', async () => {
      const { committee } = await buildTree(env);
      const rows = [person(), person({ 性别: '未知' }), person(), person({ 学历: '天才班' }), person()];
      const res = await env.admin.upload(importUrl(committee.id), await xlsx(rows));
      expect(res.status).toBe(422);
      const errors = res.body.error.details.errors;
      expect(errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 3, column: '性别' }),
          expect.objectContaining({ row: 5, column: '学历' }),
        ]),
      );
      expect(await count(committee.id)).toBe(0);
    });

    it('refuses a person registered outside the caller’s scope (another committee)', async () => {
      const mine = await buildTree(env);
      const theirs = await buildTree(env);
      const manager = await userClient(env, mine.committee.id, 'manager');
      const taken = person();
      const created = await env.admin.post('/api/members', {
        ...memberBody(theirs.branchA.id),
        name: '他委党员',
        idNumber: taken.公民身份号码,
        birthDate: taken.出生日期,
        gender: taken.性别 === '男' ? 'male' : 'female',
        joinedOn: taken.加入党组织日期,
        fullOn: taken.转为正式党员日期,
      });
      expect(created.status).toBe(201);
      const before = await totalMembers();
      const res = await manager.upload(
        importUrl(mine.committee.id),
        await xlsx([person(), { ...taken, 姓名: '改名' }]),
      );
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('IMPORT_INVALID');
      expect(res.body.error.details.errors).toContainEqual({
        row: 3,
        column: '公民身份号码',
        message: expect.any(String),
      });
      expect(await totalMembers()).toBe(before);
      const still = await env.admin.get(`/api/members/${created.body.id}`);
      expect(still.body).toMatchObject({ name: '他委党员', orgId: theirs.branchA.id });
    });

    it('a missing required column is 400 IMPORT_BAD_HEADER', async () => {
      const { committee } = await buildTree(env);
      const headers = HEADERS.filter((h) => h !== '公民身份号码');
      const res = await env.admin.upload(importUrl(committee.id), await xlsx([person()], { headers }));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('IMPORT_BAD_HEADER');
      expect(res.body.error.details.missing).toEqual(['公民身份号码']);
      expect(await count(committee.id)).toBe(0);
    });
  });

  it('re-importing the same people with changes updates them, matched by ID number', async () => {
    const { committee, branchA, branchB } = await buildTree(env);
    const rows = [person(), person({ 所在党支部: branchA.name }), person()];
    expect((await env.admin.upload(importUrl(committee.id), await xlsx(rows))).body).toMatchObject({
      created: 3,
      updated: 0,
    });
    const ids = await Promise.all(rows.map(async (r) => (await byId(r.公民身份号码 as string)).id));
    const changed = [
      { ...rows[0]!, 姓名: '改名甲', 学历: '博士', 联系电话: '13800001111', 所在党支部: branchB.name },
      { ...rows[1]!, 是否为流动党员: '是', 外出流向: '广东省深圳市南山区', 党籍状态: '停止党籍' },
      { ...rows[2]!, 是否为失联党员: '是', 失去联系日期: '2024-03', 家庭住址: '株洲市荷塘区新华路1号' },
      person(),
    ];
    const res = await env.admin.upload(importUrl(committee.id), await xlsx(changed));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 3, errors: [] });
    expect(await count(committee.id)).toBe(4);
    const [a, b, c] = await Promise.all(rows.map((r) => byId(r.公民身份号码 as string)));
    expect([a.id, b.id, c.id]).toEqual(ids);
    expect(a).toMatchObject({ name: '改名甲', education: 'doctor', phone: '13800001111', orgId: branchB.id });
    expect(b).toMatchObject({
      mobile: true,
      destinationRegion: '440305',
      standing: 'stopped',
      orgId: branchA.id,
    });
    expect(c).toMatchObject({
      lostContact: true,
      lostContactSince: '2024-03',
      address: '株洲市荷塘区新华路1号',
    });
    expect(a.version).toBeGreaterThan(1);
  });

  it('export then re-import unchanged: created 0, updated n, member data identical', async () => {
    const { committee, branchA, branchB } = await buildTree(env);
    const manager = await userClient(env, committee.id, 'manager');
    const made = (birthDate: string, gender: 'male' | 'female', over: Record<string, unknown>) => {
      seq += 1;
      return {
        ...memberBody(committee.id, { birthDate, gender }),
        idNumber: makeIdNumber('110103', birthDate, seq % 500, gender),
        ...over,
      };
    };
    const bodies = [
      made('1980-01-02', 'male', {
        name: '往返甲',
        ethnicity: '苗族',
        occupation: '工人',
        address: '长沙市岳麓区1号',
      }),
      made('1985-02-03', 'female', {
        orgId: branchA.id,
        name: '往返乙',
        education: 'other',
        mobile: true,
        destinationRegion: '440305',
        phone: '0731-88886666',
      }),
      made('1990-03-04', 'male', {
        orgId: branchB.id,
        name: '往返丙',
        education: null,
        lostContact: true,
        lostContactSince: '2023-09',
        lostContactReason: '长期联系不上',
        standing: 'stopped',
        stopReason: 'lost_contact',
      }),
      made('1995-04-05', 'female', {
        orgId: branchA.id,
        name: '往返丁',
        kind: 'probationary',
        fullOn: null,
        joinedOn: '2025-06-01',
        education: 'high_school',
        occupation: '学生',
        jobPost: null,
        phone: null,
      }),
      made('1970-05-06', 'male', {
        name: '往返戊',
        education: 'junior',
        occupation: '离退休人员',
        ethnicity: null,
      }),
      made('1975-06-07', 'female', {
        name: '往返己',
        duesCategory: 'annual_salary',
        occupation: '企业管理人员',
      }),
      made('1978-07-08', 'male', { name: '往返庚', kind: 'full', fullOn: null }),
      // 北京市市辖区 (110100) is named like 北京市 (110000): the export must keep the code apart.
      made('1982-08-09', 'female', { name: '往返辛', mobile: true, destinationRegion: '110100' }),
      made('1983-09-10', 'male', { name: '往返壬', mobile: true, destinationRegion: '429004' }),
    ];
    for (const body of bodies) {
      const res = await env.admin.post('/api/members', body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const snapshot = async () => {
      const list = await env.admin.get(`/api/members?orgId=${committee.id}&pageSize=200`);
      const full = await Promise.all(
        list.body.items.map(async (m: { id: string }) => {
          const {
            version: _v,
            updatedAt: _u,
            ...rest
          } = (await env.admin.get(`/api/members/${m.id}?reveal=idNumber,phone,address`)).body;
          return rest;
        }),
      );
      return full.sort((x, y) => x.id.localeCompare(y.id));
    };
    const before = await snapshot();
    expect(before).toHaveLength(bodies.length);

    const exported = await manager.get(`/api/members/export?orgId=${committee.id}`);
    expect(exported.status).toBe(200);
    expect(String(exported.headers['content-type'])).toMatch(/spreadsheetml/);
    const { rows } = await readSheet(exported.raw);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(bodies.length + 1);
    // Full ID numbers (it must re-import), and the branch named in 所在党支部.
    const idCol = HEADERS.indexOf('公民身份号码');
    const branchCol = HEADERS.indexOf('所在党支部');
    expect(
      rows
        .slice(1)
        .map((r) => r[idCol])
        .sort(),
    ).toEqual(bodies.map((b) => b.idNumber).sort());
    const yi = rows.find((r) => r[0] === '往返乙')!;
    expect(yi[branchCol]).toBe(branchA.name);

    const res = await manager.upload(importUrl(committee.id), exported.raw, 'export.xlsx');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 0, updated: bodies.length, errors: [] });
    expect(await snapshot()).toEqual(before);
  });

  it('an update by file re-derives what depends on a changed column, and only then', async () => {
    const { committee } = await buildTree(env);
    const row = person({ 人员类别: '企业管理人员' });
    const gender = row.性别 === '男' ? 'male' : 'female';
    const created = await env.admin.post('/api/members', {
      orgId: committee.id,
      name: row.姓名,
      gender,
      idNumber: row.公民身份号码,
      birthDate: row.出生日期,
      kind: 'full',
      joinedOn: row.加入党组织日期,
      fullOn: row.转为正式党员日期,
      occupation: '企业管理人员',
      duesCategory: 'annual_salary',
      standing: 'stopped',
      stopReason: 'abroad',
      lostContact: true,
      lostContactSince: '2024-01',
      lostContactReason: '出国后失去联系',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // Same 人员类别, still stopped and 失联: the member's own settings stay.
    const same = { ...row, 党籍状态: '停止党籍', 是否为失联党员: '是', 失去联系日期: '2024-01' };
    expect((await env.admin.upload(importUrl(committee.id), await xlsx([same]))).body.updated).toBe(1);
    expect((await env.admin.get(`/api/members/${id}`)).body).toMatchObject({
      duesCategory: 'annual_salary',
      stopReason: 'abroad',
      lostContactReason: '出国后失去联系',
    });
    // 人员类别 changes to 离退休人员, standing back to 正常, no longer 失联: the derived fields follow.
    const changed = { ...row, 人员类别: '离退休人员' };
    expect((await env.admin.upload(importUrl(committee.id), await xlsx([changed]))).body.updated).toBe(1);
    expect((await env.admin.get(`/api/members/${id}`)).body).toMatchObject({
      occupation: '离退休人员',
      duesCategory: 'retired',
      standing: 'normal',
      stopReason: null,
      lostContact: false,
      lostContactSince: null,
      lostContactReason: null,
    });
  });

  describe('files that are not a workbook', () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(64, 1),
    ]);
    const cases: [string, () => Buffer | Promise<Buffer>][] = [
      ['plain text', () => Buffer.from('姓名,性别,公民身份号码\n张三,男,110101199001010011\n')],
      ['a PNG header', () => png],
      [
        'a zip without xl/workbook.xml',
        () =>
          zip([
            { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
            { name: 'word/document.xml', data: Buffer.from('<document/>'), deflate: true },
          ]),
      ],
      ['an empty file', () => Buffer.alloc(0)],
      ['a truncated workbook', async () => (await xlsx([person()])).subarray(0, 300)],
    ];
    it.each(cases)('%s → 400 IMPORT_NOT_XLSX, nothing written', async (_label, make) => {
      const { committee } = await buildTree(env);
      const file = await make();
      const before = await totalMembers();
      const res = await env.admin.upload(importUrl(committee.id), file, 'members.xlsx');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('IMPORT_NOT_XLSX');
      expect(await totalMembers()).toBe(before);
    });

    it('a zip bomb → 413 IMPORT_TOO_LARGE, and the server keeps serving', async () => {
      const { committee } = await buildTree(env);
      // 50 MB of zeros deflate to ~50 kB: the central directory announces a ratio of ~1000:1.
      const bomb = zip([
        { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
        { name: 'xl/workbook.xml', data: Buffer.alloc(50 * 1024 * 1024), deflate: true },
      ]);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const res = await env.admin.upload(importUrl(committee.id), bomb);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('IMPORT_TOO_LARGE');
      const health = await anonymous(env.app).get('/api/health');
      expect(health.status).toBe(200);
      expect(health.body.status).toBe('ok');
      const ok = await env.admin.upload(importUrl(committee.id), await xlsx([person()]));
      expect(ok.status).toBe(200);
      expect(ok.body.created).toBe(1);
    });

    it('a zip bomb whose directory understates the size → 413 as soon as it inflates past it', async () => {
      const { committee } = await buildTree(env);
      const table = [HEADERS, HEADERS.map((h) => String(person()[h] ?? ''))];
      // 40 MB of blanks inside <sheetData> compress ~1000:1; the zip claims the sheet is 4 kB.
      const xml = sheetXml(table, ' '.repeat(40 * 1024 * 1024));
      const bomb = handmadeXlsx([{ file: 'sheet1.xml', xml, claim: 4096 }]);
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const before = await totalMembers();
      const res = await env.admin.upload(importUrl(committee.id), bomb);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('IMPORT_TOO_LARGE');
      expect(await totalMembers()).toBe(before);
      expect((await anonymous(env.app).get('/api/health')).status).toBe(200);
    });
  });

  it('the template is a valid xlsx: form headers in row 1 and a list validation on 性别', async () => {
    const { committee } = await buildTree(env);
    const clerk = await userClient(env, committee.id, 'clerk');
    const res = await clerk.get('/api/members/import/template');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/spreadsheetml/);
    const { sheet, rows } = await readSheet(res.raw);
    expect(rows[0]).toEqual(HEADERS);
    const genderCol = sheet.getColumn(HEADERS.indexOf('性别') + 1).letter;
    const validation = sheet.getCell(`${genderCol}2`).dataValidation;
    expect(validation?.type).toBe('list');
    expect(validation?.formulae?.[0]).toMatch(/男/);
    expect(validation?.formulae?.[0]).toMatch(/女/);
    expect(
      sheet.getCell(`${sheet.getColumn(HEADERS.indexOf('姓名') + 1).letter}2`).dataValidation?.type,
    ).not.toBe('list');
    // The blank template imports as a header-only file: nothing to do, nothing written.
    const blank = await clerk.upload(importUrl(committee.id), res.raw, 'template.xlsx');
    expect(blank.status).toBe(200);
    expect(blank.body).toMatchObject({ created: 0, updated: 0, errors: [] });
  });

  it('async import: 202 {id}, then GET /api/imports/:id until succeeded', async () => {
    const { committee } = await buildTree(env);
    const clerk = await userClient(env, committee.id, 'clerk');
    const rows = [person(), person(), person()];
    const res = await clerk.upload(importUrl(committee.id, true), await xlsx(rows));
    expect(res.status).toBe(202);
    expect(res.body.id).toEqual(expect.any(String));
    let job: { status: string; created: number; updated: number } | undefined;
    for (let i = 0; i < 200; i++) {
      job = (await clerk.get(`/api/imports/${res.body.id}`)).body;
      if (job!.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(job).toMatchObject({ status: 'succeeded', created: 3, updated: 0 });
    expect(await count(committee.id)).toBe(3);
    // Someone outside the committee cannot see the job.
    const other = await buildTree(env);
    const stranger = await userClient(env, other.committee.id, 'manager');
    expect((await stranger.get(`/api/imports/${res.body.id}`)).status).toBe(404);
  });

  it('async import of a bad file ends rejected with its errors, nothing written', async () => {
    const { committee } = await buildTree(env);
    const rows = [person(), person({ 性别: '未知' })];
    const res = await env.admin.upload(importUrl(committee.id, true), await xlsx(rows));
    expect(res.status).toBe(202);
    let job: { status: string; errors: unknown[] } | undefined;
    for (let i = 0; i < 200; i++) {
      job = (await env.admin.get(`/api/imports/${res.body.id}`)).body;
      if (job!.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(job!.status).toBe('rejected');
    expect(job!.errors).toContainEqual(expect.objectContaining({ row: 3, column: '性别' }));
    expect(await count(committee.id)).toBe(0);
  });

  it('a clerk can import; an auditor gets 403 and nothing is written', async () => {
    const { committee, branchA } = await buildTree(env);
    const clerk = await userClient(env, branchA.id, 'clerk');
    const auditor = await userClient(env, committee.id, 'auditor');
    const ok = await clerk.upload(importUrl(branchA.id), await xlsx([person()]));
    expect(ok.status).toBe(200);
    expect(ok.body.created).toBe(1);
    const denied = await auditor.upload(importUrl(committee.id), await xlsx([person()]));
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    expect(await count(committee.id)).toBe(1);
    // A clerk of branch A cannot import into the committee above it.
    const above = await clerk.upload(importUrl(committee.id), await xlsx([person()]));
    expect(above.status).toBe(404);
    expect(await count(committee.id)).toBe(1);
  });

  it('export needs manager or admin, stays in scope, and is audited as member.export', async () => {
    const { committee, branchA, branchB } = await buildTree(env);
    const seeded = await env.admin.upload(
      importUrl(committee.id),
      await xlsx([person(), person({ 所在党支部: branchB.name })]),
    );
    expect(seeded.status, JSON.stringify(seeded.body)).toBe(200);
    for (const role of ['clerk', 'auditor']) {
      const client = await userClient(env, committee.id, role);
      const res = await client.get(`/api/members/export?orgId=${committee.id}`);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    const branchManager = await userClient(env, branchA.id, 'manager');
    expect((await branchManager.get(`/api/members/export?orgId=${branchB.id}`)).status).toBe(404);

    const auditBefore = (await env.admin.get(`/api/audit?action=member.export&entityId=${committee.id}`)).body
      .total;
    const manager = await userClient(env, committee.id, 'manager');
    const res = await manager.get(`/api/members/export?orgId=${committee.id}`);
    expect(res.status).toBe(200);
    expect((await readSheet(res.raw)).rows).toHaveLength(3);
    // Branch B's export holds only its member.
    const onlyB = await manager.get(`/api/members/export?orgId=${branchB.id}`);
    expect((await readSheet(onlyB.raw)).rows).toHaveLength(2);

    const audit = await env.admin.get(`/api/audit?action=member.export&entityId=${committee.id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.total).toBe(auditBefore + 1);
    expect(audit.body.items[0]).toMatchObject({
      action: 'member.export',
      entityId: committee.id,
      orgId: committee.id,
    });
    expect(audit.body.items[0].after.count).toBe(2);
  });
});

describe.each(engines)('import hardening (issue 8 defects 5, 6, 14; issue 17) on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine);
  });
  afterAll(() => env.close());

  const importUrl = (orgId: string, async = false) =>
    `/api/members/import?orgId=${orgId}${async ? '&async=true' : ''}`;
  const OUT_OF_SCOPE = '该公民身份号码的党员属于其他组织，不在本组织范围内';
  const tmpDir = () => path.join(env.dataDir, 'tmp');
  const leftovers = () => (fs.existsSync(tmpDir()) ? fs.readdirSync(tmpDir()) : []);
  async function membersIn(orgId: string) {
    const [row] = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from members where org_id = ${orgId}`,
    );
    return row!.n;
  }
  async function importAudit(importIds: string[]) {
    const rows = await env.ctx.database.rows<{ action: string; n: number }>(sql`
      select action, count(*)::int as n from audit_events
      where action in ('member.import_create', 'member.import_update')
        and after->>'importId' in (${sql.join(
          importIds.map((id) => sql`${id}`),
          sql`, `,
        )})
      group by action`);
    return Object.fromEntries(rows.map((r) => [r.action, r.n]));
  }
  async function jobCount() {
    const [row] = await env.ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from import_jobs`);
    return row!.n;
  }
  const importIdOf = (res: { status: number; body: any }) =>
    res.status === 200 ? res.body.importId : res.body.error.details.importId;

  it('defect 5: the same file into two scopes at once: one creates, the other is refused row by row, nothing moves', async () => {
    const a = await buildTree(env);
    const b = await buildTree(env);
    const managerA = await userClient(env, a.committee.id, 'manager');
    const managerB = await userClient(env, b.committee.id, 'manager');
    const rows = Array.from({ length: 400 }, () => person());
    const file = await xlsx(rows);
    const [resA, resB] = await Promise.all([
      managerA.upload(importUrl(a.committee.id), file),
      managerB.upload(importUrl(b.committee.id), file),
    ]);
    expect([resA.status, resB.status].sort()).toEqual([200, 422]);
    const [won, lost, winner, loser] = resA.status === 200 ? [resA, resB, a, b] : [resB, resA, b, a];
    expect(won.body).toMatchObject({ created: rows.length, updated: 0 });
    expect(await membersIn(winner.committee.id)).toBe(rows.length);
    expect(await membersIn(loser.committee.id)).toBe(0);
    const errors = lost.body.error.details.errors as { row: number; column: string; message: string }[];
    expect(lost.body.error.details.errorCount).toBe(rows.length);
    expect(errors).toHaveLength(rows.length);
    expect(errors.every((e) => e.column === '公民身份号码' && e.message === OUT_OF_SCOPE)).toBe(true);
    expect(new Set(errors.map((e) => e.row))).toEqual(new Set(rows.map((_r, i) => i + 2)));
    expect(await importAudit([importIdOf(resA), importIdOf(resB)])).toEqual({
      'member.import_create': rows.length,
    });
  });

  it('defect 5: the same file twice into one organization at once: created once, then updated', async () => {
    const { committee } = await buildTree(env);
    const manager = await userClient(env, committee.id, 'manager');
    const rows = Array.from({ length: 400 }, () => person());
    const file = await xlsx(rows);
    const results = await Promise.all([
      manager.upload(importUrl(committee.id), file),
      manager.upload(importUrl(committee.id), file),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const outcomes = results.map((r) => [r.body.created, r.body.updated]).sort();
    expect(outcomes).toEqual([
      [0, rows.length],
      [rows.length, 0],
    ]);
    expect(await membersIn(committee.id)).toBe(rows.length);
    expect(await importAudit(results.map(importIdOf))).toEqual({
      'member.import_create': rows.length,
      'member.import_update': rows.length,
    });
  });

  it('issue 17: every error of every row in one response, row checks and cross-row checks together', async () => {
    const mine = await buildTree(env);
    const theirs = await buildTree(env);
    const manager = await userClient(env, mine.committee.id, 'manager');
    const taken = person();
    const created = await env.admin.post('/api/members', {
      ...memberBody(theirs.branchA.id),
      idNumber: taken.公民身份号码,
      birthDate: taken.出生日期,
      gender: taken.性别 === '男' ? 'male' : 'female',
      joinedOn: taken.加入党组织日期,
      fullOn: taken.转为正式党员日期,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const first = person();
    const spoiled = person();
    const id = spoiled.公民身份号码 as string;
    const rows = [
      first,
      {
        ...spoiled,
        公民身份号码: id.slice(0, 17) + (id[17] === '0' ? '1' : '0'),
        性别: spoiled.性别 === '男' ? '女' : '男',
        所在党支部: '不存在的党支部',
      },
      { ...first, 所在党支部: '另一个不存在的支部' },
      { ...taken, 联系电话: '12345' },
    ];
    const res = await manager.upload(importUrl(mine.committee.id), await xlsx(rows));
    expect(res.status).toBe(422);
    const errors = res.body.error.details.errors as { row: number; column: string; message: string }[];
    const byRow = (row: number) =>
      errors
        .filter((e) => e.row === row)
        .map((e) => e.column)
        .sort();
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual(['公民身份号码', '性别', '所在党支部'].sort());
    expect(byRow(4)).toEqual(['公民身份号码', '所在党支部'].sort());
    expect(byRow(5)).toEqual(['公民身份号码', '联系电话'].sort());
    expect(errors).toContainEqual({ row: 5, column: '公民身份号码', message: OUT_OF_SCOPE });
    expect(errors).toContainEqual({ row: 4, column: '公民身份号码', message: '与第 2 行的公民身份号码重复' });
    expect(res.body.error.details.errorCount).toBe(errors.length);
    expect(await membersIn(mine.committee.id)).toBe(0);
  });

  /** A multipart body whose file never ends: only a route that answers before reading it can reply. */
  function endlessUpload(client: Client, url: string) {
    const boundary = '----djendless';
    const body = new Readable({ read() {} });
    body.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.xlsx"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    );
    body.push(Buffer.alloc(64 * 1024, 1));
    const reply = client.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { cookie: client.cookie!, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 3000).unref());
    return Promise.race([reply, timeout]).finally(() => body.destroy());
  }

  it('defect 6: a refused upload is answered without reading its body and leaves nothing on disk', async () => {
    const { committee } = await buildTree(env);
    const other = await buildTree(env);
    const auditor = await userClient(env, committee.id, 'auditor');
    const stranger = await userClient(env, other.committee.id, 'manager');
    const jobs = await jobCount();
    const wrongRole = await endlessUpload(auditor, importUrl(committee.id));
    expect(wrongRole?.statusCode).toBe(403);
    const noScope = await endlessUpload(stranger, importUrl(committee.id));
    expect(noScope?.statusCode).toBe(404);
    expect((await auditor.upload(importUrl(committee.id), await xlsx([person()]))).status).toBe(403);
    expect(leftovers()).toEqual([]);
    expect(await jobCount()).toBe(jobs);
  });

  it('defect 6: nothing remains after a success, a 422 or a 400', async () => {
    const { committee } = await buildTree(env);
    const ok = await env.admin.upload(importUrl(committee.id), await xlsx([person()]));
    expect(ok.status).toBe(200);
    expect(leftovers()).toEqual([]);
    const bad = await env.admin.upload(importUrl(committee.id), await xlsx([person({ 性别: '未知' })]));
    expect(bad.status).toBe(422);
    expect(leftovers()).toEqual([]);
    const notXlsx = await env.admin.upload(importUrl(committee.id), Buffer.from('not a workbook'));
    expect(notXlsx.status).toBe(400);
    expect(leftovers()).toEqual([]);
  });

  it('defect 6: an upload left in DATA_DIR/tmp by a crash is removed at start', async () => {
    fs.mkdirSync(tmpDir(), { recursive: true });
    const stale = path.join(tmpDir(), 'import-crashed.xlsx');
    fs.writeFileSync(stale, `110101199001010011,13900000000`);
    await createContext(env.ctx.config, env.ctx.database);
    expect(fs.existsSync(stale)).toBe(false);
  });

  it('defect 6: nothing on disk holds the ID numbers in plaintext while an import runs or after', async () => {
    const { committee } = await buildTree(env);
    const rows = Array.from({ length: 1500 }, () => person());
    const table = [HEADERS, ...rows.map((r) => HEADERS.map((h) => (r[h] == null ? '' : String(r[h]))))];
    const file = handmadeXlsx([{ file: 'sheet1.xml', xml: sheetXml(table) }], true);
    const needles = [rows[0]!, rows[700]!, rows[1499]!].map((r) => Buffer.from(r.公民身份号码 as string));
    // The upload itself holds them in plain text (stored, not deflated).
    expect(needles.every((n) => file.includes(n))).toBe(true);
    const holding = () => {
      const found: string[] = [];
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const full = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (entry.isFile() && needles.some((n) => fs.readFileSync(full).includes(n))) found.push(full);
        }
      };
      walk(env.dataDir);
      return found;
    };
    const res = await env.admin.upload(importUrl(committee.id, true), file);
    expect(res.status).toBe(202);
    expect(holding()).toEqual([]);
    expect((await env.admin.get(`/api/imports/${res.body.id}`)).body.status).toBe('running');
    let job: { status: string; created: number } | undefined;
    for (let i = 0; i < 400; i++) {
      job = (await env.admin.get(`/api/imports/${res.body.id}`)).body;
      if (job!.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(job).toMatchObject({ status: 'succeeded', created: rows.length });
    expect(holding()).toEqual([]);
  });

  it('defect 14: a NUL in the multipart filename → 400, no job, nothing left behind', async () => {
    const { committee } = await buildTree(env);
    const jobs = await jobCount();
    const res = await env.admin.upload(importUrl(committee.id), await xlsx([person()]), 'a\u0000b.xlsx');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_TEXT');
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await jobCount()).toBe(jobs);
    expect(leftovers()).toEqual([]);
    expect(await membersIn(committee.id)).toBe(0);
  });
});
