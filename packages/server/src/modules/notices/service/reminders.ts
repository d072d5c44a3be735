import { randomUUID } from 'node:crypto';
import { addMonths, daysBetween, lacksSecretary, type OrgType, termDue } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { notifications } from '../../../db/schema.js';
import { today } from '../../../lib/clock.js';
import { yieldToEventLoop } from '../../../lib/event-loop.js';
import { templates, toMember } from '../templates.js';

/**
 * Turns due-soon, overdue and breached obligations into reminders, once per member (or owing
 * organization), kind, period and state (the dedupe key), so a daily job never sends the same reminder
 * twice. An organization's obligation (org_obligations, no member) goes to that organization's staff.
 */
export async function queueReminders(ctx: AppContext, onProgress?: (queued: number) => void, asOf = today()) {
  const rows = await ctx.database.rows<{
    memberId: string | null;
    orgId: string;
    name: string;
    kind: string;
    period: string;
    dueOn: string;
    state: string;
  }>(sql`
    select b.member_id as "memberId", m.org_id as "orgId", m.name, b.kind, b.period, b.due_on::text as "dueOn", b.state
    from obligations b join members m on m.id = b.member_id
    where b.state in ('due_soon', 'overdue', 'breached') and m.exit_kind is null
    union all
    select null, b.org_id, o.name, b.kind, b.period, b.due_on::text, b.state
    from org_obligations b join orgs o on o.id = b.org_id
    where b.state in ('due_soon', 'overdue', 'breached') and o.dissolved_at is null`);
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
      const forMember = r.memberId !== null && toMember.has(r.kind);
      return [
        {
          id: randomUUID(),
          dedupeKey: `${r.memberId ?? `org:${r.orgId}`}:${r.kind}:${r.period}:${r.state}`,
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
