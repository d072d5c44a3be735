import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { orgs, sessions, users } from '../../db/schema.js';
import type { Role } from '../../lib/authz.js';

/** What a login needs of the account: never more, so no password hash travels further than it must. */
export async function findLoginUser(ctx: AppContext, by: { username: string } | { id: string }) {
  const [user] = await ctx.database.db
    .select({
      id: users.id,
      username: users.username,
      orgId: users.orgId,
      passwordHash: users.passwordHash,
      disabled: users.disabled,
      lockedUntil: users.lockedUntil,
    })
    .from(users)
    .where('username' in by ? eq(users.username, by.username) : eq(users.id, by.id));
  return user;
}

export interface SessionRow {
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

export async function findOpenSession(ctx: AppContext, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await ctx.database.rows<SessionRow>(sql`
    select s.id as "sessionId", u.id as "userId", u.username, u.role, u.org_id as "orgId",
           o.path::text as "orgPath", u.member_id as "memberId", s.last_seen_at as "lastSeenAt", u.disabled
    from sessions s join users u on u.id = s.user_id left join orgs o on o.id = u.org_id
    where s.token_hash = ${tokenHash} and s.revoked_at is null and s.expires_at > now()`);
  return row;
}

export function listOpenSessions(ctx: AppContext, userId: string) {
  return ctx.database.db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(sessions.createdAt);
}

export async function findAccountNames(ctx: AppContext, userId: string) {
  const [row] = await ctx.database.db
    .select({ displayName: users.displayName, orgName: orgs.name })
    .from(users)
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, userId));
  return row;
}

export async function countUsers(ctx: AppContext): Promise<number> {
  const [row] = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from users`);
  return row?.n ?? 0;
}
