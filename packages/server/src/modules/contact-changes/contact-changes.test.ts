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

describe.each(engines)('contact details proposed by the member on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let managerA: Client;
  let managerB: Client;

  const auditActions = async (memberId: string) =>
    (
      await env.ctx.database.rows<{ action: string }>(
        sql`select action from audit_events where entity = 'member' and entity_id = ${memberId}
            and action like 'member.contact_change%' order by id`,
      )
    ).map((r) => r.action);

  /** A member of branch A away in 深圳 with a portal account. */
  async function mobileMember() {
    const m = (await env.admin.post('/api/members', memberBody(tree.branchA.id, { phone: '13900000000' })))
      .body;
    const ep = await env.admin.post('/api/mobility/outflows', {
      memberId: m.id,
      leftOn: today(),
      expectedMonths: 5,
      reason: 'work',
      destinationRegion: '440305',
      fixedPlace: false,
      hostHasPartyOrg: false,
      contact: '13900000000',
    });
    expect(ep.status).toBe(201);
    const portal = await userClient(env, tree.branchA.id, 'member', { memberId: m.id });
    return { member: m, episodeId: ep.body.id as string, portal };
  }

  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
    managerA = await userClient(env, tree.branchA.id, 'manager');
    managerB = await userClient(env, tree.branchB.id, 'manager');
  });
  afterAll(() => env.close());

  it('propose → approve changes the phone (masked in lists), the outflow contact and city; two audit rows', async () => {
    const { member, episodeId, portal } = await mobileMember();
    const proposed = await portal.post('/api/me/contact-changes', {
      phone: '13712345678',
      region: '440106',
      otherContact: 'wx_zhang88',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({
      status: 'pending',
      phone: '13712345678',
      otherContact: 'wx_zhang88',
    });
    // Nothing changes before the branch confirms.
    expect((await env.admin.get(`/api/members/${member.id}`)).body.phone).toBe('139****0000');

    const list = await managerA.get(`/api/contact-changes?memberId=${member.id}&status=pending`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ phone: '137****5678', otherContact: 'wx_****' });

    const approved = await managerA.post(`/api/contact-changes/${proposed.body.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    const after = await env.admin.get(`/api/members/${member.id}`);
    expect(after.body.phone).toBe('137****5678');
    expect(after.body.destinationRegion).toBe('440106');
    const revealed = await env.admin.get(`/api/members/${member.id}?reveal=phone`);
    expect(revealed.body.phone).toBe('13712345678');
    const members = await managerA.get(
      `/api/members?orgId=${tree.branchA.id}&q=${encodeURIComponent(member.name)}`,
    );
    expect(members.body.items.find((m: { id: string }) => m.id === member.id).phone).toBe('137****5678');

    const episode = await env.admin.get(`/api/mobility/outflows/${episodeId}`);
    expect(episode.body.contact).toBe('137****5678；wx_****');
    expect(episode.body.destinationRegion).toBe('440106');

    expect(await auditActions(member.id)).toEqual([
      'member.contact_change_propose',
      'member.contact_change_approve',
    ]);
    // Decided once: a second decision is refused and writes nothing.
    expect((await managerA.post(`/api/contact-changes/${proposed.body.id}/approve`)).status).toBe(409);
    expect(await auditActions(member.id)).toHaveLength(2);
  });

  it('reject keeps the record and tells the member why', async () => {
    const { member, portal } = await mobileMember();
    const proposed = await portal.post('/api/me/contact-changes', { phone: '13600001111' });
    expect(proposed.status).toBe(201);
    const rejected = await managerA.post(`/api/contact-changes/${proposed.body.id}/reject`, {
      reason: '电话打不通，请核实',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '电话打不通，请核实' });
    expect((await env.admin.get(`/api/members/${member.id}`)).body.phone).toBe('139****0000');
    const mine = await portal.get('/api/me/contact-changes');
    expect(mine.body.items[0]).toMatchObject({ status: 'rejected', rejectReason: '电话打不通，请核实' });
    expect(await auditActions(member.id)).toEqual([
      'member.contact_change_propose',
      'member.contact_change_reject',
    ]);
    // Rejected, so a new proposal may follow.
    expect((await portal.post('/api/me/contact-changes', { phone: '13600002222' })).status).toBe(201);
  });

  it("another branch's staff get 404 and change nothing", async () => {
    const { member, portal } = await mobileMember();
    const proposed = await portal.post('/api/me/contact-changes', { phone: '13500003333' });
    const id = proposed.body.id as string;
    expect((await managerB.post(`/api/contact-changes/${id}/approve`)).status).toBe(404);
    expect((await managerB.post(`/api/contact-changes/${id}/reject`, { reason: '不同意' })).status).toBe(404);
    expect((await managerB.get(`/api/contact-changes?memberId=${member.id}`)).status).toBe(404);
    const scoped = await managerB.get('/api/contact-changes');
    expect(scoped.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await env.admin.get(`/api/members/${member.id}`)).body.phone).toBe('139****0000');
    expect(await auditActions(member.id)).toEqual(['member.contact_change_propose']);
  });

  it('only the member proposes, for themselves, one pending at a time, with valid fields', async () => {
    const { member, portal } = await mobileMember();
    expect((await managerA.post('/api/me/contact-changes', { phone: '13712345678' })).status).toBe(403);
    const approveByMember = await portal.post(`/api/contact-changes/${member.id}/approve`);
    expect(approveByMember.status).toBe(404);
    expect((await portal.post('/api/me/contact-changes', {})).status).toBe(400);
    expect((await portal.post('/api/me/contact-changes', { phone: '12345' })).body.error.code).toBe(
      'INVALID_PHONE',
    );
    expect((await portal.post('/api/me/contact-changes', { region: '999999' })).body.error.code).toBe(
      'INVALID_REGION',
    );
    expect((await portal.post('/api/me/contact-changes', { address: '深圳市南山区科技园1号' })).status).toBe(
      201,
    );
    const again = await portal.post('/api/me/contact-changes', { address: '深圳市福田区2号' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONTACT_CHANGE_PENDING');
    expect(await auditActions(member.id)).toEqual(['member.contact_change_propose']);
  });

  it('a member at home may not set a current city', async () => {
    const m = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
    const portal = await userClient(env, tree.branchA.id, 'member', { memberId: m.id });
    const res = await portal.post('/api/me/contact-changes', { region: '440106' });
    expect(res.status).toBe(400);
    const ok = await portal.post('/api/me/contact-changes', { address: '长沙市岳麓区1号' });
    expect(ok.status).toBe(201);
    expect((await managerA.post(`/api/contact-changes/${ok.body.id}/approve`)).status).toBe(200);
    const revealed = await env.admin.get(`/api/members/${m.id}?reveal=address`);
    expect(revealed.body.address).toBe('长沙市岳麓区1号');
  });
});
