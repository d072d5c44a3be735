import type { Writable } from 'node:stream';
import { educationLabels, memberFormColumns, memberToFormRow } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.js';
import { type Actor, authorize, can, resolveScopeOrg } from '../../lib/authz.js';
import { AppError } from '../../lib/errors.js';
import { write } from '../../lib/write.js';
import {
  type MemberFilter,
  type MemberRow,
  memberColumns,
  memberWhere,
  revealable,
} from '../members/index.js';
import { loadBranchIndex } from './branches.js';

const headers = memberFormColumns.map((c) => c.header);

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter | ExcelJS.Workbook) {
  const sheet = workbook.addWorksheet('党员信息采集表', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = memberFormColumns.map((c) => ({
    header: c.header,
    key: c.header,
    width: ['公民身份号码', '所在党支部', '家庭住址', '外出流向'].includes(c.header) ? 24 : 14,
    style: { numFmt: '@' },
  }));
  return sheet;
}

/**
 * The 党员信息采集表 of the subtree as .xlsx, streamed row by row so a county's export fits in memory.
 * It holds full ID numbers (it must re-import unchanged), so it needs the reveal right and is audited.
 */
export async function exportMembers(
  ctx: AppContext,
  actor: Actor,
  q: MemberFilter & { orgId?: string },
  out: Writable,
) {
  authorize(actor, 'member.export');
  // The export is a reveal of every row's full ID number, phone and address (API.md member resource).
  if (!can(actor, 'member.reveal')) throw new AppError('FORBIDDEN', '导出采集表须有查看完整个人信息的权限');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  if (!org) throw new AppError('VALIDATION_FAILED', '请指定要导出的组织 (orgId)');
  const branches = await loadBranchIndex(ctx, actor, org);
  const where = memberWhere(ctx, actor, org, q);
  const [{ n } = { n: 0 }] = await ctx.database.rows<{ n: number }>(
    sql`select count(*)::int as n from members m join orgs o on o.id = m.org_id where ${where}`,
  );
  await write(ctx, actor, async (_tx, w) =>
    w.audit([
      {
        action: 'member.export',
        entity: 'org',
        entityId: org.id,
        orgId: org.id,
        orgPath: org.path,
        after: { count: n, filter: q },
      },
      {
        action: 'member.reveal',
        entity: 'org',
        entityId: org.id,
        orgId: org.id,
        orgPath: org.path,
        after: { fields: revealable, via: 'member.export', count: n },
      },
    ]),
  );
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = addSheet(workbook);
  let lastName = '';
  let lastId = '00000000-0000-0000-0000-000000000000';
  // Keyset pages: constant cost per page however deep the export goes.
  for (;;) {
    const rows = await ctx.database.rows<MemberRow>(sql`
      select ${memberColumns} from members m join orgs o on o.id = m.org_id
      where ${where} and (m.name, m.id) > (${lastName}, ${lastId}::uuid)
      order by m.name, m.id limit 2000`);
    for (const r of rows) {
      const formRow = memberToFormRow(
        {
          name: r.name,
          gender: r.gender,
          ethnicity: r.ethnicity,
          idNumber: ctx.vault.decrypt(r.idNumberEnc),
          birthDate: r.birthDate,
          education: (r.education as keyof typeof educationLabels | null) ?? null,
          occupation: r.occupation,
          branch: branches.label(r.orgId),
          branchName: branches.label(r.orgId),
          joinedOn: r.joinedOn,
          fullOn: r.fullOn,
          kind: r.kind,
          jobPost: r.jobPost,
          phone: r.phoneEnc ? ctx.vault.decrypt(r.phoneEnc) : null,
          address: r.addressEnc ? ctx.vault.decrypt(r.addressEnc) : null,
          standing: r.standing,
          lostContact: r.lostContact,
          lostContactSince: r.lostContactSince ? r.lostContactSince.slice(0, 7) : null,
          mobile: r.mobile,
          destinationRegion: r.destinationRegion,
        },
        ctx.regions,
      );
      sheet.addRow(headers.map((h) => formRow[h] ?? null)).commit();
    }
    const last = rows.at(-1);
    if (!last || rows.length < 2000) break;
    lastName = last.name;
    lastId = last.id;
  }
  sheet.commit();
  await workbook.commit();
}

const yesNo = ['是', '否'];

/** A blank form with the exact headers, dropdowns for the coded columns and one example row. */
export async function buildTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = addSheet(workbook);
  const lists: Record<string, string[]> = {
    性别: ['男', '女'],
    学历: Object.values(educationLabels),
    人员类别: [
      '工人',
      '农牧渔民',
      '专业技术人员',
      '企业管理人员',
      '党政机关工作人员',
      '学生',
      '离退休人员',
      '其他职业人员',
      '无固定职业人员',
    ],
    党籍状态: ['正常', '停止党籍'],
    是否为失联党员: yesNo,
    是否为流动党员: yesNo,
  };
  memberFormColumns.forEach((c, i) => {
    const list = lists[c.header];
    const letter = sheet.getColumn(i + 1).letter;
    if (list) {
      for (let r = 2; r <= 1000; r++) {
        sheet.getCell(`${letter}${r}`).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${list.join(',')}"`],
          showErrorMessage: true,
          errorTitle: '输入有误',
          error: `请从下拉列表中选择：${list.join('、')}`,
        };
      }
    }
  });
  sheet.getRow(1).font = { bold: true };
  const note = workbook.addWorksheet('填写说明');
  note.addRows([
    ['党员信息采集表填写说明'],
    ['1. 第一行为表头，请勿修改；列的顺序可以调整。'],
    ['2. 姓名、性别、公民身份号码、出生日期、加入党组织日期为必填项。'],
    ['3. 日期可写作 2021-07-01、2021/7/1、2021.07 或 202107。'],
    ['4. 所在党支部填写导入组织下的支部名称；留空则归入导入时选择的组织。'],
    ['5. 外出流向可写省市县名称（如 湖南省长沙市岳麓区）或 6 位行政区划代码。'],
    ['6. 已登记的党员按公民身份号码更新；任何一行有误，整个文件都不会导入。'],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
