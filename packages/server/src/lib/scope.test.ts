import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, orgs } from '../db/schema.js';
import {
  anonymous,
  buildTree,
  type Client,
  engines,
  memberBody,
  refreshObligations,
  startEnv,
  type TestEnv,
  userClient,
} from '../test/harness.js';
import { type Actor, memberSubtree, subtree } from './authz.js';

/** Anonymous callers may reach only these (API.md). */
const publicRoutes = new Set(['GET /api/health', 'POST /api/auth/login', 'GET /api/public/letters/{code}']);

/** A record of every kind in branch B, the branch the caller's scope does not hold. */
interface Fixture {
  orgB: string;
  memberB: string;
  userB: string;
  memberA: string;
  relativeB: string;
  postB: string;
  outflowB: string;
  letterB: string;
  inflowB: string;
  reportB: string;
  caseB: string;
  lostB: string;
  changeB: string;
  staffNoticeB: string;
  memberNoticeB: string;
  importB: string;
  policyB: string;
  disposalB: string;
  meetingB: string;
  attachmentB: string;
  leaveB: string;
  exemptionB: string;
  assessmentB: string;
  assessmentJobB: string;
  paymentB: string;
  reliefB: string;
  remittanceB: string;
  publicationB: string;
  escalationB: string;
  orgEscalationB: string;
}

/**
 * A valid body for each write route, pointing at the other branch where the route takes an
 * organization or member: an unknown route fails here until someone says how to call it.
 */
function bodyFor(route: string, f: Fixture): unknown {
  const bodies: Record<string, unknown> = {
    'POST /api/auth/login': { username: 'x', password: 'y' },
    'POST /api/auth/logout': {},
    'POST /api/auth/password': { currentPassword: 'x', newPassword: 'Passw0rd!2' },
    'POST /api/users': { username: `u${Date.now()}`, password: 'Passw0rd!', orgId: f.orgB, role: 'clerk' },
    'PATCH /api/users/{id}': { disabled: true },
    'POST /api/orgs': { name: '越权组织', type: 'branch', parentId: f.orgB },
    'PATCH /api/orgs/{id}': { name: '改名' },
    'POST /api/orgs/{id}/move': { parentId: f.orgB },
    'POST /api/orgs/{id}/dissolve': { reassignTo: f.orgB },
    'POST /api/orgs/{id}/merge': { intoId: f.orgB },
    'POST /api/orgs/{id}/posts': { memberId: f.memberB, kind: 'secretary', startedOn: '2024-01-01' },
    'PUT /api/orgs/{id}/policies/{kind}': { effectiveFrom: '2024-01-01', document: {} },
    'POST /api/members': memberBody(f.orgB),
    'PATCH /api/members/{id}': { jobPost: '越权修改' },
    'POST /api/members/{id}/relatives': { relation: 'spouse', name: '某某' },
    'POST /api/members/import': undefined,
    'POST /api/dues/quote': { category: 'salaried', base: '3000' },
    'POST /api/mobility/outflows': {
      memberId: f.memberB,
      leftOn: '2026-01-01',
      expectedMonths: 4,
      reason: 'work',
      destinationRegion: '440305',
      fixedPlace: false,
      hostHasPartyOrg: false,
    },
    'PATCH /api/mobility/outflows/{id}': { expectedMonths: 5 },
    'POST /api/mobility/outflows/{id}/certificate': {},
    'POST /api/mobility/outflows/{id}/certificate/reissue': {},
    'POST /api/mobility/outflows/{id}/return': { returnedOn: '2026-01-02' },
    'POST /api/letters/{id}/revoke': { reason: '测试' },
    'POST /api/inflows': { orgId: f.orgB, arrivedOn: '2026-01-01', name: '某某', originOrgName: '某党支部' },
    'POST /api/members/{id}/contacts': { channel: 'phone', reached: true },
    'POST /api/members/{id}/reviews': { year: 2025, result: 'qualified' },
    'POST /api/members/{id}/life': { heldOn: '2026-01-01', mode: 'online' },
    'POST /api/members/{id}/lost-contact': { since: '2025-01', reasonCode: 'other' },
    'POST /api/members/{id}/standing-cases': {
      kind: 'stop',
      meeting: { on: '2026-01-02', body: 'branch_committee', votesFor: 3, votesAgainst: 0, votesAbstain: 0 },
    },
    'POST /api/me/reports': { content: '越权提交的思想汇报内容' },
    'POST /api/me/inbox/{id}/read': {},
    'POST /api/inbox/{id}/read': {},
    'POST /api/inbox/read-all': { orgId: f.orgB },
    'POST /api/mobility/reports/{id}/acknowledge': {},
    'POST /api/standing-cases/{id}/decide': { approve: true },
    'POST /api/obligations/refresh': {},
    'POST /api/orgs/{id}/promote': {},
    'POST /api/me/contact-changes': { phone: '13900001111' },
    'POST /api/contact-changes/{id}/approve': {},
    'POST /api/contact-changes/{id}/reject': { reason: '测试' },
    'POST /api/disposals': { memberId: f.memberB, ground: 'no_work_6m' },
    'POST /api/disposals/{id}/steps': { step: 1, on: '2026-01-02', body: '支部委员会' },
    'POST /api/disposals/{id}/dismiss': { reason: '测试' },
    'POST /api/meetings': {
      orgId: f.orgB,
      type: 'group_meeting',
      heldOn: '2026-01-01',
      topic: '越权登记',
      lateReason: '测试',
    },
    'POST /api/meetings/plans': {
      orgId: f.orgB,
      type: 'group_meeting',
      plannedOn: '2026-12-31',
      topic: '越权计划',
    },
    'PUT /api/meetings/{id}/attendance': { attendance: [{ memberId: f.memberB, status: 'present' }] },
    'POST /api/meetings/{id}/attachments': undefined,
    'POST /api/meetings/{id}/sign-in': {},
    'POST /api/me/meetings/sign-in': { code: '000000' },
    'POST /api/me/meetings/{id}/leave': { reason: 'sick' },
    'POST /api/leave-requests/{id}/decision': { approve: true },
    'POST /api/life-exemptions': { memberId: f.memberB, reason: 'ill', from: '2026-01-01' },
    'POST /api/life-exemptions/{id}/end': { on: '2026-02-01' },
    'POST /api/dues/assessments': { memberId: f.memberB, year: 2026, category: 'salaried', base: '3000' },
    'POST /api/dues/assessments/{id}/change': {
      fromMonth: '2026-06',
      category: 'salaried',
      base: '4000',
      reason: '测试',
    },
    'POST /api/dues/assessments/batch': { orgId: f.orgB, year: 2026 },
    'POST /api/dues/assessments/import': undefined,
    'POST /api/dues/reliefs': {
      memberId: f.memberB,
      kind: 'exemption',
      fromMonth: '2026-07',
      toMonth: '2026-08',
      reason: '测试',
    },
    'POST /api/dues/reliefs/{id}/decide': { step: 'branch', approve: true },
    'POST /api/dues/quarterly': {
      memberId: f.memberB,
      fromMonth: '2026-01',
      toMonth: '2026-03',
      reason: '测试',
    },
    'POST /api/dues/payments': {
      memberId: f.memberB,
      months: ['2026-02'],
      amount: '15.00',
      paidOn: '2026-02-10',
      channel: 'cash',
    },
    'POST /api/dues/payments/{id}/confirm': {},
    'POST /api/dues/payments/{id}/reject': { reason: '测试' },
    'POST /api/dues/cycle/collect': { orgId: f.orgB, month: '2026-01' },
    'POST /api/dues/cycle/settle': { orgId: f.orgB, month: '2026-01' },
    'POST /api/dues/cycle/delay': { orgId: f.orgB, month: '2026-01', memberId: f.memberB, reason: '测试' },
    'POST /api/me/dues/payments': {
      months: ['2026-03'],
      amount: '15.00',
      paidOn: '2026-03-10',
      channel: 'cash',
    },
    'POST /api/dues/mobile/payments': {
      memberId: f.memberB,
      months: ['2026-03'],
      amount: '15.00',
      paidOn: '2026-03-10',
      channel: 'cash',
    },
    'POST /api/dues/remittances': {
      fromOrgId: f.orgB,
      fromMonth: '2026-01',
      toMonth: '2026-03',
      sentOn: '2026-04-01',
    },
    'POST /api/dues/remittances/{id}/receive': { receivedOn: '2026-04-02' },
    'POST /api/dues/publications': { orgId: f.orgB, year: 2025, used: [], publishedOn: '2026-01-10' },
  };
  if (!(route in bodies) && !route.startsWith('GET') && !route.startsWith('DELETE')) {
    throw new Error(`scope test does not know how to call ${route}: add a body`);
  }
  return bodies[route];
}

/** Which foreign record a path's {id} names, by the path's prefix; an unknown one fails the test. */
const idOf: [string, keyof Fixture][] = [
  ['/api/members/', 'memberB'],
  ['/api/mobility/members/', 'memberB'],
  ['/api/mobility/outflows/', 'outflowB'],
  ['/api/mobility/reports/', 'reportB'],
  ['/api/letters/', 'letterB'],
  ['/api/inflows/', 'inflowB'],
  ['/api/standing-cases/', 'caseB'],
  ['/api/contact-changes/', 'changeB'],
  ['/api/inbox/', 'staffNoticeB'],
  ['/api/me/inbox/', 'memberNoticeB'],
  ['/api/imports/', 'importB'],
  ['/api/users/', 'userB'],
  ['/api/orgs/', 'orgB'],
  ['/api/disposals/', 'disposalB'],
  ['/api/meetings/', 'meetingB'],
  ['/api/me/meetings/', 'meetingB'],
  ['/api/leave-requests/', 'leaveB'],
  ['/api/life-exemptions/', 'exemptionB'],
  ['/api/dues/members/', 'memberB'],
  ['/api/dues/assessments/', 'assessmentB'],
  ['/api/dues/assessment-jobs/', 'assessmentJobB'],
  ['/api/dues/reliefs/', 'reliefB'],
  ['/api/dues/payments/', 'paymentB'],
  ['/api/me/dues/payments/', 'paymentB'],
  ['/api/dues/remittances/', 'remittanceB'],
  ['/api/dues/publications/', 'publicationB'],
  ['/api/escalations/', 'escalationB'],
  ['/api/org-escalations/', 'orgEscalationB'],
];

/** The dues lists' other required parameters, after the organization (the admin's read drops them all). */
const duesQuery: Record<string, string> = {
  '/api/dues/assessments': '&year=2026',
  '/api/dues/reliefs': '',
  '/api/dues/payments': '',
  '/api/dues/cycle': '&month=2026-01',
  '/api/dues/ledger': '&month=2026-01',
  '/api/dues/arrears': '&asOf=2026-06-30',
  '/api/dues/rates': '&year=2026',
  '/api/dues/mobile': '',
  '/api/dues/remittances': '',
  '/api/dues/publications': '',
};

function fill(path: string, method: string, f: Fixture): string {
  const owner = idOf.find(([prefix]) => path.startsWith(prefix));
  if (path.includes('{id}') && !owner && path !== '/api/auth/sessions/{id}') {
    throw new Error(`scope test does not know which record ${path} names: add it to idOf`);
  }
  const id = owner ? f[owner[1]] : randomUUID();
  let url = path
    .replace('{id}', id)
    .replace('{kind}', 'mobility')
    .replace('{relativeId}', f.relativeB)
    .replace('{postId}', f.postB)
    .replace('{code}', 'NOSUCHCODE')
    .replace('{attachmentId}', f.attachmentB)
    .replace(/\{[a-zA-Z]+\}/g, randomUUID());
  if (
    [
      '/api/members',
      '/api/members/export',
      '/api/stats/members',
      '/api/stats/destinations',
      '/api/users',
      '/api/audit',
      '/api/mobility/abroad/candidates',
      '/api/inbox',
      '/api/contact-changes',
      '/api/mobility/ledger/print',
      '/api/mobility/ledger/export',
      '/api/stats/members/export',
      '/api/meetings',
      '/api/leave-requests',
      '/api/life-exemptions',
      '/api/escalations',
    ].includes(path) &&
    method === 'GET'
  ) {
    url += `?orgId=${f.orgB}`;
  }
  if (path === '/api/members/import') url += `?orgId=${f.orgB}`;
  if (path in duesQuery && method === 'GET') url += `?orgId=${f.orgB}${duesQuery[path]}`;
  return url;
}

describe.each(engines)('one scope filter for every route on %s', (engine) => {
  let env: TestEnv;
  let routes: { method: string; path: string }[];
  let fixture: Fixture;
  let scopedAdmin: Client;
  let scopeOrg: string;
  /** The member account of branch B: its own inbox item is read by it alone. */
  let memberOfB: Client;

  beforeAll(async () => {
    env = await startEnv(engine);
    const tree = await buildTree(env);
    const admin = env.admin;
    const made = async (res: Promise<{ status: number; body: any }>, what: string) => {
      const { status, body } = await res;
      if (status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
      return body;
    };
    const orgB = tree.branchB.id;
    const memberA = await made(admin.post('/api/members', memberBody(tree.branchA.id)), 'member A');
    const memberB = await made(admin.post('/api/members', memberBody(orgB)), 'member B');
    const lostB = await made(admin.post('/api/members', memberBody(orgB)), 'lost member B');
    const userB = await made(
      admin.post('/api/users', {
        username: `b${Date.now()}`,
        password: 'Passw0rd!',
        orgId: orgB,
        role: 'clerk',
      }),
      'user B',
    );
    const relativeB = await made(
      admin.post(`/api/members/${memberB.id}/relatives`, { relation: 'spouse', name: '某某' }),
      'relative',
    );
    const postB = await made(
      admin.post(`/api/orgs/${orgB}/posts`, {
        memberId: memberB.id,
        kind: 'secretary',
        startedOn: '2024-01-01',
      }),
      'post',
    );
    const policies = await made(
      admin.put(`/api/orgs/${orgB}/policies/mobility`, { effectiveFrom: '2024-01-01', document: {} }),
      'policy override',
    );
    const policyB = (policies.versions as { id: string; kind: string }[]).find((v) => v.kind === 'mobility')!;
    // 随迁 for 4 months needs a 流动党员活动证 (RULES.md §2), so the outflow carries a certificate.
    const outflowB = await made(
      admin.post('/api/mobility/outflows', {
        memberId: memberB.id,
        leftOn: '2026-01-01',
        expectedMonths: 4,
        reason: 'accompany',
        destinationRegion: '440305',
        fixedPlace: false,
        hostHasPartyOrg: false,
      }),
      'outflow',
    );
    const letterB = await made(
      admin.post(`/api/mobility/outflows/${outflowB.id}/certificate`, {}),
      'certificate',
    );
    const inflowB = await made(
      admin.post('/api/inflows', {
        orgId: orgB,
        arrivedOn: '2026-01-01',
        name: '某某',
        originOrgName: '某党支部',
      }),
      'inflow',
    );
    await made(
      admin.post(`/api/members/${memberB.id}/contacts`, { channel: 'phone', reached: true }),
      'contact',
    );
    await made(
      admin.post(`/api/members/${memberB.id}/life`, { heldOn: '2026-01-02', mode: 'online' }),
      'life',
    );
    await made(
      admin.post(`/api/members/${memberB.id}/reviews`, { year: 2025, result: 'qualified' }),
      'review',
    );
    const self = await userClient(env, orgB, 'member', { memberId: memberB.id });
    const reportB = await made(
      self.post('/api/me/reports', { content: '本月参加流入地党组织的学习。' }),
      'report',
    );
    const changeB = await made(
      self.post('/api/me/contact-changes', { phone: '13900001111' }),
      'contact change',
    );
    await made(
      admin.post(`/api/members/${lostB.id}/lost-contact`, { since: '2025-01', reasonCode: 'other' }),
      'lost contact',
    );
    const caseB = await made(
      admin.post(`/api/members/${lostB.id}/standing-cases`, {
        kind: 'stop',
        meeting: {
          on: '2026-01-02',
          body: 'branch_committee',
          votesFor: 3,
          votesAgainst: 0,
          votesAbstain: 0,
        },
      }),
      'standing case',
    );
    const template = await admin.get('/api/members/import/template');
    const importB = await made(
      admin.upload(`/api/members/import?orgId=${orgB}&async=true`, template.raw as Buffer),
      'import job',
    );
    for (
      let i = 0;
      i < 500 && (await admin.get(`/api/imports/${importB.id}`)).body.status === 'running';
      i++
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    // Reminders have no route that creates them: the daily run writes them, as here.
    const staffNoticeB = randomUUID();
    const memberNoticeB = randomUUID();
    await env.ctx.database.db.insert(notifications).values([
      {
        id: staffNoticeB,
        dedupeKey: `scope:${staffNoticeB}`,
        orgId: orgB,
        aboutMemberId: memberB.id,
        channel: 'inbox',
        template: 'contact_due',
        title: '联系流动党员',
        body: '请联系本支部的流动党员',
      },
      {
        id: memberNoticeB,
        dedupeKey: `scope:${memberNoticeB}`,
        memberId: memberB.id,
        channel: 'inbox',
        template: 'report_due',
        title: '思想汇报',
        body: '请提交本月思想汇报',
      },
    ]);
    const disposalB = await made(
      admin.post('/api/disposals', { memberId: memberB.id, ground: 'points' }),
      'disposal',
    );
    // Organizational life in branch B: a meeting held today with its minutes, the member's leave, an exemption.
    const now = new Date();
    const heldOn = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    const meetingB = await made(
      admin.post('/api/meetings', { orgId: orgB, type: 'group_meeting', heldOn, topic: '党小组会' }),
      'meeting',
    );
    const attachmentB = await made(
      admin.upload(`/api/meetings/${meetingB.id}/attachments`, Buffer.from('会议记录'), '会议记录.xlsx'),
      'attachment',
    );
    const leaveB = await made(
      self.post(`/api/me/meetings/${meetingB.id}/leave`, { reason: 'sick' }),
      'leave',
    );
    const exemptionB = await made(
      admin.post('/api/life-exemptions', { memberId: lostB.id, reason: 'ill', from: '2026-01-01' }),
      'exemption',
    );
    // Dues in branch B: the year's assessment and a batch run, a paid month with its receipt, an exemption
    // awaiting its decision, the quarter sent upward and the year's publication.
    const assessmentB = await made(
      admin.post('/api/dues/assessments', {
        memberId: memberB.id,
        year: 2026,
        category: 'salaried',
        base: '3000',
      }),
      'assessment',
    );
    const assessmentJobB = await made(
      admin.post('/api/dues/assessments/batch', { orgId: orgB, year: 2026 }),
      'assessment job',
    );
    for (
      let i = 0;
      i < 500 &&
      (await admin.get(`/api/dues/assessment-jobs/${assessmentJobB.id}`)).body.status === 'running';
      i++
    ) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const paymentB = await made(
      admin.post('/api/dues/payments', {
        memberId: memberB.id,
        months: ['2026-01'],
        amount: assessmentB.monthlyAmount,
        paidOn: '2026-01-10',
        channel: 'cash',
      }),
      'payment',
    );
    const reliefB = await made(
      admin.post('/api/dues/reliefs', {
        memberId: lostB.id,
        kind: 'exemption',
        fromMonth: '2026-01',
        toMonth: '2026-03',
        reason: '生活困难',
      }),
      'relief',
    );
    const remittanceB = await made(
      admin.post('/api/dues/remittances', {
        fromOrgId: orgB,
        fromMonth: '2026-01',
        toMonth: '2026-03',
        sentOn: '2026-04-01',
      }),
      'remittance',
    );
    const publicationB = await made(
      admin.post('/api/dues/publications', { orgId: orgB, year: 2025, used: [], publishedOn: '2026-01-10' }),
      'publication',
    );
    // Escalations have no route that creates them: the daily run records them, as here.
    const escalationB = randomUUID();
    await env.ctx.database.rows(
      sql`insert into escalations (id, member_id, org_id, kind, cause, meeting_id, created_on, number)
          values (${escalationB}, ${memberB.id}, ${orgB}, 'sms_reminder', 'unexcused_absence', ${meetingB.id}, ${heldOn}::date, null)`,
    );
    const orgEscalationB = randomUUID();
    await env.ctx.database.rows(
      sql`insert into org_escalations (id, org_id, kind, period, created_on, number)
          values (${orgEscalationB}, ${orgB}, 'written_reminder', ${`${now.getFullYear()}-01`}, ${heldOn}::date, null)`,
    );
    await refreshObligations(admin);
    fixture = {
      orgB,
      memberB: memberB.id,
      userB: userB.id,
      memberA: memberA.id,
      relativeB: relativeB.id,
      postB: postB.id,
      outflowB: outflowB.id,
      letterB: letterB.id,
      inflowB: inflowB.id,
      reportB: reportB.id,
      caseB: caseB.id,
      lostB: lostB.id,
      changeB: changeB.id,
      staffNoticeB,
      memberNoticeB,
      importB: importB.id,
      policyB: policyB.id,
      disposalB: disposalB.id,
      meetingB: meetingB.id,
      attachmentB: attachmentB.id,
      leaveB: leaveB.id,
      exemptionB: exemptionB.id,
      assessmentB: assessmentB.id,
      assessmentJobB: assessmentJobB.id,
      paymentB: paymentB.id,
      reliefB: reliefB.id,
      remittanceB: remittanceB.id,
      publicationB: publicationB.id,
      escalationB,
      orgEscalationB,
    };
    const missing = Object.entries(fixture).filter(([, id]) => !/^[0-9a-f-]{36}$/.test(String(id)));
    if (missing.length > 0) throw new Error(`fixture without an id: ${JSON.stringify(missing)}`);
    memberOfB = self;
    // An admin bound to branch A holds every permission, so only scope can refuse it.
    scopedAdmin = await userClient(env, tree.branchA.id, 'admin');
    scopeOrg = tree.branchA.id;
    const doc = (await env.admin.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(() => env.close());

  it('documents the API routes in OpenAPI', () => {
    expect(routes.length).toBeGreaterThan(30);
    expect(routes).toContainEqual({ method: 'GET', path: '/api/members/{id}' });
  });

  /** Every foreign record's id: none may reach a caller whose scope does not hold branch B. */
  const foreignIds = () =>
    Object.entries(fixture)
      .filter(([k]) => k !== 'memberA')
      .map(([k, id]) => ({ kind: k, id }));
  const gets = () => routes.filter((r) => r.method === 'GET' && !publicRoutes.has(`GET ${r.path}`));
  const text = (body: unknown) => (typeof body === 'string' ? body : JSON.stringify(body ?? ''));

  it('gives the foreign branch a record of every kind, each one read back by the system administrator', async () => {
    const seen = new Set<string>();
    if (text((await memberOfB.get('/api/me/inbox')).body).includes(fixture.memberNoticeB)) {
      seen.add(fixture.memberNoticeB);
    }
    for (const { path } of gets()) {
      const res = await env.admin.get(fill(path, 'GET', fixture).replace(/\?orgId=.*$/, ''));
      for (const { id } of foreignIds()) if (text(res.body).includes(id)) seen.add(id);
    }
    expect(foreignIds().filter(({ id }) => !seen.has(id))).toEqual([]);
    // Rows without an id of their own: the member's contacts, life, review, obligations and audit trail.
    const ledger = text((await env.admin.get(`/api/mobility/members/${fixture.memberB}/ledger`)).body);
    expect(ledger).toContain('qualified');
    const obligations = (await env.admin.get('/api/obligations')).body.items as { memberId: string }[];
    expect(obligations.some((o) => o.memberId === fixture.memberB)).toBe(true);
    const audit = (await env.admin.get('/api/audit?pageSize=200')).body.items as { orgId: string | null }[];
    expect(audit.some((e) => e.orgId === fixture.orgB)).toBe(true);
  });

  it('answers 404 to every GET that names a foreign record, which the system administrator reads (200)', async () => {
    const named = gets().filter(({ path }) => path.includes('{'));
    expect(named.length).toBeGreaterThan(10);
    for (const { path } of named) {
      const url = fill(path, 'GET', fixture).replace(/\?orgId=.*$/, '');
      expect.soft((await env.admin.get(url)).status, `admin GET ${path}`).toBe(200);
      expect.soft((await scopedAdmin.get(url)).status, `GET ${path}`).toBe(404);
    }
  });

  it("lists none of the foreign records in the caller's own scope, though the administrator's lists hold them", async () => {
    const lists = gets().filter(({ path }) => !path.includes('{'));
    let shown = 0;
    for (const { path } of lists) {
      const adminAnswer = text((await env.admin.get(path)).body);
      if (foreignIds().some(({ id }) => adminAnswer.includes(id))) shown += 1;
      for (const url of [path, `${path}?orgId=${scopeOrg}`]) {
        const res = await scopedAdmin.get(url);
        expect.soft(res.status, `GET ${url}`).toBeLessThan(500);
        const body = text(res.body);
        for (const { kind, id } of foreignIds())
          expect.soft(body.includes(id), `GET ${url} shows ${kind}`).toBe(false);
      }
    }
    expect(shown).toBeGreaterThan(8);
  });

  it('shows nothing to a staff account without an organization: only the system administrator has no scope', async () => {
    const count = async (actor: Actor) => {
      const [row] = await env.ctx.database.rows<{ orgs: number; members: number }>(sql`
        select (select count(*)::int from orgs where ${subtree(actor, sql`${orgs.path}`)}) as orgs,
               (select count(*)::int from members m where ${memberSubtree(actor, sql`m.org_id`)}) as members`);
      return row;
    };
    const base = {
      userId: randomUUID(),
      username: 'x',
      orgId: null,
      orgPath: null,
      memberId: null,
      sessionId: 's',
    };
    const everything = await count({ ...base, role: 'admin' });
    expect(everything!.orgs).toBeGreaterThan(2);
    expect(everything!.members).toBeGreaterThan(2);
    for (const role of ['manager', 'clerk', 'auditor', 'member'] as const) {
      expect(await count({ ...base, role }), role).toEqual({ orgs: 0, members: 0 });
    }
    // A dangling organization cannot happen: users.org_id references orgs (migration 0017).
    await expect(
      env.ctx.database.rows(sql`update users set org_id = ${randomUUID()} where id = ${fixture.userB}`),
    ).rejects.toThrow();
  });

  it('refuses anonymous callers on every route but health, login and public verification', async () => {
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      const res = await anonymous(env.app).request(
        method,
        fill(path, method, fixture),
        bodyFor(key, fixture),
      );
      if (publicRoutes.has(key)) expect.soft(res.body?.error?.code, key).not.toBe('UNAUTHENTICATED');
      else expect.soft(res.status, key).toBe(401);
    }
  });

  it('answers 404 to a caller whose scope does not hold the organization or member', async () => {
    for (const { method, path } of routes) {
      const key = `${method} ${path}`;
      if (publicRoutes.has(key) || key === 'POST /api/auth/logout') continue;
      const res = await scopedAdmin.request(method, fill(path, method, fixture), bodyFor(key, fixture));
      const refersToB = /\{id\}/.test(path) || res.status === 404;
      if (refersToB || /orgId=/.test(fill(path, method, fixture))) {
        expect.soft(res.status, key).toBe(404);
      } else {
        expect.soft(res.status, key).toBeLessThan(500);
        expect.soft(JSON.stringify(res.body ?? ''), key).not.toContain(fixture.memberB);
      }
    }
  });

  it('lets a member account see only its own record', async () => {
    const tree = await buildTree(env);
    const self = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
    const other = (await env.admin.post('/api/members', memberBody(tree.branchA.id))).body;
    const member = await userClient(env, tree.branchA.id, 'member', { memberId: self.id });
    expect((await member.get(`/api/members/${self.id}`)).status).toBe(200);
    expect((await member.get(`/api/members/${other.id}`)).status).toBe(404);
    const list = await member.get(`/api/members?orgId=${tree.branchA.id}`);
    expect(list.status).toBe(404);
    const own = await member.get('/api/members');
    expect(own.body.items.map((m: { id: string }) => m.id)).toEqual([self.id]);
    expect((await member.get(`/api/orgs/${tree.branchA.id}`)).status).toBe(404);
  });
});
