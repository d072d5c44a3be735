import { cellText, checkIdNumber, mapHeaders, parseMemberRow } from '@dangjian/core';
import type { AppContext } from '../../../context.js';
import type { Actor, ScopedOrg } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { AppError } from '../../../lib/errors.js';
import { yieldToEventLoop } from '../../../lib/event-loop.js';
import { checkMemberFields, type MemberFields } from '../../members/index.js';
import { loadBranchIndex } from '../branches.js';
import type { ImportError, ImportProgress } from '../presenter.js';
import { openFirstWorksheet } from '../xlsx-reader.js';
import { checkXlsxContainer } from '../zip-guard.js';
import { finishImportJob } from './jobs.js';
import { type Checked, checkAndWrite, type Identified, type Parsed } from './rows.js';

const MAX_REPORTED_ERRORS = 1000;

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
    const parsed = await readAndCheck(ctx, actor, org, progress, upload);
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
    await finishImportJob(ctx, progress);
    throw err instanceof AppError ? err : new AppError('IMPORT_NOT_XLSX');
  } finally {
    upload.fill(0);
  }
  progress.phase = 'done';
  await finishImportJob(ctx, progress);
  return progress;
}

/**
 * Every check that needs only the file and the organization tree, all of them on every row: a row
 * whose ID number is wrong still has its branch, its other cells and its duplicates checked, so a
 * file's errors come in one report, not in rounds (issue 17).
 */
async function readAndCheck(
  ctx: AppContext,
  actor: Actor,
  org: ScopedOrg,
  progress: ImportProgress,
  upload: Buffer,
): Promise<Checked> {
  const asOf = today();
  const branches = await loadBranchIndex(ctx, actor, org);
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
