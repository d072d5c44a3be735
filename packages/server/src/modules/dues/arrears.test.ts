import { addDuesMonths, monthRange } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../lib/clock.js';
import { ledgerFixtures } from '../../test/dues-fixtures.js';
import { engines, memberBody, refreshObligations, startEnv, type TestEnv } from '../../test/harness.js';

interface Item {
  memberId: string;
  unpaidMonths: number;
  since: string;
  amount: string;
  consecutive: number;
}

describe.each(engines)('dues arrears and obligations on %s', (engine) => {
  let env: TestEnv;
  let fx: ReturnType<typeof ledgerFixtures>;
  let branch = '';
  const newMember = async () => (await env.admin.post('/api/members', memberBody(branch))).body.id as string;
  const arrears = async (asOf: string) => {
    const res = await env.admin.get(`/api/dues/arrears?orgId=${branch}&asOf=${asOf}`);
    expect(res.status).toBe(200);
    return new Map<string, Item>(res.body.items.map((i: Item) => [i.memberId, i]));
  };

  beforeAll(async () => {
    env = await startEnv(engine);
    fx = ledgerFixtures(env.ctx);
    const s = Math.random().toString(36).slice(2, 7);
    const k = (
      await env.admin.post('/api/orgs', { name: `欠交党委${s}`, type: 'committee', regionCode: '430104' })
    ).body;
    branch = (await env.admin.post('/api/orgs', { name: `欠交支部${s}`, type: 'branch', parentId: k.id }))
      .body.id;
  });
  afterAll(() => env.close());

  it('API.md arrears: assessed, unexempted months before the month of asOf that are unpaid; since the first', async () => {
    const [x, paidUp, probationary, changed, lastYear] = [
      await newMember(),
      await newMember(),
      await newMember(),
      await newMember(),
      await newMember(),
    ];
    await fx.assess(x, branch, 2025, '10.00');
    await fx.pay(x, branch, ['2025-01', '2025-02'], '10.00', '2025-02-05');
    await fx.relief(x, branch, 'exemption', '2025-05', '2025-06');
    await fx.assess(paidUp, branch, 2025, '10.00');
    await fx.pay(paidUp, branch, monthRange('2025-01', '2025-08'), '10.00', '2025-08-05');
    // 篇二 L220: a probationary member pays from the assembly's month.
    await fx.assess(probationary, branch, 2025, '3.00', '2025-06');
    await fx.assess(changed, branch, 2025, '10.00');
    await fx.assess(changed, branch, 2025, '20.00', '2025-07');
    await fx.pay(changed, branch, monthRange('2025-01', '2025-06'), '10.00', '2025-06-05');
    await fx.assess(lastYear, branch, 2024, '5.00', '2024-11');

    const items = await arrears('2025-09-15');
    expect(items.get(x)).toMatchObject({
      unpaidMonths: 4,
      since: '2025-03',
      amount: '40.00',
      consecutive: 2,
    });
    expect(items.has(paidUp)).toBe(false);
    expect(items.get(probationary)).toMatchObject({ unpaidMonths: 3, since: '2025-06', amount: '9.00' });
    expect(items.get(changed)).toMatchObject({ unpaidMonths: 2, since: '2025-07', amount: '40.00' });
    expect(items.get(lastYear)).toMatchObject({ unpaidMonths: 2, since: '2024-11', amount: '10.00' });
    // The month of asOf is not yet owed; the first day of the next month it is.
    expect((await arrears('2025-09-30')).get(x)?.unpaidMonths).toBe(4);
    expect((await arrears('2025-10-01')).get(x)?.unpaidMonths).toBe(5);
    // Paying a month removes it from the count, whatever the day of payment.
    await fx.pay(x, branch, ['2025-03'], '10.00', '2025-09-20');
    expect((await arrears('2025-09-15')).get(x)).toMatchObject({ unpaidMonths: 3, since: '2025-04' });
  });

  it('issue 10 §7: the dues obligation escalates after 3 unpaid months; 6 make a no_dues_6m candidate once', async () => {
    const now = today();
    const year = Number(now.slice(0, 4));
    const current = now.slice(0, 7);
    const [idle, excused, current0] = [await newMember(), await newMember(), await newMember()];
    for (const m of [idle, excused, current0]) {
      await fx.assess(m, branch, year - 1, '10.00');
      await fx.assess(m, branch, year, '10.00');
    }
    const before = monthRange(`${year - 1}-01`, addDuesMonths(current, -1));
    await fx.pay(current0, branch, before, '10.00', `${current}-01`);
    // A delay with a reason in the run is a good reason (没有正当理由 is the ground).
    await fx.delay(excused, branch, addDuesMonths(current, -2), '外出务工，已联系，约定返乡补交');
    const run = await refreshObligations(env.admin);
    expect(run.status).toBe('done');

    const list = await env.admin.get(`/api/obligations?orgId=${branch}&kind=dues&pageSize=1000`);
    expect(list.status).toBe(200);
    const of = (m: string) => list.body.items.find((i: { memberId: string }) => i.memberId === m);
    expect(of(idle)).toMatchObject({ kind: 'dues', state: 'breached' });
    expect(of(current0)?.state).not.toBe('breached');
    expect(of(current0)?.state).not.toBe('overdue');

    const disposals = async () =>
      env.ctx.database.rows<{ memberId: string }>(
        sql`select member_id as "memberId" from disposals where ground = 'no_dues_6m' and org_id = ${branch}`,
      );
    const opened = (await disposals()).map((d) => d.memberId);
    expect(opened).toContain(idle);
    expect(opened).not.toContain(excused);
    expect(opened).not.toContain(current0);
    await refreshObligations(env.admin);
    expect((await disposals()).filter((d) => d.memberId === idle)).toHaveLength(1);
  });

  it('the last dues payment counts as being seen (lost-contact time, RULES.md §2)', async () => {
    const m = await newMember();
    const year = Number(today().slice(0, 4));
    await fx.assess(m, branch, year - 1, '10.00');
    await fx.pay(m, branch, [`${year - 1}-01`], '10.00', `${year - 1}-01-05`);
    await env.ctx.database.rows(
      sql`update members set created_at = ${`${year - 2}-01-01`}::timestamptz where id = ${m}`,
    );
    const res = await env.admin.get(`/api/mobility/lost-contact/candidates?orgId=${branch}`);
    expect(res.status).toBe(200);
    const row = res.body.items.find((i: { memberId: string }) => i.memberId === m);
    expect(row).toMatchObject({ lastSeenKind: 'dues', lastSeenOn: `${year - 1}-01-05` });
  });

  it('a publication is owed by the organization that collected last year, and publishing fulfils it', async () => {
    const year = Number(today().slice(0, 4)) - 1;
    const owed = async () => {
      await refreshObligations(env.admin);
      const res = await env.admin.get(`/api/obligations?orgId=${branch}&kind=dues_publication`);
      return res.body.items.find((i: { orgId: string }) => i.orgId === branch);
    };
    const before = await owed();
    expect(before).toMatchObject({ kind: 'dues_publication', memberId: null });
    // Due by 31 January (seed default): within 30 days of it or past it, never fine before publishing.
    expect(before.state).not.toBe('ok');
    const published = await env.admin.post('/api/dues/publications', {
      orgId: branch,
      year,
      used: [],
      publishedOn: today(),
    });
    expect(published.status).toBe(201);
    expect((await owed())?.state).toBe('ok');
  });
});
