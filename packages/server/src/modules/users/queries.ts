import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/engine.js';
import type { Role } from '../../lib/authz.js';

export interface UserRow {
  id: string;
  username: string;
  displayName: string | null;
  email: string | null;
  role: Role;
  orgId: string | null;
  orgName: string | null;
  memberId: string | null;
  disabled: boolean;
  locked: boolean;
  createdAt: string | Date;
}

const userColumns = sql`u.id, u.username, u.display_name as "displayName", u.email, u.role, u.org_id as "orgId",
  o.name as "orgName", u.member_id as "memberId", u.disabled,
  coalesce(u.locked_until > now(), false) as locked, u.created_at as "createdAt"`;

/** `scope` is a condition on `o.path`, the path of the account's organization (lib/authz.ts). */
export async function findUser(ctx: AppContext, id: string, scope: SQL): Promise<UserRow | undefined> {
  const [row] = await ctx.database.rows<UserRow>(sql`
    select ${userColumns} from users u left join orgs o on o.id = u.org_id where u.id = ${id} and ${scope}`);
  return row;
}

export async function pageUsers(ctx: AppContext, scope: SQL, page: { page: number; pageSize: number }) {
  const [items, [count]] = await Promise.all([
    ctx.database.rows<UserRow>(sql`
      select ${userColumns} from users u left join orgs o on o.id = u.org_id where ${scope}
      order by u.created_at, u.id limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`),
    ctx.database.rows<{ n: number }>(sql`
      select count(*)::int as n from users u left join orgs o on o.id = u.org_id where ${scope}`),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function usernameTaken(ctx: AppContext, tx: Executor, username: string): Promise<boolean> {
  const rows = await ctx.database.rows(sql`select 1 from users where username = ${username}`, tx);
  return rows.length > 0;
}
