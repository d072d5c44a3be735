import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymous,
  buildTree,
  engines,
  memberBody,
  refreshObligations,
  startEnv,
  type TestEnv,
  userClient,
} from '../../test/harness.js';

const today = () => new Date().toISOString().slice(0, 10);
const outflow = (memberId: string, over: Record<string, unknown> = {}) => ({
  memberId,
  leftOn: today(),
  expectedMonths: 4,
  reason: 'work',
  destinationRegion: '440305',
  fixedPlace: true,
  hostHasPartyOrg: false,
  contact: '13800001234',
  ...over,
});

/** The branch's own decision that every proposal carries (RULES.md §2: the branch decides). */
const meeting = {
  on: new Date().toISOString().slice(0, 10),
  body: 'branch_general_meeting',
  votesFor: 9,
  votesAgainst: 0,
  votesAbstain: 1,
};

describe.each(engines)('mobile members on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  const newMember = async () => (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env, '430104');
  });
  afterAll(() => env.close());

  it.each([
    [2, 'work', true, true, 'none'],
    [3, 'work', false, false, 'none'],
    [4, 'work', false, false, 'activity_certificate'],
    [4, 'study', true, true, 'membership_certificate_letter'],
    [6, 'family', false, false, 'membership_certificate_letter'],
    [7, 'work', true, true, 'transfer_letter'],
    [7, 'work', true, false, 'transfer_letter'],
    [7, 'business', false, false, 'activity_certificate'],
  ])(
    'RULES.md §2 (篇三 镇 第十一条): %i months, %s, fixed=%s, host org=%s ⇒ %s',
    async (months, reason, fixedPlace, hostHasPartyOrg, doc) => {
      const m = await newMember();
      const res = await env.admin.post(
        '/api/mobility/outflows',
        outflow(m.id, { expectedMonths: months, reason, fixedPlace, hostHasPartyOrg }),
      );
      expect(res.status).toBe(201);
      expect(res.body.requiredDocument).toBe(doc);
      expect(res.body.rule).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.body.transferPending).toBe(doc === 'transfer_letter');
    },
  );

  it('accepts a fractional stay and the minimal body (3.5 months ⇒ 活动证, RULES.md §2)', async () => {
    const m = await newMember();
    const res = await env.admin.post('/api/mobility/outflows', {
      memberId: m.id,
      leftOn: today(),
      expectedMonths: 3.5,
    });
    expect(res.status).toBe(201);
    expect(res.body.requiredDocument).toBe('activity_certificate');
  });

  it('refuses a second open departure for the same member (409)', async () => {
    const m = await newMember();
    expect((await env.admin.post('/api/mobility/outflows', outflow(m.id))).status).toBe(201);
    const again = await env.admin.post('/api/mobility/outflows', outflow(m.id));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EPISODE_OPEN');
  });

  it('issues a numbered certificate with a PDF and a code anyone can verify; reissue voids the old one', async () => {
    const m = await newMember();
    const ep = (await env.admin.post('/api/mobility/outflows', outflow(m.id))).body;
    const cert = await env.admin.post(`/api/mobility/outflows/${ep.id}/certificate`);
    expect(cert.status).toBe(201);
    expect(cert.body.number).toMatch(/^流动证〔\d{4}〕\d{5}号$/);
    const check = await anonymous(env.app).get(`/api/public/letters/${cert.body.code}`);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({
      valid: true,
      kind: 'activity_certificate',
      status: 'issued',
      validUntil: cert.body.validUntil,
    });
    expect(check.body.memberName).toBe(`${[...m.name][0]}${'*'.repeat([...m.name].length - 1)}`);
    expect((await env.admin.post(`/api/mobility/outflows/${ep.id}/certificate`)).status).toBe(409);
    const pdf = await env.admin.get(`/api/mobility/outflows/${ep.id}/certificate.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.raw.toString('latin1')).toMatch(/NotoSans|CJK|WenQuanYi/);
    const again = await env.admin.post(`/api/mobility/outflows/${ep.id}/certificate/reissue`);
    expect(again.status).toBe(201);
    expect((await anonymous(env.app).get(`/api/public/letters/${cert.body.code}`)).body.valid).toBe(false);
    expect((await anonymous(env.app).get(`/api/public/letters/${again.body.code}`)).body.valid).toBe(true);
    expect((await anonymous(env.app).get('/api/public/letters/NOSUCHCODE')).status).toBe(404);
  });

  it('refuses a certificate where the rule says transfer the relationship', async () => {
    const m = await newMember();
    const ep = (
      await env.admin.post('/api/mobility/outflows', outflow(m.id, { expectedMonths: 12, fixedPlace: true }))
    ).body;
    const res = await env.admin.post(`/api/mobility/outflows/${ep.id}/certificate`);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('TRANSFER_REQUIRED');
  });

  it('lets a host register an arrival by certificate code; both sides then see the episode', async () => {
    const m = await newMember();
    const ep = (await env.admin.post('/api/mobility/outflows', outflow(m.id))).body;
    const cert = (await env.admin.post(`/api/mobility/outflows/${ep.id}/certificate`)).body;
    const host = await buildTree(env, '440305');
    const hostManager = await userClient(env, host.committee.id, 'manager');
    const inflow = await hostManager.post('/api/inflows', {
      orgId: host.branchA.id,
      arrivedOn: today(),
      certificateCode: cert.code,
    });
    expect(inflow.status).toBe(201);
    const seen = await hostManager.get(`/api/mobility/outflows/${ep.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.side).toBe('host');
    expect((await hostManager.get(`/api/members/${m.id}`)).status).toBe(404);
    expect((await env.admin.get(`/api/mobility/outflows/${ep.id}`)).body.inflowOrgName).toBe(
      host.branchA.name,
    );
    const external = await hostManager.post('/api/inflows', {
      orgId: host.branchA.id,
      arrivedOn: today(),
      name: '外省党员',
      originOrgName: '某省某村党支部',
    });
    expect(external.status).toBe(201);
    const list = await hostManager.get(`/api/inflows?orgId=${host.committee.id}`);
    expect(list.body.items.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining([m.name, '外省党员']),
    );
    expect(
      (await hostManager.post(`/api/mobility/outflows/${ep.id}/return`, { returnedOn: today() })).status,
    ).toBe(404);
  });

  it("carries the caller's abilities; a host sees the hosted stay's records only and may write none", async () => {
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const m = await newMember();
    const ep = (await env.admin.post('/api/mobility/outflows', outflow(m.id, { leftOn: daysAgo(20) }))).body;
    expect(ep.abilities).toEqual({
      edit: true,
      returnOutflow: true,
      issueCertificate: true,
      reissueCertificate: false,
      revokeCertificate: false,
      printCertificate: false,
    });
    const cert = (await env.admin.post(`/api/mobility/outflows/${ep.id}/certificate`)).body;
    const host = await buildTree(env, '440306');
    const hostManager = await userClient(env, host.committee.id, 'manager');
    const arrived = await hostManager.post('/api/inflows', {
      orgId: host.branchA.id,
      arrivedOn: daysAgo(10),
      certificateCode: cert.code,
    });
    expect(arrived.status).toBe(201);
    for (const contactedOn of [daysAgo(15), daysAgo(5)]) {
      const logged = await env.admin.post(`/api/members/${m.id}/contacts`, {
        contactedOn,
        channel: 'phone',
        reached: true,
      });
      expect(logged.status).toBe(201);
    }

    const origin = (await env.admin.get(`/api/mobility/members/${m.id}/ledger`)).body;
    expect(origin.abilities).toEqual({
      createOutflow: false,
      logContact: true,
      recordLife: true,
      recordReview: true,
      acknowledgeReport: true,
    });
    expect(origin.episodes[0].abilities).toMatchObject({
      issueCertificate: false,
      reissueCertificate: true,
      revokeCertificate: true,
      printCertificate: true,
    });
    expect(origin.contacts.map((c: { contactedOn: string }) => c.contactedOn)).toEqual([
      daysAgo(5),
      daysAgo(15),
    ]);

    const hosted = await hostManager.get(`/api/mobility/members/${m.id}/ledger`);
    expect(hosted.status).toBe(200);
    expect(Object.values(hosted.body.abilities).some(Boolean)).toBe(false);
    expect(hosted.body.episodes[0].abilities).toEqual({
      edit: false,
      returnOutflow: false,
      issueCertificate: false,
      reissueCertificate: false,
      revokeCertificate: false,
      printCertificate: true,
    });
    expect(hosted.body.contacts.map((c: { contactedOn: string }) => c.contactedOn)).toEqual([daysAgo(5)]);
    const refused = await hostManager.post(`/api/members/${m.id}/contacts`, {
      channel: 'phone',
      reached: true,
    });
    expect(refused.status).toBe(404);
    expect((await hostManager.post(`/api/letters/${cert.id}/revoke`, { reason: '测试' })).status).toBe(404);
  });

  it('turns the monthly contact and report obligations ok when done (篇九 一月一联系、一月一汇报)', async () => {
    const m = await newMember();
    await env.admin.post('/api/mobility/outflows', outflow(m.id, { leftOn: `${today().slice(0, 7)}-01` }));
    const before = await env.admin.get(`/api/obligations?orgId=${tree.committee.id}&memberId=${m.id}`);
    const kinds = before.body.items.map((o: { kind: string }) => o.kind);
    expect(kinds).toEqual(expect.arrayContaining(['monthly_contact', 'monthly_report', 'yearly_review']));
    expect(
      await env.admin.post(`/api/members/${m.id}/contacts`, { channel: 'phone', reached: true }),
    ).toMatchObject({ status: 201 });
    const member = await userClient(env, tree.branchA.id, 'member', { memberId: m.id });
    const report = await member.post('/api/me/reports', {
      content: '本月在深圳务工，坚持学习党的理论，按时参加线上组织生活。',
    });
    expect(report.status).toBe(201);
    expect((await member.post('/api/me/reports', { content: '重复提交的思想汇报内容测试文字' })).status).toBe(
      409,
    );
    const after = await env.admin.get(`/api/obligations?memberId=${m.id}`);
    const state = (kind: string) => after.body.items.find((o: { kind: string }) => o.kind === kind)?.state;
    expect(state('monthly_contact')).toBe('ok');
    expect(state('monthly_report')).toBe('ok');
    const ledger = await env.admin.get(`/api/mobility/members/${m.id}/ledger`);
    expect(ledger.body.contacts).toHaveLength(1);
    expect(ledger.body.reports).toHaveLength(1);
  });

  it('owes nothing after return, and the certificate stops verifying', async () => {
    const m = await newMember();
    const ep = (await env.admin.post('/api/mobility/outflows', outflow(m.id))).body;
    const cert = (await env.admin.post(`/api/mobility/outflows/${ep.id}/certificate`)).body;
    const back = await env.admin.post(`/api/mobility/outflows/${ep.id}/return`, { returnedOn: today() });
    expect(back.body.status).toBe('returned');
    expect((await env.admin.get(`/api/obligations?memberId=${m.id}`)).body.items).toEqual([]);
    expect((await anonymous(env.app).get(`/api/public/letters/${cert.code}`)).body.valid).toBe(false);
    expect((await env.admin.get(`/api/members/${m.id}`)).body.mobile).toBe(false);
    expect((await env.admin.get(`/api/mobility/outflows/${ep.id}/certificate.pdf`)).status).toBe(409);
    expect(
      (await env.admin.post(`/api/mobility/outflows/${ep.id}/return`, { returnedOn: today() })).status,
    ).toBe(409);
  });

  it('follows the lost-contact path: flag, stop by committee approval, restore (RULES.md §2)', async () => {
    const m = await newMember();
    const flag = await env.admin.post(`/api/members/${m.id}/lost-contact`, {
      since: '2025-01',
      reasonCode: 'work_business',
    });
    expect(flag.status).toBe(200);
    const early = await newMember();
    await env.admin.post(`/api/members/${early.id}/lost-contact`, {
      since: today().slice(0, 7),
      reasonCode: 'other',
    });
    const tooSoon = await env.admin.post(`/api/members/${early.id}/standing-cases`, {
      kind: 'stop',
      meeting,
    });
    expect(tooSoon.status).toBe(422);
    const proposal = await env.admin.post(`/api/members/${m.id}/standing-cases`, {
      kind: 'stop',
      meeting,
      reasonCode: 'lost_contact',
    });
    expect(proposal.status).toBe(201);
    const branchManager = await userClient(env, tree.branchA.id, 'manager');
    const notCommittee = await branchManager.post(`/api/standing-cases/${proposal.body.id}/decide`, {
      approve: true,
    });
    expect(notCommittee.status).toBe(403);
    const clerk = await userClient(env, tree.committee.id, 'clerk');
    expect(
      (await clerk.post(`/api/standing-cases/${proposal.body.id}/decide`, { approve: true })).status,
    ).toBe(403);
    const committeeManager = await userClient(env, tree.committee.id, 'manager');
    const decided = await committeeManager.post(`/api/standing-cases/${proposal.body.id}/decide`, {
      approve: true,
    });
    expect(decided.body.status).toBe('approved');
    expect((await env.admin.get(`/api/members/${m.id}`)).body).toMatchObject({
      standing: 'stopped',
      stopReason: 'lost_contact',
    });
    const lapse = await env.admin.post(`/api/members/${m.id}/standing-cases`, { kind: 'lapse', meeting });
    expect(lapse.status).toBe(422);
    const restore = await env.admin.post(`/api/members/${m.id}/standing-cases`, { kind: 'restore', meeting });
    await committeeManager.post(`/api/standing-cases/${restore.body.id}/decide`, { approve: true });
    expect((await env.admin.get(`/api/members/${m.id}`)).body).toMatchObject({
      standing: 'normal',
      lostContact: false,
    });
  });

  it('counts mobile members by destination and reason', async () => {
    const stats = await env.admin.get(`/api/stats/mobility?orgId=${tree.committee.id}`);
    expect(stats.status).toBe(200);
    const gd = stats.body.provinces.find((p: { code: string }) => p.code === '440000');
    expect(gd.n).toBeGreaterThan(0);
    expect(gd.name).toBe('广东省');
    expect(stats.body.reasons.length).toBeGreaterThan(0);
  });

  it('exports the 预警 list as a real xlsx', async () => {
    const res = await env.admin.get(`/api/obligations/export?orgId=${tree.committee.id}`);
    expect(res.status).toBe(200);
    expect(res.raw.subarray(0, 2).toString()).toBe('PK');
  });

  it('turns an online group with 3 full members into a 流动党员党支部 (篇七)', async () => {
    const group = (
      await env.admin.post('/api/orgs', { name: '深圳线上党小组', type: 'group', parentId: tree.branchA.id })
    ).body;
    await env.admin.post('/api/members', memberBody(group.id));
    await env.admin.post('/api/members', memberBody(group.id));
    const tooFew = await env.admin.post(`/api/orgs/${group.id}/promote`, {});
    expect(tooFew.status).toBe(422);
    await env.admin.post('/api/members', memberBody(group.id));
    const promoted = await env.admin.post(`/api/orgs/${group.id}/promote`, { name: '驻深圳流动党员党支部' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({
      type: 'mobile_branch',
      parentId: tree.committee.id,
      name: '驻深圳流动党员党支部',
    });
  });

  it('queues one reminder per overdue obligation into the member inbox (篇三 短信提醒)', async () => {
    const m = await newMember();
    const twoMonthsAgo = new Date(Date.now() - 62 * 86_400_000).toISOString().slice(0, 10);
    await env.admin.post('/api/mobility/outflows', outflow(m.id, { leftOn: twoMonthsAgo }));
    const refresh = await refreshObligations(env.admin);
    expect(refresh.status).toBe('done');
    const member = await userClient(env, tree.branchA.id, 'member', { memberId: m.id });
    const inbox = await member.get('/api/me/inbox');
    const titles = inbox.body.items.map((n: { title: string }) => n.title);
    expect(titles).toContain('思想汇报逾期');
    const again = await refreshObligations(env.admin);
    expect(again.status).toBe('done');
    const after = await member.get('/api/me/inbox');
    expect(after.body.items.length).toBe(inbox.body.items.length);
    const breached = await env.admin.get(`/api/obligations?memberId=${m.id}&state=overdue`);
    expect(
      breached.body.items.length +
        (await env.admin.get(`/api/obligations?memberId=${m.id}&state=breached`)).body.items.length,
    ).toBeGreaterThan(0);
  });
});
