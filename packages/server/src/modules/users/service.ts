import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { sessions, users } from '../../db/schema.js';
import {
  type Actor,
  authorize,
  canGrant,
  isUuid,
  loadOrgInScope,
  type Role,
  subtree,
  underOrg,
} from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';
import { write } from '../../lib/write.js';
import { assertStrongPassword, forgetSessions, hashPassword } from '../auth/index.js';
import { loadMemberInScope } from '../members/index.js';
import { presentUser, type UserView } from './presenter.js';
import { findUser, pageUsers, usernameTaken } from './queries.js';

export interface UserInput {
  username: string;
  password: string;
  orgId: string;
  role: Role;
  memberId?: string;
  displayName?: string;
  email?: string;
}

export async function createUser(ctx: AppContext, actor: Actor, input: UserInput): Promise<UserView> {
  authorize(actor, 'user.manage');
  const org = await loadOrgInScope(ctx.database, actor, input.orgId);
  if (!canGrant(actor, input.role)) throw new AppError('ROLE_NOT_ALLOWED');
  if (input.role === 'member') {
    if (!input.memberId) throw new AppError('MEMBER_REQUIRED');
    await loadMemberInScope(ctx, actor, input.memberId);
  }
  assertStrongPassword(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  await write(ctx, actor, async (tx, w) => {
    if (await usernameTaken(ctx, tx, input.username)) throw new AppError('USERNAME_TAKEN');
    await tx.insert(users).values({
      id,
      username: input.username,
      passwordHash,
      orgId: org.id,
      role: input.role,
      memberId: input.role === 'member' ? input.memberId : null,
      displayName: input.displayName ?? null,
      email: input.email ?? null,
    });
    w.audit({
      action: 'user.create',
      entity: 'user',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      after: {
        username: input.username,
        role: input.role,
        orgId: org.id,
        memberId: input.memberId ?? null,
        email: input.email ?? null,
      },
    });
  });
  return getUser(ctx, actor, id);
}

export async function getUser(ctx: AppContext, actor: Actor, id: string): Promise<UserView> {
  authorize(actor, 'user.manage');
  if (!isUuid(id)) throw new AppError('USER_NOT_FOUND');
  const row = await findUser(ctx, id, subtree(actor, sql`o.path`));
  if (!row) throw new AppError('USER_NOT_FOUND');
  return presentUser(row);
}

export async function listUsers(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; page: number; pageSize: number },
) {
  authorize(actor, 'user.manage');
  const org = q.orgId ? await loadOrgInScope(ctx.database, actor, q.orgId) : null;
  const { items, total } = await pageUsers(ctx, underOrg(actor, org, sql`o.path`), q);
  return { items: items.map(presentUser), total };
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: {
    role?: Role;
    disabled?: boolean;
    password?: string;
    displayName?: string | null;
    email?: string | null;
  },
) {
  const before = await getUser(ctx, actor, id);
  // Nobody changes an account with more rights than their own (its password, state or role): else a
  // manager could reset an administrator's password in its subtree and log in as the administrator.
  if (!canGrant(actor, before.role)) {
    throw new AppError('ROLE_NOT_ALLOWED', '不能修改角色高于自己的账号');
  }
  if (patch.role && !canGrant(actor, patch.role)) throw new AppError('ROLE_NOT_ALLOWED');
  if (patch.role === 'member' && !before.memberId) throw new AppError('MEMBER_REQUIRED');
  if (patch.password) assertStrongPassword(patch.password, before.username);
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  forgetSessions();
  await write(ctx, actor, async (tx, w) => {
    await tx
      .update(users)
      .set({
        ...(patch.role ? { role: patch.role } : {}),
        ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
        ...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(passwordHash
          ? { passwordHash, passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null }
          : {}),
      })
      .where(eq(users.id, id));
    // A disabled account or a reset password must not keep old sessions alive.
    if (patch.disabled || passwordHash) {
      await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.userId, id));
    }
    w.audit({
      action: 'user.update',
      entity: 'user',
      entityId: id,
      orgId: before.orgId,
      before: {
        role: before.role,
        disabled: before.disabled,
        displayName: before.displayName,
        email: before.email,
      },
      after: {
        role: patch.role ?? before.role,
        disabled: patch.disabled ?? before.disabled,
        displayName: patch.displayName === undefined ? before.displayName : patch.displayName,
        email: patch.email === undefined ? before.email : patch.email,
        passwordReset: Boolean(passwordHash),
      },
    });
  });
  return getUser(ctx, actor, id);
}
