import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTree,
  engines,
  memberBody,
  refreshObligations,
  startEnv,
  type TestEnv,
  userClient,
} from '../../test/harness.js';

const pad = (n: number) => String(n).padStart(2, '0');
/** The server's calendar day (lib/clock.ts: local time), `days` before today. */
const daysAgo = (days: number) => {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const today = () => daysAgo(0);

describe.each(engines)('meetings: recording on %s', (engine) => {
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
  const member = async (orgId: string, over: Record<string, unknown> = {}) =>
    (await env.admin.post('/api/members', memberBody(orgId, over))).body as { id: string; name: string };
  const record = (body: Record<string, unknown>) =>
    env.admin.post('/api/meetings', { type: 'group_meeting', topic: '学习党章', heldOn: today(), ...body });
  /** Past meetings of a fixed year, each recorded late with its reason. */
  const absentOn = (orgId: string, memberId: string, heldOn: string, status = 'absent') =>
    record({ orgId, heldOn, lateReason: '测试补录', attendance: [{ memberId, status }] });
  const escalations = async (memberId: string, year?: number) =>
    (await env.admin.get(`/api/members/${memberId}/escalations${year ? `?year=${year}` : ''}`)).body
      .items as {
      kind: string;
      cause: string;
      createdOn: string;
      number: string | null;
    }[];

  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
  });
  afterAll(() => env.close());

  it("API.md: the expected attendees are the org's own members, not a child's; unlisted ones have no status", async () => {
    const b = await branch();
    const group = (await env.admin.post('/api/orgs', { name: '第一党小组', type: 'group', parentId: b.id }))
      .body;
    const own = await member(b.id);
    const other = await member(b.id);
    const child = await member(group.id);
    const res = await record({ orgId: b.id, attendance: [{ memberId: own.id, status: 'present' }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ late: false, quorum: null, escalations: 0 });
    const detail = (await env.admin.get(`/api/meetings/${res.body.id}`)).body;
    const ids = detail.attendance.map((a: { memberId: string }) => a.memberId).sort();
    expect(ids).toEqual([own.id, other.id].sort());
    expect(ids).not.toContain(child.id);
    expect(detail.attendance.find((a: { memberId: string }) => a.memberId === other.id).status).toBeNull();
    expect(detail.status).toBe('held');
    expect(detail.abilities.record.allowed).toBe(true);
    // Only a recorded absence escalates: the unlisted member has none.
    expect(await escalations(other.id)).toEqual([]);
    const list = await env.admin.get(`/api/meetings?orgId=${b.id}`);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ id: res.body.id, orgId: b.id, expected: 2, attending: 1 });
    // A child's member listed explicitly is a guest of the record.
    const again = await record({ orgId: b.id, attendance: [{ memberId: child.id, status: 'present' }] });
    const guest = (await env.admin.get(`/api/meetings/${again.body.id}`)).body.attendance.find(
      (a: { memberId: string }) => a.memberId === child.id,
    );
    expect(guest).toMatchObject({ guest: true, status: 'present' });
  });

  it('RULES.md §4: a member exempted by the upper organization is not expected while the exemption runs', async () => {
    const b = await branch();
    const old = await member(b.id);
    const other = await member(b.id);
    const branchManager = await userClient(env, b.id, 'manager');
    const refused = await branchManager.post('/api/life-exemptions', {
      memberId: old.id,
      reason: 'elderly',
      from: daysAgo(10),
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('EXEMPTION_NEEDS_UPPER_ORG');
    const upper = await userClient(env, tree.committee.id, 'manager');
    const ex = await upper.post('/api/life-exemptions', {
      memberId: old.id,
      reason: 'elderly',
      from: daysAgo(10),
    });
    expect(ex.status).toBe(201);
    const listed = (await upper.get(`/api/life-exemptions?orgId=${b.id}`)).body;
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ memberId: old.id, reason: 'elderly', until: null });
    const during = await record({ orgId: b.id, attendance: [{ memberId: other.id, status: 'present' }] });
    const att = (await env.admin.get(`/api/meetings/${during.body.id}`)).body.attendance;
    expect(att.map((a: { memberId: string }) => a.memberId)).toEqual([other.id]);
    // Before the exemption began the member was expected.
    const before = await record({ orgId: b.id, heldOn: daysAgo(20) });
    expect((await env.admin.get(`/api/meetings/${before.body.id}`)).body.attendance).toHaveLength(2);
    expect((await upper.post(`/api/life-exemptions/${ex.body.id}/end`, { on: daysAgo(5) })).body).toEqual({
      ok: true,
    });
    const after = await record({ orgId: b.id });
    expect((await env.admin.get(`/api/meetings/${after.body.id}`)).body.attendance).toHaveLength(2);
  });

  it('API.md: a record exactly the policy days (30) after the meeting is fine, one more needs a reason', async () => {
    const b = await branch();
    const onTime = await record({ orgId: b.id, heldOn: daysAgo(30) });
    expect(onTime.status).toBe(201);
    expect(onTime.body.late).toBe(false);
    const late = await record({ orgId: b.id, heldOn: daysAgo(31) });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('LATE_RECORD_NEEDS_REASON');
    const withReason = await record({
      orgId: b.id,
      heldOn: daysAgo(31),
      lateReason: '书记外出学习，返回后补录',
    });
    expect(withReason.status).toBe(201);
    expect(withReason.body.late).toBe(true);
    const detail = (await env.admin.get(`/api/meetings/${withReason.body.id}`)).body;
    expect(detail).toMatchObject({ late: true, lateReason: '书记外出学习，返回后补录', recordedOn: today() });
    const future = await record({ orgId: b.id, heldOn: '2999-01-01' });
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('RULES.md §4 decision: 1st unexcused absence ⇒ SMS, 2nd ⇒ 警戒书, 3rd ⇒ 警戒书 + 落后党员 and a disposal candidate', async () => {
    const b = await branch();
    const m = await member(b.id);
    const first = await absentOn(b.id, m.id, '2025-03-05');
    expect(first.body.escalations).toBe(1);
    expect((await escalations(m.id)).map((e) => e.kind)).toEqual(['sms_reminder']);
    const inbox = await env.ctx.database.rows<{ template: string }>(
      sql`select template from notifications where member_id = ${m.id}`,
    );
    expect(inbox.map((n) => n.template)).toContain('meeting_absence');
    expect((await absentOn(b.id, m.id, '2025-04-05')).body.escalations).toBe(1);
    const third = await absentOn(b.id, m.id, '2025-05-05');
    expect(third.body.escalations).toBe(2);
    const all = await escalations(m.id, 2025);
    expect(all.map((e) => [e.kind, e.cause, e.createdOn])).toEqual([
      ['sms_reminder', 'unexcused_absence', '2025-03-05'],
      ['warning_letter', 'unexcused_absence', '2025-04-05'],
      ['warning_letter', 'unexcused_absence', '2025-05-05'],
      ['backward_member', 'two_warning_letters', '2025-05-05'],
    ]);
    expect(all[1]!.number).toBe('警戒书〔2025〕001号');
    expect(all[2]!.number).toBe('警戒书〔2025〕002号');
    expect(all[0]!.number).toBeNull();
    expect(await escalations(m.id, 2024)).toEqual([]);
    const disposals = await env.ctx.database.rows<{ ground: string; status: string }>(
      sql`select ground, status from disposals where member_id = ${m.id}`,
    );
    expect(disposals).toEqual([{ ground: 'backward_member', status: 'candidate' }]);
    const audit = await env.ctx.database.rows<{ action: string; n: number }>(
      sql`select action, count(*)::int as n from audit_events where entity_id = ${m.id} and action = 'meeting.escalation'
        group by action`,
    );
    expect(audit).toEqual([{ action: 'meeting.escalation', n: 4 }]);
  });

  it('篇三 L280: the fourth excused absence of a year draws a 警戒书 of its own (excessive_leave)', async () => {
    const b = await branch();
    const m = await member(b.id);
    for (const day of ['2025-02-01', '2025-03-01', '2025-04-01']) {
      expect((await absentOn(b.id, m.id, day, 'excused')).body.escalations).toBe(0);
    }
    const fourth = await absentOn(b.id, m.id, '2025-05-01', 'excused');
    expect(fourth.body.escalations).toBe(1);
    expect((await escalations(m.id)).map((e) => [e.kind, e.cause])).toEqual([
      ['warning_letter', 'excessive_leave'],
    ]);
  });

  it('RULES.md §6 (L380): six calendar months of unexcused absences ⇒ lapse_candidate and a no_life_6m candidate', async () => {
    const b = await branch();
    const m = await member(b.id);
    for (const month of ['01', '02', '03', '04', '05']) await absentOn(b.id, m.id, `2024-${month}-10`);
    expect((await escalations(m.id)).map((e) => e.kind)).not.toContain('lapse_candidate');
    await absentOn(b.id, m.id, '2024-06-10');
    const kinds = (await escalations(m.id)).filter((e) => e.kind === 'lapse_candidate');
    expect(kinds).toEqual([expect.objectContaining({ cause: 'no_life_6m', createdOn: '2024-06-10' })]);
    const grounds = await env.ctx.database.rows<{ ground: string }>(
      sql`select ground from disposals where member_id = ${m.id} order by ground`,
    );
    expect(grounds.map((g) => g.ground)).toEqual(['backward_member', 'no_life_6m']);
  });

  it('attendance corrections re-sync life records and escalate; only expected members (422 NOT_AN_ATTENDEE)', async () => {
    const b = await branch();
    const m = await member(b.id);
    const rec = await record({ orgId: b.id, attendance: [{ memberId: m.id, status: 'present' }] });
    const life = () =>
      env.ctx.database.rows<{ n: number }>(
        sql`select count(*)::int as n from life_records where meeting_id = ${rec.body.id}`,
      );
    expect(await life()).toEqual([{ n: 1 }]);
    const put = await env.admin.put(`/api/meetings/${rec.body.id}/attendance`, {
      attendance: [{ memberId: m.id, status: 'absent' }],
    });
    expect(put.body).toEqual({ updated: 1, escalations: 1 });
    expect(await life()).toEqual([{ n: 0 }]);
    const stranger = await member(tree.branchB.id);
    const bad = await env.admin.put(`/api/meetings/${rec.body.id}/attendance`, {
      attendance: [{ memberId: stranger.id, status: 'present' }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('NOT_AN_ATTENDEE');
  });

  it('RULES.md §4 quorum: the assembly needs more than half of the full members; votes pass by those due', async () => {
    const b = await branch();
    const full = [await member(b.id), await member(b.id), await member(b.id)];
    const probationer = await member(b.id, { kind: 'probationary', fullOn: undefined });
    const res = await record({
      orgId: b.id,
      type: 'assembly',
      attendance: [
        { memberId: full[0]!.id, status: 'present' },
        { memberId: full[1]!.id, status: 'late' },
        { memberId: probationer.id, status: 'present' },
      ],
      votes: [
        { motion: '接收预备党员', for: 2, against: 0, abstain: 0 },
        { motion: '其他事项', for: 1, against: 1, abstain: 0 },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.quorum).toEqual({ met: true, needed: 2, attending: 2, expected: 3 });
    const detail = (await env.admin.get(`/api/meetings/${res.body.id}`)).body;
    expect(detail.votes.map((v: { passed: boolean }) => v.passed)).toEqual([true, false]);
    const thin = await record({
      orgId: b.id,
      type: 'assembly',
      attendance: [
        { memberId: full[0]!.id, status: 'present' },
        { memberId: probationer.id, status: 'present' },
      ],
    });
    expect(thin.body.quorum).toMatchObject({ met: false, attending: 1, expected: 3 });
  });

  it('RULES.md §4 quorum: the committee counts its serving posts, not whoever else attended', async () => {
    const b = await branch();
    const posts = [await member(b.id), await member(b.id), await member(b.id)];
    const other = await member(b.id);
    for (const [i, p] of posts.entries()) {
      const kind = i === 0 ? 'secretary' : 'committee_member';
      const res = await env.admin.post(`/api/orgs/${b.id}/posts`, {
        memberId: p.id,
        kind,
        startedOn: '2024-01-01',
      });
      expect(res.status).toBe(201);
    }
    const res = await record({
      orgId: b.id,
      type: 'committee_meeting',
      attendance: [
        { memberId: posts[0]!.id, status: 'present' },
        { memberId: other.id, status: 'present' },
      ],
    });
    expect(res.body.quorum).toEqual({ met: false, needed: 2, attending: 1, expected: 3 });
    const put = await env.admin.put(`/api/meetings/${res.body.id}/attendance`, {
      attendance: [{ memberId: posts[1]!.id, status: 'online' }],
    });
    expect(put.body.updated).toBe(1);
    const detail = (await env.admin.get(`/api/meetings/${res.body.id}`)).body;
    expect(detail.quorum).toEqual({ met: true, needed: 2, attending: 2, expected: 3 });
  });

  it('a mobile member attending at the host counts toward the home org_life obligation', async () => {
    const home = await branch();
    const host = await branch();
    const m = await member(home.id);
    const out = await env.admin.post('/api/mobility/outflows', {
      memberId: m.id,
      leftOn: today(),
      expectedMonths: 5,
      reason: 'work',
      destinationRegion: '440305',
      fixedPlace: true,
      hostHasPartyOrg: true,
      inflowOrgId: host.id,
      contact: '13800001234',
    });
    expect(out.status).toBe(201);
    const orgLife = async () => {
      await refreshObligations(env.admin);
      const ledger = (await env.admin.get(`/api/mobility/members/${m.id}/ledger`)).body;
      return ledger.obligations.find((o: { kind: string }) => o.kind === 'org_life');
    };
    expect((await orgLife())?.fulfilledOn ?? null).toBeNull();
    const hostManager = await userClient(env, host.id, 'manager');
    const rec = await hostManager.post('/api/meetings', {
      orgId: host.id,
      type: 'theme_day',
      topic: '主题党日',
      heldOn: today(),
      attendance: [{ memberId: m.id, status: 'present' }],
    });
    expect(rec.status).toBe(201);
    const att = (await hostManager.get(`/api/meetings/${rec.body.id}`)).body.attendance;
    expect(att).toEqual([expect.objectContaining({ memberId: m.id, guest: true, status: 'present' })]);
    // 篇三 街道 三(三): outside the province twice a year — the second meeting at the host fulfils it.
    expect((await orgLife())?.fulfilledOn ?? null).toBeNull();
    const second = await hostManager.post('/api/meetings', {
      orgId: host.id,
      type: 'party_lecture',
      topic: '党课',
      heldOn: today(),
      attendance: [{ memberId: m.id, status: 'online' }],
    });
    expect(second.status).toBe(201);
    expect((await orgLife())?.fulfilledOn).toBe(today());
    const life = (await env.admin.get(`/api/members/${m.id}/attendance`)).body;
    expect(life.counts).toMatchObject({ expected: 2, present: 1, online: 1 });
    expect(life.items.map((i: { meetingId: string }) => i.meetingId).sort()).toEqual(
      [rec.body.id, second.body.id].sort(),
    );
  });

  it("scope: another branch's manager sees a 404 for the meeting and cannot record for that branch", async () => {
    const rec = await record({ orgId: tree.branchA.id });
    const otherManager = await userClient(env, tree.branchB.id, 'manager');
    expect((await otherManager.get(`/api/meetings/${rec.body.id}`)).status).toBe(404);
    const res = await otherManager.post('/api/meetings', {
      orgId: tree.branchA.id,
      type: 'group_meeting',
      topic: '越权',
      heldOn: today(),
    });
    expect(res.status).toBe(404);
    const put = await otherManager.put(`/api/meetings/${rec.body.id}/attendance`, {
      attendance: [{ memberId: randomUUID(), status: 'present' }],
    });
    expect(put.status).toBe(404);
    expect((await otherManager.get(`/api/meetings?orgId=${tree.branchA.id}`)).status).toBe(404);
    const auditor = await userClient(env, tree.branchA.id, 'auditor');
    expect(
      (
        await auditor.post('/api/meetings', {
          orgId: tree.branchA.id,
          type: 'group_meeting',
          topic: 'x',
          heldOn: today(),
        })
      ).status,
    ).toBe(403);
  });
});
