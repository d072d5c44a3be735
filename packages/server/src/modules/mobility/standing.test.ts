import { addMonths } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../lib/clock.js';
import {
  buildTree,
  type Client,
  engines,
  memberBody,
  startEnv,
  type TestEnv,
  userClient,
} from '../../test/harness.js';

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const meeting = (over: Record<string, unknown> = {}) => ({
  on: today(),
  body: 'branch_general_meeting',
  votesFor: 12,
  votesAgainst: 1,
  votesAbstain: 2,
  ...over,
});

describe.each(engines)('lost contact and the decisions on standing on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  const now = today();
  const newMember = async (orgId: string, over: Record<string, unknown> = {}) => {
    const res = await env.admin.post('/api/members', memberBody(orgId, over));
    expect(res.status).toBe(201);
    return res.body as { id: string; name: string };
  };
  const registeredOn = (id: string, on: string) =>
    env.ctx.database.rows(
      sql`update members set created_at = ${`${on}T09:00:00+08:00`}::timestamptz where id = ${id}`,
    );
  const away = async (id: string, leftOn: string) => {
    const res = await env.admin.post('/api/mobility/outflows', {
      memberId: id,
      leftOn,
      expectedMonths: 12,
      reason: 'work',
      destinationRegion: '440305',
      fixedPlace: false,
      hostHasPartyOrg: false,
    });
    expect(res.status).toBe(201);
  };
  const life = async (id: string, heldOn: string) =>
    expect((await env.admin.post(`/api/members/${id}/life`, { heldOn, mode: 'present' })).status).toBe(201);

  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
  });
  afterAll(() => env.close());

  describe('the lost-contact candidates (RULES.md §2 "Lost-contact time counts from the last organizational-life or dues date"; 篇七)', () => {
    const who: Record<string, string> = {};
    let candidates: { memberId: string; lastSeenOn: string; lastSeenKind: string; mobile: boolean }[];
    beforeAll(async () => {
      const twoYearsAgo = addMonths(now, -24);
      // At home, joined in 1974, attended organizational life last month: seen.
      who.homeLife = (
        await newMember(tree.branchA.id, {
          birthDate: '1950-03-04',
          joinedOn: '1974-07-01',
          fullOn: '1975-07-01',
        })
      ).id;
      await registeredOn(who.homeLife, twoYearsAgo);
      await life(who.homeLife, addMonths(now, -1));
      // At home with nothing on record yet: nobody is looking for this villager.
      who.homeQuiet = (
        await newMember(tree.branchA.id, {
          birthDate: '1950-05-06',
          joinedOn: '1974-07-01',
          fullOn: '1975-07-01',
        })
      ).id;
      await registeredOn(who.homeQuiet, twoYearsAgo);
      // Away for ten months, registered in the system last week: the branch has only just recorded them.
      who.newcomer = (await newMember(tree.branchA.id)).id;
      await away(who.newcomer, addMonths(now, -10));
      await registeredOn(who.newcomer, addDays(now, -7));
      // Away for ten months, registered eight months ago, never reached since: lost since registration.
      who.lost = (await newMember(tree.branchA.id)).id;
      await away(who.lost, addMonths(now, -10));
      await registeredOn(who.lost, addMonths(now, -8));
      // Away, but reached three months ago.
      who.reached = (await newMember(tree.branchA.id)).id;
      await away(who.reached, addMonths(now, -10));
      await registeredOn(who.reached, twoYearsAgo);
      expect(
        (
          await env.admin.post(`/api/members/${who.reached}/contacts`, {
            contactedOn: addMonths(now, -3),
            channel: 'phone',
            reached: true,
          })
        ).status,
      ).toBe(201);
      // At home, last seen at organizational life eight months ago.
      who.faded = (await newMember(tree.branchA.id)).id;
      await registeredOn(who.faded, twoYearsAgo);
      await life(who.faded, addMonths(now, -8));
      candidates = (await env.admin.get(`/api/mobility/lost-contact/candidates?orgId=${tree.committee.id}`))
        .body.items;
    });
    const listed = (id: string) => candidates.find((c) => c.memberId === id);

    it('does not list a member at home who attends organizational life, joined in 1974 or not', () => {
      expect(listed(who.homeLife!)).toBeUndefined();
    });
    it('does not list a member at home with no fact on record (the join date says nothing about reaching them)', () => {
      expect(listed(who.homeQuiet!)).toBeUndefined();
    });
    it('does not list a member registered last week, however long away', () => {
      expect(listed(who.newcomer!)).toBeUndefined();
    });
    it('does not list a member reached within the policy period', () => {
      expect(listed(who.reached!)).toBeUndefined();
    });
    it('lists a mobile member not reached for more than 6 months since registration, counted from the registration', () => {
      expect(listed(who.lost!)).toMatchObject({
        lastSeenOn: addMonths(now, -8),
        lastSeenKind: 'registration',
        mobile: true,
      });
    });
    it('lists a member whose last organizational life is older than the period, from that date', () => {
      expect(listed(who.faded!)).toMatchObject({
        lastSeenOn: addMonths(now, -8),
        lastSeenKind: 'life',
        mobile: false,
      });
    });
  });

  describe('four eyes on 停止党籍 (RULES.md §2: the branch decides, the committee approves)', () => {
    let secretary: Client;
    let organizer: Client;
    let chair: Client;
    let member: { id: string };
    let caseId: string;
    const caseOf = async (client: Client, id: string) =>
      (await client.get('/api/standing-cases')).body.items.find((c: { id: string }) => c.id === id);
    beforeAll(async () => {
      secretary = await userClient(env, tree.branchA.id, 'manager');
      organizer = await userClient(env, tree.committee.id, 'manager');
      chair = await userClient(env, tree.committee.id, 'manager');
      member = await newMember(tree.branchA.id);
      await env.admin.post(`/api/members/${member.id}/lost-contact`, {
        since: addMonths(now, -9).slice(0, 7),
        reasonCode: 'work_business',
      });
    });

    it('refuses a proposal without the branch meeting (400) or whose vote failed (422), writing nothing', async () => {
      const count = async () =>
        (
          await env.ctx.database.rows<{ n: number }>(
            sql`select count(*)::int as n from standing_cases where member_id = ${member.id}`,
          )
        )[0]!.n;
      expect(
        (await secretary.post(`/api/members/${member.id}/standing-cases`, { kind: 'stop' })).status,
      ).toBe(400);
      const failed = await secretary.post(`/api/members/${member.id}/standing-cases`, {
        kind: 'stop',
        meeting: meeting({ votesFor: 3, votesAgainst: 5 }),
      });
      expect(failed.status).toBe(422);
      expect(failed.body.error.message).toMatch(/表决/);
      expect(await count()).toBe(0);
    });

    it("records the branch's meeting and vote, the proposer's own organization and the deciding committee", async () => {
      const res = await secretary.post(`/api/members/${member.id}/standing-cases`, {
        kind: 'stop',
        reasonCode: 'work_business',
        meeting: meeting({ body: 'branch_committee', votesFor: 4, votesAgainst: 0, votesAbstain: 1 }),
      });
      expect(res.status).toBe(201);
      caseId = res.body.id;
      expect(await caseOf(env.admin, caseId)).toMatchObject({
        proposerOrgName: tree.branchA.name,
        decidingOrgId: tree.committee.id,
        decidingOrgName: tree.committee.name,
        meeting: { on: now, body: 'branch_committee', votesFor: 4, votesAgainst: 0, votesAbstain: 1 },
      });
    });

    it('says who may decide: not the branch, a committee manager may', async () => {
      expect((await caseOf(secretary, caseId)).abilities.decide).toMatchObject({
        allowed: false,
        reason: expect.stringMatching(/党委/),
      });
      expect((await caseOf(organizer, caseId)).abilities.decide).toEqual({ allowed: true, reason: null });
      const clerk = await userClient(env, tree.committee.id, 'clerk');
      expect((await caseOf(clerk, caseId)).abilities.decide.allowed).toBe(false);
      expect((await clerk.post(`/api/standing-cases/${caseId}/decide`, { approve: true })).status).toBe(403);
      expect((await secretary.post(`/api/standing-cases/${caseId}/decide`, { approve: true })).status).toBe(
        403,
      );
    });

    it('refuses the proposer the decision (SAME_PERSON_DECISION) and lets another member of the committee decide', async () => {
      const other = await newMember(tree.branchA.id);
      await env.admin.post(`/api/members/${other.id}/lost-contact`, {
        since: addMonths(now, -9).slice(0, 7),
        reasonCode: 'other',
      });
      const proposed = await organizer.post(`/api/members/${other.id}/standing-cases`, {
        kind: 'stop',
        meeting: meeting(),
      });
      expect(proposed.status).toBe(201);
      // The committee's member proposing it was attributed to the committee, not the member's branch.
      expect((await caseOf(organizer, proposed.body.id)).proposerOrgName).toBe(tree.committee.name);
      expect((await caseOf(organizer, proposed.body.id)).abilities.decide).toMatchObject({
        allowed: false,
        reason: expect.stringContaining('提出人'),
      });
      const own = await organizer.post(`/api/standing-cases/${proposed.body.id}/decide`, { approve: true });
      expect(own.status).toBe(403);
      expect(own.body.error.code).toBe('SAME_PERSON_DECISION');
      expect(own.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect((await env.admin.get(`/api/members/${other.id}`)).body.standing).toBe('normal');
      const decided = await chair.post(`/api/standing-cases/${proposed.body.id}/decide`, { approve: true });
      expect(decided.status).toBe(200);
      expect((await env.admin.get(`/api/members/${other.id}`)).body.standing).toBe('stopped');
    });

    it('offers 自行脱党 only once stopped for 2 years, saying when (RULES.md §2)', async () => {
      const decided = await chair.post(`/api/standing-cases/${caseId}/decide`, { approve: true });
      expect(decided.status).toBe(200);
      const row = async () =>
        (await secretary.get(`/api/mobility/standing?orgId=${tree.branchA.id}`)).body.items.find(
          (m: { memberId: string }) => m.memberId === member.id,
        );
      const stopped = await row();
      expect(stopped.abilities.lapse).toMatchObject({
        allowed: false,
        reason: expect.stringContaining('2 年'),
      });
      expect(stopped.abilities.restore.allowed).toBe(true);
      expect(stopped.abilities.stop.allowed).toBe(false);
      expect(
        (
          await secretary.post(`/api/members/${member.id}/standing-cases`, {
            kind: 'lapse',
            meeting: meeting(),
          })
        ).status,
      ).toBe(422);
      await env.ctx.database.rows(
        sql`update standing_cases set decided_at = now() - interval '25 months' where id = ${caseId}`,
      );
      expect((await row()).abilities.lapse).toEqual({ allowed: true, reason: null });
      // An auditor sees the list but may propose nothing.
      const auditor = await userClient(env, tree.branchA.id, 'auditor');
      const seen = (await auditor.get(`/api/mobility/standing?orgId=${tree.branchA.id}`)).body.items.find(
        (m: { memberId: string }) => m.memberId === member.id,
      );
      expect(seen.abilities.lapse.allowed).toBe(false);
    });
  });
});
