import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, memberBody, startEnv, type TestEnv, userClient } from '../../test/harness.js';

describe.each(engines)('organizations on %s', (engine) => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startEnv(engine);
  });
  afterAll(() => env.close());

  it('builds a tree with types, regions and children', async () => {
    const { committee, branchA, branchB } = await buildTree(env, '430104');
    expect(committee).toMatchObject({
      type: 'committee',
      regionCode: '430104',
      regionName: '湖南省长沙市岳麓区',
    });
    const children = await env.admin.get(`/api/orgs/${committee.id}/children`);
    expect(children.body.items.map((o: { id: string }) => o.id).sort()).toEqual(
      [branchA.id, branchB.id].sort(),
    );
    const group = await env.admin.post('/api/orgs', {
      name: '第一党小组',
      type: 'group',
      parentId: branchA.id,
    });
    expect(group.status).toBe(201);
    const bad = await env.admin.post('/api/orgs', {
      name: '错层支部',
      type: 'branch',
      parentId: group.body.id,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('ORG_TYPE_NOT_ALLOWED');
    const region = await env.admin.post('/api/orgs', { name: 'x', type: 'committee', regionCode: '999999' });
    expect(region.body.error.code).toBe('INVALID_REGION');
  });

  it('lets only a global admin create a top-level organization', async () => {
    const { committee } = await buildTree(env);
    const manager = await userClient(env, committee.id, 'manager');
    const res = await manager.post('/api/orgs', { name: '另立山头', type: 'committee' });
    expect(res.status).toBe(403);
  });

  it('moves a subtree and keeps its members reachable under the new parent', async () => {
    const a = await buildTree(env);
    const b = await buildTree(env);
    const group = (await env.admin.post('/api/orgs', { name: '小组', type: 'group', parentId: a.branchA.id }))
      .body;
    await env.admin.post('/api/members', memberBody(group.id));
    const moved = await env.admin.post(`/api/orgs/${a.branchA.id}/move`, { parentId: b.committee.id });
    expect(moved.status).toBe(200);
    expect((await env.admin.get(`/api/members?orgId=${b.committee.id}`)).body.total).toBe(1);
    expect((await env.admin.get(`/api/members?orgId=${a.committee.id}`)).body.total).toBe(0);
    const intoSelf = await env.admin.post(`/api/orgs/${b.committee.id}/move`, { parentId: group.id });
    expect(intoSelf.status).toBe(422);
  });

  it('dissolves with members reassigned, never orphaned, and merges children', async () => {
    const t = await buildTree(env);
    const m = (await env.admin.post('/api/members', memberBody(t.branchA.id))).body;
    const withChild = await env.admin.post(`/api/orgs/${t.committee.id}/dissolve`, {
      reassignTo: t.branchB.id,
    });
    expect(withChild.status).toBe(422);
    const res = await env.admin.post(`/api/orgs/${t.branchA.id}/dissolve`, { reassignTo: t.branchB.id });
    expect(res.body.dissolved).toBe(true);
    expect((await env.admin.get(`/api/members/${m.id}`)).body.orgId).toBe(t.branchB.id);
    const other = await buildTree(env);
    const g = (await env.admin.post('/api/orgs', { name: '小组', type: 'group', parentId: other.branchA.id }))
      .body;
    const merged = await env.admin.post(`/api/orgs/${other.branchA.id}/merge`, { intoId: other.branchB.id });
    expect(merged.body).toMatchObject({ dissolved: true, mergedInto: other.branchB.id });
    expect((await env.admin.get(`/api/orgs/${g.id}`)).body.parentId).toBe(other.branchB.id);
  });

  it('shows the regulation shape warnings (RULES.md §4, 《支部工作条例》)', async () => {
    const t = await buildTree(env);
    const warnings = (await env.admin.get(`/api/orgs/${t.branchA.id}`)).body.warnings.map(
      (w: { code: string }) => w.code,
    );
    expect(warnings).toContain('TOO_FEW_FULL_MEMBERS');
    expect(warnings).toContain('NO_SECRETARY');
    const ids = [];
    for (let i = 0; i < 3; i++)
      ids.push((await env.admin.post('/api/members', memberBody(t.branchA.id))).body.id);
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await env.admin.patch(`/api/orgs/${t.branchA.id}`, { termStartedOn: '2023-12-01', termEndsOn: soon });
    const post = await env.admin.post(`/api/orgs/${t.branchA.id}/posts`, {
      memberId: ids[0],
      kind: 'secretary',
      startedOn: '2023-12-01',
    });
    expect(post.status).toBe(201);
    const after = post.body.warnings.map((w: { code: string }) => w.code);
    expect(after).not.toContain('TOO_FEW_FULL_MEMBERS');
    expect(after).not.toContain('NO_SECRETARY');
    expect(after).toContain('TERM_ENDING');
  });
});
