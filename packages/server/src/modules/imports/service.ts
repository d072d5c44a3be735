import { randomUUID } from 'node:crypto';
import { cellText, checkIdNumber, mapHeaders, memberFormColumns, parseMemberRow } from '@dangjian/core';
import { eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { arrayParam, execRows, unnestInsert } from '../../db/bulk.js';
import type { Tx } from '../../db/engine.js';
import { importJobs, members } from '../../db/schema.js';
import { recordAudit } from '../../lib/audit.js';
import { type Actor, authorize, loadOrgInScope, memberSubtree, type ScopedOrg } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { yieldToEventLoop } from '../../lib/event-loop.js';
import { checkMemberFields, type MemberFields, toMemberColumns } from '../members/index.js';
import { applyRegisterMarks, refreshAfterRegister } from '../mobility/index.js';
import { loadBranchIndex } from './branches.js';
import { openFirstWorksheet } from './xlsx-reader.js';
import { checkXlsxContainer } from './zip-guard.js';

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

export interface ImportProgress {
  id: string;
  status: 'running' | 'succeeded' | 'rejected' | 'failed';
  phase: 'reading' | 'checking' | 'writing' | 'done';
  total: number;
  processed: number;
  created: number;
  updated: number;
  errors: ImportError[];
  errorCount: number;
  message: string | null;
  fileName: string | null;
  orgId: string;
  orgPath: string;
}

/** Progress of imports running in this process; the database row holds the outcome. */
const live = new Map<string, ImportProgress>();
const MAX_REPORTED_ERRORS = 1000;

const BATCH = 1000;

const headerOf = new Map(memberFormColumns.map((c) => [c.key, c.header]));
const fieldHeader: Partial<Record<keyof MemberFields, string>> = {
  name: '姓名',
  gender: '性别',
  idNumber: '公民身份号码',
  birthDate: '出生日期',
  joinedOn: '加入党组织日期',
  fullOn: '转为正式党员日期',
  phone: '联系电话',
  destinationRegion: '外出流向',
  lostContactSince: '失去联系日期',
};

interface Parsed {
  row: number;
  fields: MemberFields;
  orgId: string;
  hash: string;
}

/** A row whose ID number is valid, whatever else is wrong with it: checked against who exists. */
interface Identified {
  row: number;
  hash: string;
}

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
 * Role, scope and a living organization, checked before the upload is read (issue 8 defect 6):
 * a refused file is never received.
 */
export async function authorizeImport(ctx: AppContext, actor: Actor, orgId: string) {
  authorize(actor, 'member.import');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  if (org.dissolvedAt) throw new AppError('ORG_DISSOLVED');
  return org;
}

export async function createImportJob(
  ctx: AppContext,
  actor: Actor,
  org: ScopedOrg,
  fileName: string | null,
): Promise<ImportProgress> {
  const id = randomUUID();
  await ctx.database.db
    .insert(importJobs)
    .values({ id, orgId: org.id, userId: actor.userId, fileName, status: 'running', phase: 'reading' });
  const progress: ImportProgress = {
    id,
    status: 'running',
    phase: 'reading',
    total: 0,
    processed: 0,
    created: 0,
    updated: 0,
    errors: [],
    errorCount: 0,
    message: null,
    fileName,
    orgId: org.id,
    orgPath: org.path,
  };
  live.set(id, progress);
  return progress;
}

/**
 * The 采集表 import of API.md: read and check every row first; if any cell is wrong, report each
 * (row, column, message) and write nothing; else create or update by ID number in one transaction,
 * so a crash mid-way leaves none of the file's rows. The upload is held in memory only (issue 8
 * defect 6: it carries ID and phone numbers in plain text) and wiped when the import ends.
 */
export async function runImport(
  ctx: AppContext,
  actor: Actor,
  org: ScopedOrg,
  progress: ImportProgress,
  upload: Buffer,
) {
  try {
    checkXlsxContainer(upload);
    const parsed = await readAndCheck(ctx, org, progress, upload);
    await checkAndWrite(ctx, actor, org, progress, parsed);
    if (progress.errorCount > 0) {
      progress.status = 'rejected';
      progress.message = `共 ${progress.errorCount} 处错误，文件未导入`;
    } else {
      progress.status = 'succeeded';
      progress.message = `新增 ${progress.created} 人，更新 ${progress.updated} 人`;
    }
  } catch (err) {
    progress.status = 'failed';
    progress.message = err instanceof AppError ? err.message : '导入失败：文件无法读取';
    if (!(err instanceof AppError)) {
      progress.message =
        err instanceof Error && /zip|xml|end of/i.test(err.message)
          ? '上传的文件不是有效的 Excel (.xlsx) 文件'
          : progress.message;
    }
    await finish(ctx, progress);
    throw err instanceof AppError ? err : new AppError('IMPORT_NOT_XLSX');
  } finally {
    upload.fill(0);
  }
  progress.phase = 'done';
  await finish(ctx, progress);
  return progress;
}

async function finish(ctx: AppContext, p: ImportProgress) {
  await ctx.database.db
    .update(importJobs)
    .set({
      status: p.status,
      phase: p.phase,
      total: p.total,
      processed: p.processed,
      created: p.created,
      updated: p.updated,
      errors: p.errors,
      message: p.message,
      finishedAt: new Date(),
    })
    .where(eq(importJobs.id, p.id));
  setTimeout(() => live.delete(p.id), 10 * 60_000).unref();
}

interface Checked {
  rows: Parsed[];
  identified: Identified[];
  present: Set<string>;
  addError: (e: ImportError) => void;
}

/**
 * Every check that needs only the file and the organization tree, all of them on every row: a row
 * whose ID number is wrong still has its branch, its other cells and its duplicates checked, so a
 * file's errors come in one report, not in rounds (issue 17).
 */
async function readAndCheck(
  ctx: AppContext,
  org: ScopedOrg,
  progress: ImportProgress,
  upload: Buffer,
): Promise<Checked> {
  const asOf = today();
  const branches = await loadBranchIndex(ctx, org);
  const addError = (e: ImportError) => {
    progress.errorCount += 1;
    if (progress.errors.length < MAX_REPORTED_ERRORS) progress.errors.push(e);
  };
  const rows: Parsed[] = [];
  const identified: Identified[] = [];
  const seen = new Map<string, number>();
  let columns: Map<number, string> | null = null;
  const sheet = await openFirstWorksheet(upload, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  for await (const row of sheet) {
    const values = (row.values as unknown[]) ?? [];
    if (!values.some((v) => v !== null && v !== undefined && String(v).trim() !== '')) continue;
    if (!columns) {
      const mapped = mapHeaders(values);
      if (mapped.missing.length > 0) {
        throw new AppError('IMPORT_BAD_HEADER', `表头缺少必填列：${mapped.missing.join('、')}`, {
          missing: mapped.missing,
        });
      }
      columns = mapped.columns as Map<number, string>;
      continue;
    }
    progress.total += 1;
    const cells: Record<string, unknown> = {};
    for (const [index, key] of columns) cells[key] = values[index];
    const result = parseMemberRow(cells as never, { regions: ctx.regions, today: asOf });
    for (const e of result.errors) addError({ row: row.number, ...e });
    const reported = new Set(result.errors.map((e) => e.column));
    const v = result.value;
    const fields: MemberFields | null = v ? { ...v, lostContactSince: v.lostContactSince } : null;
    if (fields) {
      for (const e of checkMemberFields(ctx, fields, asOf)) {
        const column = fieldHeader[e.field] ?? String(e.field);
        if (!reported.has(column)) addError({ row: row.number, column, message: e.message });
      }
    }
    const branch = branches.resolve(cellText(cells.branch) || null);
    if ('error' in branch) addError({ row: row.number, column: '所在党支部', message: branch.error });
    const id = checkIdNumber(cellText(cells.idNumber), asOf);
    if (id.ok) {
      const hash = ctx.vault.blindIndex(id.normalized);
      const earlier = seen.get(hash);
      if (earlier !== undefined) {
        addError({
          row: row.number,
          column: '公民身份号码',
          message: `与第 ${earlier} 行的公民身份号码重复`,
        });
      } else {
        seen.set(hash, row.number);
        identified.push({ row: row.number, hash });
      }
      if (fields && 'id' in branch) rows.push({ row: row.number, fields, orgId: branch.id, hash });
    }
    progress.processed += 1;
    if (progress.processed % 500 === 0) await yieldToEventLoop();
  }
  if (!columns) throw new AppError('IMPORT_BAD_HEADER', '文件中没有表头行');
  const present = new Set([...columns.values()]);
  return { rows, identified, present, addError };
}

/**
 * The checks against who is registered, and the write, in one transaction under the import lock,
 * with the existing rows locked (issue 8 defect 5): a check made before the transaction could be
 * stale by the time of the write, and `on conflict do update` would then move another
 * organization's member into this one. Someone registered outside the organization's subtree is an
 * error of that row, never an update: moving a member between organizations is a transfer.
 */
async function checkAndWrite(
  ctx: AppContext,
  actor: Actor,
  org: ScopedOrg,
  progress: ImportProgress,
  checked: Checked,
) {
  progress.phase = 'checking';
  progress.processed = 0;
  try {
    await ctx.database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
      const existing = await lockExisting(tx, org, checked.identified);
      for (const r of checked.identified) {
        if (existing.get(r.hash) === false) {
          checked.addError({ row: r.row, column: '公民身份号码', message: OUT_OF_SCOPE });
        }
      }
      if (progress.errorCount > 0) return;
      await write(ctx, tx, actor, org, progress, checked, existing);
    });
  } catch (err) {
    if (!(err instanceof Rejected)) throw err;
    progress.created = 0;
    progress.updated = 0;
  }
}

/** Existing members by ID hash, locked for the transaction: true when inside `org`'s subtree. */
async function lockExisting(tx: Tx, org: ScopedOrg, identified: Identified[]) {
  const existing = new Map<string, boolean>();
  for (let i = 0; i < identified.length; i += BATCH) {
    const hashes = identified.slice(i, i + BATCH).map((r) => r.hash);
    const found = await execRows<{ hash: string; inside: boolean }>(
      tx,
      sql`select m.id_number_hash as hash, (o.path <@ ${org.path}::ltree) as inside
        from members m join orgs o on o.id = m.org_id
        where m.id_number_hash = any(${arrayParam(hashes, 'text')})
        for update of m`,
    );
    for (const f of found) existing.set(f.hash, f.inside);
    await yieldToEventLoop();
  }
  return existing;
}

async function write(
  ctx: AppContext,
  tx: Tx,
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
          where "members"."org_id" in (select id from orgs where path <@ ${org.path}::ltree)
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
    await recordAudit(
      tx,
      actor,
      written.map((w) => ({
        action: w.existed ? 'member.import_update' : 'member.import_create',
        entity: 'member',
        entityId: w.id,
        orgId: w.orgId,
        after: {
          importId: progress.id,
          name: w.values.name,
          orgId: w.orgId,
          kind: w.values.kind,
          idNumber: w.values.idNumberMasked,
          standing: w.values.standing,
          mobile: w.values.mobile,
          destinationRegion: w.values.destinationRegion,
        },
      })),
    );
    // 是否为流动党员 / 外出流向 open or close the episode members.mobile is derived from; a column the
    // file lacks says nothing about an existing member.
    const says = (key: string, existed: boolean) => !existed || checked.present.has(key);
    mobilityChanged.push(
      ...(await applyRegisterMarks(
        ctx,
        tx,
        actor,
        written.map((w) => ({
          memberId: w.id,
          orgId: w.orgId,
          mobile: says('mobile', w.existed) ? w.values.mobile : undefined,
          destinationRegion: says('destination', w.existed) ? w.values.destinationRegion : undefined,
        })),
        { refresh: false },
      )),
    );
    progress.created += written.filter((w) => !w.existed).length;
    progress.updated += written.filter((w) => w.existed).length;
    progress.processed += batch.length;
    await yieldToEventLoop();
  }
  await refreshAfterRegister(ctx, tx, mobilityChanged);
  await recordAudit(tx, actor, {
    action: 'member.import',
    entity: 'import',
    entityId: progress.id,
    orgId: org.id,
    orgPath: org.path,
    after: { fileName: progress.fileName, created: progress.created, updated: progress.updated },
  });
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

/** Same rule as the SQL scope filter, for progress held in memory (ARCHITECTURE.md §3). */
function inActorScope(actor: Actor, orgPath: string) {
  if (actor.role === 'member') return false;
  return actor.orgPath === null || orgPath === actor.orgPath || orgPath.startsWith(`${actor.orgPath}.`);
}

export async function getImport(ctx: AppContext, actor: Actor, id: string) {
  const running = live.get(id);
  // Answered from memory: during the write the embedded engine's one connection is busy.
  if (running) {
    if (!inActorScope(actor, running.orgPath)) throw new AppError('IMPORT_NOT_FOUND');
    const { orgPath: _p, ...view } = running;
    return view;
  }
  const [row] = await ctx.database.rows<{
    id: string;
    orgId: string;
    status: ImportProgress['status'];
    phase: ImportProgress['phase'];
    fileName: string | null;
    total: number;
    processed: number;
    created: number;
    updated: number;
    errors: ImportError[] | null;
    message: string | null;
  }>(sql`select j.id, j.org_id as "orgId", j.status, j.phase, j.file_name as "fileName", j.total, j.processed,
           j.created, j.updated, j.errors, j.message
         from import_jobs j join orgs o on o.id = j.org_id
         where j.id::text = ${id} and ${memberSubtree(actor, sql`j.org_id`)}`);
  if (!row) throw new AppError('IMPORT_NOT_FOUND');
  const errors = row.errors ?? [];
  return { ...row, errors, errorCount: errors.length };
}

export async function listImports(ctx: AppContext, actor: Actor) {
  authorize(actor, 'member.import');
  const rows = await ctx.database.rows<{ id: string }>(sql`
    select j.id from import_jobs j where ${memberSubtree(actor, sql`j.org_id`)}
    order by j.created_at desc limit 20`);
  return { items: await Promise.all(rows.map((r) => getImport(ctx, actor, r.id))) };
}

/** Jobs a killed process left 'running' wrote nothing (one transaction): say so on the next start. */
export async function failInterruptedImports(ctx: AppContext) {
  await ctx.database.db
    .update(importJobs)
    .set({ status: 'failed', message: '服务中断，本次导入未完成，未写入任何数据', finishedAt: new Date() })
    .where(eq(importJobs.status, 'running'));
}

export { headerOf };
