import { randomUUID } from 'node:crypto';
import { addMonths } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTree,
  type Client,
  engines,
  memberBody,
  refreshObligations,
  startEnv,
  type TestEnv,
  userClient,
} from '../../test/harness.js';
import { pdfText } from '../../test/pdf.js';

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

describe.each(engines)('disposal queue on %s (RULES.md §6 L374–L384)', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let branchManager: Client;
  let committeeManager: Client;
  let clerk: Client;
  let otherClerk: Client;
  let auditor: Client;
  const newMember = async (over: Record<string, unknown> = {}) => {
    const res = await env.admin.post('/api/members', memberBody(tree.branchA.id, over));
    expect(res.status).toBe(201);
    return res.body as { id: string; name: string };
  };
  const candidate = async (ground = 'points', over: Record<string, unknown> = {}) => {
    const m = await newMember(over);
    const res = await branchManager.post('/api/disposals', {
      memberId: m.id,
      ground,
      cause: '年度积分不合格',
    });
    expect(res.status).toBe(201);
    return { member: m, id: res.body.id as string };
  };
  const step = (client: Client, id: string, body: Record<string, unknown>) =>
    client.post(`/api/disposals/${id}/steps`, { on: daysAgo(10), body: '支部委员会', ...body });
  /** Steps 1–4 recorded, the assembly's vote passed: the case waits for the approval. */
  const upToApproval = async (id: string, decision?: string) => {
    expect((await step(branchManager, id, { step: 1, on: daysAgo(30) })).status).toBe(201);
    expect(
      (await step(branchManager, id, { step: 2, on: daysAgo(25), body: '调查组', decision })).status,
    ).toBe(201);
    expect((await step(committeeManager, id, { step: 3, on: daysAgo(20), body: '党委预审' })).status).toBe(
      201,
    );
    const vote = { for: 7, against: 2, abstain: 1, due: 10 };
    expect((await step(branchManager, id, { step: 4, on: daysAgo(15), body: '支部大会', vote })).status).toBe(
      201,
    );
  };

  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env);
    branchManager = await userClient(env, tree.branchA.id, 'manager');
    committeeManager = await userClient(env, tree.committee.id, 'manager');
    clerk = await userClient(env, tree.branchA.id, 'clerk');
    otherClerk = await userClient(env, tree.branchB.id, 'clerk');
    auditor = await userClient(env, tree.committee.id, 'auditor');
  });
  afterAll(() => env.close());

  it('adds a candidate by hand once per member and ground; automatic grounds are not entered by hand', async () => {
    const { member, id } = await candidate();
    const again = await branchManager.post('/api/disposals', { memberId: member.id, ground: 'points' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DISPOSAL_EXISTS');
    const other = await branchManager.post('/api/disposals', { memberId: member.id, ground: 'no_work_6m' });
    expect(other.status).toBe(201);
    const auto = await branchManager.post('/api/disposals', { memberId: member.id, ground: 'no_life_6m' });
    expect(auto.status).toBe(422);
    expect(auto.body.error.code).toBe('DISPOSAL_GROUND_AUTOMATIC');
    const byClerk = await clerk.post('/api/disposals', { memberId: member.id, ground: 'correction_failed' });
    expect(byClerk.status).toBe(403);

    const list = await clerk.get(`/api/disposals?orgId=${tree.branchA.id}&memberId=${member.id}`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((i: { ground: string }) => i.ground).sort()).toEqual(['no_work_6m', 'points']);
    const item = list.body.items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ memberId: member.id, name: member.name, status: 'candidate', step: 0 });
    const byGround = await auditor.get(`/api/disposals?memberId=${member.id}&ground=points&status=candidate`);
    expect(byGround.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
  });

  it('outside the scope a case is 404 and absent from the list', async () => {
    const { member, id } = await candidate();
    expect((await otherClerk.get(`/api/disposals/${id}`)).status).toBe(404);
    expect((await otherClerk.get(`/api/disposals?memberId=${member.id}`)).body.total).toBe(0);
    expect((await otherClerk.get(`/api/disposals?orgId=${tree.branchA.id}`)).status).toBe(404);
    expect((await env.admin.get(`/api/disposals/${randomUUID()}`)).status).toBe(404);
  });

  it('steps go in order (422 DISPOSAL_STEP_ORDER) and not before the step before (422 DISPOSAL_STEP_DATE)', async () => {
    const { id } = await candidate();
    const skip = await step(branchManager, id, { step: 2 });
    expect(skip.status).toBe(422);
    expect(skip.body.error.code).toBe('DISPOSAL_STEP_ORDER');
    expect((await step(branchManager, id, { step: 1, on: daysAgo(5) })).status).toBe(201);
    const earlier = await step(branchManager, id, { step: 2, on: daysAgo(6) });
    expect(earlier.status).toBe(422);
    expect(earlier.body.error.code).toBe('DISPOSAL_STEP_DATE');
    const detail = await clerk.get(`/api/disposals/${id}`);
    expect(detail.body).toMatchObject({ status: 'in_procedure', step: 1 });
    expect(detail.body.steps).toHaveLength(1);
    expect(detail.body.steps[0]).toMatchObject({ step: 1, name: '支委会初步认定', body: '支部委员会' });
    expect(detail.body.next).toMatchObject({ step: 2, name: '调查核实', approver: null });
    // The clerk reads but does not record.
    expect(detail.body.abilities.step.allowed).toBe(false);
    expect((await step(clerk, id, { step: 2 })).status).toBe(403);
  });

  it('the pre-review (step 3) and the approval (step 5) are the upper organization’s: 403 for the branch’s own manager', async () => {
    const { id } = await candidate();
    await step(branchManager, id, { step: 1, on: daysAgo(30) });
    await step(branchManager, id, { step: 2, on: daysAgo(25), decision: 'persuade_out' });
    const own = await branchManager.get(`/api/disposals/${id}`);
    expect(own.body.next).toMatchObject({ step: 3, name: '上级预审', approver: '市委组织部' });
    expect(own.body.abilities.step.allowed).toBe(false);
    const refused = await step(branchManager, id, { step: 3, on: daysAgo(20) });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('DISPOSAL_NEEDS_UPPER_ORG');
    expect((await committeeManager.get(`/api/disposals/${id}`)).body.abilities.step.allowed).toBe(true);
    expect((await step(committeeManager, id, { step: 3, on: daysAgo(20) })).status).toBe(201);
    await step(branchManager, id, {
      step: 4,
      on: daysAgo(15),
      vote: { for: 6, against: 4, abstain: 0, due: 10 },
    });
    const approve = await step(branchManager, id, { step: 5, decision: 'persuade_out' });
    expect(approve.status).toBe(403);
    expect(approve.body.error.code).toBe('DISPOSAL_NEEDS_UPPER_ORG');
  });

  it('step 4 with exactly half of those due voting for fails and dismisses the case; then it is closed (409)', async () => {
    const { id } = await candidate();
    await step(branchManager, id, { step: 1, on: daysAgo(30) });
    await step(branchManager, id, { step: 2, on: daysAgo(25) });
    await step(committeeManager, id, { step: 3, on: daysAgo(20) });
    const noVote = await step(branchManager, id, { step: 4, on: daysAgo(15) });
    expect(noVote.status).toBe(422);
    expect(noVote.body.error.code).toBe('DISPOSAL_VOTE_REQUIRED');
    const half = await step(branchManager, id, {
      step: 4,
      on: daysAgo(15),
      vote: { for: 5, against: 5, abstain: 0, due: 10 },
    });
    expect(half.status).toBe(201);
    expect(half.body).toMatchObject({ step: 4, status: 'dismissed', passed: false });
    const detail = await clerk.get(`/api/disposals/${id}`);
    expect(detail.body).toMatchObject({ status: 'dismissed', next: null });
    expect(detail.body.dismissedReason).toContain('未获通过');
    const closed = await step(committeeManager, id, { step: 5, decision: 'remove' });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('DISPOSAL_CLOSED');
  });

  it('step 4 without `due` counts the branch’s voting members (full, active) as those due (RULES.md §4)', async () => {
    const { id } = await candidate();
    await step(branchManager, id, { step: 1, on: daysAgo(30) });
    await step(branchManager, id, { step: 2, on: daysAgo(25) });
    await step(committeeManager, id, { step: 3, on: daysAgo(20) });
    const [row] = await env.ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from members where org_id = ${tree.branchA.id} and kind = 'full'
        and exit_kind is null and standing = 'normal'`,
    );
    const due = row!.n;
    expect(due).toBeGreaterThan(1);
    const res = await step(branchManager, id, {
      step: 4,
      on: daysAgo(15),
      vote: { for: Math.floor(due / 2), against: 0, abstain: 0 },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ passed: false, status: 'dismissed' });
    expect((await clerk.get(`/api/disposals/${id}`)).body.steps[3].vote).toEqual({
      for: Math.floor(due / 2),
      against: 0,
      abstain: 0,
      due,
    });
  });

  it('step 4 with more than half passes; the approval needs a decision; extending probation of a full member is 422', async () => {
    const { id } = await candidate();
    await upToApproval(id);
    const detail = await clerk.get(`/api/disposals/${id}`);
    expect(detail.body.steps[3]).toMatchObject({
      passed: true,
      vote: { for: 7, against: 2, abstain: 1, due: 10 },
    });
    const none = await step(committeeManager, id, { step: 5 });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('DISPOSAL_DECISION_REQUIRED');
    const extend = await step(committeeManager, id, { step: 5, decision: 'extend_probation' });
    expect(extend.status).toBe(422);
    expect(extend.body.error.code).toBe('DISPOSAL_DECISION_INVALID');
  });

  it('extending a probationary member’s probation is recorded; the member stays probationary', async () => {
    const { member, id } = await candidate('unqualified_evaluation', {
      kind: 'probationary',
      fullOn: undefined,
    });
    await upToApproval(id);
    const res = await step(committeeManager, id, { step: 5, decision: 'extend_probation' });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('decided');
    expect((await env.admin.get(`/api/members/${member.id}`)).body).toMatchObject({
      kind: 'probationary',
      exitKind: null,
    });
  });

  it('remove ⇒ the member’s exit (除名) on the approval’s day, with audit rows', async () => {
    const { member, id } = await candidate('correction_failed');
    const other = await branchManager.post('/api/disposals', { memberId: member.id, ground: 'points' });
    expect(other.status).toBe(201);
    await upToApproval(id, 'remove');
    expect((await branchManager.get(`/api/disposals/${id}`)).body.next.approver).toBe('市委组织部');
    const on = daysAgo(3);
    const res = await step(committeeManager, id, { step: 5, on, body: '市委组织部', decision: 'remove' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ step: 5, status: 'decided', passed: null });
    const m = await env.admin.get(`/api/members/${member.id}`);
    expect(m.body).toMatchObject({ exitKind: 'removed', exitOn: on });
    // The member's other open case closes with the exit.
    expect((await clerk.get(`/api/disposals/${other.body.id}`)).body).toMatchObject({
      status: 'dismissed',
      dismissedReason: '该党员已出党',
    });
    const audit = await env.ctx.database.rows<{ action: string; entity: string }>(
      sql`select action, entity from audit_events where entity_id in (${id}, ${member.id}) order by id`,
    );
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'disposal.step')).toHaveLength(5);
    expect(actions).toContain('disposal.create');
    expect(actions).toContain('member.exit');
    const dismiss = await branchManager.post(`/api/disposals/${id}/dismiss`, { reason: '误录' });
    expect(dismiss.status).toBe(409);
    expect(dismiss.body.error.code).toBe('DISPOSAL_APPROVED');
  });

  it('the printable decision names the member, the ground, the steps and the decision', async () => {
    const { member, id } = await candidate();
    await upToApproval(id, 'persuade_out');
    await step(committeeManager, id, { step: 5, body: '市委组织部', decision: 'persuade_out' });
    const pdf = await clerk.get(`/api/disposals/${id}/decision`);
    expect(pdf.status).toBe(200);
    expect(String(pdf.headers['content-type'])).toBe('application/pdf');
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.raw);
    if (text !== null) {
      const flat = text.replace(/\s+/g, '');
      expect(flat).toContain('处置决定');
      expect(flat).toContain(member.name);
      expect(flat).toContain('积分评定不合格');
      expect(flat).toContain('支部大会表决');
      expect(flat).toContain('赞成7');
      expect(flat).toContain('处置决定：劝退');
      expect(flat).toContain('审批机关：市委组织部');
    }
    expect((await env.admin.get(`/api/members/${member.id}`)).body.exitKind).toBe('persuaded_out');
  });

  it('dismissing before the approval closes the case with its reason', async () => {
    const { member, id } = await candidate();
    await step(branchManager, id, { step: 1 });
    expect((await clerk.post(`/api/disposals/${id}/dismiss`, { reason: '已改正' })).status).toBe(403);
    const res = await branchManager.post(`/api/disposals/${id}/dismiss`, { reason: '经批评教育已改正' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    const detail = await clerk.get(`/api/disposals/${id}`);
    expect(detail.body).toMatchObject({
      status: 'dismissed',
      dismissedReason: '经批评教育已改正',
      next: null,
    });
    // Closed, the ground may be entered again.
    expect(
      (await branchManager.post('/api/disposals', { memberId: member.id, ground: 'points' })).status,
    ).toBe(201);
  });

  it('correction_period ⇒ follow-up after correctionMonths, owed as a disposal obligation after the refresh', async () => {
    const { member, id } = await candidate('unqualified_evaluation');
    await upToApproval(id, 'correction_period');
    expect((await branchManager.get(`/api/disposals/${id}`)).body.next.approver).toBe('乡镇（街道）党委');
    const on = daysAgo(2);
    const res = await step(committeeManager, id, {
      step: 5,
      on,
      body: '镇党委',
      decision: 'correction_period',
    });
    expect(res.status).toBe(201);
    const followUpOn = addMonths(on, 12);
    expect((await clerk.get(`/api/disposals/${id}`)).body).toMatchObject({
      decision: 'correction_period',
      followUpOn,
    });
    const run = await refreshObligations(env.admin);
    expect(run.status).toBe('done');
    const rows = await env.ctx.database.rows<{ kind: string; dueOn: string; state: string }>(
      sql`select kind, due_on::text as "dueOn", state from obligations where member_id = ${member.id}`,
    );
    expect(rows).toEqual([{ kind: 'disposal', dueOn: followUpOn, state: 'ok' }]);
  });

  it('a 限期改正 decided over a year ago is overdue in the 预警 list until its review is on record', async () => {
    const { member, id } = await candidate('unqualified_evaluation');
    const vote = { for: 8, against: 1, abstain: 0, due: 10 };
    await step(branchManager, id, { step: 1, on: daysAgo(420) });
    await step(branchManager, id, { step: 2, on: daysAgo(415), decision: 'correction_period' });
    await step(committeeManager, id, { step: 3, on: daysAgo(410) });
    await step(branchManager, id, { step: 4, on: daysAgo(405), vote });
    expect(
      (await step(committeeManager, id, { step: 5, on: daysAgo(400), decision: 'correction_period' })).status,
    ).toBe(201);
    await refreshObligations(env.admin);
    const listed = await env.admin.get(`/api/obligations?memberId=${member.id}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toMatchObject([{ kind: 'disposal', state: 'overdue' }]);
    // The reminder goes to the branch's staff, not to the member's own inbox.
    const [notice] = await env.ctx.database.rows<{ title: string; memberId: string | null; orgId: string }>(
      sql`select title, member_id as "memberId", org_id as "orgId" from notifications
        where about_member_id = ${member.id} and template = 'disposal'`,
    );
    expect(notice).toMatchObject({ title: '限期改正期满待考察', memberId: null, orgId: tree.branchA.id });
    // The review found no change: the 限期改正期满仍无转变 case is the review on record.
    expect(
      (await branchManager.post('/api/disposals', { memberId: member.id, ground: 'correction_failed' }))
        .status,
    ).toBe(201);
    await refreshObligations(env.admin);
    const [after] = (await env.admin.get(`/api/obligations?memberId=${member.id}`)).body.items;
    expect(after).toMatchObject({ kind: 'disposal', state: 'ok', fulfilledOn: today() });
  });

  it('the daily work turns a lapse_candidate escalation into one no_life_6m candidate, which ends only in 除名', async () => {
    const m = await newMember();
    await env.ctx.database.rows(sql`insert into escalations (id, member_id, org_id, kind, cause, created_on)
      values (${randomUUID()}, ${m.id}, ${tree.branchA.id}, 'lapse_candidate', 'no_life_6m', ${today()})`);
    expect((await refreshObligations(env.admin)).status).toBe('done');
    expect((await refreshObligations(env.admin)).status).toBe('done');
    const list = await clerk.get(`/api/disposals?memberId=${m.id}`);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ ground: 'no_life_6m', status: 'candidate' });
    const id = list.body.items[0].id;
    expect((await clerk.get(`/api/disposals/${id}`)).body.next).toMatchObject({ step: 1 });
    await upToApproval(id);
    const persuade = await step(committeeManager, id, { step: 5, decision: 'persuade_out' });
    expect(persuade.status).toBe(422);
    expect(persuade.body.error.code).toBe('DISPOSAL_DECISION_INVALID');
    expect((await step(committeeManager, id, { step: 5, decision: 'remove' })).status).toBe(201);
    expect((await env.admin.get(`/api/members/${m.id}`)).body.exitKind).toBe('lapsed');
    // Decided and closed: the same escalation does not open a second case.
    await refreshObligations(env.admin);
    expect((await clerk.get(`/api/disposals?memberId=${m.id}`)).body.total).toBe(1);
  });

  it('the daily work lists a member lost for the policy’s months (lostContactMonths) as lost_contact, not one lost for less', async () => {
    const long = await newMember();
    const recent = await newMember();
    const flag = (id: string, since: string) =>
      env.ctx.database.rows(sql`update members set lost_contact = true, lost_contact_since = ${since}::date,
        lost_contact_reason = 'unreachable' where id = ${id}`);
    await flag(long.id, addMonths(today(), -7));
    await flag(recent.id, addMonths(today(), -2));
    await refreshObligations(env.admin);
    const grounds = async (id: string) =>
      (await clerk.get(`/api/disposals?memberId=${id}`)).body.items.map((i: { ground: string }) => i.ground);
    expect(await grounds(long.id)).toEqual(['lost_contact']);
    expect(await grounds(recent.id)).toEqual([]);
    // Dismissed while the flag stays (found, not yet unflagged): not opened again for the same loss.
    const [open] = (await clerk.get(`/api/disposals?memberId=${long.id}`)).body.items;
    expect(
      (await branchManager.post(`/api/disposals/${open.id}/dismiss`, { reason: '已取得联系' })).status,
    ).toBe(200);
    await refreshObligations(env.admin);
    const after = (await clerk.get(`/api/disposals?memberId=${long.id}`)).body.items;
    expect(after.map((i: { status: string }) => i.status)).toEqual(['dismissed']);
  });

  it('exports the queue as xlsx', async () => {
    await candidate();
    const res = await auditor.get(`/api/disposals/export?orgId=${tree.branchA.id}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    expect(res.raw.subarray(0, 2).toString()).toBe('PK');
  });
});
