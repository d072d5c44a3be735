import { addDays, addMonths } from '@dangjian/core';
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

const today = () => new Date().toISOString().slice(0, 10);
/** RULES.md §2 (default policy): abroad for study more than 5 years without return ⇒ standing stopped. */
const fiveYearsAgo = () => addMonths(today(), -60);
const abroad = (memberId: string, over: Record<string, unknown> = {}) => ({
  memberId,
  leftOn: today(),
  expectedMonths: 36,
  reason: 'study',
  abroad: true,
  fixedPlace: true,
  hostHasPartyOrg: false,
  contact: 'wechat-abroad',
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

describe.each(engines)('members abroad 出国(境) (RULES.md §2) on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine);
  });
  afterAll(() => env.close());

  const newMember = async (orgId: string) => (await env.admin.post('/api/members', memberBody(orgId))).body;
  const count = async (query: ReturnType<typeof sql>) =>
    (await env.ctx.database.rows<{ n: number }>(query))[0]!.n;
  const ids = (res: { body: { items: { memberId: string }[] } }) => res.body.items.map((i) => i.memberId);

  it('records an outflow abroad, returns it with 境外 as destination and never asks for a 介绍信 (篇七: 出国深造的党员组织关系无法转移)', async () => {
    const tree = await buildTree(env);
    const m = await newMember(tree.branchA.id);
    const res = await env.admin.post('/api/mobility/outflows', abroad(m.id, { hostHasPartyOrg: true }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      abroad: true,
      destinationRegion: null,
      destinationName: '境外',
      requiredDocument: 'activity_certificate',
      transferPending: false,
      transferTarget: null,
    });
    expect(res.body.rule).toContain('篇七');
    const [row] = await env.ctx.database.rows<{ abroad: boolean }>(
      sql`select abroad from mobility_episodes where id = ${res.body.id}`,
    );
    expect(row!.abroad).toBe(true);
    expect((await env.admin.get(`/api/mobility/outflows/${res.body.id}`)).body).toMatchObject({
      abroad: true,
      destinationName: '境外',
    });
    const ledger = await env.admin.get(`/api/mobility/ledger?orgId=${tree.committee.id}`);
    expect(ledger.body.items.find((i: { id: string }) => i.id === res.body.id)).toMatchObject({
      abroad: true,
      destinationName: '境外',
    });
    const own = await env.admin.get(`/api/mobility/members/${m.id}/ledger`);
    expect(own.body.episodes[0]).toMatchObject({ abroad: true, destinationName: '境外' });
    expect((await env.admin.get(`/api/members/${m.id}`)).body).toMatchObject({
      mobile: true,
      destinationRegion: null,
    });

    const home = await newMember(tree.branchA.id);
    const domestic = await env.admin.post('/api/mobility/outflows', {
      memberId: home.id,
      leftOn: today(),
      expectedMonths: 12,
      reason: 'work',
      destinationRegion: '440305',
      fixedPlace: true,
      hostHasPartyOrg: true,
    });
    expect(domestic.body).toMatchObject({ abroad: false, requiredDocument: 'transfer_letter' });
  });

  it('asks for one contact a half-year from a member abroad for study (《党员教育管理工作条例》: at least every 6 months)', async () => {
    const tree = await buildTree(env);
    const student = await newMember(tree.branchA.id);
    const worker = await newMember(tree.branchA.id);
    expect((await env.admin.post('/api/mobility/outflows', abroad(student.id))).status).toBe(201);
    expect(
      (
        await env.admin.post(
          '/api/mobility/outflows',
          abroad(worker.id, { reason: 'work', fixedPlace: false }),
        )
      ).status,
    ).toBe(201);
    const contact = async (memberId: string) =>
      (await env.admin.get(`/api/obligations?memberId=${memberId}&kind=monthly_contact`)).body.items[0];
    const half = Number(today().slice(5, 7)) <= 6 ? 'H1' : 'H2';
    expect(await contact(student.id)).toMatchObject({
      period: `${today().slice(0, 4)}-${half}`,
      dueOn: `${today().slice(0, 4)}-${half === 'H1' ? '06-30' : '12-31'}`,
    });
    expect((await contact(worker.id)).period).toBe(today().slice(0, 7));
  });

  it('refuses a mainland region on an outflow abroad (422 ABROAD_WITH_REGION) and writes nothing', async () => {
    const tree = await buildTree(env);
    const m = await newMember(tree.branchA.id);
    const audits = await count(sql`select count(*)::int as n from audit_events where entity_id = ${m.id}`);
    const res = await env.admin.post('/api/mobility/outflows', abroad(m.id, { destinationRegion: '440305' }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('ABROAD_WITH_REGION');
    expect(res.body.error.message).toMatch(/境外/);
    expect(await count(sql`select count(*)::int as n from mobility_episodes where member_id = ${m.id}`)).toBe(
      0,
    );
    expect(await count(sql`select count(*)::int as n from audit_events where entity_id = ${m.id}`)).toBe(
      audits,
    );
    expect((await env.admin.get(`/api/members/${m.id}`)).body.mobile).toBe(false);
  });

  describe('candidates for 停止党籍: abroad for study more than the policy years (RULES.md §2)', () => {
    let tree: Awaited<ReturnType<typeof buildTree>>;
    let secretaryA: Client;
    let committeeManager: Client;
    const who: Record<string, string> = {};
    const away = async (key: string, orgId: string, over: Record<string, unknown>) => {
      const m = await newMember(orgId);
      who[key] = m.id;
      const res = await env.admin.post('/api/mobility/outflows', abroad(m.id, over));
      expect(res.status).toBe(201);
    };

    beforeAll(async () => {
      tree = await buildTree(env);
      secretaryA = await userClient(env, tree.branchA.id, 'manager');
      committeeManager = await userClient(env, tree.committee.id, 'manager');
      await away('overdue', tree.branchA.id, { leftOn: addDays(fiveYearsAgo(), -1) });
      await away('dayShort', tree.branchA.id, { leftOn: addDays(fiveYearsAgo(), 1) });
      await away('working', tree.branchA.id, {
        leftOn: addDays(fiveYearsAgo(), -1),
        reason: 'work',
        fixedPlace: false,
      });
      await away('otherBranch', tree.branchB.id, { leftOn: addDays(fiveYearsAgo(), -1) });
      const home = await newMember(tree.branchA.id);
      who.home = home.id;
      await env.admin.post('/api/mobility/outflows', {
        memberId: home.id,
        leftOn: addDays(fiveYearsAgo(), -1),
        expectedMonths: 72,
        reason: 'study',
        destinationRegion: '440305',
      });
    });

    it('lists a member abroad for study 5 years and a day, not one a day short, not one abroad for work, not one studying at home', async () => {
      const res = await secretaryA.get('/api/mobility/abroad/candidates');
      expect(res.status).toBe(200);
      expect(res.body.years).toBe(5);
      expect(res.body.items).toEqual([
        {
          memberId: who.overdue,
          name: expect.any(String),
          orgName: tree.branchA.name,
          leftOn: addDays(fiveYearsAgo(), -1),
          years: 5,
          reason: 'study',
        },
      ]);
    });

    it('keeps another branch’s members out of a branch secretary’s list (scope), and shows them to the committee', async () => {
      expect(ids(await secretaryA.get('/api/mobility/abroad/candidates'))).not.toContain(who.otherBranch);
      expect((await secretaryA.get(`/api/mobility/abroad/candidates?orgId=${tree.branchB.id}`)).status).toBe(
        404,
      );
      const all = ids(await committeeManager.get('/api/mobility/abroad/candidates'));
      expect(all).toEqual(expect.arrayContaining([who.overdue, who.otherBranch]));
      expect(all).not.toContain(who.dayShort);
    });

    // Not abroad; studying abroad (at a fixed place) a day short of 5 years; working abroad at no
    // fixed place; studying at home for more than 5 years.
    it('refuses a 出国(境) stop without its ground (CASE_NOT_ALLOWED) and writes nothing', async () => {
      const stay = await newMember(tree.branchA.id);
      for (const memberId of [stay.id, who.dayShort, who.working, who.home]) {
        const cases = sql`select count(*)::int as n from standing_cases where member_id = ${memberId}`;
        const audits = sql`select count(*)::int as n from audit_events where entity_id = ${memberId}`;
        const [casesBefore, auditsBefore] = [await count(cases), await count(audits)];
        const res = await secretaryA.post(`/api/members/${memberId}/standing-cases`, {
          kind: 'stop',
          meeting,
          reasonCode: 'abroad',
        });
        expect(res.status).toBe(422);
        expect(res.body.error.code).toBe('CASE_NOT_ALLOWED');
        expect(res.body.error.message).toContain('超过 5 年未归');
        expect(await count(cases)).toBe(casesBefore);
        expect(await count(audits)).toBe(auditsBefore);
      }
    });

    it('walks the full path: propose (drops off the list while pending) → committee approves → standing stopped for 出国(境), audited', async () => {
      const proposal = await secretaryA.post(`/api/members/${who.overdue}/standing-cases`, {
        kind: 'stop',
        meeting,
        reasonCode: 'abroad',
        note: '出国留学逾期未归',
      });
      expect(proposal.status).toBe(201);
      expect(ids(await secretaryA.get('/api/mobility/abroad/candidates'))).not.toContain(who.overdue);
      const decided = await committeeManager.post(`/api/standing-cases/${proposal.body.id}/decide`, {
        approve: true,
      });
      expect(decided.body.status).toBe('approved');
      expect((await env.admin.get(`/api/members/${who.overdue}`)).body).toMatchObject({
        standing: 'stopped',
        stopReason: 'abroad',
      });
      const [audit] = await env.ctx.database.rows<{ after: { standing: string; stopReason: string } }>(sql`
        select after from audit_events where entity_id = ${who.overdue} and action = 'standing.approve_stop'`);
      expect(audit!.after).toMatchObject({ standing: 'stopped', stopReason: 'abroad' });
      expect(ids(await secretaryA.get('/api/mobility/abroad/candidates'))).not.toContain(who.overdue);
    });

    it('accepts a 出国(境) stop for a member settled abroad (定居: a fixed place abroad), whatever the years', async () => {
      const m = await newMember(tree.branchA.id);
      await env.admin.post('/api/mobility/outflows', abroad(m.id, { reason: 'family', fixedPlace: true }));
      const res = await secretaryA.post(`/api/members/${m.id}/standing-cases`, {
        kind: 'stop',
        meeting,
        reasonCode: 'abroad',
      });
      expect(res.status).toBe(201);
    });

    it('still lets a member lost for 6 months with reason code 出国(境) go the lost-contact way (RULES.md §2 reason codes)', async () => {
      const m = await newMember(tree.branchA.id);
      await env.admin.post(`/api/members/${m.id}/lost-contact`, { since: '2025-01', reasonCode: 'abroad' });
      const res = await secretaryA.post(`/api/members/${m.id}/standing-cases`, {
        kind: 'stop',
        meeting,
        reasonCode: 'abroad',
      });
      expect(res.status).toBe(201);
      const early = await newMember(tree.branchA.id);
      await env.admin.post(`/api/members/${early.id}/lost-contact`, {
        since: today().slice(0, 7),
        reasonCode: 'abroad',
      });
      const tooSoon = await secretaryA.post(`/api/members/${early.id}/standing-cases`, {
        kind: 'stop',
        meeting,
        reasonCode: 'abroad',
      });
      expect(tooSoon.status).toBe(422);
      expect(tooSoon.body.error.code).toBe('CASE_NOT_ALLOWED');
    });
  });
});
