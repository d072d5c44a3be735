import { randomUUID } from 'node:crypto';
import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { execRows, unnestInsert } from '../../../db/bulk.js';
import type { Executor } from '../../../db/engine.js';
import { members } from '../../../db/schema.js';
import type { AuditInput } from '../../../lib/audit.js';
import { type Actor, type ScopedOrg, underOrgId } from '../../../lib/authz.js';
import { yieldToEventLoop } from '../../../lib/event-loop.js';
import { type WriteScope, write } from '../../../lib/write.js';
import { type MemberFields, toMemberColumns } from '../../members/index.js';
import { applyRegisterMarks, refreshAfterRegister } from '../../mobility/index.js';
import type { ImportError, ImportProgress } from '../presenter.js';
import { lockMembersByHash } from '../queries.js';

export interface Parsed {
  row: number;
  fields: MemberFields;
  orgId: string;
  hash: string;
}

/** A row whose ID number is valid, whatever else is wrong with it: checked against who exists. */
export interface Identified {
  row: number;
  hash: string;
}

export interface Checked {
  rows: Parsed[];
  identified: Identified[];
  present: Set<string>;
  addError: (e: ImportError) => void;
}

const BATCH = 1000;

const OUT_OF_SCOPE = '该公民身份号码的党员属于其他组织，不在本组织范围内';

/**
 * Serializes the check-and-write of imports (issue 8 defect 5): two imports of the same people
 * must not both see them absent. One lock, not one per ID number: a 100k-row file would exceed the
 * server's lock table.
 */
const IMPORT_LOCK = 727_002;

/** Raised inside the write transaction to roll it back when the locked re-check finds errors. */
class Rejected extends Error {}

/** Which database columns an import may set, by the form columns present in the file. */
const columnsByKey: Record<string, string[]> = {
  name: ['name'],
  gender: ['gender'],
  ethnicity: ['ethnicity'],
  birthDate: ['birthDate'],
  education: ['education'],
  occupation: ['occupation', 'duesCategory'],
  branch: ['orgId'],
  joinedOn: ['joinedOn'],
  fullOn: ['fullOn', 'kind'],
  jobPost: ['jobPost'],
  phone: ['phoneEnc', 'phoneMasked'],
  address: ['addressEnc'],
  standing: ['standing', 'stopReason'],
  lostContact: ['lostContact', 'lostContactSince', 'lostContactReason'],
  lostContactSince: ['lostContactSince'],
  mobile: ['mobile', 'destinationRegion'],
  destination: ['destinationRegion'],
};

/**
 * On update, the columns derived from a form column without being on the form: 党费类别 follows 人员类别
 * only when the file changes 人员类别 (a member's own setting wins otherwise); a blank 转为正式党员日期
 * never turns a full member back into a probationary one; the stop and 失联 reasons stay while the
 * standing and the flag do.
 */
const keptOnUpdate: Record<string, SQL> = {
  duesCategory: sql.raw(
    `case when "members"."occupation" is not distinct from excluded."occupation" then "members"."dues_category" else excluded."dues_category" end`,
  ),
  kind: sql.raw(`case when excluded."full_on" is not null then 'full' else "members"."kind" end`),
  stopReason: sql.raw(
    `case when excluded."standing" = 'stopped' then coalesce(excluded."stop_reason", "members"."stop_reason") end`,
  ),
  lostContactReason: sql.raw(
    `case when excluded."lost_contact" then coalesce(excluded."lost_contact_reason", "members"."lost_contact_reason") end`,
  ),
};

/**
 * The checks against who is registered, and the write, in one transaction under the import lock,
 * with the existing rows locked (issue 8 defect 5): a check made before the transaction could be
 * stale by the time of the write, and `on conflict do update` would then move another
 * organization's member into this one. Someone registered outside the organization's subtree is an
 * error of that row, never an update: moving a member between organizations is a transfer.
 */
export async function checkAndWrite(
  ctx: AppContext,
  actor: Actor,
  org: ScopedOrg,
  progress: ImportProgress,
  checked: Checked,
) {
  progress.phase = 'checking';
  progress.processed = 0;
  try {
    await write(ctx, actor, async (tx, w) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
      const existing = await lockExisting(tx, actor, org, checked.identified);
      for (const r of checked.identified) {
        if (existing.get(r.hash) === false) {
          checked.addError({ row: r.row, column: '公民身份号码', message: OUT_OF_SCOPE });
        }
      }
      if (progress.errorCount > 0) return w.nothingChanged();
      await writeRows(ctx, tx, w, actor, org, progress, checked, existing);
    });
  } catch (err) {
    if (!(err instanceof Rejected)) throw err;
    progress.created = 0;
    progress.updated = 0;
  }
}

/** Existing members by ID hash, locked for the transaction: true when inside `org`'s subtree. */
async function lockExisting(tx: Executor, actor: Actor, org: ScopedOrg, identified: Identified[]) {
  const existing = new Map<string, boolean>();
  for (let i = 0; i < identified.length; i += BATCH) {
    const hashes = identified.slice(i, i + BATCH).map((r) => r.hash);
    for (const f of await lockMembersByHash(tx, actor, org, hashes)) existing.set(f.hash, f.inside);
    await yieldToEventLoop();
  }
  return existing;
}

/**
 * The upsert, batch by batch. Its audit events go to `w` and are written as one block when the
 * write ends (one head lock and one id block for the whole file, not one per batch).
 */
async function writeRows(
  ctx: AppContext,
  tx: Executor,
  w: WriteScope,
  actor: Actor,
  org: ScopedOrg,
  progress: ImportProgress,
  checked: Checked,
  existing: Map<string, boolean>,
) {
  progress.phase = 'writing';
  const assignments = updateAssignments(checked.present);
  const mobilityChanged: string[] = [];
  for (let i = 0; i < checked.rows.length; i += BATCH) {
    const batch = checked.rows.slice(i, i + BATCH);
    const values = batch.map((r) => ({
      id: randomUUID(),
      orgId: r.orgId,
      ...toMemberColumns(ctx, r.fields),
    }));
    // The scope condition again, in the statement: a member registered elsewhere after the locked
    // read (by a form, which does not take the import lock) is neither inserted nor updated.
    const saved = await execRows<{ id: string; hash: string; orgId: string }>(
      tx,
      unnestInsert(
        members,
        values,
        sql`on conflict (id_number_hash) do update set ${sql.join(assignments, sql`, `)}
          where ${underOrgId(actor, org, sql`"members"."org_id"`)}
          returning id, id_number_hash as hash, org_id as "orgId"`,
      ),
    );
    if (saved.length < batch.length) {
      const written = new Set(saved.map((s) => s.hash));
      for (const r of batch) {
        if (!written.has(r.hash))
          checked.addError({ row: r.row, column: '公民身份号码', message: OUT_OF_SCOPE });
      }
      throw new Rejected();
    }
    const valuesByHash = new Map(values.map((v) => [v.idNumberHash, v]));
    const written = saved.map((s) => ({
      ...s,
      values: valuesByHash.get(s.hash)!,
      existed: existing.get(s.hash) === true,
    }));
    w.audit(written.map((r) => memberEvent(progress.id, r)));
    // 是否为流动党员 / 外出流向 open or close the episode members.mobile is derived from; a column the
    // file lacks says nothing about an existing member.
    const says = (key: string, existed: boolean) => !existed || checked.present.has(key);
    mobilityChanged.push(
      ...(await applyRegisterMarks(
        tx,
        w,
        written.map((r) => ({
          memberId: r.id,
          orgId: r.orgId,
          mobile: says('mobile', r.existed) ? r.values.mobile : undefined,
          destinationRegion: says('destination', r.existed) ? r.values.destinationRegion : undefined,
        })),
        { refresh: false },
      )),
    );
    progress.created += written.filter((r) => !r.existed).length;
    progress.updated += written.filter((r) => r.existed).length;
    progress.processed += batch.length;
    await w.flushAudit();
    await yieldToEventLoop();
  }
  // The register's rule: a few changed members are refreshed now, a large file at the daily scan.
  await refreshAfterRegister(ctx, tx, mobilityChanged);
  w.audit({
    action: 'member.import',
    entity: 'import',
    entityId: progress.id,
    orgId: org.id,
    orgPath: org.path,
    after: { fileName: progress.fileName, created: progress.created, updated: progress.updated },
  });
}

function memberEvent(
  importId: string,
  r: {
    id: string;
    orgId: string;
    existed: boolean;
    values: ReturnType<typeof toMemberColumns>;
  },
): AuditInput {
  return {
    action: r.existed ? 'member.import_update' : 'member.import_create',
    entity: 'member',
    entityId: r.id,
    orgId: r.orgId,
    after: {
      importId,
      name: r.values.name,
      orgId: r.orgId,
      kind: r.values.kind,
      idNumber: r.values.idNumberMasked,
      standing: r.values.standing,
      mobile: r.values.mobile,
      destinationRegion: r.values.destinationRegion,
    },
  };
}

/** `set` of the upsert: the columns the file has, and what follows from them (see keptOnUpdate). */
function updateAssignments(present: Set<string>): SQL[] {
  const updatable = new Set([...present].flatMap((k) => columnsByKey[k] ?? []));
  const set: Record<string, unknown> = {
    version: sql`${members.version} + 1`,
    updatedAt: sql`now()`,
  };
  for (const key of updatable) {
    const column = members[key as keyof typeof members.$inferInsert] as { name: string } | undefined;
    if (column) set[key] = sql.raw(`excluded."${column.name}"`);
  }
  // Fields the form has no column for keep what the record holds, so an export re-imports unchanged.
  for (const [key, expr] of Object.entries(keptOnUpdate)) if (key in set) set[key] = expr;
  const columns = getTableColumns(members) as Record<string, { name: string }>;
  return Object.entries(set).map(([key, expr]) => sql`${sql.identifier(columns[key]!.name)} = ${expr}`);
}
