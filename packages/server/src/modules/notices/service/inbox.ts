import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { type Actor, authorize, isUuid, resolveScopeOrg, subtree, underOrg } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { presentInboxItem, presentStaffReminder } from '../presenter.js';
import {
  markMemberRead,
  markStaffReminderRead,
  markStaffScopeRead,
  memberInboxRows,
  staffReminderPage,
} from '../queries.js';

/** The member's own inbox in the phone portal. */
export async function myInbox(ctx: AppContext, actor: Actor) {
  if (!actor.memberId) return { items: [] };
  return { items: (await memberInboxRows(ctx, actor.memberId)).map(presentInboxItem) };
}

export async function markRead(ctx: AppContext, actor: Actor, id: string) {
  if (!(await markMemberRead(ctx, actor.memberId, id))) throw new AppError('NOT_FOUND', '消息不存在');
  return { ok: true as const };
}

/** Staff reminders of the organization named (else the caller's own) and everything beneath it. */
async function staffScope(ctx: AppContext, actor: Actor, orgId: string | undefined) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, orgId);
  return underOrg(actor, org, sql`o.path`);
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
  const page = await staffReminderPage(ctx, scope, q);
  return {
    items: page.items.map(presentStaffReminder),
    total: q.unread ? page.unread : page.total,
    unread: page.unread,
  };
}

/** 全部标为已读: every unread staff reminder of the same scope as the list; answers how many. */
export async function markAllStaffRead(ctx: AppContext, actor: Actor, orgId: string | undefined) {
  const scope = await staffScope(ctx, actor, orgId);
  return { updated: await markStaffScopeRead(ctx, scope) };
}

export async function markStaffRead(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'member.read');
  if (!isUuid(id)) throw new AppError('NOT_FOUND', '消息不存在');
  if (!(await markStaffReminderRead(ctx, subtree(actor, sql`o.path`), id))) {
    throw new AppError('NOT_FOUND', '消息不存在');
  }
  return { ok: true as const };
}
