import type { ObligationExportQuery, ObligationListQuery } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.js';
import { type Actor, authorize, resolveScopeOrg, underOrg } from '../../lib/authz.js';
import { presentObligation, presentSummary } from './presenter.js';
import {
  type ObligationRecord,
  obligationCountQuery,
  obligationPageQuery,
  obligationSummaryQuery,
} from './queries.js';
import { obligationKindLabel } from './registry.js';

/** The 预警 list: every provider's obligations under the organization asked for, with the counts by kind and state. */
export async function listObligations(ctx: AppContext, actor: Actor, q: ObligationListQuery) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const scope = underOrg(actor, org, sql`o.path`);
  const conditions = { scope, state: q.state, kind: q.kind, memberId: q.memberId };
  const [items, [count], summary] = await Promise.all([
    ctx.database.rows<ObligationRecord>(
      obligationPageQuery(conditions, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    ),
    ctx.database.rows<{ n: number }>(obligationCountQuery(conditions)),
    ctx.database.rows<{ kind: string; state: string; n: number }>(obligationSummaryQuery(scope)),
  ]);
  return { items: items.map(presentObligation), total: count?.n ?? 0, summary: summary.map(presentSummary) };
}

const stateLabels: Record<string, string> = {
  ok: '正常',
  due_soon: '即将到期',
  overdue: '已逾期',
  breached: '严重逾期',
};

/** The 预警 list as a spreadsheet for the branch secretary's meeting. */
export async function exportObligations(
  ctx: AppContext,
  actor: Actor,
  q: ObligationExportQuery,
): Promise<Buffer> {
  const { items } = await listObligations(ctx, actor, { ...q, page: 1, pageSize: 100_000 });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('应办事项');
  sheet.columns = [
    { header: '姓名', key: 'memberName', width: 12 },
    { header: '所在组织', key: 'orgName', width: 24 },
    { header: '事项', key: 'kind', width: 12 },
    { header: '期间', key: 'period', width: 10 },
    { header: '截止日期', key: 'dueOn', width: 12 },
    { header: '状态', key: 'state', width: 10 },
  ];
  for (const o of items) {
    sheet.addRow({
      ...o,
      memberName: o.memberName ?? '',
      kind: obligationKindLabel(o.kind),
      state: stateLabels[o.state] ?? o.state,
    });
  }
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
