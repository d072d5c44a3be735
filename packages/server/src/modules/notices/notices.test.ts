import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
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
import { logProvider, type Provider } from './providers.js';
import { deliverPending } from './service/delivery.js';

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** A real SMTP server that requires the credentials of the configured URL and keeps what it receives. */
async function startSmtp() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, cb) {
      if (auth.username === 'dj' && auth.password === 'secret') cb(null, { user: 'dj' });
      else cb(new Error('invalid credentials'));
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          });
          cb();
        })
        .catch(cb);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { mails, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A gateway taking the JSON POST the SMS provider sends; `status` lets a test make it fail. */
async function startGateway() {
  const state = { status: 200, received: [] as { phone: string; text: string }[] };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      if (state.status === 200) state.received.push(JSON.parse(body));
      res.statusCode = state.status;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { state, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(engines)('reminders reach people on %s', (engine) => {
  let env: TestEnv;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let gateway: Awaited<ReturnType<typeof startGateway>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    gateway = await startGateway();
    env = await startEnv(engine, {
      SMTP_URL: `smtp://dj:secret@127.0.0.1:${smtp.port}`,
      SMTP_FROM: '党建系统 <noreply@dangjian.test>',
      SMS_GATEWAY_URL: `http://127.0.0.1:${gateway.port}/send`,
    });
  });
  afterAll(async () => {
    await env.close();
    await smtp.close();
    await gateway.close();
  });

  /** A member away for two months: contact (staff) and report (member) obligations are late. */
  async function lateMobileMember(orgId: string, phone = '13900000000') {
    const m = (await env.admin.post('/api/members', memberBody(orgId, { phone }))).body;
    const res = await env.admin.post('/api/mobility/outflows', {
      memberId: m.id,
      leftOn: daysAgo(62),
      expectedMonths: 6,
      reason: 'work',
      destinationRegion: '440305',
    });
    expect(res.status).toBe(201);
    return m as { id: string; name: string };
  }

  /** Recomputes obligations, queues and sends reminders now, and waits for the background run. */
  async function refreshNow() {
    expect((await refreshObligations(env.admin)).status).toBe('done');
  }

  const rowsAbout = (memberId: string) =>
    env.ctx.database.rows<{
      template: string;
      memberId: string | null;
      orgId: string | null;
      channel: string;
      status: string;
      attempts: number;
    }>(sql`
      select template, member_id as "memberId", org_id as "orgId", channel, status, attempts
      from notifications where member_id = ${memberId} or about_member_id = ${memberId}`);

  it('e-mails a staff reminder to the nearest staff with mail: the branch, else the committee above; never a sibling', async () => {
    const tree = await buildTree(env);
    const suffix = tree.suffix;
    const addresses = {
      branch: `secretary-${suffix}@branch-a.test`,
      committee: `organizer-${suffix}@committee.test`,
      sibling: `secretary-${suffix}@branch-b.test`,
      disabled: `former-${suffix}@branch-a.test`,
      auditor: `auditor-${suffix}@branch-a.test`,
    };
    await userClient(env, tree.branchA.id, 'manager', { email: addresses.branch });
    await userClient(env, tree.committee.id, 'clerk', { email: addresses.committee });
    await userClient(env, tree.branchB.id, 'manager', { email: addresses.sibling });
    await userClient(env, tree.branchA.id, 'auditor', { email: addresses.auditor });
    const former = (
      await env.admin.post('/api/users', {
        username: `f${suffix}`,
        password: 'Passw0rd!',
        orgId: tree.branchA.id,
        role: 'manager',
        email: addresses.disabled,
      })
    ).body;
    expect((await env.admin.patch(`/api/users/${former.id}`, { disabled: true })).status).toBe(200);
    const m = await lateMobileMember(tree.branchA.id);

    const refresh = await refreshObligations(env.admin);
    expect(refresh.status).toBe('done');
    expect(refresh.delivered.sent).toBeGreaterThan(0);

    const mail = smtp.mails.find((x) => x.text.includes(m.name));
    expect(mail).toBeDefined();
    // The committee's clerk is not mailed every branch's reminders: the branch has its own staff.
    expect(mail!.to).toEqual([addresses.branch]);
    expect(mail!.subject).toBe('【党建】联系党员逾期');
    expect(mail!.text).toContain(`流动党员 ${m.name}`);
    expect(mail!.text).toContain('现已逾期');
    // A branch without staff mail: its reminders go up to the committee.
    const branchC = (
      await env.admin.post('/api/orgs', {
        name: `第三党支部${suffix}`,
        type: 'branch',
        parentId: tree.committee.id,
      })
    ).body;
    const c = await lateMobileMember(branchC.id);
    expect((await refreshObligations(env.admin)).status).toBe('done');
    expect(smtp.mails.find((x) => x.text.includes(c.name))?.to).toEqual([addresses.committee]);
    // The branches' own reminders (no secretary appointed) go to their own staff: not these.
    const everyone = smtp.mails
      .filter((x) => x.text.includes(m.name) || x.text.includes(c.name))
      .flatMap((x) => x.to);
    for (const never of [addresses.sibling, addresses.disabled, addresses.auditor]) {
      expect(everyone).not.toContain(never);
    }
    const contact = (await rowsAbout(m.id)).find((r) => r.template === 'monthly_contact');
    expect(contact).toMatchObject({
      memberId: null,
      orgId: tree.branchA.id,
      channel: 'inbox,email',
      status: 'sent',
      attempts: 1,
    });
  });

  it("texts a member reminder to the member's own phone; a failing gateway leaves it pending for a retry", async () => {
    const tree = await buildTree(env);
    const m = await lateMobileMember(tree.branchA.id, '13912345678');
    gateway.state.status = 500;
    try {
      expect((await refreshObligations(env.admin)).delivered.failed).toBeGreaterThan(0);
    } finally {
      gateway.state.status = 200;
    }
    const failed = (await rowsAbout(m.id)).find((r) => r.template === 'monthly_report');
    expect(failed).toMatchObject({ memberId: m.id, status: 'pending', attempts: 1, channel: 'inbox' });
    expect(gateway.state.received.some((s) => s.phone === '13912345678')).toBe(false);

    expect((await refreshObligations(env.admin)).status).toBe('done');
    const sms = gateway.state.received.find((s) => s.phone === '13912345678');
    expect(sms?.text).toMatch(/^【党建】/);
    expect(sms?.text).toContain(`${m.name}同志`);
    expect(sms?.text).toContain('思想汇报');
    const sent = (await rowsAbout(m.id)).find((r) => r.template === 'monthly_report');
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, channel: 'inbox,sms' });
    // Staff reminders have no member to text: every text addresses a member (“某某同志：”).
    expect(gateway.state.received.every((s) => s.text.includes('同志：'))).toBe(true);
  });

  it('drains more than one batch in one call, trying each notification once', async () => {
    const tag = `drain-${Date.now()}`;
    await env.ctx.database.rows(sql`
      insert into notifications (id, dedupe_key, channel, template, title, body)
      select gen_random_uuid(), ${tag} || ':' || g, 'inbox', 'monthly_contact',
        case when g % 100 = 0 then 'fail' else 'ok' end, ${tag}
      from generate_series(1, 1250) g`);
    const flaky: Provider = {
      channel: 'test',
      send: async (n) => {
        if (n.title === 'fail') throw new Error('unreachable');
        return false;
      },
    };
    const result = await deliverPending(env.ctx, [logProvider(() => {}), flaky]);
    expect(result.sent).toBeGreaterThanOrEqual(1238);
    expect(result.failed).toBeGreaterThanOrEqual(12);
    const counts = await env.ctx.database.rows<{
      status: string;
      attempts: number;
      channel: string;
      n: number;
    }>(
      sql`select status, attempts, channel, count(*)::int as n from notifications where body = ${tag}
          group by status, attempts, channel order by status`,
    );
    expect(counts).toEqual([
      { status: 'pending', attempts: 1, channel: 'inbox', n: 12 },
      { status: 'sent', attempts: 1, channel: 'inbox', n: 1238 },
    ]);
  });

  it("shows a staff reminder to staff in scope only, never in the member's own inbox", async () => {
    const tree = await buildTree(env);
    const m = await lateMobileMember(tree.branchA.id);
    await refreshObligations(env.admin);
    const secretary = await userClient(env, tree.branchA.id, 'clerk');
    const committee = await userClient(env, tree.committee.id, 'manager');
    const sibling = await userClient(env, tree.branchB.id, 'manager');
    const member = await userClient(env, tree.branchA.id, 'member', { memberId: m.id });

    const mine = await secretary.get('/api/inbox?pageSize=50');
    expect(mine.status).toBe(200);
    const reminder = mine.body.items.find((n: { aboutMemberId: string }) => n.aboutMemberId === m.id);
    expect(reminder).toMatchObject({
      template: 'monthly_contact',
      title: '联系党员逾期',
      orgId: tree.branchA.id,
      orgName: tree.branchA.name,
      aboutMemberName: m.name,
      readAt: null,
    });
    expect(mine.body.total).toBeGreaterThanOrEqual(1);
    const times = mine.body.items.map((n: { createdAt: string }) => n.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    const above = await committee.get(`/api/inbox?orgId=${tree.branchA.id}`);
    expect(above.body.items.map((n: { id: string }) => n.id)).toContain(reminder.id);

    const other = await sibling.get('/api/inbox');
    expect(other.status).toBe(200);
    expect(other.body.items.map((n: { id: string }) => n.id)).not.toContain(reminder.id);
    expect((await sibling.get(`/api/inbox?orgId=${tree.branchA.id}`)).status).toBe(404);
    expect((await sibling.post(`/api/inbox/${reminder.id}/read`)).status).toBe(404);
    expect((await member.get('/api/inbox')).status).toBe(404);
    expect((await member.post(`/api/inbox/${reminder.id}/read`)).status).toBe(404);
    const own = await member.get('/api/me/inbox');
    expect(own.body.items.map((n: { id: string }) => n.id)).not.toContain(reminder.id);
    expect(own.body.items.map((n: { template: string }) => n.template)).toContain('monthly_report');

    expect((await secretary.post(`/api/inbox/${reminder.id}/read`)).body).toEqual({ ok: true });
    const after = await secretary.get('/api/inbox?pageSize=50');
    const read = after.body.items.find((n: { id: string }) => n.id === reminder.id);
    expect(read.readAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await secretary.post('/api/inbox/not-a-uuid/read')).status).toBe(404);
  });

  it('pages the staff inbox like other lists', async () => {
    const first = await env.admin.get('/api/inbox?page=1&pageSize=1');
    const second = await env.admin.get('/api/inbox?page=2&pageSize=1');
    expect(first.body.items).toHaveLength(1);
    expect(second.body.items).toHaveLength(1);
    expect(first.body.total).toBe(second.body.total);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
    expect((await env.admin.get('/api/inbox?pageSize=500')).status).toBe(400);
  });
  it('counts unread staff reminders, lists only those, and marks all of one scope read', async () => {
    const tree = await buildTree(env);
    const a1 = await lateMobileMember(tree.branchA.id);
    const a2 = await lateMobileMember(tree.branchA.id);
    const b = await lateMobileMember(tree.branchB.id);
    await refreshNow();
    const secretary = await userClient(env, tree.branchA.id, 'manager');
    const sibling = await userClient(env, tree.branchB.id, 'clerk');
    const committee = await userClient(env, tree.committee.id, 'manager');
    const member = await userClient(env, tree.branchA.id, 'member', { memberId: a1.id });
    type Item = { id: string; aboutMemberId: string; readAt: string | null };
    const ids = (items: Item[]) => items.map((n) => n.id);

    const all = (await secretary.get('/api/inbox?pageSize=200')).body;
    const about = all.items.map((n: Item) => n.aboutMemberId);
    expect(about).toEqual(expect.arrayContaining([a1.id, a2.id]));
    expect(about).not.toContain(b.id);
    expect(all.unread).toBe(all.total);
    expect(all.unread).toBeGreaterThanOrEqual(2);

    const first: Item = all.items[0];
    expect((await secretary.post(`/api/inbox/${first.id}/read`)).status).toBe(200);
    const unread = (await secretary.get('/api/inbox?unread=true&pageSize=200')).body;
    expect(unread.unread).toBe(all.unread - 1);
    // The filter pages over the unread ones: its total is theirs.
    expect(unread.total).toBe(unread.unread);
    expect(unread.items).toHaveLength(unread.unread);
    expect(unread.items.every((n: Item) => n.readAt === null)).toBe(true);
    expect(ids(unread.items)).not.toContain(first.id);
    const everything = (await secretary.get('/api/inbox?unread=false&pageSize=200')).body;
    expect(everything).toMatchObject({ total: all.total, unread: unread.unread });
    expect(ids(everything.items)).toContain(first.id);
    expect((await secretary.get('/api/inbox?unread=yes')).status).toBe(400);

    // The committee's bell counts its branches together; each branch alone counts its own.
    const siblingUnread = (await sibling.get('/api/inbox')).body.unread;
    expect(siblingUnread).toBeGreaterThanOrEqual(1);
    // The committee's own reminders (no secretary appointed) count on its bell too.
    const committeeInbox = (await committee.get('/api/inbox?pageSize=200')).body;
    const own = committeeInbox.items.filter(
      (n: Item & { orgId: string }) => n.orgId === tree.committee.id && n.readAt === null,
    ).length;
    expect(committeeInbox.unread).toBe(unread.unread + siblingUnread + own);
    expect((await committee.get(`/api/inbox?orgId=${tree.branchA.id}`)).body.unread).toBe(unread.unread);

    // Out of scope or not staff at all: as if the organization did not exist.
    expect((await member.post('/api/inbox/read-all', {})).status).toBe(404);
    const foreign = await sibling.post('/api/inbox/read-all', { orgId: tree.branchA.id });
    expect(foreign.status).toBe(404);
    expect((await secretary.get('/api/inbox')).body.unread).toBe(unread.unread);

    const done = await secretary.post('/api/inbox/read-all', {});
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ updated: unread.unread });
    const after = (await secretary.get('/api/inbox?pageSize=200')).body;
    expect(after.unread).toBe(0);
    expect(after.total).toBe(all.total);
    expect(after.items.every((n: Item) => n.readAt !== null)).toBe(true);
    // The first one keeps the time it was first read.
    expect(after.items.find((n: Item) => n.id === first.id).readAt).toBe(
      everything.items.find((n: Item) => n.id === first.id).readAt,
    );
    expect((await secretary.get('/api/inbox?unread=true')).body).toEqual({ items: [], total: 0, unread: 0 });
    // The sibling branch's reminders stay unread, and a second call has nothing left to mark.
    expect((await sibling.get('/api/inbox')).body.unread).toBe(siblingUnread);
    expect((await secretary.post('/api/inbox/read-all', {})).body).toEqual({ updated: 0 });

    // From above, naming a branch marks that branch only.
    const below = await committee.post('/api/inbox/read-all', { orgId: tree.branchB.id });
    expect(below.body).toEqual({ updated: siblingUnread });
    expect((await committee.get('/api/inbox')).body.unread).toBe(own);
  });
});
