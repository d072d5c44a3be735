import { parseYuan } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerFixtures } from '../../test/dues-fixtures.js';
import { engines, memberBody, startEnv, type TestEnv, userClient } from '../../test/harness.js';

const fen = (s: string) => parseYuan(s)!;

describe.each(engines)('dues remittance and publication on %s', (engine) => {
  let env: TestEnv;
  let fx: ReturnType<typeof ledgerFixtures>;
  const org = {} as Record<'K' | 'A' | 'G' | 'C', string>;
  const newOrg = async (name: string, type: string, parentId?: string) =>
    (
      await env.admin.post('/api/orgs', {
        name,
        type,
        regionCode: '430104',
        ...(parentId ? { parentId } : {}),
      })
    ).body.id as string;
  const newMember = async (orgId: string) =>
    (await env.admin.post('/api/members', memberBody(orgId))).body.id as string;
  let memberOfA = '';

  beforeAll(async () => {
    env = await startEnv(engine);
    fx = ledgerFixtures(env.ctx);
    const s = Math.random().toString(36).slice(2, 7);
    org.K = await newOrg(`上缴党委${s}`, 'committee');
    org.A = await newOrg(`上缴一支部${s}`, 'branch', org.K);
    org.G = await newOrg(`上缴总支${s}`, 'general_branch', org.K);
    org.C = await newOrg(`上缴三支部${s}`, 'branch', org.G);
    memberOfA = await newMember(org.A);
    await fx.assess(memberOfA, org.A, 2025, '10.00');
    await fx.pay(memberOfA, org.A, ['2025-01'], '10.00', '2025-01-08');
    await fx.pay(memberOfA, org.A, ['2025-02', '2025-03'], '10.00', '2025-02-09', { surplus: '2.00' });
    const c = await newMember(org.C);
    await fx.assess(c, org.C, 2025, '25.00');
    await fx.pay(c, org.C, ['2025-01', '2025-02', '2025-03'], '25.00', '2025-03-10');
  });
  afterAll(() => env.close());

  it('篇二 L226: a branch remits its quarter to the level above; what it sent reconciles with the ledger', async () => {
    const res = await env.admin.post('/api/dues/remittances', {
      fromOrgId: org.A,
      fromMonth: '2025-01',
      toMonth: '2025-03',
      sentOn: '2025-04-05',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ toOrgId: org.K, collected: '32.00', amount: '32.00', receivedOn: null });
    let ledger = 0n;
    for (const month of ['2025-01', '2025-02', '2025-03']) {
      const l = (await env.admin.get(`/api/dues/ledger?orgId=${org.A}&month=${month}`)).body;
      ledger += fen(l.paid) + fen(l.voluntary);
    }
    expect(ledger).toBe(fen(res.body.collected));
  });

  it('a period follows the last one and lasts at most 6 months (REMIT_PERIOD_GAP, REMIT_PERIOD_TOO_LONG)', async () => {
    const body = { fromOrgId: org.A, sentOn: '2025-12-01' };
    const gap = await env.admin.post('/api/dues/remittances', {
      ...body,
      fromMonth: '2025-05',
      toMonth: '2025-06',
    });
    expect([gap.status, gap.body.error.code]).toEqual([422, 'REMIT_PERIOD_GAP']);
    const long = await env.admin.post('/api/dues/remittances', {
      ...body,
      fromMonth: '2025-04',
      toMonth: '2025-10',
    });
    expect([long.status, long.body.error.code]).toEqual([422, 'REMIT_PERIOD_TOO_LONG']);
    const top = await env.admin.post('/api/dues/remittances', {
      ...body,
      fromOrgId: org.K,
      fromMonth: '2025-01',
      toMonth: '2025-03',
    });
    expect([top.status, top.body.error.code]).toEqual([422, 'REMIT_NO_PARENT']);
    expect((await env.admin.get(`/api/dues/remittances?orgId=${org.A}`)).body.items).toHaveLength(1);
  });

  it('each level records what it received, once, and sends it on with its own', async () => {
    const sent = await env.admin.post('/api/dues/remittances', {
      fromOrgId: org.C,
      fromMonth: '2025-01',
      toMonth: '2025-03',
      sentOn: '2025-04-02',
    });
    expect(sent.body).toMatchObject({ toOrgId: org.G, amount: '75.00' });
    // The sender's staff cannot record the receipt: the level above does.
    const cClerk = await userClient(env, org.C, 'clerk');
    const refused = await cClerk.post(`/api/dues/remittances/${sent.body.id}/receive`, {
      receivedOn: '2025-04-03',
    });
    expect([refused.status, refused.body.error.code]).toEqual([404, 'REMITTANCE_NOT_FOUND']);
    const gClerk = await userClient(env, org.G, 'clerk');
    const got = await gClerk.post(`/api/dues/remittances/${sent.body.id}/receive`, {
      receivedOn: '2025-04-03',
    });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ receivedOn: '2025-04-03', receivedAmount: '75.00' });
    const again = await gClerk.post(`/api/dues/remittances/${sent.body.id}/receive`, {
      receivedOn: '2025-04-04',
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'REMITTANCE_RECEIVED']);
    // The general branch's next period holds what it received in it.
    const up = await gClerk.post('/api/dues/remittances', {
      fromOrgId: org.G,
      fromMonth: '2025-04',
      toMonth: '2025-06',
      sentOn: '2025-07-01',
    });
    expect(up.body).toMatchObject({ toOrgId: org.K, collected: '75.00' });
    const both = (await gClerk.get(`/api/dues/remittances?orgId=${org.G}&year=2025`)).body.items;
    expect(both.map((r: { fromOrgId: string; toOrgId: string }) => [r.fromOrgId, r.toOrgId]).sort()).toEqual(
      [
        [org.C, org.G],
        [org.G, org.K],
      ].sort(),
    );
  });

  it("篇二 L226 每年公布一次: collection and use, once a year, as a PDF and on the members' portal", async () => {
    const res = await env.admin.post('/api/dues/publications', {
      orgId: org.A,
      year: 2025,
      used: [{ item: '购买党员学习资料', amount: '10.00' }],
      publishedOn: '2026-01-10',
      note: '经支委会研究',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      collected: '32.00',
      remitted: '32.00',
      used: [{ item: '购买党员学习资料', amount: '10.00' }],
    });
    const again = await env.admin.post('/api/dues/publications', {
      orgId: org.A,
      year: 2025,
      used: [],
      publishedOn: '2026-01-11',
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'PUBLICATION_EXISTS']);
    const pdf = await env.admin.get(`/api/dues/publications/${res.body.id}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.raw.toString('latin1')).toMatch(/NotoSans|NotoSerif|CJK|WenQuanYi/);

    const mine = await userClient(env, org.A, 'member', { memberId: memberOfA });
    const portal = await mine.get('/api/me/dues/publications');
    expect(portal.status).toBe(200);
    expect(portal.body.items.map((p: { id: string }) => p.id)).toEqual([res.body.id]);
    expect((await mine.get(`/api/dues/publications/${res.body.id}.pdf`)).status).toBe(200);
    const other = await userClient(env, org.C, 'member', { memberId: await newMember(org.C) });
    expect((await other.get('/api/me/dues/publications')).body.items).toEqual([]);
    expect((await other.get(`/api/dues/publications/${res.body.id}.pdf`)).status).toBe(404);
    expect((await other.get(`/api/dues/publications?orgId=${org.A}`)).status).toBe(404);
  });
});
