import { type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';

export interface AuditRow {
  id: string | number;
  at: string | Date;
  actorName: string | null;
  orgId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

/** A page of events matching `where` (a condition on audit_events), the newest first. */
export async function pageAuditEvents(ctx: AppContext, where: SQL, page: { page: number; pageSize: number }) {
  const [items, [count]] = await Promise.all([
    ctx.database.rows<AuditRow>(sql`
      select id, at, actor_name as "actorName", org_id as "orgId", action, entity, entity_id as "entityId",
        before, after, hash
      from audit_events where ${where}
      order by id desc limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_events where ${where}`),
  ]);
  return { items, total: count?.n ?? 0 };
}
