import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../lib/clock.js';
import {
  buildTree,
  engines,
  memberBody,
  refreshObligations,
  startEnv,
  type TestEnv,
  userClient,
} from '../../test/harness.js';
import { pdfText } from '../../test/pdf.js';
import { runOrgLadder } from './index.js';

const PAST = 2025;

describe.each(engines)('organizational life compliance on %s', (engine) => {
  let env: TestEnv;
  let tree: Awaited<ReturnType<typeof buildTree>>;
  let group: { id: string };

  /** A recorded meeting, straight into the table (the recording API is tested with its module). */
  const held = async (orgId: string, type: string, heldOn: string, status = 'held') => {
    const id = randomUUID();
    await env.ctx.database.rows(
      sql`insert into meetings (id, org_id, type, status, held_on, topic)
          values (${id}, ${orgId}, ${type}, ${status}, ${heldOn}::date, ${`${type} ${heldOn}`})`,
    );
    return id;
  };

  const staffReminders = (orgId: string) =>
    env.ctx.database.rows<{ body: string }>(
      sql`select body from notifications where org_id = ${orgId} and template = 'meeting_due' and member_id is null`,
    );

  beforeAll(async () => {
    env = await startEnv(engine);
    tree = await buildTree(env, '430104');
    group = (
      await env.admin.post('/api/orgs', {
        name: `第一党小组${tree.suffix}`,
        type: 'group',
        parentId: tree.branchA.id,
      })
    ).body;
    await held(tree.branchA.id, 'committee_meeting', `${PAST}-01-10`);
    await held(tree.branchA.id, 'committee_meeting', `${PAST}-01-20`);
    await held(tree.branchA.id, 'committee_meeting', `${PAST}-03-05`);
    await held(tree.branchA.id, 'committee_meeting', `${PAST}-05-05`, 'planned');
    await held(group.id, 'group_meeting', `${PAST}-02-01`);
    await held(tree.branchA.id, 'assembly', `${PAST}-04-02`);
    await held(tree.branchB.id, 'assembly', `${PAST - 1}-12-30`);
  });
  afterAll(() => env.close());

  it('API.md life-compliance: every kind of the calendar, held periods, the ended periods missing (RULES.md §4)', async () => {
    const res = await env.admin.get(`/api/orgs/${tree.branchA.id}/life-compliance?year=${PAST}`);
    expect(res.status).toBe(200);
    expect(res.body.orgId).toBe(tree.branchA.id);
    expect(res.body.year).toBe(PAST);
    const by = Object.fromEntries(res.body.items.map((i: { type: string }) => [i.type, i]));
    expect(Object.keys(by).sort()).toEqual(
      [
        'assembly',
        'committee_meeting',
        'group_meeting',
        'heart_talk',
        'life_meeting',
        'party_lecture',
        'theme_day',
      ].sort(),
    );
    // Two meetings in January are one period; the planned one in May does not count.
    expect(by.committee_meeting).toMatchObject({ required: 12, held: 2, frequency: 'monthly' });
    expect(by.committee_meeting.missingPeriods).toHaveLength(10);
    expect(by.committee_meeting.missingPeriods).not.toContain(`${PAST}-01`);
    expect(by.committee_meeting.missingPeriods).toContain(`${PAST}-05`);
    // The group's 党小组会 counts for its branch.
    expect(by.group_meeting).toMatchObject({ required: 12, held: 1 });
    expect(by.assembly).toMatchObject({
      required: 4,
      held: 1,
      missingPeriods: [`${PAST}-Q1`, `${PAST}-Q3`, `${PAST}-Q4`],
    });
    expect(by.life_meeting).toMatchObject({ required: 1, held: 0, missingPeriods: [`${PAST}`] });
  });

  it('whatever the size: a branch without meetings owes the same calendar; year defaults to this year', async () => {
    const res = await env.admin.get(`/api/orgs/${tree.branchB.id}/life-compliance`);
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(Number(today().slice(0, 4)));
    const assembly = res.body.items.find((i: { type: string }) => i.type === 'assembly');
    expect(assembly.required).toBe(4);
    expect(assembly.held).toBe(0);
  });

  it('under the policy in force: a 篇九 calendar overriding from the year on makes 组织生活会 half-yearly', async () => {
    const put = await env.admin.put(`/api/orgs/${tree.branchB.id}/policies/meetings`, {
      effectiveFrom: `${PAST}-01-01`,
      document: { calendar: { life_meeting: 'half_yearly', heart_talk: 'none' } },
    });
    expect(put.status).toBe(200);
    const res = await env.admin.get(`/api/orgs/${tree.branchB.id}/life-compliance?year=${PAST}`);
    const life = res.body.items.find((i: { type: string }) => i.type === 'life_meeting');
    expect(life).toMatchObject({
      required: 2,
      frequency: 'half_yearly',
      missingPeriods: [`${PAST}-H1`, `${PAST}-H2`],
    });
    expect(res.body.items.some((i: { type: string }) => i.type === 'heart_talk')).toBe(false);
    // The year before the override still runs on the shipped defaults.
    const before = await env.admin.get(`/api/orgs/${tree.branchB.id}/life-compliance?year=${PAST - 1}`);
    const assembly = before.body.items.find((i: { type: string }) => i.type === 'assembly');
    expect(assembly).toMatchObject({
      held: 1,
      missingPeriods: [`${PAST - 1}-Q1`, `${PAST - 1}-Q2`, `${PAST - 1}-Q3`],
    });
    expect(before.body.items.find((i: { type: string }) => i.type === 'life_meeting').required).toBe(1);
  });

  it('outside the caller’s scope is 404; a bad year is 400', async () => {
    const manager = await userClient(env, tree.branchA.id, 'manager');
    expect((await manager.get(`/api/orgs/${tree.branchA.id}/life-compliance?year=${PAST}`)).status).toBe(200);
    expect((await manager.get(`/api/orgs/${tree.branchB.id}/life-compliance`)).status).toBe(404);
    expect((await manager.get(`/api/orgs/${tree.committee.id}/life-comparison`)).status).toBe(404);
    expect((await env.admin.get(`/api/orgs/${tree.branchA.id}/life-compliance?year=1800`)).status).toBe(400);
  });

  it('the township comparison: its branches worst first, with totals and kinds; paged', async () => {
    const res = await env.admin.get(`/api/orgs/${tree.committee.id}/life-comparison?year=${PAST}`);
    expect(res.status).toBe(200);
    expect(res.body.year).toBe(PAST);
    expect(res.body.total).toBe(2);
    const [first, second] = res.body.items;
    // B held nothing in the year: rate 0, listed first; the group and the committee are not rows.
    expect(first).toMatchObject({ orgId: tree.branchB.id, held: 0, rate: 0, type: 'branch' });
    expect(second.orgId).toBe(tree.branchA.id);
    // A: committee 2 + group 1 + assembly 1 held; its calendar is the default one (7 kinds).
    expect(second.held).toBe(4);
    expect(second.required).toBe(12 + 12 + 4 + 4 + 12 + 1 + 1);
    expect(second.missing).toBe(second.required - 4);
    expect(second.rate).toBeCloseTo(4 / second.required, 6);
    expect(second.byType.find((t: { type: string }) => t.type === 'group_meeting')).toEqual({
      type: 'group_meeting',
      required: 12,
      held: 1,
      missing: 11,
    });
    const page = await env.admin.get(
      `/api/orgs/${tree.committee.id}/life-comparison?year=${PAST}&page=2&pageSize=1`,
    );
    expect(page.body.total).toBe(2);
    expect(page.body.items.map((i: { orgId: string }) => i.orgId)).toEqual([tree.branchA.id]);
    // A branch itself is its own one row.
    const self = await env.admin.get(`/api/orgs/${tree.branchA.id}/life-comparison?year=${PAST}`);
    expect(self.body.items.map((i: { orgId: string }) => i.orgId)).toEqual([tree.branchA.id]);
  });

  it('exports the comparison: a row per branch, held/required per kind, Chinese headers', async () => {
    const res = await env.admin.get(`/api/orgs/${tree.committee.id}/life-comparison/export?year=${PAST}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const head = (ws.getRow(2).values as unknown[]).slice(1);
    expect(head.slice(0, 6)).toEqual(['党组织', '类型', '应开（期）', '已开（期）', '缺开（期）', '落实率']);
    expect(head).toContain('党小组会（已开/应开）');
    const a = (ws.getRow(4).values as unknown[]).slice(1);
    expect(a[0]).toBe(tree.branchA.name);
    expect(a[1]).toBe('党支部');
    expect(a[3]).toBe(4);
    expect(a[head.indexOf('党小组会（已开/应开）')]).toBe('1/12');
    expect(ws.rowCount).toBe(4);
  });

  it('meeting_due: a branch owes this period’s meetings by the reminder day; the staff are reminded', async () => {
    const run = await refreshObligations(env.admin);
    expect(run.status).toBe('done');
    const res = await env.admin.get(`/api/obligations?orgId=${tree.branchA.id}&kind=meeting_due`);
    expect(res.status).toBe(200);
    const mine = res.body.items.filter((o: { orgId?: string }) => o.orgId === tree.branchA.id);
    expect(mine).toHaveLength(1);
    const now = today();
    expect(mine[0].period).toBe(now.slice(0, 7));
    expect(mine[0].dueOn).toBe(`${now.slice(0, 7)}-20`);
    expect(mine[0].fulfilledOn).toBeNull();
    // Every kind held this period: the branch owes nothing pressing.
    for (const type of [
      'assembly',
      'committee_meeting',
      'group_meeting',
      'party_lecture',
      'theme_day',
      'life_meeting',
      'heart_talk',
    ])
      await held(tree.branchB.id, type, now);
    await refreshObligations(env.admin);
    const b = await env.admin.get(`/api/obligations?orgId=${tree.branchB.id}&kind=meeting_due`);
    const rowB = b.body.items.find((o: { orgId?: string }) => o.orgId === tree.branchB.id);
    expect(rowB).toMatchObject({ state: 'ok', fulfilledOn: now });
    expect(await staffReminders(tree.branchB.id)).toEqual([]);
  });

  it('meeting_due past the policy’s reminder day: overdue, and the branch staff get the reminder', async () => {
    const c = (
      await env.admin.post('/api/orgs', {
        name: `第五党支部${tree.suffix}`,
        type: 'branch',
        parentId: tree.committee.id,
      })
    ).body;
    const now = today();
    // Day 1 is always on or before today: the month's meetings are due already.
    const put = await env.admin.put(`/api/orgs/${c.id}/policies/meetings`, {
      effectiveFrom: `${now.slice(0, 4)}-01-01`,
      document: { reminderDay: 1, meetingDueSoonDays: 0 },
    });
    expect(put.status).toBe(200);
    await refreshObligations(env.admin);
    const res = await env.admin.get(`/api/obligations?orgId=${c.id}&kind=meeting_due`);
    const row = res.body.items.find((o: { orgId?: string }) => o.orgId === c.id);
    expect(row).toMatchObject({ period: now.slice(0, 7), dueOn: `${now.slice(0, 7)}-01` });
    expect(row.state).toBe(now.endsWith('-01') ? 'due_soon' : 'overdue');
    const reminders = await staffReminders(c.id);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.body).toContain(c.name);
    expect(reminders[0]!.body).toContain(now.slice(0, 7));
  });

  it('the branch ladder (篇三 街道 六(一)): reminder, 诫勉谈话, disposal, each once, with the committee told', async () => {
    const year = Number(today().slice(0, 4)) + 1;
    const ladder = (
      await env.admin.post('/api/orgs', {
        name: `第三党支部${tree.suffix}`,
        type: 'branch',
        parentId: tree.committee.id,
      })
    ).body;
    // Created before the year; months before an organization existed are never missed.
    await env.ctx.database.rows(
      sql`update orgs set created_at = ${`${year - 1}-12-01`}::timestamptz where id = ${ladder.id}`,
    );
    await held(ladder.id, 'committee_meeting', `${year}-01-10`);
    await held(ladder.id, 'theme_day', `${year}-03-15`);
    const first = await runOrgLadder(env.ctx, `${year}-06-15`);
    expect(first.created).toBeGreaterThanOrEqual(3);
    const res = await env.admin.get(`/api/orgs/${ladder.id}/escalations?year=${year}`);
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((e: { kind: string; period: string; createdOn: string }) => [
        e.kind,
        e.period,
        e.createdOn,
      ]),
    ).toEqual([
      ['written_reminder', `${year}-02`, `${year}-03-01`],
      ['admonition_talk', `${year}-04`, `${year}-05-01`],
      ['org_disposal', `${year}-05`, `${year}-06-01`],
    ]);
    // A branch set up in April cannot have missed the months before it: its ladder starts there.
    const late = (
      await env.admin.post('/api/orgs', {
        name: `第四党支部${tree.suffix}`,
        type: 'branch',
        parentId: tree.committee.id,
      })
    ).body;
    await env.ctx.database.rows(
      sql`update orgs set created_at = ${`${year}-04-10`}::timestamptz where id = ${late.id}`,
    );
    expect((await runOrgLadder(env.ctx, `${year}-06-20`)).created).toBe(2);
    const lateItems = (await env.admin.get(`/api/orgs/${late.id}/escalations?year=${year}`)).body.items;
    expect(lateItems.map((e: { kind: string; period: string }) => [e.kind, e.period])).toEqual([
      ['written_reminder', `${year}-04`],
      ['admonition_talk', `${year}-05`],
    ]);
    expect((await runOrgLadder(env.ctx, `${year}-06-25`)).created).toBe(0);
    const [notice] = await env.ctx.database.rows<{ orgId: string; body: string }>(
      sql`select org_id as "orgId", body from notifications where dedupe_key = ${`org_disposal:${ladder.id}:${year}-05`}`,
    );
    expect(notice?.orgId).toBe(tree.committee.id);
    expect(notice?.body).toContain(ladder.name);

    const disposal = res.body.items[2];
    const pdf = await env.admin.get(`/api/org-escalations/${disposal.id}/document`);
    expect(pdf.status).toBe(200);
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.raw);
    if (text !== null) {
      expect(text).toContain('组织处置通知');
      expect(text).toContain(ladder.name);
      expect(text).toContain(`处置通知〔${year}〕05号`);
      expect(text).toContain('签章');
    }
    const reminder = await env.admin.get(`/api/org-escalations/${res.body.items[0].id}/document`);
    const reminderText = pdfText(reminder.raw);
    if (reminderText !== null) expect(reminderText).toContain('书面提醒');
    const manager = await userClient(env, tree.branchA.id, 'manager');
    expect((await manager.get(`/api/org-escalations/${disposal.id}/document`)).status).toBe(404);
    expect((await manager.get(`/api/orgs/${ladder.id}/escalations`)).status).toBe(404);
  });

  it('member escalations: the console’s list in scope, and the 警戒书 with the meetings missed', async () => {
    const m = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
    const absences = [`${PAST}-02-10`, `${PAST}-06-12`];
    const meetingIds: string[] = [];
    for (const day of absences) {
      const id = await held(tree.branchA.id, 'assembly', day);
      meetingIds.push(id);
      await env.ctx.database.rows(
        sql`insert into meeting_attendance (meeting_id, member_id, held_on, status)
            values (${id}, ${m.id}, ${day}::date, 'absent')`,
      );
    }
    const escalation = async (kind: string, i: number, number: string | null) => {
      const id = randomUUID();
      await env.ctx.database.rows(
        sql`insert into escalations (id, member_id, org_id, kind, cause, meeting_id, created_on, number)
            values (${id}, ${m.id}, ${tree.branchA.id}, ${kind}, 'unexcused_absence', ${meetingIds[i]!}, ${absences[i]!}::date, ${number})`,
      );
      return id;
    };
    const sms = await escalation('sms_reminder', 0, null);
    const letter = await escalation('warning_letter', 1, `警戒〔${PAST}〕00001号`);

    const list = await env.admin.get(`/api/escalations?orgId=${tree.committee.id}&year=${PAST}`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items[0]).toMatchObject({
      id: letter,
      kind: 'warning_letter',
      memberId: m.id,
      name: m.name,
      orgName: tree.branchA.name,
      createdOn: absences[1],
      number: `警戒〔${PAST}〕00001号`,
    });
    const onlyLetters = await env.admin.get(`/api/escalations?orgId=${tree.branchA.id}&kind=warning_letter`);
    expect(onlyLetters.body.items.map((e: { id: string }) => e.id)).toEqual([letter]);
    expect((await env.admin.get(`/api/escalations?orgId=${tree.branchB.id}`)).body.total).toBe(0);

    const pdf = await env.admin.get(`/api/escalations/${letter}/document`);
    expect(pdf.status).toBe(200);
    expect(String(pdf.headers['content-type'])).toBe('application/pdf');
    const text = pdfText(pdf.raw);
    if (text !== null) {
      expect(text).toContain('警戒书');
      expect(text).toContain(`警戒〔${PAST}〕00001号`);
      expect(text).toContain(m.name);
      expect(text).toContain('无故不参加组织生活');
      for (const day of absences) expect(text).toContain(day);
      expect(text).toContain(tree.branchA.name);
      expect(text).toContain('签章');
    }
    const smsText = pdfText((await env.admin.get(`/api/escalations/${sms}/document`)).raw);
    if (smsText !== null) {
      expect(smsText).toContain('短信');
      expect(smsText).toContain(absences[0]);
    }
    const backward = await escalation('backward_member', 1, `落后〔${PAST}〕00001号`);
    const backwardText = pdfText((await env.admin.get(`/api/escalations/${backward}/document`)).raw);
    if (backwardText !== null) {
      expect(backwardText).toContain('落后党员认定建议');
      expect(backwardText).toContain('整转支部');
      expect(backwardText).toContain(absences[1]);
    }
    const lapseId = randomUUID();
    await env.ctx.database.rows(
      sql`insert into escalations (id, member_id, org_id, kind, cause, meeting_id, created_on)
          values (${lapseId}, ${m.id}, ${tree.branchA.id}, 'lapse_candidate', 'no_life_6m', ${meetingIds[1]!}, ${absences[1]!}::date)`,
    );
    const lapseText = pdfText((await env.admin.get(`/api/escalations/${lapseId}/document`)).raw);
    if (lapseText !== null) {
      expect(lapseText).toContain('自行脱党');
      expect(lapseText).toContain('连续六个月不参加党的组织生活');
      for (const day of absences) expect(lapseText).toContain(day);
    }
    const outsider = await userClient(env, tree.branchB.id, 'manager');
    expect((await outsider.get(`/api/escalations/${letter}/document`)).status).toBe(404);
    expect((await outsider.get(`/api/escalations?orgId=${tree.branchA.id}`)).status).toBe(404);
    expect((await env.admin.get('/api/escalations/not-an-id/document')).status).toBe(404);
  });
});
