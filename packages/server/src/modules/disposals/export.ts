import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.js';
import { type Actor, authorize, resolveScopeOrg, underOrgId } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { write } from '../../lib/write.js';
import { decisionLabels, groundLabels, statusLabels } from './labels.js';
import { disposalRows, disposalWhere } from './queries.js';

const columns = [
  { header: '姓名', key: 'name', width: 10 },
  { header: '所在党组织', key: 'orgName', width: 24 },
  { header: '事由', key: 'ground', width: 28 },
  { header: '列入日期', key: 'createdOn', width: 12 },
  { header: '状态', key: 'status', width: 10 },
  { header: '已完成步骤', key: 'step', width: 10 },
  { header: '最近一步日期', key: 'lastStepOn', width: 12 },
  { header: '处置决定', key: 'decision', width: 12 },
  { header: '考察期满', key: 'followUpOn', width: 12 },
  { header: '撤销原因', key: 'dismissedReason', width: 30 },
] as const;

/** The queue of an organization's subtree as an .xlsx (the list's filters, every row), audited as an export. */
export async function exportDisposals(
  ctx: AppContext,
  actor: Actor,
  q: {
    orgId?: string | undefined;
    status?: string | undefined;
    ground?: string | undefined;
    memberId?: string | undefined;
  },
): Promise<Buffer> {
  authorize(actor, 'disposal.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const rows = await disposalRows(ctx, disposalWhere(underOrgId(actor, org, sql`d.org_id`), q));
  await write(ctx, actor, async (_tx, w) =>
    w.audit({
      action: 'disposal.export',
      entity: 'org',
      entityId: org?.id ?? null,
      orgId: org?.id ?? null,
      orgPath: org?.path ?? null,
      after: { count: rows.length, filter: q },
    }),
  );
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('处置事项', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  sheet.addRow(['不合格党员处置事项清单']).font = { bold: true, size: 14 };
  sheet.addRow([`党组织：${org?.name ?? '全部党组织'}　　截至：${today()}　　共 ${rows.length} 件`]);
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  for (const r of rows) {
    sheet.addRow({
      name: r.name,
      orgName: r.orgName,
      ground: groundLabels[r.ground],
      createdOn: r.createdOn,
      status: statusLabels[r.status],
      step: r.step,
      lastStepOn: r.lastStepOn ?? '',
      decision: r.decision ? decisionLabels[r.decision] : '',
      followUpOn: r.followUpOn ?? '',
      dismissedReason: r.dismissedReason ?? '',
    });
  }
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
