import type { ledgerPrintQuery } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { AppContext } from '../../context.js';
import { type Actor, authorize, can, resolveScopeOrg } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { write } from '../../lib/write.js';
import { presentLedgerPrintRow } from './presenter.js';
import { episodeUnder, episodeVisible, ledgerPrintRows } from './queries.js';

export type LedgerQuery = z.infer<typeof ledgerPrintQuery>;

/**
 * The rows of the 外出党员登记簿 as the paper book has them, for the print view and the Excel file,
 * in the caller's subtree. Contacts are masked unless the caller holds member.reveal; either way
 * the reading is audited as an export of personal data (ARCHITECTURE.md §4).
 */
export async function ledgerRecords(ctx: AppContext, actor: Actor, q: LedgerQuery, format: 'print' | 'xlsx') {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const reveal = can(actor, 'member.reveal');
  const parts: SQL[] = [
    episodeVisible(actor),
    sql`e.status = ${q.status ?? 'open'}`,
    org ? episodeUnder(actor, org) : sql`true`,
  ];
  const name = q.q?.trim();
  if (name) parts.push(sql`m.name like ${`%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (q.reason) parts.push(sql`e.reason = ${q.reason}`);
  const rows = await ledgerPrintRows(ctx, actor, parts);
  const items = rows.map((r) => presentLedgerPrintRow(ctx, r, reveal));
  await write(ctx, actor, async (_tx, w) =>
    w.audit({
      action: 'mobility.ledger_export',
      entity: 'org',
      entityId: org?.id ?? null,
      orgId: org?.id ?? null,
      orgPath: org?.path ?? null,
      after: { format, count: items.length, revealed: reveal, filter: q },
    }),
  );
  return { orgName: org?.name ?? '全部党组织', asOf: today(), revealed: reveal, items };
}

const columns = [
  { header: '姓名', key: 'memberName', width: 10 },
  { header: '性别', key: 'gender', width: 6 },
  { header: '所在党组织', key: 'originOrgName', width: 22 },
  { header: '外出时间', key: 'leftOn', width: 12 },
  { header: '外出地点（流向）', key: 'destination', width: 24 },
  { header: '流入党组织', key: 'inflowOrgName', width: 22 },
  { header: '外出原因', key: 'reason', width: 10 },
  { header: '联系方式', key: 'contact', width: 18 },
  { header: '活动证（证明信）编号', key: 'document', width: 30 },
  { header: '预计返回', key: 'expectedReturnOn', width: 12 },
] as const;

/** The register as an .xlsx whose first rows name the organization and the day it was drawn. */
export async function exportLedger(ctx: AppContext, actor: Actor, q: LedgerQuery): Promise<Buffer> {
  const ledger = await ledgerRecords(ctx, actor, q, 'xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('外出党员登记簿', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  sheet.addRow([`外出党员登记簿（${q.status === 'returned' ? '已返回' : '在外'}）`]).font = {
    bold: true,
    size: 14,
  };
  sheet.addRow([`党组织：${ledger.orgName}　　截至：${ledger.asOf}　　共 ${ledger.items.length} 人次`]);
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const item of ledger.items) sheet.addRow({ ...item, inflowOrgName: item.inflowOrgName ?? '' });
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
