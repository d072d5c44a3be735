import { randomUUID } from 'node:crypto';
import { daysBetween, lacksSecretary, type OrgType, termDue } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { arrayParam } from '../../db/bulk.js';
import { notifications } from '../../db/schema.js';
import { type Actor, authorize, isUuid, resolveScopeOrg, subtree } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { yieldToEventLoop } from '../../lib/event-loop.js';
import { isoTimestamp } from '../../lib/schemas.js';
import { addMonths } from '../mobility/index.js';
import type { Provider, Reminder } from './providers.js';

/** One template per reminder, in the spirit of 篇三's SMS reminders: say what, by when, and where. */
const templates: Record<string, (v: Record<string, string>) => { title: string; body: string }> = {
  monthly_report: (v) => ({
    title: v.late ? '思想汇报逾期' : '思想汇报提醒',
    body: v.late
      ? `${v.name}同志：${v.period} 的思想汇报应于 ${v.dueOn} 前提交，现已逾期，请尽快补交（一月一汇报）。`
      : `${v.name}同志：请于 ${v.dueOn} 前提交 ${v.period} 的思想汇报（一月一汇报）。`,
  }),
  monthly_contact: (v) => ({
    title: v.late ? '联系党员逾期' : '联系党员提醒',
    body: v.late
      ? `流动党员 ${v.name} ${v.period} 的联系应于 ${v.dueOn} 前完成，现已逾期，请尽快联系并登记。`
      : `请于 ${v.dueOn} 前与流动党员 ${v.name} 取得联系并登记（一月一联系）。`,
  }),
  org_life: (v) => ({
    title: v.late ? '组织生活缺勤' : '组织生活提醒',
    body: v.late
      ? `${v.name}同志：${v.period} 未参加组织生活（应于 ${v.dueOn} 前），请与党支部联系补学。`
      : `${v.name}同志：${v.period} 的组织生活须于 ${v.dueOn} 前参加（可线上参加）。`,
  }),
  yearly_review: (v) => ({
    title: v.late ? '年度评议逾期' : '年度评议提醒',
    body: v.late
      ? `流动党员 ${v.name} 的 ${v.period} 年度评议应于 ${v.dueOn} 前完成，现已逾期。`
      : `流动党员 ${v.name} 的 ${v.period} 年度评议须于 ${v.dueOn} 前完成（一年一评议）。`,
  }),
  term_ended: (v) => ({
    title: '换届逾期',
    body: `${v.org}本届任期已于 ${v.termEndsOn} 届满，应及时进行换届选举（《中国共产党支部工作条例（试行）》第六章：届满应当按期换届）。`,
  }),
  term_ending: (v) => ({
    title: '换届提醒',
    body: `${v.org}本届任期将于 ${v.termEndsOn} 届满，请提前做好换届选举准备。`,
  }),
  no_secretary: (v) => ({
    title: '未设书记',
    body: `${v.org}目前没有在任的书记，请及时配备并在系统中登记任职。`,
  }),
  probation_overdue: (v) => ({
    title: '预备期已满待转正',
    body: `预备党员 ${v.name} 于 ${v.joinedOn} 入党，预备期已满一年，尚未讨论其转为正式党员，请及时召开支部大会讨论（党章第七条）。`,
  }),
};

/**
 * Reminders the member acts on go to the member; the others to the staff of the member's branch,
 * with member_id left empty so they never show in the member's own inbox.
 */
const toMember = new Set(['monthly_report', 'org_life']);

/**
 * Turns due-soon, overdue and breached obligations into reminders, once per member, kind, period and state
 * (the dedupe key), so a daily job never sends the same reminder twice.
 */
export async function queueReminders(ctx: AppContext, onProgress?: (queued: number) => void, asOf = today()) {
  const rows = await ctx.database.rows<{
    memberId: string;
    orgId: string;
    name: string;
    kind: string;
    period: string;
    dueOn: string;
    state: string;
  }>(sql`
    select b.member_id as "memberId", m.org_id as "orgId", m.name, b.kind, b.period, b.due_on::text as "dueOn", b.state
    from obligations b join members m on m.id = b.member_id
    where b.state in ('due_soon', 'overdue', 'breached') and m.exit_kind is null`);
  let queued = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const values = rows.slice(i, i + 1000).flatMap((r) => {
      const template = templates[r.kind];
      if (!template) return [];
      const { title, body } = template({
        name: r.name,
        period: r.period,
        dueOn: r.dueOn,
        late: r.state === 'due_soon' ? '' : 'yes',
      });
      const forMember = toMember.has(r.kind);
      return [
        {
          id: randomUUID(),
          dedupeKey: `${r.memberId}:${r.kind}:${r.period}:${r.state}`,
          memberId: forMember ? r.memberId : null,
          orgId: forMember ? null : r.orgId,
          aboutMemberId: forMember ? null : r.memberId,
          channel: 'inbox',
          template: r.kind,
          title,
          body,
        },
      ];
    });
    if (values.length === 0) continue;
    const inserted = await ctx.database.db
      .insert(notifications)
      .values(values)
      .onConflictDoNothing({ target: notifications.dedupeKey })
      .returning({ id: notifications.id });
    queued += inserted.length;
    onProgress?.(queued);
    await yieldToEventLoop();
  }
  queued += await queueOrgReminders(ctx, asOf);
  onProgress?.(queued);
  return { queued };
}

interface StaffReminderRow {
  id: string;
  dedupeKey: string;
  memberId: null;
  orgId: string;
  aboutMemberId: string | null;
  channel: string;
  template: string;
  title: string;
  body: string;
}

/**
 * What an organization owes rather than a member (RULES.md §4, 《中国共产党支部工作条例(试行)》): a term
 * ended or ending within a month, no serving secretary, a probationary member a year past joining
 * without the vote on full membership (党章第七条: 预备期为一年). Addressed to the staff of that
 * organization (its superiors see it too: the staff inbox covers the subtree). Once per organization,
 * cause and period: a term's end for 'ending', each month while unresolved for the others, so a second
 * run on the same day adds nothing. Answers how many were queued.
 */
export async function queueOrgReminders(ctx: AppContext, asOf = today()): Promise<number> {
  const month = asOf.slice(0, 7);
  const withinDays = daysBetween(asOf, addMonths(asOf, 1));
  const [orgRows, probationers] = await Promise.all([
    ctx.database.rows<{
      id: string;
      name: string;
      type: OrgType;
      termEndsOn: string | null;
      hasSecretary: boolean;
    }>(sql`
      select o.id, o.name, o.type, o.term_ends_on::text as "termEndsOn",
        exists (select 1 from org_posts p where p.org_id = o.id and p.kind = 'secretary'
          and (p.ends_on is null or p.ends_on >= ${asOf}::date)) as "hasSecretary"
      from orgs o where o.dissolved_at is null`),
    ctx.database.rows<{ id: string; orgId: string; name: string; joinedOn: string }>(sql`
      select m.id, m.org_id as "orgId", m.name, m.joined_on::text as "joinedOn" from members m
      where m.kind = 'probationary' and m.exit_kind is null
        and m.joined_on + interval '1 year' < ${asOf}::date`),
  ]);
  const values: StaffReminderRow[] = [];
  const add = (
    template: string,
    key: string,
    orgId: string,
    about: string | null,
    v: Record<string, string>,
  ) =>
    values.push({
      id: randomUUID(),
      dedupeKey: `${template}:${key}`,
      memberId: null,
      orgId,
      aboutMemberId: about,
      channel: 'inbox',
      template,
      ...templates[template]!(v),
    });
  for (const o of orgRows) {
    const term = termDue(o.termEndsOn, asOf, withinDays);
    if (term === 'ended')
      add('term_ended', `${o.id}:${o.termEndsOn}:${month}`, o.id, null, {
        org: o.name,
        termEndsOn: o.termEndsOn!,
      });
    if (term === 'ending')
      add('term_ending', `${o.id}:${o.termEndsOn}`, o.id, null, { org: o.name, termEndsOn: o.termEndsOn! });
    if (lacksSecretary(o.type, o.hasSecretary))
      add('no_secretary', `${o.id}:${month}`, o.id, null, { org: o.name });
  }
  for (const m of probationers) {
    add('probation_overdue', `${m.id}:${month}`, m.orgId, m.id, { name: m.name, joinedOn: m.joinedOn });
  }
  let queued = 0;
  for (let i = 0; i < values.length; i += 1000) {
    const inserted = await ctx.database.db
      .insert(notifications)
      .values(values.slice(i, i + 1000))
      .onConflictDoNothing({ target: notifications.dedupeKey })
      .returning({ id: notifications.id });
    queued += inserted.length;
    await yieldToEventLoop();
  }
  return queued;
}

const MAX_ATTEMPTS = 5;

/**
 * Sends everything pending through every provider, batch after batch until none is left, each
 * notification at most once per call (a failure waits for the next run rather than burning its five
 * attempts in a row). Keyset on the primary key: each batch is an index range, not a rescan.
 * `channel` ends up naming where it really went ('inbox', 'inbox,sms', 'inbox,email').
 */
export async function deliverPending(
  ctx: AppContext,
  providers: Provider[],
  log: (msg: string) => void = () => {},
  {
    batchSize = 500,
    onProgress,
  }: { batchSize?: number; onProgress?: (so: { sent: number; failed: number }) => void } = {},
) {
  let sent = 0;
  let failed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await ctx.database.rows<Reminder>(sql`
      select id, title, body, member_id as "memberId", org_id as "orgId" from notifications
      where status = 'pending' and attempts < ${MAX_ATTEMPTS} and id > ${after}::uuid
      order by id limit ${batchSize}`);
    if (batch.length === 0) break;
    after = batch.at(-1)!.id;
    const done: { id: string; channel: string }[] = [];
    const failures: string[] = [];
    let firstError = '';
    for (const n of batch) {
      try {
        const channels: string[] = [];
        for (const p of providers) if (await p.send(n)) channels.push(p.channel);
        done.push({ id: n.id, channel: channels.join(',') || 'inbox' });
      } catch (err) {
        failures.push(n.id);
        firstError ||= err instanceof Error ? err.message : String(err);
      }
    }
    if (done.length > 0) {
      const ids = arrayParam(
        done.map((d) => d.id),
        'uuid',
      );
      const channels = arrayParam(
        done.map((d) => d.channel),
        'text',
      );
      await ctx.database.rows(sql`
        update notifications n set status = 'sent', sent_at = now(), attempts = n.attempts + 1,
          channel = v.channel
        from unnest(${ids}, ${channels}) as v(id, channel)
        where n.id = v.id`);
    }
    if (failures.length > 0) {
      await ctx.database.rows(
        sql`update notifications set attempts = attempts + 1 where id = any(${arrayParam(failures, 'uuid')})`,
      );
      log(`提醒发送失败 ${failures.length} 条，将在下次重试：${firstError}`);
    }
    sent += done.length;
    failed += failures.length;
    onProgress?.({ sent, failed });
    await yieldToEventLoop();
  }
  return { sent, failed };
}

/** The member's own inbox in the phone portal. */
export async function myInbox(ctx: AppContext, actor: Actor) {
  if (!actor.memberId) return { items: [] };
  const items = await ctx.database.rows(sql`
    select id, title, body, template, ${isoTimestamp(sql`created_at`)} as "createdAt",
      ${isoTimestamp(sql`read_at`)} as "readAt" from notifications
    where member_id = ${actor.memberId} order by created_at desc limit 100`);
  return { items };
}

export async function markRead(ctx: AppContext, actor: Actor, id: string) {
  const rows = await ctx.database.rows(sql`
    update notifications set read_at = now() where id::text = ${id} and member_id = ${actor.memberId} returning id`);
  if (rows.length === 0) throw new AppError('NOT_FOUND', '消息不存在');
  return { ok: true as const };
}

export interface StaffReminder {
  id: string;
  template: string;
  title: string;
  body: string;
  orgId: string;
  orgName: string;
  aboutMemberId: string | null;
  aboutMemberName: string | null;
  createdAt: string;
  readAt: string | null;
}

const staffFrom = sql`notifications n join orgs o on o.id = n.org_id
  left join members m on m.id = n.about_member_id`;

/** Staff reminders of the organization named (else the caller's own) and everything beneath it. */
async function staffScope(ctx: AppContext, actor: Actor, orgId: string | undefined) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, orgId);
  return org ? sql`o.path <@ ${org.path}::ltree` : sql`true`;
}

/**
 * Staff reminders of the organizations in the caller's scope (or the subtree of `orgId`), newest
 * first, with the number still unread for the console's bell. `unread` lists only those. Read state
 * belongs to the reminder, so one secretary marking it read marks it for the branch.
 */
export async function staffInbox(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; unread?: boolean; page: number; pageSize: number },
) {
  const scope = await staffScope(ctx, actor, q.orgId);
  const where = q.unread ? sql`${scope} and n.read_at is null` : scope;
  const [items, [count]] = await Promise.all([
    ctx.database.rows<StaffReminder>(sql`
      select n.id, n.template, n.title, n.body, n.org_id as "orgId", o.name as "orgName",
        n.about_member_id as "aboutMemberId", m.name as "aboutMemberName",
        ${isoTimestamp(sql`n.created_at`)} as "createdAt", ${isoTimestamp(sql`n.read_at`)} as "readAt"
      from ${staffFrom} where ${where}
      order by n.created_at desc, n.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
    ctx.database.rows<{ total: number; unread: number }>(sql`
      select count(*)::int as total, (count(*) filter (where n.read_at is null))::int as unread
      from notifications n join orgs o on o.id = n.org_id where ${scope}`),
  ]);
  const unread = count?.unread ?? 0;
  return { items, total: q.unread ? unread : (count?.total ?? 0), unread };
}

/** 全部标为已读: every unread staff reminder of the same scope as the list; answers how many. */
export async function markAllStaffRead(ctx: AppContext, actor: Actor, orgId: string | undefined) {
  const scope = await staffScope(ctx, actor, orgId);
  const [row] = await ctx.database.rows<{ updated: number }>(sql`
    with marked as (
      update notifications n set read_at = now() from orgs o
      where o.id = n.org_id and n.read_at is null and ${scope} returning n.id)
    select count(*)::int as updated from marked`);
  return { updated: row?.updated ?? 0 };
}

export async function markStaffRead(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'member.read');
  if (!isUuid(id)) throw new AppError('NOT_FOUND', '消息不存在');
  const rows = await ctx.database.rows(sql`
    update notifications n set read_at = coalesce(n.read_at, now()) from orgs o
    where n.id = ${id} and o.id = n.org_id and ${subtree(actor, sql`o.path`)} returning n.id`);
  if (rows.length === 0) throw new AppError('NOT_FOUND', '消息不存在');
  return { ok: true as const };
}
