import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { sessions, users } from '../../db/schema.js';
import { recordAudit } from '../../lib/audit.js';
import { type Actor, isUuid, type Role } from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';
import { assertStrongPassword, hashPassword, verifyPassword } from './password.js';

export const SESSION_COOKIE = 'dj_session';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

/** A hash to verify against when the user does not exist, so timing does not reveal usernames. */
let dummyHash: Promise<string> | null = null;

/**
 * Failed logins per address in memory: a brake on guessing across many usernames. The address is
 * the socket's, or the one a trusted proxy (TRUST_PROXY) forwarded, never a header a client chose.
 */
const failuresByIp = new Map<string, number[]>();
const IP_WINDOW_MS = 5 * 60_000;
const IP_MAX_FAILURES = 30;
const IP_TRACKED_MAX = 10_000;

function recentIpFailures(ip: string, now: number) {
  return (failuresByIp.get(ip) ?? []).filter((t) => now - t < IP_WINDOW_MS);
}

/** Called only while the address is not braked, so each list stays below IP_MAX_FAILURES entries. */
function noteIpFailure(ip: string) {
  const now = Date.now();
  if (failuresByIp.size >= IP_TRACKED_MAX) {
    for (const [key, list] of failuresByIp) {
      if (list.every((t) => now - t >= IP_WINDOW_MS)) failuresByIp.delete(key);
    }
  }
  failuresByIp.set(ip, [...recentIpFailures(ip, now), now]);
}

function ipBraked(ip: string) {
  return recentIpFailures(ip, Date.now()).length >= IP_MAX_FAILURES;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

/**
 * The per-address brake refuses wrong passwords (without counting them further) but lets the right
 * one through: someone guessing from a shared address (an office NAT) must not lock its staff out.
 * The per-account lockout still holds: it is counted and checked in the database, atomically.
 */
export async function login(
  ctx: AppContext,
  input: { username: string; password: string; ip: string; userAgent?: string },
): Promise<LoginResult> {
  const { db } = ctx.database;
  const braked = ipBraked(input.ip);
  const refuse = (code: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED') => {
    if (!braked) noteIpFailure(input.ip);
    return new AppError(code === 'INVALID_CREDENTIALS' && braked ? 'TOO_MANY_ATTEMPTS' : code);
  };
  const [user] = await db.select().from(users).where(eq(users.username, input.username));
  if (!user || user.disabled) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verifyPassword(await dummyHash, input.password);
    throw refuse('INVALID_CREDENTIALS');
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) throw new AppError('ACCOUNT_LOCKED');
  const ok = await verifyPassword(user.passwordHash, input.password);
  const actorRef = { userId: user.id, username: user.username } as Actor;
  if (!ok) {
    const locked = await countFailure(ctx, user, actorRef, input.ip);
    throw refuse(locked ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ctx.config.SESSION_ABSOLUTE_HOURS * 3600_000);
  const sessionId = randomUUID();
  await db.transaction(async (tx) => {
    // Parallel guesses may have locked the account while this password was being verified: the
    // success counts only if the account is still open at this moment, checked and reset at once.
    const opened = await ctx.database.rows<{ id: string }>(
      sql`update users set failed_logins = 0, locked_until = null
          where id = ${user.id} and not disabled and (locked_until is null or locked_until <= now())
          returning id`,
      tx,
    );
    if (opened.length === 0) throw new AppError('ACCOUNT_LOCKED');
    await tx.insert(sessions).values({
      id: sessionId,
      tokenHash: tokenHash(token),
      userId: user.id,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(tx, actorRef, {
      action: 'auth.login',
      entity: 'session',
      entityId: sessionId,
      orgId: user.orgId,
      after: { ip: input.ip },
    });
  });
  const actor = await resolveSession(ctx, token);
  if (!actor) throw new AppError('INTERNAL');
  return { token, expiresAt, actor };
}

/**
 * One wrong password, counted in a single statement so parallel guesses cannot lose updates: the
 * statement that brings the count to LOGIN_MAX_FAILURES also sets the lock. A lock that has run out
 * starts the count again. Answers whether the account is locked now.
 */
async function countFailure(
  ctx: AppContext,
  user: { id: string; orgId: string | null },
  actorRef: Actor,
  ip: string,
): Promise<boolean> {
  const { LOGIN_MAX_FAILURES: max, LOGIN_LOCK_MINUTES: minutes } = ctx.config;
  const lockEnd = sql`now() + make_interval(mins => ${minutes}::int)`;
  const count = sql`(case when locked_until <= now() then 1 else failed_logins + 1 end)`;
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await ctx.database.rows<{ failures: number; locked: boolean; lockedNow: boolean }>(
      sql`update users set
            failed_logins = ${count},
            locked_until = case
              when locked_until > now() then locked_until
              when ${count} >= ${max}::int then ${lockEnd}
              else null end
          where id = ${user.id}
          returning failed_logins as failures, coalesce(locked_until > now(), false) as locked,
                    coalesce(locked_until = ${lockEnd}, false) as "lockedNow"`,
      tx,
    );
    if (!row) return false;
    if (row.lockedNow) {
      await recordAudit(tx, actorRef, {
        action: 'auth.locked',
        entity: 'user',
        entityId: user.id,
        orgId: user.orgId,
        after: { ip, failures: row.failures },
      });
    }
    return row.locked;
  });
}

interface SessionRow {
  sessionId: string;
  userId: string;
  username: string;
  role: Role;
  orgId: string | null;
  orgPath: string | null;
  memberId: string | null;
  lastSeenAt: string | Date;
  disabled: boolean;
}

/** A session ends at its absolute expiry, after the idle limit, on logout, or when revoked. */
/**
 * Sessions seen in the last few seconds, so a request does not wait on the database just to know
 * its caller: the embedded engine has one connection, which a long import holds for its whole
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
  const [row] = await ctx.database.rows<SessionRow>(sql`
    select s.id as "sessionId", u.id as "userId", u.username, u.role, u.org_id as "orgId",
           o.path::text as "orgPath", u.member_id as "memberId", s.last_seen_at as "lastSeenAt", u.disabled
    from sessions s join users u on u.id = s.user_id left join orgs o on o.id = u.org_id
    where s.token_hash = ${key} and s.revoked_at is null and s.expires_at > now()`);
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
  const rows = await ctx.database.db
    .select()
    .from(sessions)
    .where(
      and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())),
    )
    .orderBy(sessions.createdAt);
  return rows.map((s) => ({
    id: s.id,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
    current: s.id === actor.sessionId,
  }));
}

export async function revokeSession(ctx: AppContext, actor: Actor, sessionId: string) {
  if (!isUuid(sessionId)) throw new AppError('NOT_FOUND', '会话不存在');
  forgetSessions();
  await ctx.database.db.transaction(async (tx) => {
    const res = await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (res.length === 0) throw new AppError('NOT_FOUND', '会话不存在');
    await recordAudit(tx, actor, {
      action: sessionId === actor.sessionId ? 'auth.logout' : 'auth.session_revoked',
      entity: 'session',
      entityId: sessionId,
      orgId: actor.orgId,
      orgPath: actor.orgPath,
    });
  });
}

/** Changing the password ends every other session of the account. */
export async function changePassword(ctx: AppContext, actor: Actor, current: string, next: string) {
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, current))) throw new AppError('WRONG_PASSWORD');
  assertStrongPassword(next, user.username);
  const passwordHash = await hashPassword(next);
  forgetSessions();
  await ctx.database.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, user.id));
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(sessions.userId, user.id),
          isNull(sessions.revokedAt),
          sql`${sessions.id} <> ${actor.sessionId}`,
        ),
      );
    await recordAudit(tx, actor, {
      action: 'auth.password_changed',
      entity: 'user',
      entityId: user.id,
      orgId: user.orgId,
      orgPath: actor.orgPath,
    });
  });
}

/**
 * First start on an empty database creates `admin` (API.md "Starting"): with ADMIN_PASSWORD, or a
 * random password printed once.
 */
export async function bootstrapAdmin(ctx: AppContext): Promise<{ created: boolean; password?: string }> {
  const [{ n } = { n: 0 }] = await ctx.database.rows<{ n: number }>(
    sql`select count(*)::int as n from users`,
  );
  if (n > 0) return { created: false };
  const generated = ctx.config.ADMIN_PASSWORD ? undefined : randomBytes(12).toString('base64url');
  const password = ctx.config.ADMIN_PASSWORD ?? generated!;
  const id = randomUUID();
  const passwordHash = await hashPassword(password);
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values({ id, username: 'admin', passwordHash, role: 'admin', displayName: '系统管理员' });
    await recordAudit(tx, null, {
      action: 'user.bootstrap',
      entity: 'user',
      entityId: id,
      after: { username: 'admin' },
    });
  });
  return { created: true, password: generated };
}
