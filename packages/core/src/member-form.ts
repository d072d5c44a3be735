import { type FlexibleDate, formatMonth, parseFlexibleDate } from './dates.js';
import { type Education, educationLabels, normalizeEducation } from './education.js';
import { checkIdNumber, type Gender } from './id-number.js';
import { isValidPhone, normalizePhone } from './phone.js';
import { parseRegion, type RegionIndex, regionName } from './regions.js';

/** 党员信息采集表 (DOMAIN.md member_form) in form order, with the header spellings seen in the wild. */
export const memberFormColumns = [
  { key: 'name', header: '姓名', variants: ['党员姓名'] },
  { key: 'gender', header: '性别', variants: [] },
  { key: 'ethnicity', header: '民族', variants: [] },
  {
    key: 'idNumber',
    header: '公民身份号码',
    variants: ['身份证', '身份证号', '身份证号码', '公民身份证号', '公民身份证号码'],
  },
  { key: 'birthDate', header: '出生日期', variants: ['出生年月', '出生年月日', '生日'] },
  { key: 'education', header: '学历', variants: ['文化程度', '最高学历'] },
  { key: 'occupation', header: '人员类别', variants: ['职业'] },
  { key: 'branch', header: '所在党支部', variants: ['所在支部', '所属党支部', '所属支部', '党支部'] },
  { key: 'joinedOn', header: '加入党组织日期', variants: ['入党日期', '入党时间', '加入党组织时间'] },
  { key: 'fullOn', header: '转为正式党员日期', variants: ['转正日期', '转正时间', '转为正式党员时间'] },
  { key: 'jobPost', header: '工作岗位', variants: ['岗位', '职务'] },
  {
    key: 'phone',
    header: '联系电话',
    variants: ['电话', '电话号码', '手机', '手机号', '手机号码', '联系方式'],
  },
  { key: 'address', header: '家庭住址', variants: ['住址', '家庭地址', '居住地址'] },
  { key: 'standing', header: '党籍状态', variants: ['党籍'] },
  { key: 'lostContact', header: '是否为失联党员', variants: ['是否失联', '是否失联党员', '失联党员'] },
  { key: 'lostContactSince', header: '失去联系日期', variants: ['失联日期', '失联时间', '失去联系时间'] },
  { key: 'mobile', header: '是否为流动党员', variants: ['是否流动党员', '流动党员'] },
  { key: 'destination', header: '外出流向', variants: ['流向', '流入地', '外出地点'] },
] as const;

export type MemberFormKey = (typeof memberFormColumns)[number]['key'];
export type MemberFormHeader = (typeof memberFormColumns)[number]['header'];

export type MemberFormValue = {
  name: string;
  gender: Gender;
  ethnicity: string | null;
  idNumber: string;
  birthDate: string;
  education: Education | null;
  occupation: string | null;
  branch: string | null;
  joinedOn: string;
  fullOn: string | null;
  kind: 'full' | 'probationary';
  jobPost: string | null;
  phone: string | null;
  address: string | null;
  standing: 'normal' | 'stopped';
  lostContact: boolean;
  lostContactSince: string | null;
  mobile: boolean;
  destinationRegion: string | null;
};

export type MemberFormError = { column: string; message: string };

const headerOf = Object.fromEntries(memberFormColumns.map((c) => [c.key, c.header])) as Record<
  MemberFormKey,
  MemberFormHeader
>;
const REQUIRED: MemberFormKey[] = ['name', 'idNumber', 'gender', 'birthDate', 'joinedOn'];

const canonicalHeader = (s: string) =>
  s
    .replace(/[\s*＊]+/g, '')
    .replaceAll('（', '(')
    .replaceAll('）', ')');
const TRAILING_NOTE = /\(.*\)$/;

const keyByHeader = new Map<string, MemberFormKey>(
  memberFormColumns.flatMap((c) =>
    [c.header, ...c.variants].map((h) => [canonicalHeader(h), c.key] as const),
  ),
);

/** Unwraps exceljs cell objects (rich text, hyperlink, formula) to the primitive or Date they show. */
function cellValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Date) return v;
  if ('richText' in v && Array.isArray(v.richText)) {
    return v.richText.map((run) => String(cellValue(run) ?? '')).join('');
  }
  if ('text' in v) return cellValue(v.text);
  if ('result' in v) return cellValue(v.result);
  return null;
}

export function cellText(v: unknown): string {
  const value = cellValue(v);
  if (value == null) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** Matches a header row in any order; a trailing note such as "(失去联系日期)" or "(必填)" is ignored. */
export function mapHeaders(headerRow: unknown[]): {
  columns: Map<number, MemberFormKey>;
  missing: string[];
  unknown: string[];
} {
  const columns = new Map<number, MemberFormKey>();
  const unknown: string[] = [];
  const seen = new Set<MemberFormKey>();
  for (let i = 0; i < headerRow.length; i++) {
    const text = cellText(headerRow[i]);
    if (text === '') continue;
    const h = canonicalHeader(text);
    const key = keyByHeader.get(h) ?? keyByHeader.get(h.replace(TRAILING_NOTE, ''));
    // A second column for the same field cannot be told apart from the first: report it.
    if (key === undefined || seen.has(key)) {
      unknown.push(text);
      continue;
    }
    seen.add(key);
    columns.set(i, key);
  }
  return { columns, missing: REQUIRED.filter((k) => !seen.has(k)).map((k) => headerOf[k]), unknown };
}

const YES = new Set(['是', 'y', 'yes', '1', 'true']);
const NO = new Set(['否', 'n', 'no', '0', 'false']);
// "是(2021-05)", "是 2021.05", "是（湖南省长沙市）": a yes/no flag optionally followed by its detail.
const FLAG_WITH_DETAIL = /^(是|否|yes|no|y|n|true|false|1|0)(?:$|[\s(（:：,，]+(.*?)[)）]?$)/i;

const GENDERS = new Map<string, Gender>([
  ['男', 'male'],
  ['male', 'male'],
  ['女', 'female'],
  ['female', 'female'],
]);
const STANDINGS = new Map<string, MemberFormValue['standing']>([
  ['正常', 'normal'],
  ['normal', 'normal'],
  ['停止党籍', 'stopped'],
  ['stopped', 'stopped'],
]);

type Cells = Partial<Record<MemberFormKey, unknown>>;

/** Birth date (digits 7–14) and gender (parity of digit 17) of a number whose format and date are valid. */
function readableIdFacts(idText: string): { birthDate: string; gender: Gender } {
  const id = idText.trim();
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Validates one row of the form; `value` is present only when there are no errors. */
export function parseMemberRow(
  cells: Cells,
  ctx: { regions: RegionIndex; today: string },
): { value?: MemberFormValue; errors: MemberFormError[] } {
  const errors: MemberFormError[] = [];
  const fail = (key: MemberFormKey, message: string): null => {
    errors.push({ column: headerOf[key], message });
    return null;
  };
  const text = (key: MemberFormKey) => cellText(cells[key]);
  const optionalText = (key: MemberFormKey) => text(key) || null;

  const date = (key: MemberFormKey, raw: unknown, required: string | null): FlexibleDate | null => {
    const value = cellValue(raw);
    if (value == null || (typeof value === 'string' && value.trim() === '')) {
      return required ? fail(key, required) : null;
    }
    const parsed = parseFlexibleDate(value);
    if (!parsed) return fail(key, `无法识别的日期：${cellText(value)}`);
    if (parsed.date > ctx.today) return fail(key, '日期不能晚于今天');
    return parsed;
  };

  const flag = (key: MemberFormKey): { yes: boolean; detail: string } | null => {
    const t = text(key);
    if (t === '') return { yes: false, detail: '' };
    const m = FLAG_WITH_DETAIL.exec(t);
    const word = m?.[1]?.toLowerCase() ?? '';
    if (YES.has(word)) return { yes: true, detail: m?.[2] ?? '' };
    if (NO.has(word)) return { yes: false, detail: '' };
    return fail(key, `应填写“是”或“否”：${t}`);
  };

  const name = text('name');
  if (name === '') fail('name', '姓名不能为空');
  else if ([...name].length > 50) fail('name', '姓名不能超过50个字符');

  const idText = text('idNumber');
  const idCheck = idText === '' ? fail('idNumber', '公民身份号码不能为空') : checkIdNumber(idText, ctx.today);
  if (idCheck && !idCheck.ok) fail('idNumber', idCheck.message);
  const id = idCheck?.ok ? idCheck : null;
  // Only the check digit is wrong: the birth date and order code still read, so the other cells are
  // checked against them too and the row shows all its errors in one upload (issue 17).
  const idFacts =
    id ?? (idCheck?.ok === false && idCheck.code === 'ID_CHECKSUM' ? readableIdFacts(idText) : null);

  const genderText = text('gender').toLowerCase();
  const gender = GENDERS.get(genderText) ?? null;
  if (genderText === '') fail('gender', '性别不能为空');
  else if (!gender) fail('gender', '性别应填写“男”或“女”');
  else if (idFacts && idFacts.gender !== gender) fail('gender', '性别与公民身份号码不符');

  // A month-only birth date (出生年月) is accepted when it agrees with the ID's month.
  const birth = date('birthDate', cells.birthDate, '出生日期不能为空');
  if (birth && idFacts) {
    const agrees =
      birth.precision === 'day'
        ? birth.date === idFacts.birthDate
        : formatMonth(birth.date) === formatMonth(idFacts.birthDate);
    if (!agrees) fail('birthDate', '出生日期与公民身份号码不符');
  }

  const joined = date('joinedOn', cells.joinedOn, '加入党组织日期不能为空');
  if (joined && idFacts) {
    // RULES.md §9 (《发展党员工作细则》): a member must be at least 18 when admitted.
    const adultOn = `${Number(idFacts.birthDate.slice(0, 4)) + 18}${idFacts.birthDate.slice(4)}`;
    const tooYoung =
      joined.precision === 'day' ? joined.date < adultOn : formatMonth(joined.date) < formatMonth(adultOn);
    if (tooYoung) fail('joinedOn', '加入党组织时应年满18周岁');
  }
  const full = date('fullOn', cells.fullOn, null);
  if (full && joined && full.date < joined.date) fail('fullOn', '转为正式党员日期不能早于加入党组织日期');

  const educationText = text('education');
  const education = educationText === '' ? null : normalizeEducation(educationText);
  if (educationText !== '' && !education) fail('education', `无法识别的学历：${educationText}`);

  const phoneText = text('phone');
  if (phoneText !== '' && !isValidPhone(phoneText)) fail('phone', `联系电话格式不正确：${phoneText}`);

  const standingText = text('standing');
  const standing =
    standingText === ''
      ? 'normal'
      : (STANDINGS.get(standingText) ?? fail('standing', '党籍状态应填写“正常”或“停止党籍”'));

  const lost = flag('lostContact');
  let lostContactSince: string | null = null;
  if (lost?.yes) {
    const raw = text('lostContactSince') === '' ? lost.detail : cells.lostContactSince;
    const since = date('lostContactSince', raw, '失联党员应填写失去联系日期');
    lostContactSince = since && formatMonth(since.date);
  }

  const mobile = flag('mobile');
  let destinationRegion: string | null = null;
  if (mobile?.yes) {
    const destination = text('destination') || mobile.detail;
    destinationRegion =
      destination === ''
        ? fail('destination', '流动党员应填写外出流向')
        : (parseRegion(ctx.regions, destination) ??
          fail('destination', `无法识别的外出流向：${destination}`));
  }

  if (errors.length > 0 || !id || !gender || !joined || !standing || !lost || !mobile) return { errors };
  return {
    errors,
    value: {
      name,
      gender,
      ethnicity: optionalText('ethnicity'),
      idNumber: id.normalized,
      birthDate: id.birthDate,
      education,
      occupation: optionalText('occupation'),
      branch: optionalText('branch'),
      joinedOn: joined.date,
      fullOn: full?.date ?? null,
      kind: full ? 'full' : 'probationary',
      jobPost: optionalText('jobPost'),
      phone: phoneText === '' ? null : normalizePhone(phoneText),
      address: optionalText('address'),
      standing,
      lostContact: lost.yes,
      lostContactSince,
      mobile: mobile.yes,
      destinationRegion,
    },
  };
}

const yesNo = (b: boolean) => (b ? '是' : '否');

/** The place's name, or its code where the name reads back as another place (北京市市辖区 110100 → 北京市). */
function destinationLabel(regions: RegionIndex, code: string): string {
  const name = regionName(regions, code);
  return name !== null && parseRegion(regions, name) === code ? name : code;
}

/** One export row keyed by the printed headers, in form order; `parseMemberRow` reads it back unchanged. */
export function memberToFormRow(
  m: MemberFormValue & { branchName: string | null },
  regions: RegionIndex,
): Record<MemberFormHeader, string | null> {
  const byKey: Record<MemberFormKey, string | null> = {
    name: m.name,
    gender: m.gender === 'male' ? '男' : '女',
    ethnicity: m.ethnicity,
    idNumber: m.idNumber,
    birthDate: m.birthDate,
    education: m.education && educationLabels[m.education],
    occupation: m.occupation,
    branch: m.branchName,
    joinedOn: m.joinedOn,
    fullOn: m.fullOn,
    jobPost: m.jobPost,
    phone: m.phone,
    address: m.address,
    standing: m.standing === 'normal' ? '正常' : '停止党籍',
    lostContact: yesNo(m.lostContact),
    lostContactSince: m.lostContactSince,
    mobile: yesNo(m.mobile),
    destination: m.destinationRegion && destinationLabel(regions, m.destinationRegion),
  };
  return Object.fromEntries(memberFormColumns.map((c) => [c.header, byKey[c.key]])) as Record<
    MemberFormHeader,
    string | null
  >;
}
