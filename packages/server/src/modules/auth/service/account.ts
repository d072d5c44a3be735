import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { sessions, users } from '../../../db/schema.js';
import type { Actor } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { assertStrongPassword, hashPassword, verifyPassword } from '../password.js';
import { countUsers, findLoginUser } from '../queries.js';
import { forgetSessions } from './sessions.js';

/** Changing the password ends every other session of the account. */
export async function changePassword(ctx: AppContext, actor: Actor, current: string, next: string) {
  const user = await findLoginUser(ctx, { id: actor.userId });
  if (!user || !(await verifyPassword(user.passwordHash, current))) throw new AppError('WRONG_PASSWORD');
  assertStrongPassword(next, user.username);
  const passwordHash = await hashPassword(next);
  forgetSessions();
  await write(ctx, actor, async (tx, w) => {
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
    w.audit({
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
  if ((await countUsers(ctx)) > 0) return { created: false };
  const generated = ctx.config.ADMIN_PASSWORD ? undefined : randomBytes(12).toString('base64url');
  const password = ctx.config.ADMIN_PASSWORD ?? generated!;
  const id = randomUUID();
  const passwordHash = await hashPassword(password);
  await write(ctx, null, async (tx, w) => {
    await tx
      .insert(users)
      .values({ id, username: 'admin', passwordHash, role: 'admin', displayName: '系统管理员' });
    w.audit({ action: 'user.bootstrap', entity: 'user', entityId: id, after: { username: 'admin' } });
  });
  return { created: true, password: generated };
}
