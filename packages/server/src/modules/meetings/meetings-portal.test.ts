import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTree, engines, memberBody, startEnv, type TestEnv, userClient } from '../../test/harness.js';

const pad = (n: number) => String(n).padStart(2, '0');
/** The server's calendar day (lib/clock.ts: local time), `days` from today. */
const dayFrom = (days: number) => {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const today = () => dayFrom(0);

describe.each(engines)('meetings: plans, sign-in, leave and attachments on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  const branch = async () =>
    (
      await env.admin.post('/api/orgs', {
        name: `支部${randomUUID().slice(0, 6)}`,
        type: 'branch',
        parentId: tree.committee.id,
      })
    ).body as { id: string };
  const member = async (orgId: string) =>
    (await env.admin.post('/api/members', memberBody(orgId))).body as { id: string; name: string };
  const portal = (orgId: string, memberId: string) => userClient(env, orgId, 'member', { memberId });
  const attendanceOf = async (meetingId: string) =>
    (await env.admin.get(`/api/meetings/${meetingId}`)).body.attendance as {
      memberId: string;
      status: string | null;
      leaveReason: string | null;
      signedInAt: string | null;
    }[];

  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
  });
  afterAll(() => env.close());

  it('plans a meeting and notifies each expected attendee once; recording the plan keeps its id (then 409)', async () => {
    const b = await branch();
    const [m1, m2] = [await member(b.id), await member(b.id)];
    const plan = await env.admin.post('/api/meetings/plans', {
      orgId: b.id,
      type: 'assembly',
      plannedOn: dayFrom(7),
      topic: '季度党员大会',
      place: '村部会议室',
    });
    expect(plan.status).toBe(201);
    expect(plan.body.notified).toBe(2);
    const notes = await env.ctx.database.rows<{ memberId: string; template: string }>(
      sql`select member_id as "memberId", template from notifications
        where dedupe_key like ${`meeting-plan:${plan.body.id}:%`} order by member_id`,
    );
    expect(notes.map((n) => n.memberId)).toEqual([m1.id, m2.id].sort());
    expect(new Set(notes.map((n) => n.template))).toEqual(new Set(['meeting_planned']));
    const planned = await env.admin.get(`/api/meetings?orgId=${b.id}&status=planned`);
    expect(planned.body.items.map((i: { id: string }) => i.id)).toEqual([plan.body.id]);
    expect((await env.admin.get(`/api/meetings?orgId=${b.id}`)).body.total).toBe(0);
    const quiet = await env.admin.post('/api/meetings/plans', {
      orgId: b.id,
      type: 'group_meeting',
      plannedOn: dayFrom(3),
      topic: '小组学习',
      notify: false,
    });
    expect(quiet.body.notified).toBe(0);

    const held = await env.admin.post('/api/meetings', {
      orgId: b.id,
      planId: plan.body.id,
      type: 'assembly',
      heldOn: today(),
      topic: '季度党员大会',
      attendance: [{ memberId: m1.id, status: 'present' }],
    });
    expect(held.status).toBe(201);
    expect(held.body.id).toBe(plan.body.id);
    const again = await env.admin.post('/api/meetings', {
      orgId: b.id,
      planId: plan.body.id,
      type: 'assembly',
      heldOn: today(),
      topic: '季度党员大会',
    });
    expect(again.status).toBe(409);
    const elsewhere = await env.admin.post('/api/meetings', {
      orgId: tree.branchB.id,
      planId: quiet.body.id,
      type: 'group_meeting',
      heldOn: today(),
      topic: 'x',
    });
    expect(elsewhere.status).toBe(404);
  });

  it('sign-in: 201, again 409, a stranger 422 NOT_AN_ATTENDEE, after validUntil 422 SIGN_IN_CLOSED, staff 403', async () => {
    const b = await branch();
    const [m1, m2] = [await member(b.id), await member(b.id)];
    const stranger = await member(tree.branchB.id);
    const rec = await env.admin.post('/api/meetings', {
      orgId: b.id,
      type: 'theme_day',
      heldOn: today(),
      topic: '主题党日',
    });
    const open = await env.admin.post(`/api/meetings/${rec.body.id}/sign-in`, { minutes: 30 });
    expect(open.status).toBe(201);
    expect(open.body.code).toMatch(/^\d{6}$/);
    expect(open.body.url).toBe(`/m/sign-in?code=${open.body.code}`);
    expect(open.body.qrSvg).toContain('<svg');
    const minutesLeft = (Date.parse(open.body.validUntil) - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(29);
    expect(minutesLeft).toBeLessThanOrEqual(30);

    const phone = await portal(b.id, m1.id);
    const ok = await phone.post('/api/me/meetings/sign-in', { code: open.body.code });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ meetingId: rec.body.id, status: 'present' });
    const twice = await phone.post('/api/me/meetings/sign-in', { code: open.body.code });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_SIGNED_IN');
    const outsider = await portal(tree.branchB.id, stranger.id);
    const refused = await outsider.post('/api/me/meetings/sign-in', { code: open.body.code });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('NOT_AN_ATTENDEE');
    expect((await phone.post('/api/me/meetings/sign-in', { code: 'ZZZZZZ' })).status).toBe(404);
    // Nobody signs for another: a staff account cannot use the member's route.
    expect((await env.admin.post('/api/me/meetings/sign-in', { code: open.body.code })).status).toBe(403);

    const rows = await attendanceOf(rec.body.id);
    expect(rows.find((r) => r.memberId === m1.id)).toMatchObject({ status: 'present' });
    expect(rows.find((r) => r.memberId === m1.id)!.signedInAt).not.toBeNull();
    const life = await env.ctx.database.rows<{ memberId: string }>(
      sql`select member_id as "memberId" from life_records where meeting_id = ${rec.body.id}`,
    );
    expect(life).toEqual([{ memberId: m1.id }]);

    await env.ctx.database.rows(
      sql`update meetings set sign_in_until = now() - interval '1 minute' where id = ${rec.body.id}`,
    );
    const late = await (await portal(b.id, m2.id)).post('/api/me/meetings/sign-in', { code: open.body.code });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('SIGN_IN_CLOSED');
    expect((await env.admin.get(`/api/meetings/${rec.body.id}`)).body.signIn).toMatchObject({ open: false });
  });

  it('sign-in opened on a planned meeting stands when the meeting is recorded', async () => {
    const b = await branch();
    const [m1, m2] = [await member(b.id), await member(b.id)];
    const plan = await env.admin.post('/api/meetings/plans', {
      orgId: b.id,
      type: 'party_lecture',
      plannedOn: today(),
      topic: '书记讲党课',
      notify: false,
    });
    const open = await env.admin.post(`/api/meetings/${plan.body.id}/sign-in`);
    expect(open.status).toBe(201);
    expect(
      (await (await portal(b.id, m1.id)).post('/api/me/meetings/sign-in', { code: open.body.code })).status,
    ).toBe(201);
    const rec = await env.admin.post('/api/meetings', {
      orgId: b.id,
      planId: plan.body.id,
      type: 'party_lecture',
      heldOn: today(),
      topic: '书记讲党课',
      attendance: [{ memberId: m2.id, status: 'absent' }],
    });
    expect(rec.status).toBe(201);
    expect(rec.body.escalations).toBe(1);
    const rows = await attendanceOf(plan.body.id);
    expect(rows.find((r) => r.memberId === m1.id)).toMatchObject({ status: 'present' });
    expect(rows.find((r) => r.memberId === m2.id)).toMatchObject({ status: 'absent' });
  });

  it('leave: the member asks once, the secretary approves, the record shows excused with the reason', async () => {
    const b = await branch();
    const [m1, m2] = [await member(b.id), await member(b.id)];
    const secretary = await userClient(env, b.id, 'manager');
    const plan = await secretary.post('/api/meetings/plans', {
      orgId: b.id,
      type: 'group_meeting',
      plannedOn: dayFrom(2),
      topic: '党小组会',
      notify: false,
    });
    const phone = await portal(b.id, m1.id);
    const ask = await phone.post(`/api/me/meetings/${plan.body.id}/leave`, { reason: 'sick', note: '住院' });
    expect(ask.status).toBe(201);
    expect(ask.body.status).toBe('pending');
    const twice = await phone.post(`/api/me/meetings/${plan.body.id}/leave`, { reason: 'sick' });
    expect(twice.status).toBe(409);
    const outsider = await portal(tree.branchB.id, (await member(tree.branchB.id)).id);
    expect(
      (await outsider.post(`/api/me/meetings/${plan.body.id}/leave`, { reason: 'personal' })).status,
    ).toBe(422);

    const mine = (await phone.get('/api/me/meetings')).body;
    const item = mine.items.find((i: { id: string }) => i.id === plan.body.id);
    expect(item).toMatchObject({
      status: 'planned',
      leave: { status: 'pending', reason: 'sick' },
      canAskLeave: false,
    });

    const pending = await secretary.get(`/api/leave-requests?orgId=${b.id}&status=pending`);
    expect(pending.body.total).toBe(1);
    expect(pending.body.items[0]).toMatchObject({
      id: ask.body.id,
      memberId: m1.id,
      reason: 'sick',
      note: '住院',
    });
    const clerk = await userClient(env, b.id, 'clerk');
    expect((await clerk.post(`/api/leave-requests/${ask.body.id}/decision`, { approve: true })).status).toBe(
      403,
    );
    const other = await userClient(env, tree.branchB.id, 'manager');
    expect((await other.post(`/api/leave-requests/${ask.body.id}/decision`, { approve: true })).status).toBe(
      404,
    );
    const ok = await secretary.post(`/api/leave-requests/${ask.body.id}/decision`, { approve: true });
    expect(ok.body).toEqual({ ok: true });
    expect(
      (await secretary.post(`/api/leave-requests/${ask.body.id}/decision`, { approve: false })).status,
    ).toBe(409);

    const rec = await secretary.post('/api/meetings', {
      orgId: b.id,
      planId: plan.body.id,
      type: 'group_meeting',
      heldOn: today(),
      topic: '党小组会',
      attendance: [{ memberId: m2.id, status: 'present' }],
    });
    expect(rec.status).toBe(201);
    const rows = await attendanceOf(plan.body.id);
    expect(rows.find((r) => r.memberId === m1.id)).toMatchObject({ status: 'excused', leaveReason: 'sick' });

    // Leave for a held meeting, approved afterwards, turns an absence into an excused one.
    const held = await secretary.post('/api/meetings', {
      orgId: b.id,
      type: 'theme_day',
      heldOn: today(),
      topic: '主题党日',
      attendance: [{ memberId: m2.id, status: 'absent' }],
    });
    const late = await (await portal(b.id, m2.id)).post(`/api/me/meetings/${held.body.id}/leave`, {
      reason: 'official',
    });
    expect(late.status).toBe(201);
    await secretary.post(`/api/leave-requests/${late.body.id}/decision`, { approve: true });
    const after = await attendanceOf(held.body.id);
    expect(after.find((r) => r.memberId === m2.id)).toMatchObject({
      status: 'excused',
      leaveReason: 'official',
    });
    const counts = (await (await portal(b.id, m2.id)).get('/api/me/meetings')).body.counts;
    expect(counts).toMatchObject({ expected: 2, present: 1, excused: 1, absent: 0 });
  });

  it('attachments round-trip from the database; over the policy limit 413 FILE_TOO_LARGE', async () => {
    const b = await branch();
    const rec = await env.admin.post('/api/meetings', {
      orgId: b.id,
      type: 'committee_meeting',
      heldOn: today(),
      topic: '支委会',
    });
    const file = randomBytes(3000);
    const up = await env.admin.upload(`/api/meetings/${rec.body.id}/attachments`, file, '会议记录.xlsx');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: '会议记录.xlsx', size: 3000 });
    const down = await env.admin.get(`/api/meetings/${rec.body.id}/attachments/${up.body.id}`);
    expect(down.status).toBe(200);
    expect(Buffer.compare(down.raw, file)).toBe(0);
    const detail = (await env.admin.get(`/api/meetings/${rec.body.id}`)).body;
    expect(detail.attachments.map((a: { id: string }) => a.id)).toEqual([up.body.id]);

    const policy = await env.admin.put(`/api/orgs/${b.id}/policies/meetings`, {
      effectiveFrom: today(),
      document: { attachmentMaxBytes: 2048 },
    });
    expect(policy.status).toBe(200);
    const big = await env.admin.upload(`/api/meetings/${rec.body.id}/attachments`, file, '照片.xlsx');
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('FILE_TOO_LARGE');
    const other = await userClient(env, tree.branchB.id, 'manager');
    expect((await other.get(`/api/meetings/${rec.body.id}/attachments/${up.body.id}`)).status).toBe(404);
    expect(
      (await other.upload(`/api/meetings/${rec.body.id}/attachments`, file.subarray(0, 10))).status,
    ).toBe(404);
  });
});
