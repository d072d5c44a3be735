import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { orgs, users } from '../../db/schema.js';
import { type Actor, actions, can } from '../../lib/authz.js';

export async function presentMe(ctx: AppContext, actor: Actor) {
  const [row] = await ctx.database.db
    .select({ displayName: users.displayName, orgName: orgs.name })
    .from(users)
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, actor.userId));
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
