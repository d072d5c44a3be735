import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { unnestInsert } from '../db/bulk.js';
import type { Executor } from '../db/engine.js';
import { auditEvents } from '../db/schema.js';
import type { Actor } from './authz.js';

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
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

const GENESIS = '0'.repeat(64);
/** One chain for the whole database: writers queue on this lock for the moment of appending. */
const AUDIT_LOCK = 727_001;

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

export function hashEvent(e: AuditRecord): string {
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
 * together (ARCHITECTURE.md §4).
 */
export async function recordAudit(tx: Executor, actor: Actor | null, inputs: AuditInput | AuditInput[]) {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const last = (await tx.execute(
    sql`select id, hash from audit_events order by id desc limit 1`,
  )) as unknown as { rows: { id: number | string; hash: string }[] };
  let prevHash = last.rows[0]?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const rows = list.map((input) => {
    const record: AuditRecord = {
      id: 0,
      at,
      actorId: actor?.userId ?? null,
      actorName: actor?.username ?? null,
      orgId: input.orgId ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId ?? null,
      before: input.before ?? null,
      after: input.after ?? null,
      prevHash,
    };
    const hash = hashEvent(record);
    prevHash = hash;
    return { ...record, orgPath: input.orgPath ?? null, hash };
  });
  for (let i = 0; i < rows.length; i += 5000) {
    await tx.execute(
      unnestInsert(
        auditEvents,
        rows.slice(i, i + 5000).map(({ id: _id, ...r }) => r),
      ),
    );
  }
}

export { GENESIS };
