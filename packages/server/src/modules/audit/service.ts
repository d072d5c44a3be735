import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/engine.js';
import { type AuditRecord, GENESIS, hashEvent } from '../../lib/audit.js';
import { type Actor, authorize, inScope, resolveScopeOrg } from '../../lib/authz.js';
import { redactAuditPayload } from '../members/presenter.js';

export interface AuditFilter {
  orgId?: string;
  actor?: string;
  action?: string;
  entity?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export async function listAudit(ctx: AppContext, actor: Actor, f: AuditFilter) {
  authorize(actor, 'audit.read');
  const org = f.orgId ? await resolveScopeOrg(ctx.database, actor, f.orgId) : null;
  const parts = [org ? sql`org_path <@ ${org.path}::ltree` : inScope(actor, sql`org_path`)];
  if (f.actor) parts.push(sql`actor_name = ${f.actor}`);
  if (f.action) parts.push(sql`action like ${`${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.entity) parts.push(sql`entity = ${f.entity}`);
  if (f.entityId) parts.push(sql`entity_id = ${f.entityId}`);
  if (f.from) parts.push(sql`at >= ${f.from}::date`);
  if (f.to) parts.push(sql`at < ${f.to}::date + 1`);
  const where = sql.join(parts, sql` and `);
  const [items, [count]] = await Promise.all([
    ctx.database.rows<Record<string, unknown>>(sql`
      select id, at, actor_name as "actorName", org_id as "orgId", action, entity, entity_id as "entityId",
        before, after, hash
      from audit_events where ${where} order by id desc limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from audit_events where ${where}`),
  ]);
  return {
    items: items.map((r) => ({
      ...r,
      id: Number(r.id),
      at: new Date(r.at as string).toISOString(),
      before: redactAuditPayload(r.before),
      after: redactAuditPayload(r.after),
    })),
    total: count?.n ?? 0,
  };
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
  reason: string | null;
}

/** Recomputes the hash chain from the first event; names the first event whose link does not hold. */
export async function verifyAuditChain(database: Database, batch = 5000): Promise<ChainReport> {
  let prev = GENESIS;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await database.rows<AuditRecord & { hash: string }>(sql`
      select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_id as "actorId",
        actor_name as "actorName", org_id as "orgId", action, entity, entity_id as "entityId", before, after,
        prev_hash as "prevHash", hash
      from audit_events where id > ${lastId} order by id limit ${batch}`);
    if (rows.length === 0) return { ok: true, checked, brokenAt: null, reason: null };
    for (const row of rows) {
      const id = Number(row.id);
      if (row.prevHash !== prev)
        return { ok: false, checked, brokenAt: id, reason: 'prev_hash 与上一条事件的哈希不符' };
      if (hashEvent(row) !== row.hash)
        return { ok: false, checked, brokenAt: id, reason: '事件内容与其哈希不符（被修改）' };
      prev = row.hash;
      lastId = id;
      checked += 1;
    }
  }
}
