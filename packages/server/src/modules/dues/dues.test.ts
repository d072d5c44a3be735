import { sql } from 'drizzle-orm';
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

const pay = (memberId: string, months: string[], amount: string, over: Record<string, unknown> = {}) => ({
  memberId,
  months,
  amount,
  paidOn: '2026-11-10',
  channel: 'cash',
  ...over,
});

describe.each(engines)('party dues on %s (API.md "Dues 党费", RULES.md §1)', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let managerA: Client;
  let managerB: Client;
  const count = async (table: string, memberId: string) => {
    const [row] = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table)} where member_id = ${memberId}`,
    );
    return row!.n;
  };
  const newMember = async (over: Record<string, unknown> = {}, orgId = tree.branchA.id) =>
    (await env.admin.post('/api/members', memberBody(orgId, over))).body as { id: string };
  /** A member assessed for 2026 at 4500 (1%: 45.00 a month). */
  const assessed = async (base = '4500', over: Record<string, unknown> = {}) => {
    const m = await newMember(over);
    const res = await env.admin.post('/api/dues/assessments', {
      memberId: m.id,
      year: 2026,
      category: 'salaried',
      base,
    });
    expect(res.status).toBe(201);
    return { member: m, assessment: res.body };
  };

  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
    managerA = await userClient(env, tree.branchA.id, 'manager');
    managerB = await userClient(env, tree.branchB.id, 'manager');
  }, 60_000);
  afterAll(() => env?.close());

  describe('assessments', () => {
    it.each([
      ['salaried', '3000'],
      ['salaried', '4500'],
      ['salaried', '10000.01'],
      ['retired', '5000.01'],
      ['salaried', '60000'],
      ['student', null],
    ])('%s base %s: monthlyAmount and rate equal /api/dues/quote (篇二 brackets)', async (category, base) => {
      const m = await newMember();
      const quote = await env.admin.post('/api/dues/quote', { category, base });
      const res = await env.admin.post('/api/dues/assessments', {
        memberId: m.id,
        year: 2026,
        category,
        base,
      });
      expect(res.status).toBe(201);
      expect({ monthlyAmount: res.body.monthlyAmount, rate: res.body.rate, capped: res.body.capped }).toEqual(
        quote.body,
      );
      expect(res.body.fromMonth).toBe('2026-01');
    });

    it('composes the base from the included items; excluded ones are shown apart (篇二 L238)', async () => {
      const m = await newMember();
      const res = await env.admin.post('/api/dues/assessments', {
        memberId: m.id,
        year: 2026,
        category: 'salaried',
        components: { post_salary: '3000', allowances: '1500', housing_fund: '800', income_tax: '200' },
      });
      expect(res.body).toMatchObject({ base: '4500.00', monthlyAmount: '45.00', rate: '0.01' });
      const list = await env.admin.get(`/api/dues/members/${m.id}/assessments?year=2026`);
      expect(list.body.items[0].included.map((l: { key: string }) => l.key)).toEqual([
        'post_salary',
        'allowances',
      ]);
      expect(list.body.items[0].excluded.map((l: { key: string }) => l.key)).toEqual([
        'housing_fund',
        'income_tax',
      ]);
      expect(list.body.items[0].explanation).toBe('计算基数 4500.00 元，按 1% 交纳，每月 45.00 元');
    });

    it('a probationary member is assessed from the month the assembly admitted them (篇二 L220)', async () => {
      const m = await newMember({ kind: 'probationary', joinedOn: '2026-07-15', fullOn: undefined });
      const res = await env.admin.post('/api/dues/assessments', {
        memberId: m.id,
        year: 2026,
        category: 'salaried',
        base: '3000',
      });
      expect(res.body.fromMonth).toBe('2026-07');
      const early = await env.admin.post('/api/dues/payments', pay(m.id, ['2026-06'], '15.00'));
      expect(early.status).toBe(422);
      expect(early.body.error.code).toBe('NOT_ASSESSED');
    });

    it('is fixed for the year: a second assessment is 409; a change needs a reason and applies from its month', async () => {
      const { member, assessment } = await assessed();
      const again = await env.admin.post('/api/dues/assessments', {
        memberId: member.id,
        year: 2026,
        category: 'salaried',
        base: '6000',
      });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('ASSESSMENT_EXISTS');
      const noReason = await env.admin.post(`/api/dues/assessments/${assessment.id}/change`, {
        fromMonth: '2026-07',
        category: 'salaried',
        base: '6000',
      });
      expect(noReason.status).toBe(400);
      const changed = await env.admin.post(`/api/dues/assessments/${assessment.id}/change`, {
        fromMonth: '2026-07',
        category: 'salaried',
        base: '6000',
        reason: '岗位调整，工资变动',
      });
      expect(changed.status).toBe(201);
      expect(changed.body.monthlyAmount).toBe('90.00');
      // June keeps 45.00, July is 90.00: together 135.00, so 134.99 is short.
      const short = await env.admin.post(
        '/api/dues/payments',
        pay(member.id, ['2026-06', '2026-07'], '134.99'),
      );
      expect(short.body.error.code).toBe('DUES_SHORT');
      const ok = await env.admin.post('/api/dues/payments', pay(member.id, ['2026-06', '2026-07'], '135.00'));
      expect(ok.status).toBe(201);
      const list = await env.admin.get(`/api/dues/members/${member.id}/assessments?year=2026`);
      expect(list.body.items.map((a: { fromMonth: string }) => a.fromMonth)).toEqual(['2026-01', '2026-07']);
      expect(list.body.items[1].reason).toBe('岗位调整，工资变动');
    });

    it('outside the scope is 404 (manager of another branch)', async () => {
      const m = await newMember();
      const res = await managerB.post('/api/dues/assessments', {
        memberId: m.id,
        year: 2026,
        category: 'salaried',
        base: '4500',
      });
      expect(res.status).toBe(404);
      const { assessment } = await assessed();
      const change = await managerB.post(`/api/dues/assessments/${assessment.id}/change`, {
        fromMonth: '2026-05',
        category: 'salaried',
        base: '1',
        reason: 'x',
      });
      expect(change.status).toBe(404);
    });

    it('the review list holds the assessed and names the unassessed', async () => {
      const m = await newMember();
      const list = await managerA.get(
        `/api/dues/assessments?orgId=${tree.branchA.id}&year=2026&pageSize=1000`,
      );
      expect(list.status).toBe(200);
      expect(list.body.total).toBeGreaterThan(0);
      expect(list.body.unassessed.map((u: { memberId: string }) => u.memberId)).toContain(m.id);
      expect((await managerB.get(`/api/dues/assessments?orgId=${tree.branchA.id}&year=2026`)).status).toBe(
        404,
      );
    });
  });

  describe('payments (API.md POST /api/dues/payments)', () => {
    it('back-pay: paid 2026-11-10, 2026-05 is allowed, 2026-04 is 422 BACK_PAY_LIMIT, with override 201', async () => {
      const { member } = await assessed();
      const may = await env.admin.post('/api/dues/payments', pay(member.id, ['2026-05'], '45.00'));
      expect(may.status).toBe(201);
      expect(may.body.receiptNumber).toMatch(/^2026-\d{6}$/);
      const april = await env.admin.post('/api/dues/payments', pay(member.id, ['2026-04'], '45.00'));
      expect(april.status).toBe(422);
      expect(april.body.error.code).toBe('BACK_PAY_LIMIT');
      expect(await count('dues_payment_months', member.id)).toBe(1);
      const overridden = await env.admin.post(
        '/api/dues/payments',
        pay(member.id, ['2026-04'], '45.00', { override: { reason: '外出务工返回后补交' } }),
      );
      expect(overridden.status).toBe(201);
      const listed = await env.admin.get(`/api/dues/payments?orgId=${tree.branchA.id}&memberId=${member.id}`);
      expect(listed.body.items.find((p: { id: string }) => p.id === overridden.body.id).overrideReason).toBe(
        '外出务工返回后补交',
      );
    });

    it('a month already paid is 409 MONTH_PAID and nothing is written', async () => {
      const { member } = await assessed();
      expect((await env.admin.post('/api/dues/payments', pay(member.id, ['2026-10'], '45.00'))).status).toBe(
        201,
      );
      const again = await env.admin.post(
        '/api/dues/payments',
        pay(member.id, ['2026-09', '2026-10'], '90.00'),
      );
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('MONTH_PAID');
      expect(await count('dues_payments', member.id)).toBe(1);
      expect(await count('dues_payment_months', member.id)).toBe(1);
    });

    it('an amount below the months’ total is 422 DUES_SHORT and nothing is written', async () => {
      const { member } = await assessed();
      const res = await env.admin.post('/api/dues/payments', pay(member.id, ['2026-09', '2026-10'], '89.99'));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('DUES_SHORT');
      expect(await count('dues_payments', member.id)).toBe(0);
    });

    it('a surplus is voluntary; over 1000 yuan it is large_dues (篇二 L248)', async () => {
      const { member } = await assessed();
      const exactly = await env.admin.post('/api/dues/payments', pay(member.id, ['2026-08'], '1045.00'));
      expect(exactly.body).toMatchObject({ due: '45.00', surplus: '1000.00', largeDues: false });
      const over = await env.admin.post('/api/dues/payments', pay(member.id, ['2026-09'], '1045.01'));
      expect(over.status).toBe(201);
      expect(over.body).toMatchObject({ due: '45.00', surplus: '1000.01', largeDues: true });
      const [row] = await env.ctx.database.rows<{ amount: string }>(
        sql`select amount::text from dues_payment_months where member_id = ${member.id} and month = '2026-09'`,
      );
      expect(row!.amount).toBe('45.00');
    });

    it('no advancing; a later month of the quarter only with the branch’s consent (篇二 L224)', async () => {
      const { member } = await assessed();
      const ahead = await env.admin.post(
        '/api/dues/payments',
        pay(member.id, ['2026-11', '2026-12'], '90.00'),
      );
      expect(ahead.status).toBe(422);
      expect(ahead.body.error.code).toBe('DUES_ADVANCE');
      const consent = await managerA.post('/api/dues/quarterly', {
        memberId: member.id,
        fromMonth: '2026-10',
        toMonth: '2026-12',
        reason: '长期出差，按季交纳',
      });
      expect(consent.status).toBe(201);
      const quarter = await env.admin.post(
        '/api/dues/payments',
        pay(member.id, ['2026-11', '2026-12'], '90.00'),
      );
      expect(quarter.status).toBe(201);
      const nextYear = await env.admin.post(
        '/api/dues/payments',
        pay(member.id, ['2027-01'], '45.00', { paidOn: '2026-12-20' }),
      );
      expect(nextYear.body.error.code).toBe('DUES_ADVANCE');
    });

    it('代缴: paid on behalf, with who paid, on the receipt PDF; numbers run per branch per year', async () => {
      const { member } = await assessed();
      const a = await managerA.post(
        '/api/dues/payments',
        pay(member.id, ['2026-10'], '45.00', {
          channel: 'wechat',
          reference: 'WX123',
          paidBy: { name: '张三', relation: '配偶' },
        }),
      );
      expect(a.status).toBe(201);
      const b = await managerA.post('/api/dues/payments', pay(member.id, ['2026-11'], '45.00'));
      expect(Number(b.body.receiptNumber.slice(5))).toBe(Number(a.body.receiptNumber.slice(5)) + 1);
      const listed = await managerA.get(
        `/api/dues/payments?orgId=${tree.branchA.id}&month=2026-10&memberId=${member.id}`,
      );
      expect(listed.body.items[0].paidBy).toEqual({ name: '张三', relation: '配偶' });
      const pdf = await managerA.get(`/api/dues/payments/${a.body.id}/receipt`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.raw.subarray(0, 4).toString()).toBe('%PDF');
      expect((await managerB.get(`/api/dues/payments/${a.body.id}/receipt`)).status).toBe(404);
      expect((await managerB.post('/api/dues/payments', pay(member.id, ['2026-09'], '45.00'))).status).toBe(
        404,
      );
    });
  });

  describe('reductions and exemptions (篇二 L250)', () => {
    it('branch decides, committee approves; then the exempt month owes nothing', async () => {
      const { member } = await assessed();
      const req = await managerA.post('/api/dues/reliefs', {
        memberId: member.id,
        kind: 'exemption',
        fromMonth: '2026-09',
        toMonth: '2026-10',
        reason: '重病住院，生活困难',
      });
      expect(req.status).toBe(201);
      expect(req.body).toMatchObject({
        status: 'pending',
        chain: ['branch', 'committee'],
        nextStep: 'branch',
      });
      const early = await managerA.post(`/api/dues/reliefs/${req.body.id}/decide`, {
        step: 'committee',
        approve: true,
      });
      expect(early.status).toBe(403);
      const branch = await managerA.post(`/api/dues/reliefs/${req.body.id}/decide`, {
        step: 'branch',
        approve: true,
      });
      expect(branch.body).toMatchObject({
        status: 'branch_approved',
        nextStep: 'committee',
        canDecide: false,
      });
      const notYet = await env.admin.post('/api/dues/payments', pay(member.id, ['2026-09'], '45.00'));
      expect(notYet.status).toBe(201);
      const committee = await userClient(env, tree.committee.id, 'manager');
      const listed = await committee.get(
        `/api/dues/reliefs?orgId=${tree.committee.id}&status=branch_approved`,
      );
      expect(listed.body.items.find((r: { id: string }) => r.id === req.body.id).canDecide).toBe(true);
      const approved = await committee.post(`/api/dues/reliefs/${req.body.id}/decide`, {
        step: 'committee',
        approve: true,
      });
      expect(approved.body).toMatchObject({ status: 'approved', nextStep: null });
      const exempt = await env.admin.post('/api/dues/payments', pay(member.id, ['2026-10'], '45.00'));
      expect(exempt.status).toBe(422);
      expect(exempt.body.error.code).toBe('MONTH_EXEMPT');
    });

    it('a retiree in hardship needs the branch only', async () => {
      const m = await newMember();
      await env.admin.post('/api/dues/assessments', {
        memberId: m.id,
        year: 2026,
        category: 'retired',
        base: '3000',
      });
      const req = await managerA.post('/api/dues/reliefs', {
        memberId: m.id,
        kind: 'reduction',
        fromMonth: '2026-10',
        toMonth: '2026-12',
        monthlyAmount: '5.00',
        hardship: true,
        reason: '生活确有困难',
      });
      expect(req.body.chain).toEqual(['branch']);
      const done = await managerA.post(`/api/dues/reliefs/${req.body.id}/decide`, {
        step: 'branch',
        approve: true,
      });
      expect(done.body.status).toBe('approved');
      const reduced = await env.admin.post('/api/dues/payments', pay(m.id, ['2026-10'], '5.00'));
      expect(reduced.body).toMatchObject({ due: '5.00', surplus: '0.00' });
    });
  });

  describe('the month cycle (open → collecting → settled)', () => {
    it('settles only when every member paid, is exempt, or is delayed with a reason', async () => {
      const branch = (
        await env.admin.post('/api/orgs', {
          name: '周期测试支部',
          type: 'branch',
          parentId: tree.committee.id,
        })
      ).body;
      const m1 = await newMember({}, branch.id);
      const m2 = await newMember({}, branch.id);
      for (const m of [m1, m2]) {
        await env.admin.post('/api/dues/assessments', {
          memberId: m.id,
          year: 2026,
          category: 'salaried',
          base: '4500',
        });
      }
      const open = await env.admin.get(`/api/dues/cycle?orgId=${branch.id}&month=2026-10`);
      expect(open.body).toMatchObject({ status: 'open', due: '90.00', paid: '0.00', counts: { unpaid: 2 } });
      const collecting = await env.admin.post('/api/dues/cycle/collect', {
        orgId: branch.id,
        month: '2026-10',
      });
      expect(collecting.body.status).toBe('collecting');
      await env.admin.post('/api/dues/payments', pay(m1.id, ['2026-10'], '45.00'));
      const refused = await env.admin.post('/api/dues/cycle/settle', { orgId: branch.id, month: '2026-10' });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('DUES_NOT_SETTLED');
      expect(refused.body.error.details.memberIds).toEqual([m2.id]);
      const delayed = await env.admin.post('/api/dues/cycle/delay', {
        orgId: branch.id,
        month: '2026-10',
        memberId: m2.id,
        reason: '外出学习，下月补交',
      });
      expect(delayed.body.counts).toEqual({ paid: 1, unpaid: 0, exempt: 0, delayed: 1 });
      const settled = await env.admin.post('/api/dues/cycle/settle', { orgId: branch.id, month: '2026-10' });
      expect(settled.status).toBe(200);
      expect(settled.body).toMatchObject({ status: 'settled', paid: '45.00' });
      expect(settled.body.settledOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const again = await env.admin.post('/api/dues/cycle/collect', { orgId: branch.id, month: '2026-10' });
      expect(again.body.error.code).toBe('CYCLE_SETTLED');
      expect((await managerB.get(`/api/dues/cycle?orgId=${branch.id}&month=2026-10`)).status).toBe(404);
    });
  });

  describe('the portal', () => {
    it('a member sees the amount and why, submits a record, staff confirm it, the receipt follows', async () => {
      const { member } = await assessed();
      const portal = await userClient(env, tree.branchA.id, 'member', { memberId: member.id });
      const mine = await portal.get('/api/me/dues?year=2026');
      expect(mine.status).toBe(200);
      expect(mine.body.assessment).toMatchObject({ monthlyAmount: '45.00', rate: '0.01' });
      expect(mine.body.assessment.explanation).toContain('45.00');
      expect(mine.body.months).toHaveLength(12);
      const month = mine.body.months.find((m: { state: string }) => m.state === 'unpaid')?.month ?? null;
      if (month) expect(mine.body.owed.months).toContain(month);
      const submitted = await portal.post('/api/me/dues/payments', {
        months: ['2026-01'],
        amount: '45.00',
        paidOn: '2026-06-30',
        channel: 'alipay',
        reference: 'ALI-1',
      });
      expect(submitted.status).toBe(201);
      expect(submitted.body).toMatchObject({ status: 'submitted', receiptNumber: null });
      expect(await count('dues_payment_months', member.id)).toBe(0);
      const twice = await portal.post('/api/me/dues/payments', {
        months: ['2026-01'],
        amount: '45.00',
        paidOn: '2026-06-30',
        channel: 'alipay',
      });
      expect(twice.body.error.code).toBe('MONTH_PAID');
      expect((await portal.get(`/api/me/dues/payments/${submitted.body.id}/receipt`)).status).toBe(409);
      const waiting = await managerA.get(`/api/dues/payments?orgId=${tree.branchA.id}&status=submitted`);
      const waitingOne = waiting.body.items.find((p: { id: string }) => p.id === submitted.body.id);
      expect(waitingOne.abilities).toEqual({ confirm: true, receipt: false });
      expect((await managerB.post(`/api/dues/payments/${submitted.body.id}/confirm`)).status).toBe(404);
      const confirmed = await managerA.post(`/api/dues/payments/${submitted.body.id}/confirm`);
      expect(confirmed.body).toMatchObject({ status: 'confirmed' });
      expect(confirmed.body.receiptNumber).toMatch(/^2026-/);
      const receipt = await portal.get(`/api/me/dues/payments/${submitted.body.id}/receipt`);
      expect(receipt.raw.subarray(0, 4).toString()).toBe('%PDF');
      const after = await portal.get('/api/me/dues?year=2026');
      expect(after.body.months[0]).toMatchObject({ month: '2026-01', state: 'paid' });
      expect(after.body.owed.months).not.toContain('2026-01');
      const paid = await portal.get('/api/me/dues/payments');
      expect(paid.body.items[0].receiptNumber).toBe(confirmed.body.receiptNumber);
      const staffRoute = await portal.post('/api/dues/payments', pay(member.id, ['2026-02'], '45.00'));
      expect(staffRoute.status).toBe(404);
    });
  });

  describe('the batch and the import', () => {
    it('assesses a subtree’s year from last year’s bases as a job with progress', async () => {
      const branch = (
        await env.admin.post('/api/orgs', {
          name: '批量核定支部',
          type: 'branch',
          parentId: tree.committee.id,
        })
      ).body;
      const members = [
        await newMember({}, branch.id),
        await newMember({}, branch.id),
        await newMember({}, branch.id),
      ];
      await env.admin.post('/api/dues/assessments', {
        memberId: members[0]!.id,
        year: 2025,
        category: 'salaried',
        base: '4500',
      });
      await env.admin.post('/api/dues/assessments', {
        memberId: members[1]!.id,
        year: 2025,
        category: 'student',
      });
      // Already assessed for 2026 by hand: the batch leaves it as it is.
      const done = await newMember({}, branch.id);
      for (const [year, base] of [
        [2025, '3000'],
        [2026, '8000'],
      ] as const) {
        await env.admin.post('/api/dues/assessments', {
          memberId: done.id,
          year,
          category: 'salaried',
          base,
        });
      }
      const start = await managerA.post('/api/dues/assessments/batch', { orgId: branch.id, year: 2026 });
      expect(start.status).toBe(404);
      const started = await env.admin.post('/api/dues/assessments/batch', { orgId: branch.id, year: 2026 });
      expect(started.body).toMatchObject({ status: 'running' });
      expect(started.status).toBe(202);
      let job = (await env.admin.get(`/api/dues/assessment-jobs/${started.body.id}`)).body;
      for (let i = 0; job.status === 'running' && i < 200; i++) {
        await new Promise((r) => setTimeout(r, 25));
        job = (await env.admin.get(`/api/dues/assessment-jobs/${started.body.id}`)).body;
      }
      expect(job).toMatchObject({ status: 'succeeded', total: 4, processed: 4, created: 2, skipped: 2 });
      const list = await env.admin.get(`/api/dues/assessments?orgId=${branch.id}&year=2026`);
      expect(list.body.items.map((a: { monthlyAmount: string }) => a.monthlyAmount).sort()).toEqual([
        '0.20',
        '120.00',
        '45.00',
      ]);
      expect(list.body.unassessed.map((u: { memberId: string }) => u.memberId)).toEqual([members[2]!.id]);
    });

    it.each([
      ['salaried', '3000', undefined],
      ['salaried', '3000.01', undefined],
      ['salaried', '2999', undefined],
      ['annual_salary', '10000', undefined],
      ['salaried', '10000.01', undefined],
      ['salaried', '60000', undefined],
      ['retired', '5000', undefined],
      ['retired', '5000.01', undefined],
      ['retired', '3000.10', undefined],
      ['farmer', null, '0.50'],
      ['unemployed', null, undefined],
    ])(
      'the batch (core quote as SQL) gives /api/dues/quote’s amount: %s %s',
      async (category, base, farmerAmount) => {
        const branch = (
          await env.admin.post('/api/orgs', {
            name: `批量对照${category}${base}`,
            type: 'branch',
            parentId: tree.committee.id,
          })
        ).body;
        const m = await newMember({}, branch.id);
        const last = await env.admin.post('/api/dues/assessments', {
          memberId: m.id,
          year: 2025,
          category,
          base,
          ...(farmerAmount ? { farmerAmount } : {}),
        });
        expect(last.status).toBe(201);
        const started = await env.admin.post('/api/dues/assessments/batch', { orgId: branch.id, year: 2026 });
        let job = (await env.admin.get(`/api/dues/assessment-jobs/${started.body.id}`)).body;
        for (let i = 0; job.status === 'running' && i < 200; i++) {
          await new Promise((r) => setTimeout(r, 25));
          job = (await env.admin.get(`/api/dues/assessment-jobs/${started.body.id}`)).body;
        }
        expect(job.created).toBe(1);
        const quote = await env.admin.post('/api/dues/quote', {
          category,
          base,
          ...(farmerAmount ? { farmerAmount } : {}),
        });
        const [a] = (await env.admin.get(`/api/dues/members/${m.id}/assessments?year=2026`)).body.items;
        expect({ rate: a.rate, monthlyAmount: a.monthlyAmount, capped: a.capped }).toEqual(quote.body);
      },
    );

    it('a composed base is composed again from last year’s items', async () => {
      const branch = (
        await env.admin.post('/api/orgs', {
          name: '批量组成支部',
          type: 'branch',
          parentId: tree.committee.id,
        })
      ).body;
      const m = await newMember({}, branch.id);
      await env.admin.post('/api/dues/assessments', {
        memberId: m.id,
        year: 2025,
        category: 'salaried',
        components: { basic_wage: '4000', bonus: '1500', housing_fund: '700' },
      });
      const started = await env.admin.post('/api/dues/assessments/batch', { orgId: branch.id, year: 2026 });
      let job = (await env.admin.get(`/api/dues/assessment-jobs/${started.body.id}`)).body;
      for (let i = 0; job.status === 'running' && i < 200; i++) {
        await new Promise((r) => setTimeout(r, 25));
        job = (await env.admin.get(`/api/dues/assessment-jobs/${started.body.id}`)).body;
      }
      expect(job.created).toBe(1);
      const [a] = (await env.admin.get(`/api/dues/members/${m.id}/assessments?year=2026`)).body.items;
      expect(a).toMatchObject({ base: '5500.00', monthlyAmount: '82.50', rate: '0.015' });
      expect(a.excluded.map((l: { key: string }) => l.key)).toEqual(['housing_fund']);
    });

    it('imports bases from an .xlsx, all or nothing', async () => {
      const ExcelJS = (await import('exceljs')).default;
      const idOf = async (id: string) => {
        const res = await env.admin.get(`/api/members/${id}?reveal=idNumber`);
        return res.body.idNumber as string;
      };
      const a = await newMember();
      const b = await newMember();
      const sheet = async (rows: unknown[][]) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('计算基数');
        ws.addRow(['姓名', '公民身份号码', '类别', '计算基数']);
        for (const r of rows) ws.addRow(r);
        return Buffer.from(await wb.xlsx.writeBuffer());
      };
      const idA = await idOf(a.id);
      const idB = await idOf(b.id);
      expect(idA).toMatch(/^\d{17}[\dX]$/);
      const bad = await env.admin.upload(
        `/api/dues/assessments/import?orgId=${tree.branchA.id}&year=2026`,
        await sheet([
          ['甲', idA, '在职', '4500'],
          ['乙', idB, '外星人', '3000'],
        ]),
      );
      expect(bad.status).toBe(422);
      expect(bad.body.error.details.errors[0]).toMatchObject({ row: 3, column: '类别' });
      expect(await count('dues_assessments', a.id)).toBe(0);
      const good = await env.admin.upload(
        `/api/dues/assessments/import?orgId=${tree.branchA.id}&year=2026`,
        await sheet([
          ['甲', idA, '在职', '4500'],
          ['乙', idB, '离退休', '6000'],
        ]),
      );
      expect(good.status).toBe(200);
      expect(good.body.created).toBe(2);
      const mine = await env.admin.get(`/api/dues/members/${b.id}/assessments?year=2026`);
      expect(mine.body.items[0]).toMatchObject({ category: 'retired', monthlyAmount: '60.00', rate: '0.01' });
    });
  });
});
