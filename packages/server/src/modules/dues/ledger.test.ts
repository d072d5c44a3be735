import { type LedgerEntry, parseYuan, rollUpLedger } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerFixtures } from '../../test/dues-fixtures.js';
import { engines, memberBody, startEnv, type TestEnv, userClient } from '../../test/harness.js';
import { duesPaidThrough } from './index.js';

const fen = (s: string) => parseYuan(s)!;

describe.each(engines)('dues ledger on %s', (engine) => {
  let env: TestEnv;
  let fx: ReturnType<typeof ledgerFixtures>;
  // committee → A, B, G (general branch) → C: three levels below the committee.
  const org = {} as Record<'K' | 'A' | 'B' | 'G' | 'C', { id: string; parentId: string | null }>;
  const newOrg = async (name: string, type: string, parentId?: string) => {
    const res = await env.admin.post('/api/orgs', {
      name,
      type,
      regionCode: '430104',
      ...(parentId ? { parentId } : {}),
    });
    return { id: res.body.id as string, parentId: parentId ?? null };
  };
  const newMember = async (orgId: string) =>
    (await env.admin.post('/api/members', memberBody(orgId))).body.id as string;

  beforeAll(async () => {
    env = await startEnv(engine);
    fx = ledgerFixtures(env.ctx);
    const suffix = Math.random().toString(36).slice(2, 7);
    org.K = await newOrg(`台账党委${suffix}`, 'committee');
    org.A = await newOrg(`台账一支部${suffix}`, 'branch', org.K.id);
    org.B = await newOrg(`台账二支部${suffix}`, 'branch', org.K.id);
    org.G = await newOrg(`台账总支${suffix}`, 'general_branch', org.K.id);
    org.C = await newOrg(`台账三支部${suffix}`, 'branch', org.G.id);
  });
  afterAll(() => env.close());

  it('API.md ledger: due is the assessed month, paid what was paid for it whenever paid, surplus apart', async () => {
    const [a1, a2, b1] = [await newMember(org.A.id), await newMember(org.A.id), await newMember(org.B.id)];
    await fx.assess(a1, org.A.id, 2025, '30.00');
    await fx.assess(a2, org.A.id, 2025, '12.50');
    await fx.assess(b1, org.B.id, 2025, '100.00');
    // a1 pays March in March with 5 yuan voluntary; a2 back-pays March in May (counted for March);
    // b1 pays April only.
    await fx.pay(a1, org.A.id, ['2025-03'], '30.00', '2025-03-08', { surplus: '5.00' });
    await fx.pay(a2, org.A.id, ['2025-03', '2025-04'], '12.50', '2025-05-02');
    await fx.pay(b1, org.B.id, ['2025-04'], '100.00', '2025-04-09');

    const res = await env.admin.get(`/api/dues/ledger?orgId=${org.K.id}&month=2025-03`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ due: '142.50', paid: '42.50', members: 3, voluntary: '5.00' });
    const a = res.body.children.find((c: { orgId: string }) => c.orgId === org.A.id);
    const b = res.body.children.find((c: { orgId: string }) => c.orgId === org.B.id);
    expect(a).toMatchObject({ due: '42.50', paid: '42.50', members: 2 });
    expect(b).toMatchObject({ due: '100.00', paid: '0.00', members: 1 });
    // Children carry the three fields of API.md.
    for (const c of res.body.children)
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['orgId', 'due', 'paid']));
    // The month of payment does not move the amount: May's ledger holds none of a2's March.
    const may = await env.admin.get(`/api/dues/ledger?orgId=${org.A.id}&month=2025-05`);
    expect(may.body).toMatchObject({
      due: '42.50',
      paid: '0.00',
      members: 2,
      voluntary: '0.00',
      children: [],
    });
  });

  it('RULES.md §1: an exemption owes 0 (still assessed), a reduction its amount; a mid-year change from its month', async () => {
    const [x, y, z] = [await newMember(org.C.id), await newMember(org.C.id), await newMember(org.C.id)];
    await fx.assess(x, org.C.id, 2025, '20.00');
    await fx.assess(y, org.C.id, 2025, '20.00');
    await fx.assess(z, org.C.id, 2025, '20.00');
    await fx.assess(z, org.C.id, 2025, '50.00', '2025-07');
    await fx.relief(x, org.C.id, 'exemption', '2025-06', '2025-08');
    await fx.relief(y, org.C.id, 'reduction', '2025-01', '2025-12', '5.00');
    const june = (await env.admin.get(`/api/dues/ledger?orgId=${org.C.id}&month=2025-06`)).body;
    expect(june).toMatchObject({ due: '25.00', members: 3 });
    const july = (await env.admin.get(`/api/dues/ledger?orgId=${org.C.id}&month=2025-07`)).body;
    expect(july).toMatchObject({ due: '55.00', members: 3 });
    const g = (await env.admin.get(`/api/dues/ledger?orgId=${org.G.id}&month=2025-07`)).body;
    expect(g.children).toEqual([expect.objectContaining({ orgId: org.C.id, due: '55.00', members: 3 })]);
  });

  it('sums equal the sum of the children at every level (core rollUpLedger over the same facts)', async () => {
    // A year of its own: the other tests' members are assessed for 2025.
    const month = '2024-10';
    const levels = ['A', 'B', 'C', 'G'] as const;
    const entries: LedgerEntry[] = [];
    let seed = 7;
    const next = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    for (const at of levels) {
      for (let i = 0; i < 3; i++) {
        const m = await newMember(org[at]!.id);
        const monthly = `${(next() % 5000) / 100 + 1}`;
        const amount = Number(monthly).toFixed(2);
        await fx.assess(m, org[at]!.id, 2024, amount, '2024-10');
        const paid = next() % 2 === 0;
        if (paid) await fx.pay(m, org[at]!.id, [month], amount, '2024-10-05');
        entries.push({ orgId: org[at]!.id, dueFen: fen(amount), paidFen: paid ? fen(amount) : 0n });
      }
    }
    const totals = rollUpLedger(Object.values(org), entries);
    for (const key of ['K', 'A', 'B', 'G', 'C'] as const) {
      const body = (await env.admin.get(`/api/dues/ledger?orgId=${org[key]!.id}&month=${month}`)).body;
      const t = totals.get(org[key]!.id)!;
      expect([fen(body.due), fen(body.paid), body.members]).toEqual([t.dueFen, t.paidFen, t.members]);
      const own = entries.filter((e) => e.orgId === org[key]!.id);
      const kids = body.children as { due: string; paid: string }[];
      expect(fen(body.due)).toBe(
        own.reduce((s, e) => s + e.dueFen, 0n) + kids.reduce((s, c) => s + fen(c.due), 0n),
      );
      expect(fen(body.paid)).toBe(
        own.reduce((s, e) => s + e.paidFen, 0n) + kids.reduce((s, c) => s + fen(c.paid), 0n),
      );
    }
    const rates = await env.admin.get(`/api/dues/rates?orgId=${org.K.id}&month=${month}`);
    expect(rates.status).toBe(200);
    for (const item of rates.body.items) {
      const t = totals.get(item.orgId)!;
      expect(item.rate).toBeCloseTo(t.dueFen === 0n ? 0 : Number(t.paidFen) / Number(t.dueFen), 3);
    }
    expect((await env.admin.get(`/api/dues/rates?orgId=${org.K.id}`)).status).toBe(400);
    const year = await env.admin.get(`/api/dues/rates?orgId=${org.K.id}&year=2024`);
    expect(year.body.items.map((i: { orgId: string }) => i.orgId).sort()).toEqual(
      [org.A.id, org.B.id, org.G.id].sort(),
    );
  });

  it("outside the caller's scope is 404; a member account sees no ledger", async () => {
    const clerk = await userClient(env, org.A.id, 'clerk');
    expect((await clerk.get(`/api/dues/ledger?orgId=${org.A.id}&month=2025-03`)).status).toBe(200);
    expect((await clerk.get(`/api/dues/ledger?orgId=${org.K.id}&month=2025-03`)).status).toBe(404);
    expect((await clerk.get(`/api/dues/arrears?orgId=${org.B.id}&asOf=2025-06-01`)).status).toBe(404);
    const bad = await env.admin.get(`/api/dues/ledger?orgId=${org.K.id}&month=2025-13`);
    expect(bad.status).toBe(400);
  });

  it("the transfer letter's 党费交至: the last month paid before the first gap, null with nothing paid", async () => {
    const m = await newMember(org.B.id);
    await fx.assess(m, org.B.id, 2025, '10.00');
    expect(await duesPaidThrough(env.ctx, m)).toBeNull();
    await fx.pay(m, org.B.id, ['2025-01', '2025-02', '2025-03'], '10.00', '2025-03-05');
    expect(await duesPaidThrough(env.ctx, m)).toBe('2025-03');
    await fx.pay(m, org.B.id, ['2025-05'], '10.00', '2025-05-05');
    expect(await duesPaidThrough(env.ctx, m)).toBe('2025-03');
    await fx.relief(m, org.B.id, 'exemption', '2025-04', '2025-04');
    expect(await duesPaidThrough(env.ctx, m)).toBe('2025-05');
  });

  it("RULES.md §1 L256: a mobile member's months paid to the inflow side show on both sides, counted once", async () => {
    const m = await newMember(org.A.id);
    await fx.assess(m, org.A.id, 2025, '8.00');
    const ep = await env.admin.post('/api/mobility/outflows', {
      memberId: m,
      leftOn: '2025-01-10',
      expectedMonths: 12,
      reason: 'work',
      destinationRegion: '440305',
      fixedPlace: false,
      hostHasPartyOrg: true,
      contact: '13800001234',
      inflowOrgId: org.B.id,
    });
    expect(ep.status).toBe(201);
    await fx.pay(m, org.A.id, ['2025-02'], '8.00', '2025-02-10');
    await fx.pay(m, org.B.id, ['2025-03', '2025-04'], '8.00', '2025-04-10');
    await fx.pay(m, org.B.id, ['2025-01'], '8.00', '2025-11-10', { catchUp: true });
    const seen = async (orgId: string) => {
      const list = await env.admin.get(`/api/dues/mobile?orgId=${orgId}&year=2025`);
      expect(list.status).toBe(200);
      return list.body.items
        .filter((i: { memberId: string }) => i.memberId === m)
        .map((i: { month: string; side: string; catchUp: boolean }) => [i.month, i.side, i.catchUp]);
    };
    const atInflow = [
      ['2025-01', 'inflow', true],
      ['2025-03', 'inflow', false],
      ['2025-04', 'inflow', false],
    ];
    // The member's branch sees every month; the inflow side the months paid to it.
    expect(await seen(org.A.id)).toEqual([atInflow[0], ['2025-02', 'outflow', false], ...atInflow.slice(1)]);
    expect(await seen(org.B.id)).toEqual(atInflow);
    // The member's own branch counts the month paid at the inflow side; the inflow side's ledger does not.
    const aApril = (await env.admin.get(`/api/dues/ledger?orgId=${org.A.id}&month=2025-04`)).body;
    const bApril = (await env.admin.get(`/api/dues/ledger?orgId=${org.B.id}&month=2025-04`)).body;
    expect(aApril.paid).toBe('20.50');
    expect(bApril.paid).toBe('100.00');
  });

  it('RULES.md §1 L256: the inflow side records the catch-up beyond the back-pay limit, never a month paid at home', async () => {
    const m = await newMember(org.A.id);
    await fx.assess(m, org.A.id, 2025, '6.00');
    const ep = await env.admin.post('/api/mobility/outflows', {
      memberId: m,
      leftOn: '2025-03-10',
      expectedMonths: 12,
      reason: 'work',
      destinationRegion: '440305',
      fixedPlace: false,
      hostHasPartyOrg: true,
      contact: '13800001234',
    });
    // 流入登记 at B in October: the inflow organization is settled from then on.
    await env.ctx.database.rows(
      sql`update mobility_episodes set inflow_org_id = ${org.B.id}, inflow_on = '2025-10-01' where id = ${ep.body.id}`,
    );
    await fx.pay(m, org.A.id, ['2025-04'], '6.00', '2025-04-10');
    const bClerk = await userClient(env, org.B.id, 'clerk');
    const pay = (client: typeof bClerk, months: string[]) =>
      client.post('/api/dues/mobile/payments', {
        memberId: m,
        months,
        amount: (6 * months.length).toFixed(2),
        paidOn: '2025-11-10',
        channel: 'cash',
      });
    const twice = await pay(bClerk, ['2025-04']);
    expect([twice.status, twice.body.error.code]).toEqual([409, 'MONTH_PAID']);
    // Before the departure the ordinary limit holds (2025-02 is 9 months before November).
    const before = await pay(bClerk, ['2025-02']);
    expect([before.status, before.body.error.code]).toEqual([422, 'BACK_PAY_LIMIT']);
    const caught = await pay(bClerk, ['2025-03', '2025-05', '2025-10', '2025-11']);
    expect(caught.status).toBe(201);
    expect(caught.body.receiptNumber).toBeTruthy();
    const list = (await env.admin.get(`/api/dues/mobile?orgId=${org.B.id}&year=2025`)).body.items.filter(
      (i: { memberId: string }) => i.memberId === m,
    );
    expect(
      list.map((i: { month: string; paidToOrgId: string; catchUp: boolean }) => [
        i.month,
        i.paidToOrgId,
        i.catchUp,
      ]),
    ).toEqual([
      ['2025-03', org.B.id, true],
      ['2025-05', org.B.id, true],
      ['2025-10', org.B.id, true],
      ['2025-11', org.B.id, true],
    ]);
    // The member's own branch is no host: this path is 404 for it (it records payments the ordinary way).
    const aClerk = await userClient(env, org.A.id, 'clerk');
    expect((await pay(aClerk, ['2025-06'])).status).toBe(404);
    const arrears = (await env.admin.get(`/api/dues/arrears?orgId=${org.A.id}&asOf=2025-12-01`)).body.items;
    expect(arrears.find((i: { memberId: string }) => i.memberId === m)).toMatchObject({
      unpaidMonths: 6,
      since: '2025-01',
    });
  });
});
