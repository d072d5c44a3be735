import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, memberBody, startEnv, type TestEnv, userClient } from '../../test/harness.js';

/**
 * Issue 8 defect 8: a relative's ID number answered the id of a member in another scope. The link
 * stays stored (RULES.md §8, archives: "a relative recorded on either member"), but a caller is told
 * only about members they may see (API.md errors: outside your scope is absent).
 */
describe.each(engines)('relatives across scopes on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine);
  });
  afterAll(() => env.close());

  it('links a relative outside the caller’s scope without telling who or where they are', async () => {
    const mine = await buildTree(env);
    const theirs = await buildTree(env);
    const own = (await env.admin.post('/api/members', memberBody(mine.branchA.id))).body;
    const sameScope = memberBody(mine.branchB.id);
    const near = (await env.admin.post('/api/members', sameScope)).body;
    const elsewhere = memberBody(theirs.branchA.id);
    const far = (await env.admin.post('/api/members', elsewhere)).body;
    const manager = await userClient(env, mine.committee.id, 'manager');

    const added = await manager.post(`/api/members/${own.id}/relatives`, {
      relation: 'spouse',
      name: far.name,
      idNumber: elsewhere.idNumber,
    });
    expect(added.status).toBe(201);
    expect(JSON.stringify(added.body)).not.toContain(far.id);
    expect(added.body.items).toMatchObject([{ relation: 'spouse', name: far.name, relatedMemberId: null }]);
    // API.md: 201 {"id"} — the new record's id, beside the list the console shows.
    expect(added.body.id).toBe(added.body.items[0].id);

    const sibling = await manager.post(`/api/members/${own.id}/relatives`, {
      relation: 'sibling',
      name: near.name,
      idNumber: sameScope.idNumber,
    });
    expect(sibling.body.items.map((r: { relatedMemberId: string | null }) => r.relatedMemberId)).toEqual([
      null,
      near.id,
    ]);

    const listed = await manager.get(`/api/members/${own.id}/relatives`);
    expect(JSON.stringify(listed.body)).not.toContain(far.id);
    const auditor = await userClient(env, mine.committee.id, 'auditor');
    const audit = await auditor.get(`/api/audit?entityId=${own.id}&action=member.relative_add`);
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).not.toContain(far.id);

    // The link is kept for the archive rule: whoever sees both members sees it.
    const all = await env.admin.get(`/api/members/${own.id}/relatives`);
    expect(all.body.items.map((r: { relatedMemberId: string | null }) => r.relatedMemberId)).toEqual([
      far.id,
      near.id,
    ]);
  });
});
