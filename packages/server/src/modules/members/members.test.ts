import { checkIdNumber, idChecksum, makeIdNumber } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, memberBody, startEnv, type TestEnv, userClient } from '../../test/harness.js';

describe.each(engines)('member registry on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
  });
  afterAll(() => env.close());

  const count = async () =>
    (await env.admin.get(`/api/members?orgId=${tree.committee.id}`)).body.total as number;

  it('creates the member resource of API.md with ID and phone masked', async () => {
    const body = memberBody(tree.branchA.id, {
      phone: '13912345678',
      address: '湖南省长沙市岳麓区麓山路1号',
    });
    const res = await env.admin.post('/api/members', body);
    expect(res.status).toBe(201);
    const m = res.body;
    // Province and city only: with the listed birth date a longer mask completed the number (personal-data.test.ts).
    expect(m.idNumber).toBe(`${body.idNumber.slice(0, 4)}${'*'.repeat(14)}`);
    expect(m.phone).toBe('139****5678');
    expect(m.address).not.toContain('麓山路1号');
    expect(m).toMatchObject({
      orgId: tree.branchA.id,
      kind: 'full',
      standing: 'normal',
      lostContact: false,
      mobile: false,
    });
    const row = await env.ctx.database.rows<{ id_number_enc: string }>(
      (await import('drizzle-orm')).sql`select id_number_enc from members where id = ${m.id}`,
    );
    // Encrypted at rest: the stored value is not the number.
    expect(row[0]!.id_number_enc).not.toContain(body.idNumber.slice(6, 14));
  });

  it('rejects a wrong GB 11643 check digit with 400 and writes nothing', async () => {
    const before = await count();
    const body = memberBody(tree.branchA.id);
    const wrong = body.idNumber.slice(0, 17) + (body.idNumber[17] === '1' ? '2' : '1');
    const res = await env.admin.post('/api/members', { ...body, idNumber: wrong });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('ID_CHECKSUM');
    expect(await count()).toBe(before);
  });

  it('rejects a birth date or gender that disagrees with the ID number', async () => {
    const body = memberBody(tree.branchA.id, { birthDate: '1990-03-07', gender: 'male' });
    const res = await env.admin.post('/api/members', { ...body, birthDate: '1990-03-08' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('ID_MISMATCH');
    const g = await env.admin.post('/api/members', { ...body, gender: 'female' });
    expect(g.body.error.code).toBe('ID_MISMATCH');
  });

  it('registers nobody twice, across the whole system (409)', async () => {
    const body = memberBody(tree.branchA.id);
    expect((await env.admin.post('/api/members', body)).status).toBe(201);
    const other = await buildTree(env);
    const dup = await env.admin.post('/api/members', { ...body, orgId: other.branchB.id });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('ID_NUMBER_DUPLICATE');
    const lower = await env.admin.post('/api/members', { ...body, idNumber: body.idNumber.toLowerCase() });
    expect(lower.status).toBe(409);
  });

  it('validates required fields, types and lengths with Chinese messages', async () => {
    const res = await env.admin.post('/api/members', { orgId: tree.branchA.id, name: 'x'.repeat(51) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    const unknownOrg = await env.admin.post(
      '/api/members',
      memberBody('00000000-0000-4000-8000-000000000000'),
    );
    expect(unknownOrg.status).toBe(404);
    const phone = await env.admin.post('/api/members', memberBody(tree.branchA.id, { phone: '12345' }));
    expect(phone.body.error.code).toBe('INVALID_PHONE');
  });

  it('reveals personal data only with permission, and audits the reveal', async () => {
    const body = memberBody(tree.branchA.id, { phone: '13700001111' });
    const m = (await env.admin.post('/api/members', body)).body;
    const clerk = await userClient(env, tree.committee.id, 'clerk');
    expect((await clerk.get(`/api/members/${m.id}?reveal=idNumber`)).status).toBe(403);
    const manager = await userClient(env, tree.committee.id, 'manager');
    const full = await manager.get(`/api/members/${m.id}?reveal=idNumber,phone`);
    expect(full.body.idNumber).toBe(body.idNumber);
    expect(full.body.phone).toBe('13700001111');
    const audit = await env.admin.get(`/api/audit?entity=member&entityId=${m.id}&action=member.reveal`);
    expect(audit.body.total).toBe(1);
  });

  it('lists the subtree with paging and finds by name and ID suffix', async () => {
    const t = await buildTree(env);
    const bodies = Array.from({ length: 5 }, (_, i) => memberBody(i < 3 ? t.branchA.id : t.branchB.id));
    const created = [];
    for (const body of bodies) created.push((await env.admin.post('/api/members', body)).body);
    const all = await env.admin.get(`/api/members?orgId=${t.committee.id}&pageSize=2&page=2`);
    expect(all.body.total).toBe(5);
    expect(all.body.items).toHaveLength(2);
    expect((await env.admin.get(`/api/members?orgId=${t.branchB.id}`)).body.total).toBe(2);
    const byName = await env.admin.get(
      `/api/members?orgId=${t.committee.id}&q=${encodeURIComponent(created[0].name)}`,
    );
    expect(byName.body.items.map((m: { id: string }) => m.id)).toContain(created[0].id);
    const suffix = bodies[1]!.idNumber.slice(-4);
    const bySuffix = await env.admin.get(`/api/members?orgId=${t.committee.id}&q=${suffix}`);
    expect(bySuffix.body.items.map((m: { id: string }) => m.id)).toContain(created[1].id);
    for (const item of all.body.items) expect(item.idNumber).toMatch(/^\d{4}\*{14}$/);
  });

  it('keeps a full change history and refuses stale versions', async () => {
    const m = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
    const edited = await env.admin.patch(`/api/members/${m.id}`, { jobPost: '村委委员', version: m.version });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(m.version + 1);
    const stale = await env.admin.patch(`/api/members/${m.id}`, { jobPost: '又改', version: m.version });
    expect(stale.status).toBe(409);
    const history = await env.admin.get(`/api/members/${m.id}/history`);
    const update = history.body.items.find((e: { action: string }) => e.action === 'member.update');
    expect(update.before).toMatchObject({ jobPost: null });
    expect(update.after).toMatchObject({ jobPost: '村委委员' });
  });

  it('records relatives and links a relative who is a member', async () => {
    const a = memberBody(tree.branchA.id);
    const b = memberBody(tree.branchA.id);
    const ma = (await env.admin.post('/api/members', a)).body;
    const mb = (await env.admin.post('/api/members', b)).body;
    const res = await env.admin.post(`/api/members/${ma.id}/relatives`, {
      relation: 'spouse',
      name: mb.name,
      idNumber: b.idNumber,
    });
    expect(res.status).toBe(201);
    expect(res.body.items[0]).toMatchObject({ relation: 'spouse', relatedMemberId: mb.id });
    const self = await env.admin.post(`/api/members/${ma.id}/relatives`, {
      relation: 'sibling',
      name: 'x',
      idNumber: a.idNumber,
    });
    expect(self.status).toBe(422);
  });
});

describe('ID numbers built for tests pass the GB 11643 check', () => {
  it('round-trips through checkIdNumber', () => {
    const id = makeIdNumber('430104', '1990-03-07', 1, 'male');
    expect(id.slice(17)).toBe(idChecksum(id.slice(0, 17)));
    expect(checkIdNumber(id)).toMatchObject({ ok: true, birthDate: '1990-03-07', gender: 'male' });
  });
});
