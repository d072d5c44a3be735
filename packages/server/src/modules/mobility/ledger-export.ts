import {
  addDays,
  addMonths,
  type LetterKind,
  type LetterStatus,
  type OutflowReason,
  outflowReasonLabels,
} from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.js';
import { type Actor, authorize, can, resolveScopeOrg } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { write } from '../../lib/write.js';
import { documentState } from './document-state.js';
import {
  destinationNameOf,
  type EpisodeRow,
  episodeColumns,
  episodeFrom,
  episodeUnder,
  episodeVisible,
} from './queries.js';

export interface LedgerQuery {
  orgId?: string;
  status?: 'open' | 'returned';
  /** A name, or part of one. */
  q?: string;
  reason?: string;
}

/** 预计返回 when none was recorded: the departure plus the expected stay (fractions of a month as 30-day parts). */
export function expectedReturn(leftOn: string, expectedMonths: number): string {
  const whole = Math.floor(expectedMonths);
  return addDays(addMonths(leftOn, whole), Math.round((expectedMonths - whole) * 30));
}

type Row = EpisodeRow & {
  gender: string;
  phoneEnc: string | null;
  phoneMasked: string | null;
  letterKind: LetterKind | null;
  letterNumber: string | null;
  letterStatus: LetterStatus | null;
  letterValidUntil: string | null;
};

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
  const rows = await ctx.database.rows<Row>(sql`
    select ${episodeColumns(actor)}, m.gender, m.phone_enc as "phoneEnc", m.phone_masked as "phoneMasked",
      l.kind as "letterKind", l.number as "letterNumber", l.status as "letterStatus",
      l.valid_until::text as "letterValidUntil"
    from ${episodeFrom}
    left join lateral (select kind, number, status, valid_until from letters
      where episode_id = e.id order by created_at desc limit 1) l on true
    where ${sql.join(parts, sql` and `)}
    order by oo.name, e.left_on desc, e.id limit 10000`);
  const open = (box: string | null) => (box ? ctx.vault.decrypt(box) : null);
  const items = rows.map((r) => ({
    episodeId: r.id,
    memberId: r.memberId,
    memberName: r.memberName,
    gender: r.gender === 'female' ? '女' : '男',
    originOrgName: r.originOrgName,
    leftOn: r.leftOn ?? '待补全',
    destination: destinationNameOf(ctx, r) ?? '—',
    inflowOrgName: r.inflowOrgName,
    reason: r.reason ? (outflowReasonLabels[r.reason as OutflowReason] ?? r.reason) : '待补全',
    contact: reveal ? (open(r.contactEnc) ?? open(r.phoneEnc)) : (r.contactMasked ?? r.phoneMasked),
    document: documentState(
      r.requiredDocument,
      r.letterNumber
        ? {
            kind: r.letterKind!,
            number: r.letterNumber,
            status: r.letterStatus!,
            validUntil: r.letterValidUntil!,
          }
        : null,
    ),
    expectedReturnOn:
      r.expectedReturnOn ??
      (r.leftOn && r.expectedMonths !== null ? expectedReturn(r.leftOn, r.expectedMonths) : '待补全'),
    returnedOn: r.returnedOn,
  }));
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
