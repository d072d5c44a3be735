import { defaultPolicies } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, type Client, engines, startEnv, type TestEnv, userClient } from '../../test/harness.js';

/** The server's "today" for policies (UTC date, as in policies/service.ts). */
const todayUtc = () => new Date().toISOString().slice(0, 10);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function quote(client: Client, category: string, base?: unknown) {
  return client.post('/api/dues/quote', base === undefined ? { category } : { category, base });
}

async function policyAuditCount(env: TestEnv, orgId: string) {
  const res = await env.admin.get(`/api/audit?action=policy.override&orgId=${orgId}&pageSize=200`);
  expect(res.status).toBe(200);
  return res.body.total as number;
}

describe.each(engines)('dues quote and policy overrides on %s', (engine) => {
  let env: TestEnv;
  let clerk: Client;
  beforeAll(async () => {
    env = await startEnv(engine);
    const { branchA } = await buildTree(env);
    clerk = await userClient(env, branchA.id, 'clerk');
  });
  afterAll(() => env.close());

  describe('/api/dues/quote under the default policy (RULES.md §1, 篇二)', () => {
    // 篇二: "3000 元以下(含 3000 元)" — a bound belongs to the lower bracket; the whole base takes its rate.
    it.each([
      ['salaried', '3000', '0.005', '15.00'],
      ['salaried', '3000.01', '0.01', '30.00'],
      ['salaried', '5000', '0.01', '50.00'],
      ['salaried', '5000.01', '0.015', '75.00'],
      ['salaried', '10000', '0.015', '150.00'],
      ['salaried', '10000.01', '0.02', '200.00'],
      ['annual_salary', '4000', '0.01', '40.00'],
      ['salaried', '0', '0.005', '0.00'],
      ['salaried', '1', '0.005', '0.01'],
      ['salaried', '2999.99', '0.005', '15.00'],
    ])('篇二 salaried brackets: %s base %s → rate %s, %s a month', async (category, base, rate, amount) => {
      const res = await quote(clerk, category, base);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ rate, monthlyAmount: amount, capped: false });
    });

    it.each([
      ['5000', '0.005', '25.00'],
      ['5000.01', '0.01', '50.00'],
      ['3000', '0.005', '15.00'],
    ])('篇二 retired (离退休) brackets: base %s → rate %s, %s', async (base, rate, amount) => {
      const res = await quote(clerk, 'retired', base);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ rate, monthlyAmount: amount, capped: false });
    });

    it.each(['student', 'unemployed', 'relief', 'farmer'])(
      '篇二 fixed amount: %s pays 0.20 a month with no rate',
      async (category) => {
        const res = await quote(clerk, category);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ rate: null, monthlyAmount: '0.20', capped: false });
      },
    );

    it('篇二 cap: a base of 60000 at 2% would be 1200, capped at 1000.00', async () => {
      const res = await quote(clerk, 'salaried', '60000');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ rate: '0.02', monthlyAmount: '1000.00', capped: true });
      // Exactly at the cap is not capped: 50000 × 2% = 1000.00.
      expect((await quote(clerk, 'salaried', '50000')).body).toEqual({
        rate: '0.02',
        monthlyAmount: '1000.00',
        capped: false,
      });
    });

    it('accepts a numeric base as well as a decimal string', async () => {
      const res = await quote(clerk, 'salaried', 4500);
      expect(res.body).toEqual({ rate: '0.01', monthlyAmount: '45.00', capped: false });
    });

    it.each([['abc'], ['-100'], ['12.345'], ['1e4']])(
      'refuses a malformed base %s with 400',
      async (base) => {
        const res = await quote(clerk, 'salaried', base);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('INVALID_AMOUNT');
        expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      },
    );

    it('refuses a bracket category without a base, and an unknown category, with 400', async () => {
      const missing = await quote(clerk, 'salaried');
      expect(missing.status).toBe(400);
      expect(missing.body.error.code).toBe('DUES_BASE_REQUIRED');
      const unknown = await quote(clerk, 'millionaire', '100');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('policy inheritance (RULES.md: every number is a policy default, overridable per subtree)', () => {
    it('shows the seed defaults with no sources for a fresh organization', async () => {
      const { committee } = await buildTree(env);
      const res = await env.admin.get(`/api/orgs/${committee.id}/policies`);
      expect(res.status).toBe(200);
      const kinds = res.body.items.map((i: { kind: string }) => i.kind).sort();
      expect(kinds).toEqual(['dues', 'meetings', 'mobility', 'org_shape']);
      const defaults = defaultPolicies();
      for (const item of res.body.items) {
        expect(item.sources).toEqual([]);
        expect(item.document).toEqual(defaults[item.kind as keyof typeof defaults]);
      }
      expect(res.body.items.find((i: { kind: string }) => i.kind === 'dues').document.monthlyCap).toBe(
        '1000.00',
      );
      expect(res.body.versions).toEqual([]);
    });

    it("a committee's cap override applies to its subtree only, and is audited as policy.override", async () => {
      const tree = await buildTree(env);
      const other = await buildTree(env);
      const manager = await userClient(env, tree.committee.id, 'manager');
      const below = await userClient(env, tree.branchA.id, 'clerk');
      const outside = await userClient(env, other.branchA.id, 'clerk');
      const auditBefore = await policyAuditCount(env, tree.committee.id);

      const put = await manager.put(`/api/orgs/${tree.committee.id}/policies/dues`, {
        effectiveFrom: todayUtc(),
        document: { monthlyCap: '500.00' },
      });
      expect(put.status).toBe(200);
      const dues = put.body.items.find((i: { kind: string }) => i.kind === 'dues');
      expect(dues.document.monthlyCap).toBe('500.00');
      expect(dues.sources).toEqual([
        expect.objectContaining({ orgId: tree.committee.id, version: 1, effectiveFrom: todayUtc() }),
      ]);

      // 篇二 cap, as overridden: 60000 × 2% = 1200 → 500.00 below the committee; 1000.00 elsewhere.
      expect((await quote(below, 'salaried', '60000')).body).toEqual({
        rate: '0.02',
        monthlyAmount: '500.00',
        capped: true,
      });
      expect((await quote(below, 'salaried', '20000')).body).toEqual({
        rate: '0.02',
        monthlyAmount: '400.00',
        capped: false,
      });
      expect((await quote(outside, 'salaried', '60000')).body).toEqual({
        rate: '0.02',
        monthlyAmount: '1000.00',
        capped: true,
      });

      // The branch inherits it; its GET names the committee as the source.
      const branchView = await env.admin.get(`/api/orgs/${tree.branchA.id}/policies`);
      const branchDues = branchView.body.items.find((i: { kind: string }) => i.kind === 'dues');
      expect(branchDues.document.monthlyCap).toBe('500.00');
      expect(branchDues.inherited.monthlyCap).toBe('500.00');
      expect(branchDues.sources.map((s: { orgId: string }) => s.orgId)).toEqual([tree.committee.id]);
      // The other tree is untouched.
      const otherView = await env.admin.get(`/api/orgs/${other.committee.id}/policies`);
      expect(otherView.body.items.find((i: { kind: string }) => i.kind === 'dues').sources).toEqual([]);

      expect(await policyAuditCount(env, tree.committee.id)).toBe(auditBefore + 1);
      const audit = await env.admin.get(`/api/audit?action=policy.override&orgId=${tree.committee.id}`);
      expect(audit.body.items[0]).toMatchObject({
        action: 'policy.override',
        orgId: tree.committee.id,
        after: { kind: 'dues', version: 1, document: { monthlyCap: '500.00' } },
      });
    });

    it('a lower override wins over a higher one, and a later version replaces an earlier one', async () => {
      const tree = await buildTree(env);
      const committeeManager = await userClient(env, tree.committee.id, 'manager');
      const branchManager = await userClient(env, tree.branchA.id, 'manager');
      const inA = await userClient(env, tree.branchA.id, 'clerk');
      const inB = await userClient(env, tree.branchB.id, 'clerk');
      const today = todayUtc();
      expect(
        (
          await committeeManager.put(`/api/orgs/${tree.committee.id}/policies/dues`, {
            effectiveFrom: today,
            document: { monthlyCap: '500.00' },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await branchManager.put(`/api/orgs/${tree.branchA.id}/policies/dues`, {
            effectiveFrom: today,
            document: { monthlyCap: '300.00' },
          })
        ).status,
      ).toBe(200);
      expect((await quote(inA, 'salaried', '60000')).body.monthlyAmount).toBe('300.00');
      expect((await quote(inB, 'salaried', '60000')).body.monthlyAmount).toBe('500.00');
      // A manager of branch A cannot reach the committee above (404: outside the scope).
      const up = await branchManager.put(`/api/orgs/${tree.committee.id}/policies/dues`, {
        effectiveFrom: today,
        document: { monthlyCap: '1.00' },
      });
      expect(up.status).toBe(404);
      // Version 2 of the committee's override replaces version 1 for branch B.
      await committeeManager.put(`/api/orgs/${tree.committee.id}/policies/dues`, {
        effectiveFrom: today,
        document: { monthlyCap: '800.00' },
      });
      expect((await quote(inB, 'salaried', '60000')).body.monthlyAmount).toBe('800.00');
      expect((await quote(inA, 'salaried', '60000')).body.monthlyAmount).toBe('300.00');
    });

    it('an override with a future effectiveFrom does not apply yet', async () => {
      const tree = await buildTree(env);
      const manager = await userClient(env, tree.committee.id, 'manager');
      const below = await userClient(env, tree.branchB.id, 'clerk');
      const tomorrow = addDays(todayUtc(), 1);
      const put = await manager.put(`/api/orgs/${tree.committee.id}/policies/dues`, {
        effectiveFrom: tomorrow,
        document: { monthlyCap: '200.00' },
      });
      expect(put.status).toBe(200);
      expect((await quote(below, 'salaried', '60000')).body).toEqual({
        rate: '0.02',
        monthlyAmount: '1000.00',
        capped: true,
      });
      const now = await env.admin.get(`/api/orgs/${tree.branchB.id}/policies`);
      const duesNow = now.body.items.find((i: { kind: string }) => i.kind === 'dues');
      expect(duesNow.document.monthlyCap).toBe('1000.00');
      expect(duesNow.sources).toEqual([]);
      // ...but it is stored, and in force from its date.
      const later = await env.admin.get(`/api/orgs/${tree.branchB.id}/policies?asOf=${tomorrow}`);
      expect(later.body.items.find((i: { kind: string }) => i.kind === 'dues').document.monthlyCap).toBe(
        '200.00',
      );
    });

    it.each([
      [
        'brackets not ascending',
        {
          salariedBrackets: [
            { upTo: '5000', rate: '0.01' },
            { upTo: '3000', rate: '0.005' },
            { upTo: null, rate: '0.02' },
          ],
        },
      ],
      [
        'an open bracket before the last',
        {
          retiredBrackets: [
            { upTo: null, rate: '0.005' },
            { upTo: '5000', rate: '0.01' },
          ],
        },
      ],
      ['monthlyCap "abc"', { monthlyCap: 'abc' }],
      ['a negative cap', { monthlyCap: '-5' }],
      ['a rate above 1', { salariedBrackets: [{ upTo: null, rate: '1.5' }] }],
      ['the farmer amount outside its range', { fixedAmounts: { farmer: '5.00' } }],
    ])(
      'refuses an invalid document (%s) with 422 POLICY_INVALID and stores nothing',
      async (_label, document) => {
        const tree = await buildTree(env);
        const manager = await userClient(env, tree.committee.id, 'manager');
        const below = await userClient(env, tree.branchA.id, 'clerk');
        const auditBefore = await policyAuditCount(env, tree.committee.id);
        const res = await manager.put(`/api/orgs/${tree.committee.id}/policies/dues`, {
          effectiveFrom: todayUtc(),
          document,
        });
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('POLICY_INVALID');
        const view = await env.admin.get(`/api/orgs/${tree.committee.id}/policies`);
        expect(view.body.versions).toEqual([]);
        expect(view.body.items.find((i: { kind: string }) => i.kind === 'dues').sources).toEqual([]);
        expect(await policyAuditCount(env, tree.committee.id)).toBe(auditBefore);
        // The defaults still price dues below (篇二 5000 → 1%).
        expect((await quote(below, 'salaried', '5000')).body).toEqual({
          rate: '0.01',
          monthlyAmount: '50.00',
          capped: false,
        });
      },
    );

    it("refuses a higher override that would break a lower organization's own override (422, nothing stored)", async () => {
      const tree = await buildTree(env);
      const committeeManager = await userClient(env, tree.committee.id, 'manager');
      const branchManager = await userClient(env, tree.branchA.id, 'manager');
      const inA = await userClient(env, tree.branchA.id, 'clerk');
      // 篇二: a farmer pays a fixed 0.2 – 1 yuan; branch A fixes its farmers' amount at 0.80.
      const own = await branchManager.put(`/api/orgs/${tree.branchA.id}/policies/dues`, {
        effectiveFrom: todayUtc(),
        document: { fixedAmounts: { farmer: '0.80', student: '0.20', unemployed: '0.20', relief: '0.20' } },
      });
      expect(own.status).toBe(200);
      expect((await quote(inA, 'farmer')).body).toEqual({ rate: null, monthlyAmount: '0.80', capped: false });
      const auditBefore = await policyAuditCount(env, tree.committee.id);
      // The committee narrowing the range to 0.20 – 0.50 would leave branch A's 0.80 outside it.
      for (const effectiveFrom of [todayUtc(), addDays(todayUtc(), 30)]) {
        const narrow = await committeeManager.put(`/api/orgs/${tree.committee.id}/policies/dues`, {
          effectiveFrom,
          document: { farmerRange: { min: '0.20', max: '0.50' } },
        });
        expect(narrow.status).toBe(422);
        expect(narrow.body.error.code).toBe('POLICY_INVALID');
        expect(narrow.body.error.details.orgId).toBe(tree.branchA.id);
      }
      expect((await env.admin.get(`/api/orgs/${tree.committee.id}/policies`)).body.versions).toEqual([]);
      expect(await policyAuditCount(env, tree.committee.id)).toBe(auditBefore);
      // Branch A still quotes, and the policy pages still answer.
      expect((await quote(inA, 'farmer')).body).toEqual({ rate: null, monthlyAmount: '0.80', capped: false });
      expect((await env.admin.get(`/api/orgs/${tree.branchA.id}/policies`)).status).toBe(200);
      expect(
        (await env.admin.get(`/api/orgs/${tree.branchA.id}/policies?asOf=${addDays(todayUtc(), 31)}`)).status,
      ).toBe(200);
      // A compatible narrowing is accepted.
      const fine = await committeeManager.put(`/api/orgs/${tree.committee.id}/policies/dues`, {
        effectiveFrom: todayUtc(),
        document: { farmerRange: { min: '0.20', max: '0.90' } },
      });
      expect(fine.status).toBe(200);
    });

    it('a clerk or auditor cannot override (403), and nothing is stored', async () => {
      const tree = await buildTree(env);
      const auditBefore = await policyAuditCount(env, tree.committee.id);
      for (const role of ['clerk', 'auditor']) {
        const client = await userClient(env, tree.committee.id, role);
        const res = await client.put(`/api/orgs/${tree.committee.id}/policies/dues`, {
          effectiveFrom: todayUtc(),
          document: { monthlyCap: '500.00' },
        });
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('FORBIDDEN');
      }
      expect((await env.admin.get(`/api/orgs/${tree.committee.id}/policies`)).body.versions).toEqual([]);
      expect(await policyAuditCount(env, tree.committee.id)).toBe(auditBefore);
    });

    it('changes bracket rates through an override (篇二 rates are defaults, not constants)', async () => {
      const tree = await buildTree(env);
      const manager = await userClient(env, tree.committee.id, 'manager');
      const below = await userClient(env, tree.branchA.id, 'clerk');
      const res = await manager.put(`/api/orgs/${tree.committee.id}/policies/dues`, {
        effectiveFrom: todayUtc(),
        document: {
          retiredBrackets: [
            { upTo: '4000', rate: '0.005' },
            { upTo: null, rate: '0.01' },
          ],
        },
      });
      expect(res.status).toBe(200);
      expect((await quote(below, 'retired', '4500')).body).toEqual({
        rate: '0.01',
        monthlyAmount: '45.00',
        capped: false,
      });
      // The salaried table is untouched by a retired-only override.
      expect((await quote(below, 'salaried', '4500')).body).toEqual({
        rate: '0.01',
        monthlyAmount: '45.00',
        capped: false,
      });
      expect((await quote(below, 'salaried', '3000')).body.rate).toBe('0.005');
    });
  });
});
