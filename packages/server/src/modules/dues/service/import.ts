import { cellText, checkIdNumber, parseDuesCategory, parseYuan } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../../context.js';
import { duesAssessments } from '../../../db/schema.js';
import { type Actor, authorize, loadOrgInScope } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { checkXlsxContainer, openFirstWorksheet } from '../../imports/index.js';
import { effectivePolicy } from '../../policies/index.js';
import { assessmentValues, firstMonthOf } from './assessments.js';

type RowError = { row: number; column: string | null; message: string };

const headers = {
  name: ['姓名'],
  idNumber: ['公民身份号码', '身份证号', '身份证号码'],
  category: ['类别', '党费类别', '人员类别'],
  base: ['计算基数', '党费计算基数', '基数'],
} as const;

function mapColumns(values: unknown[]) {
  const columns = new Map<keyof typeof headers, number>();
  values.forEach((v, i) => {
    const text = cellText(v).replace(/[（(].*$/, '');
    for (const [key, names] of Object.entries(headers) as [keyof typeof headers, readonly string[]][]) {
      if (names.includes(text)) columns.set(key, i);
    }
  });
  const missing = (['idNumber', 'category'] as const)
    .filter((k) => !columns.has(k))
    .map((k) => headers[k][0]);
  if (missing.length > 0) {
    throw new AppError('IMPORT_BAD_HEADER', `表头缺少必填列：${missing.join('、')}`, { missing });
  }
  return columns;
}

/**
 * Bases of a year from an .xlsx (issue 10 item 1): one member a row, found by ID number in the subtree,
 * assessed from the row's category and base. All or nothing: a wrong row refuses the file (IMPORT_INVALID);
 * a member already assessed for the year is an error too (a change in the year needs its reason).
 */
export async function importBases(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  year: number,
  upload: Buffer,
) {
  authorize(actor, 'dues.write');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  checkXlsxContainer(upload);
  const errors: RowError[] = [];
  const rows: { row: number; hash: string; category: string; base: string | null }[] = [];
  let columns: Map<keyof typeof headers, number> | null = null;
  const sheet = await openFirstWorksheet(upload, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
  });
  for await (const row of sheet) {
    const values = (row.values as unknown[]) ?? [];
    if (!values.some((v) => cellText(v) !== '')) continue;
    if (!columns) {
      columns = mapColumns(values);
      continue;
    }
    const cell = (k: keyof typeof headers) => (columns!.has(k) ? cellText(values[columns!.get(k)!]) : '');
    const id = checkIdNumber(cell('idNumber'));
    if (!id.ok) errors.push({ row: row.number, column: headers.idNumber[0], message: id.message });
    const category = parseDuesCategory(cell('category'));
    if (!category) errors.push({ row: row.number, column: headers.category[0], message: '党费类别无法识别' });
    const base = cell('base');
    if (base !== '' && parseYuan(base) === null) {
      errors.push({ row: row.number, column: headers.base[0], message: '计算基数应为非负金额' });
    }
    if (id.ok && category) {
      rows.push({ row: row.number, hash: ctx.vault.blindIndex(id.normalized), category, base: base || null });
    }
  }
  if (!columns) throw new AppError('IMPORT_BAD_HEADER', '文件中没有表头');
  const members = rows.length
    ? await ctx.database.rows<{
        id: string;
        orgId: string;
        orgPath: string;
        joinedOn: string | null;
        hash: string;
        assessed: boolean;
      }>(
        sql`select m.id, m.org_id as "orgId", o.path::text as "orgPath", m.joined_on::text as "joinedOn",
              m.id_number_hash as hash,
              exists (select 1 from dues_assessments a where a.member_id = m.id and a.year = ${year}
                and a.superseded_by is null) as assessed
            from members m join orgs o on o.id = m.org_id
            where o.path <@ ${org.path}::ltree and m.id_number_hash in (${sql.join(
              rows.map((r) => sql`${r.hash}`),
              sql`, `,
            )})`,
      )
    : [];
  const byHash = new Map(members.map((m) => [m.hash, m]));
  const policies = new Map<string, Awaited<ReturnType<typeof effectivePolicy<'dues'>>>['document']>();
  const values: ReturnType<typeof assessmentValues>[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const m = byHash.get(r.hash);
    if (!m) {
      errors.push({ row: r.row, column: headers.idNumber[0], message: '本组织及下级中没有该党员' });
      continue;
    }
    if (m.assessed || seen.has(m.id)) {
      errors.push({
        row: r.row,
        column: null,
        message: `该党员 ${year} 年已核定党费，年内调整须逐人说明原因`,
      });
      continue;
    }
    seen.add(m.id);
    if (!policies.has(m.orgId)) policies.set(m.orgId, (await effectivePolicy(ctx, m.orgId, 'dues')).document);
    try {
      values.push(
        assessmentValues(
          policies.get(m.orgId)!,
          { category: r.category as never, base: r.base },
          { memberId: m.id, orgId: m.orgId, year, fromMonth: firstMonthOf(year, m.joinedOn), reason: null },
          actor.userId,
        ),
      );
    } catch (err) {
      errors.push({
        row: r.row,
        column: headers.base[0],
        message: err instanceof Error ? err.message : '无法核定',
      });
    }
  }
  if (errors.length > 0) {
    throw new AppError('IMPORT_INVALID', `导入文件中有 ${errors.length} 处错误，已全部拒绝，未写入任何数据`, {
      errors: errors.slice(0, 1000),
      errorCount: errors.length,
    });
  }
  if (values.length > 0) {
    await write(ctx, actor, async (tx, w) => {
      await tx.insert(duesAssessments).values(values);
      w.audit({
        action: 'dues.assess_import',
        entity: 'org',
        entityId: org.id,
        orgId: org.id,
        orgPath: org.path,
        after: { year, created: values.length },
      });
      w.affects({ memberIds: values.map((v) => v.memberId) });
    });
  }
  return { created: values.length, updated: 0, errors: [] };
}
