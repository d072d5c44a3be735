import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { isoTimestamp } from '../../lib/schemas.js';

export interface InboxRow {
  id: string;
  title: string;
  body: string;
  template: string;
  createdAt: string;
  readAt: string | null;
}

/** The newest reminders addressed to the member (member_id set: never a staff reminder about them). */
export function memberInboxRows(ctx: AppContext, memberId: string) {
  return ctx.database.rows<InboxRow>(sql`
    select id, title, body, template, ${isoTimestamp(sql`created_at`)} as "createdAt",
      ${isoTimestamp(sql`read_at`)} as "readAt" from notifications
    where member_id = ${memberId} order by created_at desc limit 100`);
}

/** Marks one of the member's own reminders read; answers whether it was theirs. */
export async function markMemberRead(ctx: AppContext, memberId: string | null, id: string) {
  const rows = await ctx.database.rows(sql`
    update notifications set read_at = now() where id::text = ${id} and member_id = ${memberId} returning id`);
  return rows.length > 0;
}

export interface StaffReminderRow extends InboxRow {
  orgId: string;
  orgName: string;
  aboutMemberId: string | null;
  aboutMemberName: string | null;
}

/**
 * Staff reminders of `scope` (a condition on `o`, the organization the reminder is addressed to): one
 * page newest first, with the count of all and of those unread.
 */
export async function staffReminderPage(
  ctx: AppContext,
  scope: SQL,
  q: { unread?: boolean; page: number; pageSize: number },
) {
  const where = q.unread ? sql`${scope} and n.read_at is null` : scope;
  const [items, [count]] = await Promise.all([
    ctx.database.rows<StaffReminderRow>(sql`
      select n.id, n.template, n.title, n.body, n.org_id as "orgId", o.name as "orgName",
        n.about_member_id as "aboutMemberId", m.name as "aboutMemberName",
        ${isoTimestamp(sql`n.created_at`)} as "createdAt", ${isoTimestamp(sql`n.read_at`)} as "readAt"
      from notifications n join orgs o on o.id = n.org_id left join members m on m.id = n.about_member_id
      where ${where}
      order by n.created_at desc, n.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
    ctx.database.rows<{ total: number; unread: number }>(sql`
      select count(*)::int as total, (count(*) filter (where n.read_at is null))::int as unread
      from notifications n join orgs o on o.id = n.org_id where ${scope}`),
  ]);
  return { items, total: count?.total ?? 0, unread: count?.unread ?? 0 };
}

/** Marks every unread staff reminder of `scope` read; answers how many. */
export async function markStaffScopeRead(ctx: AppContext, scope: SQL) {
  const [row] = await ctx.database.rows<{ updated: number }>(sql`
    with marked as (
      update notifications n set read_at = now() from orgs o
      where o.id = n.org_id and n.read_at is null and ${scope} returning n.id)
    select count(*)::int as updated from marked`);
  return row?.updated ?? 0;
}

/** Marks one staff reminder of `scope` read (a second time keeps the first time); whether it was found. */
export async function markStaffReminderRead(ctx: AppContext, scope: SQL, id: string) {
  const rows = await ctx.database.rows(sql`
    update notifications n set read_at = coalesce(n.read_at, now()) from orgs o
    where n.id = ${id} and o.id = n.org_id and ${scope} returning n.id`);
  return rows.length > 0;
}
