import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { Database } from '../../db/engine.js';
import {
  type AuditRecord,
  chainKeyOf,
  GENESIS,
  headMac,
  KEYED_VERSION,
  keyedHash,
  LEGACY_VERSION,
  legacyHash,
  readHead,
  sameMac,
} from '../../lib/audit.js';
import { type Actor, authorize, resolveScopeOrg, underOrg } from '../../lib/authz.js';
import { resolveRefs } from '../../lib/refs.js';
import { presentAuditEvent } from './presenter.js';
import { pageAuditEvents } from './queries.js';

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
  const parts = [underOrg(actor, org, sql`org_path`)];
  if (f.actor) parts.push(sql`actor_name = ${f.actor}`);
  if (f.action) parts.push(sql`action like ${`${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.entity) parts.push(sql`entity = ${f.entity}`);
  if (f.entityId) parts.push(sql`entity_id = ${f.entityId}`);
  if (f.from) parts.push(sql`at >= ${f.from}::date`);
  if (f.to) parts.push(sql`at < ${f.to}::date + 1`);
  const { items, total } = await pageAuditEvents(ctx, sql.join(parts, sql` and `), f);
  const presented = items.map(presentAuditEvent);
  return {
    items: presented,
    total,
    refs: await resolveRefs(ctx.database, actor, [
      ...items.flatMap((r) => [r.entityId, r.orgId]),
      ...presented.flatMap((r) => [r.before, r.after]),
    ]),
  };
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  brokenAt: number | null;
  reason: string | null;
}

/**
 * Recomputes the chain from the first event and holds its end against the signed head row; names
 * the first event whose link does not hold.
 *
 * Legacy (hash_version 1) events carry unkeyed SHA-256 links that anyone can recompute, so on their
 * own they prove nothing against a forger. They are allowed only as the prefix the log had at
 * migration 0011, and that prefix is sealed by what follows it: the first keyed event's HMAC covers
 * its prev_hash, the hash of the last legacy event, which through the SHA-256 links depends on every
 * legacy event. Rewriting or deleting any legacy event and recomputing the legacy links changes that
 * hash (a SHA-256 collision aside), so the first keyed event's link breaks and cannot be re-signed
 * without the key. With no keyed event yet, the signed head's last_hash plays the same role. A
 * legacy event after a keyed one is refused: otherwise an unkeyed event could be slipped in.
 *
 * What no check inside one database can see is the whole audit state put back as it was at an
 * earlier moment (old head row and all): compare the head reported here with one kept elsewhere.
 */
export async function verifyAuditChain(database: Database, batch = 5000): Promise<ChainReport> {
  const key = chainKeyOf(database.db);
  const broken = (checked: number, brokenAt: number | null, reason: string): ChainReport => ({
    ok: false,
    checked,
    brokenAt,
    reason,
  });
  const [head] = await readHead(database.db);
  if (!head) return broken(0, null, '审计链头缺失（audit_head 被删除）');
  if (head.mac === null) return broken(0, null, '审计链头未签名（可能被改写）');
  if (!sameMac(head.mac, headMac(key, head))) return broken(0, null, '审计链头与其签名不符（被改写）');
  let prev = GENESIS;
  let lastId = 0;
  let checked = 0;
  let keyedSeen = false;
  for (;;) {
    const rows = await database.rows<AuditRecord & { hash: string; hashVersion: number }>(sql`
      select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_id as "actorId",
        actor_name as "actorName", org_id as "orgId", org_path::text as "orgPath", action, entity,
        entity_id as "entityId", before, after, prev_hash as "prevHash", hash, hash_version as "hashVersion"
      from audit_events where id > ${lastId} and id <= ${head.lastId} order by id limit ${batch}`);
    if (rows.length === 0) break;
    for (const row of rows) {
      const id = Number(row.id);
      if (row.prevHash !== prev) return broken(checked, id, 'prev_hash 与上一条事件的哈希不符');
      const version = Number(row.hashVersion);
      if (version === LEGACY_VERSION && keyedSeen)
        return broken(checked, id, '加密钥的事件之后出现了旧格式（无密钥）的事件');
      if (version !== LEGACY_VERSION && version !== KEYED_VERSION)
        return broken(checked, id, `未知的哈希版本 ${version}`);
      const expected = version === LEGACY_VERSION ? legacyHash(row) : keyedHash(key, row);
      if (!sameMac(row.hash, expected)) return broken(checked, id, '事件内容与其哈希不符（被修改）');
      keyedSeen ||= version === KEYED_VERSION;
      prev = row.hash;
      lastId = id;
      checked += 1;
    }
  }
  if (checked !== head.events || lastId !== head.lastId || prev !== head.lastHash) {
    return broken(
      checked,
      head.lastId,
      `链头记录共 ${head.events} 条、最后一条为 #${head.lastId}，实际只有 ${checked} 条、到 #${lastId}（末尾的事件被删除）`,
    );
  }
  // Events past the head are either being appended right now (the head has moved on) or slipped in.
  const [extra] = await database.rows<{ id: string }>(
    sql`select id from audit_events where id > ${head.lastId} order by id limit 1`,
  );
  if (extra) {
    const [now] = await readHead(database.db);
    if (now?.lastId === head.lastId)
      return broken(checked, Number(extra.id), '链头之后有未登记的事件（被插入）');
  }
  return { ok: true, checked, brokenAt: null, reason: null };
}
