import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notifications } from '../../db/schema.js';
import type { Actor } from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';
import { isoTimestamp } from '../../lib/schemas.js';

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
};

/** Reminders the member acts on go to the member; the others to the staff of the branch. */
const toMember = new Set(['monthly_report', 'org_life']);

export interface Provider {
  channel: string;
  send(n: { title: string; body: string; memberId: string | null }): Promise<void>;
}

/** Default: the log, while the in-app inbox shows the row itself. */
export function logProvider(log: (msg: string) => void): Provider {
  return { channel: 'inbox', send: async (n) => log(`[提醒] ${n.title}：${n.body}`) };
}

/** An SMS gateway that takes a JSON POST (the common shape of domestic SMS platforms). */
export function smsGatewayProvider(
  url: string,
  phoneOf: (memberId: string) => Promise<string | null>,
): Provider {
  return {
    channel: 'sms',
    async send(n) {
      const phone = n.memberId ? await phoneOf(n.memberId) : null;
      if (!phone) return;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, text: `【党建】${n.body}` }),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}

/**
 * Turns due-soon, overdue and breached obligations into reminders, once per member, kind, period and state
 * (the dedupe key), so a daily job never sends the same reminder twice.
 */
export async function queueReminders(ctx: AppContext) {
  const rows = await ctx.database.rows<{
    memberId: string;
    name: string;
    kind: string;
    period: string;
    dueOn: string;
    state: string;
  }>(sql`
    select b.member_id as "memberId", m.name, b.kind, b.period, b.due_on::text as "dueOn", b.state
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
      return [
        {
          id: randomUUID(),
          dedupeKey: `${r.memberId}:${r.kind}:${r.period}:${r.state}`,
          memberId: toMember.has(r.kind) ? r.memberId : null,
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
  }
  return { queued };
}

export async function deliverPending(ctx: AppContext, providers: Provider[]) {
  const pending = await ctx.database.rows<{
    id: string;
    title: string;
    body: string;
    memberId: string | null;
  }>(sql`
    select id, title, body, member_id as "memberId" from notifications where status = 'pending' and attempts < 5
    order by created_at limit 500`);
  for (const n of pending) {
    try {
      for (const p of providers) await p.send(n);
      await ctx.database.rows(
        sql`update notifications set status = 'sent', sent_at = now(), attempts = attempts + 1 where id = ${n.id}`,
      );
    } catch {
      await ctx.database.rows(sql`update notifications set attempts = attempts + 1 where id = ${n.id}`);
    }
  }
  return { delivered: pending.length };
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
