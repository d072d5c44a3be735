import { addMonths } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../lib/clock.js';
import {
  buildTree,
  engines,
  memberBody,
  refreshObligations,
  startEnv,
  type TestEnv,
} from '../../test/harness.js';

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * Obligations of organizations reach the staff inbox through the daily job (《中国共产党支部工作条例
 * (试行)》 第六章 "届满应当按期换届"; 党章第七条 "预备期为一年"; RULES.md §4), once per organization,
 * cause and period.
 */
describe.each(engines)('organization reminders on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let ended: { id: string };
  let probationer: { id: string };
  const reminders = () =>
    env.ctx.database.rows<{
      orgId: string;
      template: string;
      aboutMemberId: string | null;
      title: string;
    }>(sql`
      select org_id as "orgId", template, about_member_id as "aboutMemberId", title from notifications
      where member_id is null and template in ('term_ended', 'term_ending', 'no_secretary', 'probation_overdue')`);
  const of = (rows: Awaited<ReturnType<typeof reminders>>, orgId: string, template: string) =>
    rows.filter((r) => r.orgId === orgId && r.template === template);

  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
    const now = today();
    // Branch A: a secretary serving, its term ended yesterday. Branch B: a secretary, its term ends in
    // two weeks, and a probationary member who joined 13 months ago. A third branch has no secretary.
    ended = (
      await env.admin.post('/api/orgs', {
        name: `第三党支部${tree.suffix}`,
        type: 'branch',
        parentId: tree.committee.id,
      })
    ).body;
    for (const [org, termEndsOn] of [
      [tree.branchA.id, addDays(now, -1)],
      [tree.branchB.id, addDays(now, 14)],
      [tree.committee.id, null],
    ] as const) {
      const secretary = (await env.admin.post('/api/members', memberBody(org))).body;
      const post = await env.admin.post(`/api/orgs/${org}/posts`, {
        memberId: secretary.id,
        kind: 'secretary',
        startedOn: addMonths(now, -12),
      });
      expect(post.status).toBe(201);
      if (termEndsOn) {
        const patched = await env.admin.patch(`/api/orgs/${org}`, {
          termStartedOn: addMonths(now, -36),
          termEndsOn,
        });
        expect(patched.status).toBe(200);
      }
    }
    const { fullOn: _, ...body } = memberBody(tree.branchB.id, {
      kind: 'probationary',
      joinedOn: addMonths(now, -13),
    });
    const created = await env.admin.post('/api/members', body);
    expect(created.status).toBe(201);
    probationer = created.body;
    // Joined eleven months ago: still within the year.
    const { fullOn: __, ...young } = memberBody(tree.branchB.id, {
      kind: 'probationary',
      joinedOn: addMonths(now, -11),
    });
    expect((await env.admin.post('/api/members', young)).status).toBe(201);
  });
  afterAll(() => env.close());

  it('puts exactly one staff reminder per cause on the organization that owes it, and a second run adds none', async () => {
    expect((await refreshObligations(env.admin)).status).toBe('done');
    const first = await reminders();
    expect(of(first, tree.branchA.id, 'term_ended')).toHaveLength(1);
    expect(of(first, tree.branchB.id, 'term_ending')).toHaveLength(1);
    expect(of(first, ended.id, 'no_secretary')).toHaveLength(1);
    const probation = of(first, tree.branchB.id, 'probation_overdue');
    expect(probation).toHaveLength(1);
    expect(probation[0]!.aboutMemberId).toBe(probationer.id);
    // Nothing owed elsewhere: a serving secretary, a current term, a probation still within its year.
    expect(of(first, tree.branchA.id, 'no_secretary')).toHaveLength(0);
    expect(of(first, tree.branchB.id, 'term_ended')).toHaveLength(0);
    expect(of(first, tree.committee.id, 'no_secretary')).toHaveLength(0);
    expect(of(first, ended.id, 'term_ended').length + of(first, ended.id, 'term_ending').length).toBe(0);

    expect((await refreshObligations(env.admin)).status).toBe('done');
    expect(await reminders()).toHaveLength(first.length);
  });

  it("shows them in the staff inbox of the organization and its committee, counted as unread (the bell's number)", async () => {
    const secretary = await env.admin.get(`/api/inbox?orgId=${tree.branchB.id}&unread=true&pageSize=50`);
    expect(secretary.status).toBe(200);
    expect(secretary.body.items.map((i: { template: string }) => i.template).sort()).toEqual([
      'probation_overdue',
      'term_ending',
    ]);
    expect(secretary.body.unread).toBe(2);
    const committee = await env.admin.get(`/api/inbox?orgId=${tree.committee.id}&unread=true&pageSize=50`);
    const templates = committee.body.items.map((i: { template: string }) => i.template);
    expect(templates).toEqual(
      expect.arrayContaining(['term_ended', 'term_ending', 'no_secretary', 'probation_overdue']),
    );
    expect(
      committee.body.items.find((i: { template: string }) => i.template === 'term_ended').body,
    ).toContain('届满');
  });
});
