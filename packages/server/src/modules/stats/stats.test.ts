import { ageBand, type Education, locationOf, makeIdNumber, statsEducationBucket } from '@dangjian/core';
import fc from 'fast-check';
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

/**
 * API.md `/api/stats/members`: age bands in whole years on asOf (RULES.md §9, 篇七), education
 * buckets 博士/硕士/本科/专科/中专/other, location relative to the queried organization's place,
 * standing with lostContact counted whatever the standing.
 */

const ASOF = '2025-03-15';

let idSeq = 0;
/** Unique valid ID numbers (own region code, so no clash with harness-made members). */
function idFor(birthDate: string, gender: 'male' | 'female') {
  idSeq += 1;
  return makeIdNumber('110105', birthDate, idSeq % 500, gender);
}

interface Spec {
  birthDate: string;
  education?: Education | null;
  mobile?: boolean;
  destinationRegion?: string | null;
  standing?: 'normal' | 'stopped';
  lostContact?: boolean;
}

async function addMember(client: Client, orgId: string, s: Spec) {
  const gender = idSeq % 2 ? 'male' : 'female';
  const year = Number(s.birthDate.slice(0, 4));
  const body = memberBody(orgId, {
    birthDate: s.birthDate,
    gender,
    idNumber: idFor(s.birthDate, gender),
    joinedOn: `${year + 19}-01-01`,
    fullOn: `${year + 20}-01-01`,
    education: s.education === undefined ? 'bachelor' : s.education,
    mobile: s.mobile ?? false,
    destinationRegion: s.mobile ? (s.destinationRegion ?? null) : null,
    standing: s.standing ?? 'normal',
    stopReason: s.standing === 'stopped' ? (s.lostContact ? 'lost_contact' : 'abroad') : null,
    lostContact: s.lostContact ?? false,
    lostContactSince: s.lostContact ? '2024-05' : null,
  });
  const res = await client.post('/api/members', body);
  if (res.status !== 201) throw new Error(`create member failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function createOrg(env: TestEnv, body: Record<string, unknown>) {
  const res = await env.admin.post('/api/orgs', body);
  if (res.status !== 201) throw new Error(`create org failed: ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

const zero = {
  ageBands: { '<=25': 0, '26-30': 0, '31-35': 0, '36-40': 0, '>=41': 0 },
  education: { doctor: 0, master: 0, bachelor: 0, college: 0, secondary: 0, other: 0 },
  location: { local: 0, province: 0, outside: 0, unknown: 0 },
  standing: { normal: 0, stopped: 0, lostContact: 0 },
};

describe.each(engines)('member statistics on %s', (engine) => {
  let env: TestEnv;
  /** Committee C in 长沙市岳麓区 (430104); branch A inherits its place, branch B is in 株洲市荷塘区 (430202). */
  let C: { id: string };
  let A: { id: string };
  let B: { id: string };

  beforeAll(async () => {
    env = await startEnv(engine);
    const suffix = `${Date.now() % 100000}`;
    C = await createOrg(env, { name: `统计党委${suffix}`, type: 'committee', regionCode: '430104' });
    A = await createOrg(env, { name: `统计一支部${suffix}`, type: 'branch', parentId: C.id });
    B = await createOrg(env, {
      name: `统计二支部${suffix}`,
      type: 'branch',
      parentId: C.id,
      regionCode: '430202',
    });
    const specs: [{ id: string }, Spec][] = [
      // Turns 26 exactly on asOf → 26-30; local by A's inherited place.
      [A, { birthDate: '1999-03-15', education: 'doctor' }],
      // Turns 26 the day after asOf → still 25 → <=25.
      [A, { birthDate: '1999-03-16', education: 'master' }],
      // Mobile to 长沙市芙蓉区 430102: same city → local. 31 on asOf.
      [A, { birthDate: '1994-03-15', education: 'bachelor', mobile: true, destinationRegion: '430102' }],
      // Mobile to 株洲市荷塘区 430202: same province, other city → province. 30 on asOf.
      [A, { birthDate: '1994-03-16', education: 'college', mobile: true, destinationRegion: '430202' }],
      // Mobile to 深圳市南山区 440305: another province → outside. 36 on asOf.
      [C, { birthDate: '1989-03-15', education: 'secondary', mobile: true, destinationRegion: '440305' }],
      // Not mobile, in B (own place 430202) → province from C's view. 35; 高中 → other.
      [B, { birthDate: '1989-03-16', education: 'high_school' }],
      // Stopped standing; 41; 初中及以下 → other.
      [C, { birthDate: '1984-03-15', education: 'junior', standing: 'stopped' }],
      // 失联 while standing normal: counts in normal AND lostContact. 40; 'other' → other.
      [B, { birthDate: '1984-03-16', education: 'other', lostContact: true }],
      // 失联 and stopped: counts in stopped AND lostContact; no education → other.
      [A, { birthDate: '1960-01-01', education: null, standing: 'stopped', lostContact: true }],
    ];
    for (const [org, spec] of specs) await addMember(env.admin, org.id, spec);
  });
  afterAll(() => env.close());

  it('counts the committee subtree exactly per API.md', async () => {
    const res = await env.admin.get(`/api/stats/members?orgId=${C.id}&asOf=${ASOF}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: 9,
      ageBands: { '<=25': 1, '26-30': 2, '31-35': 2, '36-40': 2, '>=41': 2 },
      education: { doctor: 1, master: 1, bachelor: 1, college: 1, secondary: 1, other: 4 },
      location: { local: 5, province: 3, outside: 1, unknown: 0 },
      standing: { normal: 7, stopped: 2, lostContact: 2 },
    });
  });

  it('places members relative to the queried organization (branch B in 株洲 sees its own as local)', async () => {
    const b = await env.admin.get(`/api/stats/members?orgId=${B.id}&asOf=${ASOF}`);
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({
      total: 2,
      location: { local: 2, province: 0, outside: 0, unknown: 0 },
      standing: { normal: 2, stopped: 0, lostContact: 1 },
      ageBands: { '<=25': 0, '26-30': 0, '31-35': 1, '36-40': 1, '>=41': 0 },
    });
    // Branch A has no place of its own: it inherits 长沙市岳麓区 from C.
    const a = await env.admin.get(`/api/stats/members?orgId=${A.id}&asOf=${ASOF}`);
    expect(a.body).toMatchObject({
      total: 5,
      location: { local: 4, province: 1, outside: 0, unknown: 0 },
      standing: { normal: 4, stopped: 1, lostContact: 1 },
    });
  });

  it('moves members between age bands exactly on their birthday (whole years on asOf)', async () => {
    // The day before: the 1999-03-15 member is still 25, the 1994-03-15 one 30, the 1989-03-15 one 35,
    // the 1984-03-15 one 40.
    const before = await env.admin.get(`/api/stats/members?orgId=${C.id}&asOf=2025-03-14`);
    expect(before.body.ageBands).toEqual({ '<=25': 2, '26-30': 2, '31-35': 2, '36-40': 2, '>=41': 1 });
    // The day after: everyone born 03-16 has had the birthday too.
    const after = await env.admin.get(`/api/stats/members?orgId=${C.id}&asOf=2025-03-16`);
    expect(after.body.ageBands).toEqual({ '<=25': 0, '26-30': 2, '31-35': 2, '36-40': 2, '>=41': 3 });
    expect(after.body.asOf).toBe('2025-03-16');
  });

  it('a tree with no region anywhere puts everyone, mobile or not, under unknown', async () => {
    const U = await createOrg(env, { name: `无地区党委${Date.now() % 100000}`, type: 'committee' });
    const UB = await createOrg(env, {
      name: `无地区支部${Date.now() % 100000}`,
      type: 'branch',
      parentId: U.id,
    });
    await addMember(env.admin, UB.id, { birthDate: '1980-05-05' });
    await addMember(env.admin, U.id, { birthDate: '1981-06-06', mobile: true, destinationRegion: '440305' });
    const res = await env.admin.get(`/api/stats/members?orgId=${U.id}&asOf=${ASOF}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      total: 2,
      location: { local: 0, province: 0, outside: 0, unknown: 2 },
      regionCode: null,
    });
    // A branch below with a place of its own knows where its member is.
    const placed = await createOrg(env, {
      name: `有地区支部${Date.now() % 100000}`,
      type: 'branch',
      parentId: U.id,
      regionCode: '440305',
    });
    await addMember(env.admin, placed.id, { birthDate: '1982-07-07' });
    const own = await env.admin.get(`/api/stats/members?orgId=${placed.id}&asOf=${ASOF}`);
    expect(own.body.location).toEqual({ local: 1, province: 0, outside: 0, unknown: 0 });
    // From U (no place) it stays unknown.
    const fromTop = await env.admin.get(`/api/stats/members?orgId=${U.id}&asOf=${ASOF}`);
    expect(fromTop.body.location).toEqual({ local: 0, province: 0, outside: 0, unknown: 3 });
  });

  it('an empty organization has all-zero counts', async () => {
    const { branchB } = await buildTree(env);
    const res = await env.admin.get(`/api/stats/members?orgId=${branchB.id}&asOf=${ASOF}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 0, ...zero });
  });

  it('scope: a manager of branch A asking for branch B gets 404; staff of the subtree may read', async () => {
    const tree = await buildTree(env);
    const manager = await userClient(env, tree.branchA.id, 'manager');
    const res = await manager.get(`/api/stats/members?orgId=${tree.branchB.id}&asOf=${ASOF}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('ORG_NOT_FOUND');
    const up = await manager.get(`/api/stats/members?orgId=${tree.committee.id}&asOf=${ASOF}`);
    expect(up.status).toBe(404);
    const outside = await manager.get(`/api/stats/members?orgId=${C.id}&asOf=${ASOF}`);
    expect(outside.status).toBe(404);
    expect((await manager.get(`/api/stats/members?orgId=${tree.branchA.id}&asOf=${ASOF}`)).status).toBe(200);
    // Without orgId the caller's own organization is counted, never the whole system.
    const own = await manager.get(`/api/stats/members?asOf=${ASOF}`);
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(0);
    for (const role of ['clerk', 'auditor']) {
      const client = await userClient(env, C.id, role);
      const r = await client.get(`/api/stats/members?orgId=${C.id}&asOf=${ASOF}`);
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(9);
    }
  });

  it('refuses a malformed asOf with 400', async () => {
    for (const asOf of ['2025-02-30', '20250315', 'yesterday']) {
      const res = await env.admin.get(`/api/stats/members?orgId=${C.id}&asOf=${asOf}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('agrees with ageBand, locationOf and the education buckets of @dangjian/core on generated trees', async () => {
    const places = ['430104', '430102', '430202', '440305', '110101', '431102', '650102'];
    const educations: (Education | null)[] = [
      'doctor',
      'master',
      'bachelor',
      'college',
      'secondary',
      'high_school',
      'junior',
      'other',
      null,
    ];
    const day = (from: string, to: string) =>
      fc
        .integer({ min: Date.parse(`${from}T00:00:00Z`), max: Date.parse(`${to}T00:00:00Z`) })
        .map((ms) => new Date(ms - (ms % 86_400_000)).toISOString().slice(0, 10));
    // Leap-day births are the classic age trap: include them on purpose.
    const birth = fc.oneof(
      day('1950-01-01', '2004-12-31'),
      fc.constantFrom('1996-02-29', '2000-02-29', '1980-02-29', '2004-02-29'),
    );
    const memberArb = fc.record({
      org: fc.constantFrom(0, 1, 2),
      birthDate: birth,
      education: fc.constantFrom(...educations),
      mobile: fc.boolean(),
      destinationRegion: fc.constantFrom(...places),
      standing: fc.constantFrom('normal' as const, 'stopped' as const),
      lostContact: fc.boolean(),
    });
    const treeArb = fc.record({
      committeeRegion: fc.option(fc.constantFrom(...places), { nil: null }),
      branchRegion: fc.option(fc.constantFrom(...places), { nil: null }),
    });
    const asOfArb = fc.oneof(
      day('2023-01-01', '2026-11-01'),
      fc.constantFrom('2025-02-28', '2024-02-29', '2026-03-01'),
    );

    await fc.assert(
      fc.asyncProperty(
        treeArb,
        fc.array(memberArb, { minLength: 1, maxLength: 6 }),
        asOfArb,
        async (tree, ms, asOf) => {
          const s = Date.now() % 1_000_000;
          const top = await createOrg(env, {
            name: `性质党委${s}${idSeq}`,
            type: 'committee',
            regionCode: tree.committeeRegion,
          });
          const inheriting = await createOrg(env, {
            name: `继承支部${s}${idSeq}`,
            type: 'branch',
            parentId: top.id,
          });
          const own = await createOrg(env, {
            name: `自有支部${s}${idSeq}`,
            type: 'branch',
            parentId: top.id,
            regionCode: tree.branchRegion,
          });
          const orgs = [
            { id: top.id, place: tree.committeeRegion },
            { id: inheriting.id, place: tree.committeeRegion },
            { id: own.id, place: tree.branchRegion ?? tree.committeeRegion },
          ];
          const expected = structuredClone({ total: ms.length, ...zero });
          for (const m of ms) {
            const org = orgs[m.org]!;
            await addMember(env.admin, org.id, m);
            expected.ageBands[ageBand(m.birthDate, asOf)] += 1;
            expected.education[statsEducationBucket(m.education)] += 1;
            expected.location[locationOf(m.mobile ? m.destinationRegion : org.place, tree.committeeRegion)] +=
              1;
            expected.standing[m.standing] += 1;
            if (m.lostContact) expected.standing.lostContact += 1;
          }
          const res = await env.admin.get(`/api/stats/members?orgId=${top.id}&asOf=${asOf}`);
          expect(res.status).toBe(200);
          expect(res.body).toMatchObject(expected);
        },
      ),
      { numRuns: 8, seed: 20250315 },
    );
  });
});
