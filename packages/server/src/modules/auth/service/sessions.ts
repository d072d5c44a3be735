import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { sessions } from '../../../db/schema.js';
import { type Actor, isUuid } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { presentSession } from '../presenter.js';
import { findOpenSession, listOpenSessions } from '../queries.js';

export const SESSION_COOKIE = 'dj_session';

/** Only the hash of a session token is stored: a copy of the table opens no session. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * A session ends at its absolute expiry, after the idle limit, on logout, or when revoked.
 *
 * Sessions seen in the last few seconds are kept here, so a request does not wait on the database just
 * to know its caller: the embedded engine has one connection, which a long import holds for its whole
 * transaction, and progress polls must still answer. Revocations here clear it at once; on another
 * instance they take effect within a minute.
 */
const sessionCache = new Map<string, { actor: Actor; at: number }>();
const SESSION_CACHE_MS = 5_000;
const SESSION_STALE_MS = 60_000;

export function forgetSessions() {
  sessionCache.clear();
}

export async function resolveSession(ctx: AppContext, token: string): Promise<Actor | null> {
  const key = tokenHash(token);
  const cached = sessionCache.get(key);
  const age = cached ? Date.now() - cached.at : Number.POSITIVE_INFINITY;
  const refresh = async () => {
    const actor = await loadSession(ctx, key);
    if (actor) sessionCache.set(key, { actor, at: Date.now() });
    else sessionCache.delete(key);
    if (sessionCache.size > 10_000) sessionCache.clear();
    return actor;
  };
  if (cached && age < SESSION_CACHE_MS) return cached.actor;
  if (cached && age < SESSION_STALE_MS) {
    // Answer now, check in the background: a busy embedded connection must not stall the caller.
    cached.at = Date.now() - SESSION_CACHE_MS;
    refresh().catch(() => sessionCache.delete(key));
    return cached.actor;
  }
  return refresh();
}

async function loadSession(ctx: AppContext, key: string): Promise<Actor | null> {
  const idleMs = ctx.config.SESSION_IDLE_MINUTES * 60_000;
  const row = await findOpenSession(ctx, key);
  if (!row || row.disabled) return null;
  const lastSeen = new Date(row.lastSeenAt).getTime();
  if (Date.now() - lastSeen > idleMs) return null;
  // Touch at most once a minute: the idle clock needs no finer grain, and reads stay reads.
  if (Date.now() - lastSeen > 60_000) {
    await ctx.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date() })
      .where(eq(sessions.id, row.sessionId));
  }
  return {
    userId: row.userId,
    username: row.username,
    role: row.role,
    orgId: row.orgId,
    orgPath: row.orgPath,
    memberId: row.memberId,
    sessionId: row.sessionId,
  };
}

export async function logout(ctx: AppContext, actor: Actor) {
  await revokeSession(ctx, actor, actor.sessionId);
}

export async function listSessions(ctx: AppContext, actor: Actor) {
  const rows = await listOpenSessions(ctx, actor.userId);
  return rows.map((s) => presentSession(actor, s));
}

export async function revokeSession(ctx: AppContext, actor: Actor, sessionId: string) {
  if (!isUuid(sessionId)) throw new AppError('NOT_FOUND', '会话不存在');
  forgetSessions();
  await write(ctx, actor, async (tx, w) => {
    const res = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (res.length === 0) throw new AppError('NOT_FOUND', '会话不存在');
    w.audit({
      action: sessionId === actor.sessionId ? 'auth.logout' : 'auth.session_revoked',
      entity: 'session',
      entityId: sessionId,
      orgId: actor.orgId,
      orgPath: actor.orgPath,
    });
  });
}
