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

interface Tally {
  due: number;
  done: number;
  pending: number;
  overdue: number;
}
interface Branch {
  orgId: string;
  orgName: string;
  mobile: number;
  lost: number;
  kinds: Record<string, Tally>;
}

/**
 * The officer's comparison (篇九 "一月一联系": the organization contacts every mobile member every
 * month): what was done this period out of what is due, for every branch of the scope.
 */
describe.each(engines)('the branch comparison of mobility statistics on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let empty: { id: string };
  let branches: Branch[];
  let total: Omit<Branch, 'orgId' | 'orgName'>;
  const now = today();

  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
    empty = (
      await env.admin.post('/api/orgs', {
        name: `第三党支部${tree.suffix}`,
        type: 'branch',
        parentId: tree.committee.id,
      })
    ).body;
    // Branch A: four members away since the start of this month; two of them called today.
    for (let i = 0; i < 4; i += 1) {
      const m = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
      const out = await env.admin.post('/api/mobility/outflows', {
        memberId: m.id,
        leftOn: `${now.slice(0, 7)}-01`,
        expectedMonths: 12,
        reason: 'work',
        destinationRegion: '440305',
        fixedPlace: false,
        hostHasPartyOrg: false,
      });
      expect(out.status).toBe(201);
      if (i < 2) {
        const called = await env.admin.post(`/api/members/${m.id}/contacts`, {
          contactedOn: now,
          channel: 'phone',
          reached: true,
        });
        expect(called.status).toBe(201);
      }
    }
    // Branch B: nobody away, one member flagged 失联.
    const home = (await env.admin.post('/api/members', memberBody(tree.branchB.id))).body;
    await env.admin.post(`/api/members/${home.id}/lost-contact`, { since: '2025-01', reasonCode: 'other' });
    expect((await refreshObligations(env.admin)).status).toBe('done');
    const res = await env.admin.get(`/api/stats/mobility?orgId=${tree.committee.id}`);
    expect(res.status).toBe(200);
    ({ branches, total } = res.body);
    expect(res.body.asOf).toBe(now);
  });
  afterAll(() => env.close());

  const row = (orgId: string) => branches.find((b) => b.orgId === orgId)!;

  it('shows half done, not 100%, where half the members were not called this month', () => {
    const contact = row(tree.branchA.id).kinds.monthly_contact!;
    expect(contact).toEqual({ due: 4, done: 2, pending: 2, overdue: 0 });
    expect(contact.done / contact.due).toBe(0.5);
    expect(row(tree.branchA.id).mobile).toBe(4);
  });

  it('lists every branch of the scope, with zeros where nobody is away, and the lost members', () => {
    expect(branches.map((b) => b.orgId)).toEqual(
      expect.arrayContaining([tree.branchA.id, tree.branchB.id, empty.id]),
    );
    expect(row(tree.branchB.id)).toMatchObject({ mobile: 0, lost: 1 });
    expect(row(tree.branchB.id).kinds.monthly_contact).toEqual({ due: 0, done: 0, pending: 0, overdue: 0 });
    expect(row(empty.id)).toMatchObject({ orgName: `第三党支部${tree.suffix}`, mobile: 0, lost: 0 });
  });

  it('totals the scope from its branches', () => {
    expect(total).toMatchObject({ mobile: 4, lost: 1 });
    expect(total.kinds.monthly_contact).toEqual({ due: 4, done: 2, pending: 2, overdue: 0 });
  });
});
