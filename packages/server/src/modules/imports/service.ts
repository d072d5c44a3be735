import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { mapHeaders, memberFormColumns, parseMemberRow } from '@dangjian/core';
import { eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { execRows, unnestInsert } from '../../db/bulk.js';
import { importJobs, members } from '../../db/schema.js';
import { recordAudit } from '../../lib/audit.js';
import { type Actor, authorize, loadOrgInScope, memberInScope, type ScopedOrg } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { yieldToEventLoop } from '../../lib/event-loop.js';
import { checkMemberFields, type MemberFields, toMemberColumns } from '../members/record.js';
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

export async function createImportJob(ctx: AppContext, actor: Actor, orgId: string, fileName: string | null) {
  authorize(actor, 'member.import');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  if (org.dissolvedAt) throw new AppError('ORG_DISSOLVED');
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
  return { org, progress };
}

/**
 * The 采集表 import of API.md: read and check every row first; if any cell is wrong, report each
 * (row, column, message) and write nothing; else create or update by ID number in one transaction,
 * so a crash mid-way leaves none of the file's rows.
 */
export async function runImport(
  ctx: AppContext,
  actor: Actor,
  org: ScopedOrg,
  progress: ImportProgress,
  file: string,
) {
  try {
    await checkXlsxContainer(file);
    const parsed = await readAndCheck(ctx, actor, org, progress, file);
    if (progress.errorCount > 0) {
      progress.status = 'rejected';
      progress.message = `共 ${progress.errorCount} 处错误，文件未导入`;
    } else {
      await write(ctx, actor, org, progress, parsed);
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
    await fs.rm(file, { force: true });
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

async function readAndCheck(
  ctx: AppContext,
  actor: Actor,
  org: ScopedOrg,
  progress: ImportProgress,
  file: string,
): Promise<{ rows: Parsed[]; present: Set<string> }> {
  const asOf = today();
  const branches = await loadBranchIndex(ctx, org);
  const addError = (e: ImportError) => {
    progress.errorCount += 1;
    if (progress.errors.length < MAX_REPORTED_ERRORS) progress.errors.push(e);
  };
  const rows: Parsed[] = [];
  const seen = new Map<string, number>();
  let columns: Map<number, string> | null = null;
  const sheet = await openFirstWorksheet(file, {
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
    if (result.value) {
      const v = result.value;
      const fields: MemberFields = { ...v, lostContactSince: v.lostContactSince };
      const reported = new Set(result.errors.map((e) => e.column));
      for (const e of checkMemberFields(ctx, fields, asOf)) {
        const column = fieldHeader[e.field] ?? String(e.field);
        if (!reported.has(column)) addError({ row: row.number, column, message: e.message });
      }
      const branch = branches.resolve(v.branch);
      if ('error' in branch) addError({ row: row.number, column: '所在党支部', message: branch.error });
      const hash = ctx.vault.blindIndex(v.idNumber);
      const earlier = seen.get(hash);
      if (earlier !== undefined) {
        addError({
          row: row.number,
          column: '公民身份号码',
          message: `与第 ${earlier} 行的公民身份号码重复`,
        });
      } else {
        seen.set(hash, row.number);
      }
      if ('id' in branch) rows.push({ row: row.number, fields, orgId: branch.id, hash });
    }
    progress.processed += 1;
    if (progress.processed % 500 === 0) await yieldToEventLoop();
  }
  if (!columns) throw new AppError('IMPORT_BAD_HEADER', '文件中没有表头行');
  progress.phase = 'checking';
  await checkExisting(ctx, actor, rows, addError);
  const present = new Set([...columns.values()]);
  return { rows, present };
}

/** Someone already registered elsewhere cannot be taken over by an import from another scope. */
async function checkExisting(
  ctx: AppContext,
  actor: Actor,
  rows: Parsed[],
  addError: (e: ImportError) => void,
) {
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const hashes = batch.map((r) => r.hash);
    const found = await ctx.database.rows<{ hash: string; visible: boolean }>(sql`
      select m.id_number_hash as hash, ${memberInScope(actor, sql`m.org_id`)} as visible
      from members m where m.id_number_hash in (${sql.join(
        hashes.map((h) => sql`${h}`),
        sql`, `,
      )})`);
    const byHash = new Map(found.map((f) => [f.hash, f.visible]));
    await yieldToEventLoop();
    for (const r of batch) {
      const visible = byHash.get(r.hash);
      if (visible === false) {
        addError({
          row: r.row,
          column: '公民身份号码',
          message: '此人已在本单位管辖范围以外的组织登记，不能在此导入',
        });
      }
      (r as Parsed & { exists?: boolean }).exists = visible === true;
    }
  }
}

async function write(
  ctx: AppContext,
  actor: Actor,
  org: ScopedOrg,
  progress: ImportProgress,
  parsed: { rows: Parsed[]; present: Set<string> },
) {
  progress.phase = 'writing';
  progress.processed = 0;
  const updatable = new Set([...parsed.present].flatMap((k) => columnsByKey[k] ?? []));
  await ctx.database.db.transaction(async (tx) => {
    for (let i = 0; i < parsed.rows.length; i += BATCH) {
      const batch = parsed.rows.slice(i, i + BATCH);
      const values = batch.map((r) => ({
        id: randomUUID(),
        orgId: r.orgId,
        ...toMemberColumns(ctx, r.fields),
      }));
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
      const assignments = Object.entries(set).map(
        ([key, expr]) => sql`${sql.identifier(columns[key]!.name)} = ${expr}`,
      );
      const saved = await execRows<{ id: string; hash: string; orgId: string }>(
        tx,
        unnestInsert(
          members,
          values,
          sql`on conflict (id_number_hash) do update set ${sql.join(assignments, sql`, `)}
            returning id, id_number_hash as hash, org_id as "orgId"`,
        ),
      );
      const existed = new Set(
        batch.filter((r) => (r as Parsed & { exists?: boolean }).exists).map((r) => r.hash),
      );
      const columnsByHash = new Map(values.map((v) => [v.idNumberHash, v]));
      await recordAudit(
        tx,
        actor,
        saved.map((s) => {
          const v = columnsByHash.get(s.hash)!;
          return {
            action: existed.has(s.hash) ? 'member.import_update' : 'member.import_create',
            entity: 'member',
            entityId: s.id,
            orgId: s.orgId,
            after: {
              importId: progress.id,
              name: v.name,
              orgId: s.orgId,
              kind: v.kind,
              idNumber: v.idNumberMasked,
              standing: v.standing,
              mobile: v.mobile,
              destinationRegion: v.destinationRegion,
            },
          };
        }),
      );
      progress.created += saved.filter((s) => !existed.has(s.hash)).length;
      progress.updated += saved.filter((s) => existed.has(s.hash)).length;
      progress.processed += batch.length;
      await yieldToEventLoop();
    }
    await recordAudit(tx, actor, {
      action: 'member.import',
      entity: 'import',
      entityId: progress.id,
      orgId: org.id,
      orgPath: org.path,
      after: { fileName: progress.fileName, created: progress.created, updated: progress.updated },
    });
  });
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
         where j.id::text = ${id} and ${memberInScope(actor, sql`j.org_id`)}`);
  if (!row) throw new AppError('IMPORT_NOT_FOUND');
  const errors = row.errors ?? [];
  return { ...row, errors, errorCount: errors.length };
}

export async function listImports(ctx: AppContext, actor: Actor) {
  authorize(actor, 'member.import');
  const rows = await ctx.database.rows<{ id: string }>(sql`
    select j.id from import_jobs j where ${memberInScope(actor, sql`j.org_id`)}
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
