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

  describe('abilities: what the caller may do now, and the write routes agreeing', () => {
    const OWN = '不能移动、合并或撤销本账号所属的组织，请由上级组织办理';
    const pick = (body: { abilities: Record<string, boolean> }, keys: string[]) =>
      Object.fromEntries(keys.map((k) => [k, body.abilities[k]]));
    const retire = ['move', 'merge', 'dissolve'];

    it('offers a branch manager nothing that would move, merge or dissolve their own branch (党章第三十条)', async () => {
      const t = await buildTree(env);
      const group = (
        await env.admin.post('/api/orgs', { name: '第一党小组', type: 'group', parentId: t.branchA.id })
      ).body;
      const manager = await userClient(env, t.branchA.id, 'manager');
      const own = (await manager.get(`/api/orgs/${t.branchA.id}`)).body;
      expect(own.abilities).toEqual({
        edit: true,
        createChild: true,
        move: false,
        merge: false,
        dissolve: false,
        managePosts: true,
        promote: false,
      });
      const inside = (await manager.get(`/api/orgs/${group.id}`)).body;
      expect(pick(inside, retire)).toEqual({ move: true, merge: true, dissolve: true });
      // A group contains nothing; and a promoted group would sit under the committee, outside the scope.
      expect(pick(inside, ['createChild', 'promote'])).toEqual({ createChild: false, promote: false });
      const children = (await manager.get(`/api/orgs/${t.branchA.id}/children`)).body.items;
      expect(pick(children[0], retire)).toEqual({ move: true, merge: true, dissolve: true });
      expect((await manager.get('/api/orgs')).body.abilities).toEqual({ createRoot: false });

      const admin = (await env.admin.get(`/api/orgs/${t.branchB.id}`)).body;
      expect(pick(admin, retire)).toEqual({ move: true, merge: true, dissolve: true });
      expect((await env.admin.get(`/api/orgs/${group.id}`)).body.abilities.promote).toBe(true);
      // Dissolving reassigns members only: an organization with children is merged or emptied first.
      const committee = (await env.admin.get(`/api/orgs/${t.committee.id}`)).body;
      expect(pick(committee, retire)).toEqual({ move: true, merge: true, dissolve: false });
      expect((await env.admin.get('/api/orgs')).body.abilities).toEqual({ createRoot: true });

      for (const role of ['auditor', 'clerk']) {
        const reader = await userClient(env, t.committee.id, role);
        const seen = (await reader.get(`/api/orgs/${t.branchA.id}`)).body;
        expect(Object.values(seen.abilities).some(Boolean)).toBe(false);
      }
      await env.admin.post(`/api/orgs/${group.id}/dissolve`, { reassignTo: t.branchA.id });
      const gone = (await env.admin.get(`/api/orgs/${group.id}`)).body;
      expect(Object.values(gone.abilities).some(Boolean)).toBe(false);
    });

    it("refuses a manager's move, merge or dissolve of their own branch, and lets them act beneath it", async () => {
      const t = await buildTree(env);
      const group = (
        await env.admin.post('/api/orgs', { name: '第一党小组', type: 'group', parentId: t.branchA.id })
      ).body;
      const manager = await userClient(env, t.branchA.id, 'manager');
      // The target is not even looked at: the refusal names the real reason, whatever the target.
      const writes = [
        manager.post(`/api/orgs/${t.branchA.id}/move`, { parentId: t.branchB.id }),
        manager.post(`/api/orgs/${t.branchA.id}/merge`, { intoId: t.branchB.id }),
        manager.post(`/api/orgs/${t.branchA.id}/dissolve`, { reassignTo: group.id }),
      ];
      for (const res of await Promise.all(writes)) {
        expect(res.status).toBe(403);
        expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: OWN });
      }
      const after = (await env.admin.get(`/api/orgs/${t.branchA.id}`)).body;
      expect(after).toMatchObject({ dissolved: false, parentId: t.committee.id });
      const promote = await manager.post(`/api/orgs/${group.id}/promote`, {});
      // The position is refused before the member count is even weighed (the ability says the same).
      expect(promote.status).toBe(403);
      expect(promote.body.error.message).toBe('组建后的党支部将属于上级组织，须由上级组织办理');
      const dissolved = await manager.post(`/api/orgs/${group.id}/dissolve`, { reassignTo: t.branchA.id });
      expect(dissolved.status).toBe(200);
      expect(dissolved.body.dissolved).toBe(true);
    });

    it('refuses to move or staff an organization already dissolved', async () => {
      const t = await buildTree(env);
      const m = (await env.admin.post('/api/members', memberBody(t.branchB.id))).body;
      await env.admin.post(`/api/orgs/${t.branchA.id}/dissolve`, { reassignTo: t.branchB.id });
      const other = await buildTree(env);
      const move = await env.admin.post(`/api/orgs/${t.branchA.id}/move`, { parentId: other.committee.id });
      expect(move.status).toBe(422);
      expect(move.body.error.code).toBe('ORG_DISSOLVED');
      expect((await env.admin.get(`/api/orgs/${t.branchA.id}`)).body.parentId).toBe(t.committee.id);
      const post = await env.admin.post(`/api/orgs/${t.branchA.id}/posts`, {
        memberId: m.id,
        kind: 'secretary',
        startedOn: '2024-01-01',
      });
      expect(post.status).toBe(422);
      expect(post.body.error.code).toBe('ORG_DISSOLVED');
    });
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
