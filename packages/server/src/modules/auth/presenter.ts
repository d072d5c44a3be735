import type { AppContext } from '../../context.js';
import { type Actor, actions, can } from '../../lib/authz.js';
import { findAccountNames } from './queries.js';

export async function presentMe(ctx: AppContext, actor: Actor) {
  const row = await findAccountNames(ctx, actor.userId);
  return {
    userId: actor.userId,
    username: actor.username,
    displayName: row?.displayName ?? null,
    role: actor.role,
    orgId: actor.orgId,
    orgName: row?.orgName ?? null,
    memberId: actor.memberId,
    permissions: actions.filter((a) => can(actor, a)),
  };
}

export function presentSession(
  actor: Actor,
  s: {
    id: string;
    createdAt: Date;
    lastSeenAt: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
) {
  return {
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === actor.sessionId,
  };
}
