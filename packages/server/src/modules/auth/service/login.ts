import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { sessions } from '../../../db/schema.js';
import type { Actor } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { hashPassword, verifyPassword } from '../password.js';
import { findLoginUser } from '../queries.js';
import { resolveSession, tokenHash } from './sessions.js';

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
  const braked = ipBraked(input.ip);
  const refuse = (code: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED') => {
    if (!braked) noteIpFailure(input.ip);
    return new AppError(code === 'INVALID_CREDENTIALS' && braked ? 'TOO_MANY_ATTEMPTS' : code);
  };
  const user = await findLoginUser(ctx, { username: input.username });
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
  await write(ctx, actorRef, async (tx, w) => {
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
    w.audit({
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
 * starts the count again. Answers whether the account is locked now. Only the lock itself is an
 * audit event; a counted failure is not (the log would fill with guesses).
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
  return write(ctx, actorRef, async (tx, w) => {
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
    if (!row?.lockedNow) {
      w.nothingChanged();
      return row?.locked ?? false;
    }
    w.audit({
      action: 'auth.locked',
      entity: 'user',
      entityId: user.id,
      orgId: user.orgId,
      after: { ip, failures: row.failures },
    });
    return row.locked;
  });
}
