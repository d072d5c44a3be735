import {
  type ComplianceItem,
  lifeCompliance,
  lifeComplianceOfMonths,
  type MeetingType,
  meetingTypeNames,
  meetingTypes,
  type OrgType,
  orgTypeLabels,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../../context.js';
import { type Actor, authorize, loadOrgInScope } from '../../../lib/authz.js';
import { today } from '../../../lib/clock.js';
import { effectivePolicy, policyResolver } from '../../policies/index.js';
import { branchMonths, heldMeetingsOf, parseHeldMonths } from '../compliance-queries.js';

const thisYear = () => Number(today().slice(0, 4));

/**
 * The day whose policy a year is judged by: its last day, or today while it runs (API.md: the shipped
 * defaults are in force for any past date until a policy overrides them).
 */
const policyDay = (year: number) => {
  const now = today();
  return `${year}-12-31` < now ? `${year}-12-31` : now;
};

/** API.md `GET /api/orgs/:id/life-compliance`: the organization's meetings and its groups', per kind. */
export async function lifeComplianceOf(ctx: AppContext, actor: Actor, orgId: string, q: { year?: number }) {
  authorize(actor, 'org.read');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  const year = q.year ?? thisYear();
  const [policy, meetings] = await Promise.all([
    effectivePolicy(ctx, org.id, 'meetings', policyDay(year)),
    heldMeetingsOf(ctx.database, org.id, year),
  ]);
  return { orgId: org.id, year, items: lifeCompliance(policy.document, year, meetings, today()) };
}

export interface ComparisonRow {
  orgId: string;
  name: string;
  type: string;
  required: number;
  held: number;
  missing: number;
  rate: number | null;
  byType: { type: MeetingType; required: number; held: number; missing: number }[];
}

function toRow(b: { orgId: string; name: string; type: string }, items: ComplianceItem[]): ComparisonRow {
  const byType = items.map((i) => ({
    type: i.type,
    required: i.required,
    held: i.held,
    missing: i.missingPeriods.length,
  }));
  const required = byType.reduce((s, t) => s + t.required, 0);
  const held = byType.reduce((s, t) => s + t.held, 0);
  const missing = byType.reduce((s, t) => s + t.missing, 0);
  const rate = held + missing === 0 ? null : held / (held + missing);
  return { orgId: b.orgId, name: b.name, type: b.type, required, held, missing, rate, byType };
}

const collator = new Intl.Collator('zh-CN');

/** Worst first: the lowest rate, then the name; branches with nothing ended yet last. */
const worstFirst = (a: ComparisonRow, b: ComparisonRow) =>
  (a.rate ?? 2) - (b.rate ?? 2) || collator.compare(a.name, b.name);

/**
 * Every branch-like organization under one, each under its own calendar: one statement for the held
 * months of all of them, then core's `lifeComplianceOfMonths` per branch in memory.
 */
async function compareBranches(ctx: AppContext, actor: Actor, orgId: string, year: number) {
  authorize(actor, 'stats.read');
  const org = await loadOrgInScope(ctx.database, actor, orgId);
  const [policyOf, branches] = await Promise.all([
    policyResolver(ctx, 'meetings', policyDay(year)),
    branchMonths(ctx.database, org.path, year),
  ]);
  const asOf = today();
  const rows = branches.map((b) =>
    toRow(b, lifeComplianceOfMonths(policyOf(b.path), year, parseHeldMonths(b.months), asOf)),
  );
  return { org, rows: rows.sort(worstFirst) };
}

/** The township's comparison (issue 9 item 6): a page of its branches, worst first. */
export async function lifeComparison(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  q: { year?: number; page: number; pageSize: number },
) {
  const year = q.year ?? thisYear();
  const { rows } = await compareBranches(ctx, actor, orgId, year);
  const start = (q.page - 1) * q.pageSize;
  return { year, total: rows.length, items: rows.slice(start, start + q.pageSize) };
}

/** The comparison as a workbook: a row per branch, held and required per kind (the township's report). */
export async function exportLifeComparison(
  ctx: AppContext,
  actor: Actor,
  orgId: string,
  q: { year?: number },
) {
  const year = q.year ?? thisYear();
  const { org, rows } = await compareBranches(ctx, actor, orgId, year);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('组织生活落实情况');
  const kinds = meetingTypes.filter((t) => rows.some((r) => r.byType.some((b) => b.type === t)));
  ws.addRow([`${org.name} ${year} 年组织生活落实情况（截至 ${today()}）`]);
  ws.addRow([
    '党组织',
    '类型',
    '应开（期）',
    '已开（期）',
    '缺开（期）',
    '落实率',
    ...kinds.map((t) => `${meetingTypeNames[t]}（已开/应开）`),
  ]);
  for (const r of rows) {
    ws.addRow([
      r.name,
      orgTypeLabels[r.type as OrgType] ?? r.type,
      r.required,
      r.held,
      r.missing,
      r.rate === null ? '—' : `${Math.round(r.rate * 1000) / 10}%`,
      ...kinds.map((t) => {
        const b = r.byType.find((x) => x.type === t);
        return b ? `${b.held}/${b.required}` : '—';
      }),
    ]);
  }
  ws.getRow(2).font = { bold: true };
  ws.getColumn(1).width = 30;
  return {
    body: Buffer.from(await wb.xlsx.writeBuffer()),
    name: `组织生活落实情况对比-${org.name}-${year}.xlsx`,
  };
}
