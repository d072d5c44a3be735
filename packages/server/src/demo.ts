import {
  addDays,
  addMonths,
  type ContactChannel,
  makeIdNumber,
  type OrgType,
  type OutflowReason,
} from '@dangjian/core';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from './context.js';
import { orgs, users } from './db/schema.js';
import type { Actor } from './lib/authz.js';
import { isWithin } from './lib/authz.js';
import { today } from './lib/clock.js';
import { recordLife } from './modules/meetings/index.js';
import { createMember } from './modules/members/index.js';
import { flagLostContact, logContact, submitReport, updateOutflow } from './modules/mobility/index.js';
import { addPost, createOrg } from './modules/orgs/index.js';

const surnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
// Given names by gender, so that a name reads as the ID number's gender does.
export const givenMale = [...'伟强磊军洋勇杰涛明超刚建国辉鹏飞志峰宇浩然轩阳晨俊斌文华平林波亮'];
export const givenFemale = [...'芳娜秀英敏静丽艳娟霞桂兰红梅玲燕丹雪琳婷欣怡慧莉萍倩颖佳悦'];
const HOME = '430182';
/** Where the township's villagers go to work (篇七's pattern), over several provinces. */
const destinations = [
  '430104',
  '430102',
  '430202',
  '440106',
  '330106',
  '310115',
  '320505',
  '110105',
  '500103',
  '350206',
  '440305',
];
const shenzhen = ['440303', '440304', '440305', '440306', '440307'];
const villageOccupations = [
  '农牧渔民',
  '农牧渔民',
  '工人',
  '专业技术人员',
  '企业管理人员',
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

interface DemoMember {
  id: string;
  orgId: string;
  kind: 'full' | 'probationary';
}

/**
 * On an empty database only: a township a trainer can show (`npm run demo`), deterministic (seeded
 * PRNG, dates counted from today): a 党委 with two 党总支, six village branches and their groups, a
 * school branch, a 驻深圳 流动党员党支部 whose members live in Shenzhen, and a 流动党员管理服务中心
 * (篇七) holding graduates in several cities in online 党小组; every organization has its region,
 * its secretary and a current term. Mobile members come as the register brings them (是否为流动党员,
 * 外出流向 on the member record), most completed by the secretary with a season of monthly contacts
 * and thought reports, a few still 待补全, a few genuinely lost (no contact for more than 6 months).
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
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const now = today();
  // Terms in progress: a 3-year branch term begun 14 months ago, a 5-year committee term 26 months ago.
  const branchTerm = { termStartedOn: addMonths(now, -14), termEndsOn: addDays(addMonths(now, 22), -1) };
  const committeeTerm = { termStartedOn: addMonths(now, -26), termEndsOn: addDays(addMonths(now, 34), -1) };
  const org = (name: string, type: OrgType, parentId: string | null, regionCode: string, term = true) =>
    createOrg(ctx, actor, {
      name,
      type,
      parentId,
      regionCode,
      ...(term ? (type === 'committee' ? committeeTerm : branchTerm) : {}),
    });

  const township = await org('中共示范镇委员会', 'committee', null, HOME);
  const villages = ['青山村', '石桥村', '柳塘村', '双河村', '新华村', '金塘村'];
  const generals: string[] = [];
  const branches: string[] = [];
  for (const [i, generalName] of ['农村第一党总支', '农村第二党总支'].entries()) {
    const general = await org(generalName, 'general_branch', township.id, HOME);
    generals.push(general.id);
    for (const village of villages.slice(i * 3, i * 3 + 3)) {
      const branch = await org(`${village}党支部`, 'branch', general.id, HOME);
      branches.push(branch.id);
      await org(`${village}第一党小组`, 'group', branch.id, HOME, false);
    }
  }
  const school = await org('示范镇中学党支部', 'branch', township.id, HOME);
  branches.push(school.id);
  // 篇十: where many members flow in, the origin sets up a 流动党员党支部 there.
  const shenzhenBranch = await org('示范镇驻深圳流动党员党支部', 'mobile_branch', township.id, '440305');
  // 篇七: a talent-service centre holds graduates' relationships, its online groups as 党小组.
  const centre = await org('示范镇流动党员管理服务中心党总支', 'general_branch', township.id, HOME);
  generals.push(centre.id);
  const graduates = await org('高校毕业生流动党员党支部', 'branch', centre.id, HOME);
  const onlineGroups: { id: string; city: string }[] = [];
  for (const [name, city] of [
    ['长沙', '430104'],
    ['深圳', '440305'],
    ['杭州', '330106'],
    ['广州', '440106'],
    ['上海', '310115'],
  ] as const) {
    const group = await org(`${name}线上党小组`, 'group', graduates.id, city, false);
    onlineGroups.push({ id: group.id, city });
  }

  const seen = new Set<string>();
  const people: DemoMember[] = [];
  const mobiles: { member: DemoMember; name: string; group: 'village' | 'shenzhen' | 'graduate' }[] = [];
  const newMember = async (opts: {
    orgId: string;
    birthYear: [number, number];
    occupation: string;
    education?: (typeof educations)[number];
    mobile?: string | null;
  }) => {
    const gender = random() < 0.62 ? 'male' : 'female';
    const year = between(...opts.birthYear);
    const birthDate = `${year}-${String(between(1, 12)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;
    let idNumber = makeIdNumber(HOME, birthDate, between(0, 499), gender);
    while (seen.has(idNumber)) idNumber = makeIdNumber(HOME, birthDate, between(0, 499), gender);
    seen.add(idNumber);
    const joinedYear = Math.min(Number(now.slice(0, 4)) - 1, year + between(19, 35));
    const probationary = joinedYear >= Number(now.slice(0, 4)) - 1 && random() < 0.5;
    const given = gender === 'male' ? givenMale : givenFemale;
    const name = `${pick(surnames)}${pick(given)}${random() < 0.6 ? pick(given) : ''}`;
    const created = await createMember(ctx, actor, {
      orgId: opts.orgId,
      name,
      gender,
      ethnicity: random() < 0.92 ? '汉族' : '土家族',
      idNumber,
      birthDate,
      education: opts.education ?? pick(educations),
      occupation: opts.occupation,
      phone: `1${pick(['39', '58', '86', '37', '77'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      address: `湖南省长沙市宁乡市示范镇${pick(villages)}${between(1, 12)}组`,
      kind: probationary ? 'probationary' : 'full',
      joinedOn: `${joinedYear}-07-01`,
      fullOn: probationary ? null : `${joinedYear + 1}-07-01`,
      // The register's own mark: the mobile members' episodes open from it (mobility/register.ts).
      mobile: opts.mobile != null,
      destinationRegion: opts.mobile ?? null,
    });
    const member = { id: created.id, orgId: opts.orgId, kind: created.kind } as DemoMember;
    people.push(member);
    progress('党员', people.length);
    return { member, name };
  };

  for (let n = 0; n < 240; n++) {
    const orgId = n < 200 ? branches[n % 6]! : school.id;
    const year = between(1948, 2001);
    const away = orgId !== school.id && year > 1965 && random() < 0.3;
    const { member, name } = await newMember({
      orgId,
      birthYear: [year, year],
      occupation:
        orgId === school.id ? '专业技术人员' : year < 1962 ? '离退休人员' : pick(villageOccupations),
      mobile: away ? pick(destinations) : null,
    });
    if (away) mobiles.push({ member, name, group: 'village' });
  }
  for (let n = 0; n < 15; n++) {
    const destination = pick(shenzhen);
    const { member, name } = await newMember({
      orgId: shenzhenBranch.id,
      birthYear: [1970, 1998],
      occupation: pick(['工人', '企业管理人员', '其他职业人员']),
      mobile: destination,
    });
    mobiles.push({ member, name, group: 'shenzhen' });
  }
  for (let n = 0; n < 30; n++) {
    const group = onlineGroups[n % onlineGroups.length]!;
    const { member, name } = await newMember({
      orgId: group.id,
      birthYear: [1999, 2003],
      occupation: pick(['专业技术人员', '其他职业人员']),
      education: random() < 0.3 ? 'master' : 'bachelor',
      mobile: group.city,
    });
    mobiles.push({ member, name, group: 'graduate' });
  }

  // Posts: every organization but the groups gets a secretary (and deputies, committee members) for its term.
  const subtreeMembers = async (orgId: string) =>
    ctx.database.rows<{ id: string }>(sql`
      select m.id from members m join orgs o on o.id = m.org_id, orgs t
      where t.id = ${orgId} and ${isWithin(sql`o.path`, sql`t.path`)} and m.kind = 'full' and m.exit_kind is null
      order by m.created_at, m.id`);
  const postsFor = async (
    orgId: string,
    term: { termStartedOn: string; termEndsOn: string },
    extra: number,
  ) => {
    const candidates = await subtreeMembers(orgId);
    const chosen = candidates.slice(0, 1 + extra);
    for (const [i, m] of chosen.entries()) {
      await addPost(ctx, actor, orgId, {
        memberId: m.id,
        kind: i === 0 ? 'secretary' : i === 1 ? 'deputy_secretary' : 'committee_member',
        startedOn: term.termStartedOn,
        endsOn: term.termEndsOn,
      });
    }
  };
  await postsFor(township.id, committeeTerm, 4);
  for (const id of generals) await postsFor(id, branchTerm, 2);
  for (const id of [...branches, shenzhenBranch.id, graduates.id]) await postsFor(id, branchTerm, 2);

  // The secretary completes what the register did not say: departure, stay, reason (RULES.md §2).
  const episodeOf = async (memberId: string) =>
    (
      await ctx.database.rows<{ id: string }>(
        sql`select id from mobility_episodes where member_id = ${memberId} and status = 'open'`,
      )
    )[0]!.id;
  const channelsBy: Record<(typeof mobiles)[number]['group'], ContactChannel[]> = {
    village: ['phone', 'wechat', 'family', 'phone', 'sms'],
    shenzhen: ['wechat', 'phone', 'visit'],
    graduate: ['wechat', 'email', 'class_cadre', 'class_teacher'],
  };
  const reasonsBy: Record<(typeof mobiles)[number]['group'], OutflowReason[]> = {
    village: ['work', 'work', 'business', 'accompany', 'work'],
    shenzhen: ['work', 'business'],
    graduate: ['graduate', 'work', 'study'],
  };
  const thisMonth = now.slice(0, 7);
  let done = 0;
  for (const [i, mobile] of mobiles.entries()) {
    const { member, name, group } = mobile;
    // Every eighth stays as the register left it: a task for the secretary (待补全).
    if (i % 8 === 7) continue;
    const lost = i % 19 === 5;
    const leftOn = addDays(now, -between(lost ? 300 : 130, lost ? 420 : 540));
    const expectedMonths = pick([4, 6, 8, 12, 12, 24]);
    await updateOutflow(ctx, actor, await episodeOf(member.id), {
      leftOn,
      expectedMonths,
      reason: pick(reasonsBy[group]),
      // 驻深圳 and graduates move about: their relationship stays home on a 活动证 (篇三 第十一条).
      fixedPlace: group === 'village' ? random() < 0.5 : false,
      hostHasPartyOrg: group === 'village' && random() < 0.3,
      relationshipCanMove: group === 'village' ? random() < 0.5 : true,
      contact: `1${pick(['39', '58', '86'])}${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
      inflowOrgName:
        group === 'shenzhen' ? shenzhenBranch.name : random() < 0.3 ? '流入地社区党委（待确认）' : undefined,
      expectedReturnOn: random() < 0.5 ? addMonths(leftOn, expectedMonths) : undefined,
    });
    const channels = channelsBy[group];
    if (lost) {
      // Genuinely lost: reached once after leaving, since then only failed attempts (篇七).
      const last = addDays(leftOn, 20);
      await logContact(ctx, actor, member.id, { contactedOn: last, channel: 'phone', reached: true });
      for (const back of [2, 1]) {
        await logContact(ctx, actor, member.id, {
          contactedOn: addMonths(now, -back),
          channel: pick(channels),
          reached: false,
          note: '电话停机，微信未回复',
        });
      }
      await flagLostContact(ctx, actor, member.id, { since: last.slice(0, 7), reasonCode: 'work_business' });
    } else {
      // A season: a contact and a report in each of the last three months; this month not yet for some.
      const self: Actor = { ...actor, role: 'member', memberId: member.id, username: name };
      for (const back of [3, 2, 1, 0]) {
        const day = addDays(`${addMonths(now, -back).slice(0, 7)}-01`, between(2, 25));
        if (back === 0 && (random() < 0.4 || day > now)) continue;
        await logContact(ctx, actor, member.id, { contactedOn: day, channel: pick(channels), reached: true });
        const month = day.slice(0, 7);
        if (month <= thisMonth && random() < 0.85) {
          await submitReport(ctx, self, {
            month,
            content: `${month} 思想汇报：本月在外${group === 'graduate' ? '工作学习' : '务工'}情况良好，按时参加线上学习。`,
          });
        }
      }
      if (random() < 0.5) {
        await recordLife(ctx, actor, member.id, {
          heldOn: addDays(now, -between(5, 80)),
          mode: group === 'village' ? 'present' : 'online',
          topic: '主题党日：学习党章',
        });
      }
    }
    progress('流动党员', ++done);
  }
}
