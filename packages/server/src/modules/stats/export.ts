import { regionName } from '@dangjian/core';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.js';
import { type Actor, resolveScopeOrg } from '../../lib/authz.js';
import { write } from '../../lib/write.js';
import { destinationStats, memberStats } from './service.js';

/** `after` lines follow the total: parts of it, not more of it (a 失联 member is also normal or stopped). */
type Table = { name: string; head: [string, string]; rows: [string, number][]; after?: [string, number][] };

const share = (n: number, total: number) => (total > 0 ? Math.round((n / total) * 1000) / 10 : 0);

/**
 * Every table of the statistics dashboard as one workbook, a sheet per table, each headed by the
 * organization and the as-of day: what a county asks for (篇七's tables), in a form it can reuse.
 */
export async function exportMemberStats(ctx: AppContext, actor: Actor, q: { orgId?: string; asOf?: string }) {
  const [stats, dest] = await Promise.all([memberStats(ctx, actor, q), destinationStats(ctx, actor, q)]);
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const orgName = org?.name ?? '全部党组织';
  const tables: Table[] = [
    {
      name: '年龄结构',
      head: ['年龄段', '人数'],
      rows: [
        ['25 岁及以下', stats.ageBands['<=25']],
        ['26–30 岁', stats.ageBands['26-30']],
        ['31–35 岁', stats.ageBands['31-35']],
        ['36–40 岁', stats.ageBands['36-40']],
        ['41 岁及以上', stats.ageBands['>=41']],
      ],
    },
    {
      name: '学历结构',
      head: ['学历', '人数'],
      rows: [
        ['博士研究生', stats.education.doctor],
        ['硕士研究生', stats.education.master],
        ['大学本科', stats.education.bachelor],
        ['大学专科', stats.education.college],
        ['中专', stats.education.secondary],
        ['其他', stats.education.other],
      ],
    },
    {
      name: '所在地分布',
      head: ['所在地（相对本组织所在地）', '人数'],
      rows: [
        ['本市', stats.location.local],
        ['省内外市', stats.location.province],
        ['省外', stats.location.outside],
        ['不详', stats.location.unknown],
      ],
    },
    {
      name: '流动党员流向',
      head: ['流向省份', '人数'],
      rows: dest.items.map((d) => [
        d.provinceCode ? (regionName(ctx.regions, d.provinceCode) ?? d.provinceCode) : '境外或不详',
        d.count,
      ]),
    },
    {
      name: '党籍状态',
      head: ['党籍状态', '人数'],
      rows: [
        ['正常', stats.standing.normal],
        ['停止党籍', stats.standing.stopped],
      ],
      after: [['其中：失联党员', stats.standing.lostContact]],
    },
  ];
  const workbook = new ExcelJS.Workbook();
  const summary = workbook.addWorksheet('总体');
  summary.columns = [{ width: 24 }, { width: 36 }];
  summary.addRows([
    ['党员队伍统计'],
    ['党组织', `${orgName}及下级`],
    ['统计日期', stats.asOf],
    ['党员总数', stats.total],
    ['流动党员', dest.items.reduce((s, d) => s + d.count, 0)],
  ]);
  summary.getRow(1).font = { bold: true, size: 14 };
  for (const t of tables) {
    const sheet = workbook.addWorksheet(t.name);
    sheet.columns = [{ width: 28 }, { width: 10 }, { width: 12 }];
    sheet.addRow([`${t.name}　${orgName}　截至 ${stats.asOf}`]).font = { bold: true };
    sheet.addRow([...t.head, '占比（%）']).font = { bold: true };
    const total = t.rows.reduce((s, [, n]) => s + n, 0);
    for (const [label, n] of t.rows) sheet.addRow([label, n, share(n, total)]);
    sheet.addRow(['合计', total, total > 0 ? 100 : 0]).font = { bold: true };
    for (const [label, n] of t.after ?? []) sheet.addRow([label, n, share(n, total)]);
  }
  await write(ctx, actor, async (_tx, w) =>
    w.audit({
      action: 'stats.export',
      entity: 'org',
      entityId: org?.id ?? null,
      orgId: org?.id ?? null,
      orgPath: org?.path ?? null,
      after: { asOf: stats.asOf, sheets: tables.length + 1 },
    }),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
