import { makeIdNumber } from '@dangjian/core';
import { eq } from 'drizzle-orm';
import type { AppContext } from './context.js';
import { orgs, users } from './db/schema.js';
import type { Actor } from './lib/authz.js';
import { createMember } from './modules/members/service.js';
import { createOrg } from './modules/orgs/service.js';

const surnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const given = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国红梅文辉玲鹏飞志强海燕俊峰丹宇浩然晨阳雪琳凯婷欣怡子轩',
];
/** Where the township's people go to work: the pattern 篇七 describes, spread over several provinces. */
const destinations = [
  '440305',
  '440106',
  '330106',
  '310115',
  '320505',
  '430104',
  '430102',
  '430202',
  '110105',
  '500103',
  '350206',
];
const occupations = [
  '农牧渔民',
  '工人',
  '专业技术人员',
  '企业管理人员',
  '学生',
  '离退休人员',
  '无固定职业人员',
  '其他职业人员',
];
const educations = ['bachelor', 'college', 'secondary', 'high_school', 'junior', 'master'] as const;

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/**
 * On an empty database only: a realistic township for `npm run demo`: committee → general branches → village branches →
 * groups, about 300 members of whom a third work away in other cities and provinces.
 */
export async function seedDemo(ctx: AppContext, progress: (stage: string, n: number) => void) {
  const [existing] = await ctx.database.db.select({ id: orgs.id }).from(orgs).limit(1);
  if (existing) return;
  const [admin] = await ctx.database.db.select().from(users).where(eq(users.username, 'admin'));
  const actor: Actor = {
    userId: admin!.id,
    username: 'admin',
    role: 'admin',
    orgId: null,
    orgPath: null,
    memberId: null,
    sessionId: 'demo',
  };
  const random = rng(20_261_127);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const region = '430182';
  const township = await createOrg(ctx, actor, {
    name: '中共示范镇委员会',
    type: 'committee',
    regionCode: region,
    termStartedOn: '2021-09-01',
    termEndsOn: '2026-12-31',
  });
  const villages = ['青山村', '石桥村', '柳塘村', '双河村', '新华村', '金塘村'];
  const branches: string[] = [];
  for (const [i, generalName] of ['农村第一党总支', '农村第二党总支'].entries()) {
    const general = await createOrg(ctx, actor, {
      name: generalName,
      type: 'general_branch',
      parentId: township.id,
    });
    for (const village of villages.slice(i * 3, i * 3 + 3)) {
      const branch = await createOrg(ctx, actor, {
        name: `${village}党支部`,
        type: 'branch',
        parentId: general.id,
        termStartedOn: '2023-12-01',
        termEndsOn: '2026-11-30',
      });
      branches.push(branch.id);
      await createOrg(ctx, actor, { name: `${village}第一党小组`, type: 'group', parentId: branch.id });
    }
  }
  const school = await createOrg(ctx, actor, {
    name: '示范镇中学党支部',
    type: 'branch',
    parentId: township.id,
  });
  const mobileBranch = await createOrg(ctx, actor, {
    name: '示范镇驻深圳流动党员党支部',
    type: 'mobile_branch',
    parentId: township.id,
    regionCode: '440305',
  });
  branches.push(school.id, mobileBranch.id);
  const seen = new Set<string>();
  for (let n = 0; n < 300; n++) {
    const gender = random() < 0.7 ? 'male' : 'female';
    const year = 1950 + Math.floor(random() * 52);
    const birthDate = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    let idNumber = makeIdNumber(region, birthDate, Math.floor(random() * 500), gender);
    while (seen.has(idNumber)) idNumber = makeIdNumber(region, birthDate, Math.floor(random() * 500), gender);
    seen.add(idNumber);
    const joinedYear = Math.min(2025, year + 20 + Math.floor(random() * 20));
    const probationary = joinedYear >= 2025 && random() < 0.5;
    const isMobile = year > 1965 && random() < 0.35;
    const occupation = year < 1962 ? '离退休人员' : pick(occupations);
    await createMember(ctx, actor, {
      orgId: isMobile && random() < 0.2 ? mobileBranch.id : pick(branches),
      name: `${pick(surnames)}${pick(given)}${random() < 0.6 ? pick(given) : ''}`,
      gender,
      ethnicity: random() < 0.92 ? '汉族' : '土家族',
      idNumber,
      birthDate,
      education: pick(educations),
      occupation,
      phone: `1${pick(['39', '58', '86', '37', '77'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      address: `湖南省长沙市宁乡市示范镇${pick(villages)}${1 + Math.floor(random() * 12)}组`,
      kind: probationary ? 'probationary' : 'full',
      joinedOn: `${joinedYear}-07-01`,
      fullOn: probationary ? null : `${joinedYear + 1}-07-01`,
      mobile: isMobile,
      destinationRegion: isMobile ? pick(destinations) : null,
      lostContact: isMobile && random() < 0.06,
      lostContactSince: isMobile ? '2025-10' : null,
    });
    progress('党员', n + 1);
  }
}
