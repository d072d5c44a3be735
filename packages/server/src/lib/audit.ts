import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { arrayParam, execRows } from '../db/bulk.js';
import type { Database, Executor } from '../db/engine.js';
import type { Actor } from './authz.js';
import { auditChainKey } from './crypto.js';

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | null;
  orgId?: string | null;
  orgPath?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  orgId: string | null;
  orgPath: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

export interface AuditHead {
  events: number;
  lastId: number;
  lastHash: string;
  mac: string | null;
}

const GENESIS = '0'.repeat(64);
/** hash_version of the events written before migration 0011: plain SHA-256, no key. */
export const LEGACY_VERSION = 1;
export const KEYED_VERSION = 2;

/** Key order must not change the hash, so objects are written with sorted keys. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The link of a pre-0011 event, exactly as it was written then, so old logs stay checkable. It has
 * no key and leaves out id and org_path: anyone can recompute it, which is why a legacy prefix is
 * only as good as the keyed event that follows it (see verifyAuditChain).
 */
export function legacyHash(e: AuditRecord): string {
  const body = canonicalJson({
    at: new Date(e.at).toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    orgId: e.orgId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
  });
  return createHash('sha256').update(e.prevHash).update(body).digest('hex');
}

/** HMAC-SHA256 over every column of the row, including its id, org_path and link to the previous one. */
export function keyedHash(key: Buffer, e: AuditRecord): string {
  const body = canonicalJson({
    v: KEYED_VERSION,
    id: Number(e.id),
    at: new Date(e.at).toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    orgId: e.orgId,
    orgPath: e.orgPath,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    prevHash: e.prevHash,
  });
  return createHmac('sha256', key).update(body).digest('hex');
}

export function headMac(key: Buffer, head: Omit<AuditHead, 'mac'>): string {
  const body = canonicalJson({
    head: true,
    events: Number(head.events),
    lastId: Number(head.lastId),
    lastHash: head.lastHash,
  });
  return createHmac('sha256', key).update(body).digest('hex');
}

export function sameMac(a: string | null, b: string): boolean {
  return a !== null && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * The chain key belongs to the database it was configured for, and a transaction has to find it:
 * drizzle hands a transaction the relational schema object of the database it came from, so that
 * object names the database for both engines (and for tests that open several at once).
 */
const chainKeys = new WeakMap<object, Buffer>();
const databaseOf = (executor: Executor) => executor._.schema as object;

export function chainKeyOf(executor: Executor): Buffer {
  const key = chainKeys.get(databaseOf(executor));
  if (!key) throw new Error('audit chain key not configured for this database (boot.ts createContext)');
  return key;
}

/** At start: the key for this database, and the signature of a head the migration left unsigned. */
export async function useAuditChain(database: Database, masterKey: Buffer) {
  const key = auditChainKey(masterKey);
  chainKeys.set(databaseOf(database.db), key);
  await sealAuditHead(database, key);
}

/**
 * Migration 0011 records the end of the legacy (SHA-256) chain without a key; the first start
 * afterwards signs it, which seals every legacy event: their hashes chain into last_hash. A head
 * still unsigned once keyed events exist was not left so by the migration, so it stays unsigned and
 * verification reports it.
 */
async function sealAuditHead(database: Database, key: Buffer) {
  await database.db.transaction(async (tx) => {
    const [head] = await readHead(tx, true);
    if (!head || head.mac !== null) return;
    const keyed = await execRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from audit_events where hash_version <> ${LEGACY_VERSION}`,
    );
    if ((keyed[0]?.n ?? 0) > 0) return;
    await tx.execute(sql`update audit_head set mac = ${headMac(key, head)} where id = 1`);
  });
}

export async function readHead(executor: Executor, forUpdate = false): Promise<AuditHead[]> {
  const rows = await execRows<{ events: string; lastId: string; lastHash: string; mac: string | null }>(
    executor,
    sql`select events::text as events, last_id::text as "lastId", last_hash as "lastHash", mac
      from audit_head where id = 1 ${forUpdate ? sql`for update` : sql``}`,
  );
  return rows.map((r) => ({ ...r, events: Number(r.events), lastId: Number(r.lastId) }));
}

/** Only what changed, so the log says what an edit did without repeating the whole record. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (canonicalJson(before[key]) !== canonicalJson(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

/**
 * Appends events inside the caller's transaction, so the change and its trace commit or vanish
 * together (ARCHITECTURE.md §4). The head row is the queue (one appender at a time, row lock) and
 * the source of the link: events cut off the end stay missing from the chain that goes on.
 */
export async function recordAudit(tx: Executor, actor: Actor | null, inputs: AuditInput | AuditInput[]) {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length === 0) return;
  const key = chainKeyOf(tx);
  const [head] = await readHead(tx, true);
  if (!head) throw new Error('audit_head row missing (migration 0011)');
  // Appenders queue on the head row's lock, so one call can take the whole block of ids: the sequence
  // moves by n at once instead of n nextval calls (20k events of an import: 5 s on PGlite otherwise).
  const [block] = await execRows<{ last: string }>(
    tx,
    sql`select setval(pg_get_serial_sequence('audit_events', 'id'),
      nextval(pg_get_serial_sequence('audit_events', 'id')) + ${list.length - 1})::text as last`,
  );
  const first = Number(block!.last) - list.length + 1;
  const sorted = list.map((_, i) => first + i);
  let prevHash = head.lastHash;
  const at = new Date().toISOString();
  const rows = list.map((input, i) => {
    const record: AuditRecord = {
      id: sorted[i]!,
      at,
      actorId: actor?.userId ?? null,
      actorName: actor?.username ?? null,
      orgId: input.orgId ?? null,
      orgPath: input.orgPath ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId ?? null,
      before: input.before ?? null,
      after: input.after ?? null,
      prevHash,
    };
    const hash = keyedHash(key, record);
    prevHash = hash;
    return { ...record, hash };
  });
  for (let i = 0; i < rows.length; i += 5000) await tx.execute(insertEvents(rows.slice(i, i + 5000)));
  const next = { events: head.events + rows.length, lastId: rows.at(-1)!.id, lastHash: prevHash };
  // A head whose signature does not hold is not re-signed: that would launder the tampering.
  const trusted = sameMac(head.mac, headMac(key, head));
  await tx.execute(sql`update audit_head set events = ${next.events}, last_id = ${next.lastId},
    last_hash = ${next.lastHash}, mac = ${trusted ? headMac(key, next) : head.mac} where id = 1`);
}

function insertEvents(rows: (AuditRecord & { hash: string })[]) {
  const col = <K extends keyof (AuditRecord & { hash: string })>(k: K, type: string) =>
    arrayParam(
      rows.map((r) => {
        const v = r[k];
        if (v === null || v === undefined) return null;
        return k === 'before' || k === 'after' ? JSON.stringify(v) : v;
      }),
      type,
    );
  return sql`insert into audit_events (id, at, actor_id, actor_name, org_id, org_path, action, entity,
      entity_id, before, after, prev_hash, hash, hash_version)
    select id, at, actor_id, actor_name, org_id, org_path, action, entity, entity_id, before::jsonb,
      after::jsonb, prev_hash, hash, ${KEYED_VERSION}
    from unnest(${col('id', 'bigint')}, ${col('at', 'timestamptz')}, ${col('actorId', 'uuid')},
      ${col('actorName', 'text')}, ${col('orgId', 'uuid')}, ${col('orgPath', 'ltree')}, ${col('action', 'text')},
      ${col('entity', 'text')}, ${col('entityId', 'text')}, ${col('before', 'text')}, ${col('after', 'text')},
      ${col('prevHash', 'text')}, ${col('hash', 'text')})
      as t(id, at, actor_id, actor_name, org_id, org_path, action, entity, entity_id, before, after,
        prev_hash, hash)`;
}

export { GENESIS };
