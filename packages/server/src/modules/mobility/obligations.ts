import { currentObligationsOf, type MobileFacts, type MobilityPolicy, type Obligation } from '@dangjian/core';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AppContext } from '../../context.js';
import { arrayParam, unnestInsert } from '../../db/bulk.js';
import type { Executor } from '../../db/engine.js';
import { obligations } from '../../db/schema.js';
import { type Actor, authorize, resolveScopeOrg } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { yieldToEventLoop } from '../../lib/event-loop.js';
import { effectivePolicy, policyResolver } from '../policies/index.js';
import { episodeStart } from './queries.js';

interface FactsRow {
  memberId: string;
  orgId: string;
  orgPath: string;
  leftOn: string;
  returnedOn: string | null;
  originRegion: string | null;
  destinationRegion: string | null;
  abroadStudy: boolean;
  contactDates: string | null;
  reportMonths: string | null;
  lifeDates: string | null;
  reviewYears: string | null;
}

/** Open episodes that need a document (a stay of more than 3 months), of members still in the Party. */
const needsDocument = sql`e.status = 'open' and e.required_document is distinct from 'none' and m.exit_kind is null`;

/**
 * Facts of members with an open episode that needs a document (a stay of more than 3 months):
 * the people 篇九's "一月一联系、一月一汇报、一年一评议" is about. One query for a batch of members.
 * Dates come as comma-joined text: splitting it costs a third of parsing PostgreSQL arrays, and
 * the daily scan reads four lists for each of 200k members (bench obligations).
 */
function factsQuery(where: ReturnType<typeof sql>) {
  return sql`
    select e.member_id as "memberId", m.org_id as "orgId", o.path::text as "orgPath", ${episodeStart}::text as "leftOn",
      e.returned_on::text as "returnedOn",
      o.place_region as "originRegion",
      e.destination_region as "destinationRegion", e.abroad and e.reason = 'study' as "abroadStudy",
      (select string_agg(c.contacted_on::text, ',') from contact_attempts c
         where c.member_id = e.member_id and c.reached and c.contacted_on >= ${episodeStart}) as "contactDates",
      (select string_agg(r.month, ',') from thought_reports r where r.member_id = e.member_id) as "reportMonths",
      (select string_agg(l.held_on::text, ',') from life_records l
         where l.member_id = e.member_id and l.held_on >= ${episodeStart}) as "lifeDates",
      (select string_agg(v.year::text, ',') from yearly_reviews v where v.member_id = e.member_id) as "reviewYears"
    from mobility_episodes e join members m on m.id = e.member_id join orgs o on o.id = m.org_id
    where ${needsDocument} and ${where}`;
}

/**
 * How many members the daily scan will judge, for its progress bar: the scan's own condition,
 * counted without the four lists it reads for each of them.
 */
export async function countScannedMembers(ctx: AppContext) {
  const [row] = await ctx.database.rows<{ n: number }>(sql`
    select count(*)::int as n from mobility_episodes e join members m on m.id = e.member_id
    where ${needsDocument}`);
  return row?.n ?? 0;
}

const list = (joined: string | null) => (joined ? joined.split(',') : []);

function toFacts(r: FactsRow): MobileFacts {
  return {
    memberId: r.memberId,
    leftOn: r.leftOn,
    returnedOn: r.returnedOn,
    originRegion: r.originRegion,
    destinationRegion: r.destinationRegion,
    abroadStudy: r.abroadStudy,
    contactDates: list(r.contactDates),
    reportMonths: list(r.reportMonths),
    lifeDates: list(r.lifeDates),
    reviewYears: list(r.reviewYears).map(Number),
  };
}

/**
 * Makes the members' stored obligations the given ones, writing only what changed: on most days most
 * rows are what the last scan left, and an unchanged row then costs no dead tuple, index entry or WAL.
 */
async function writeCurrent(ex: Executor, memberIds: string[], items: Obligation[]) {
  if (memberIds.length === 0) return;
  const keys = items.map((o) => `${o.memberId}:${o.kind}`);
  await ex.execute(sql`delete from obligations
    where member_id = any(${arrayParam(memberIds, 'uuid')})
      and not (member_id::text || ':' || kind = any(${arrayParam(keys, 'text')}))`);
  for (let i = 0; i < items.length; i += 20_000) {
    await ex.execute(
      unnestInsert(
        obligations,
        items.slice(i, i + 20_000) as unknown as Record<string, unknown>[],
        sql`on conflict (member_id, kind) do update set period = excluded.period, due_on = excluded.due_on,
          state = excluded.state, fulfilled_on = excluded.fulfilled_on, computed_at = now()
        where (obligations.period, obligations.due_on, obligations.state, obligations.fulfilled_on)
          is distinct from (excluded.period, excluded.due_on, excluded.state, excluded.fulfilled_on)`,
      ),
    );
  }
}

/** Recomputes one member's obligations inside the caller's transaction, right after a change. */
export async function refreshMemberObligations(
  ctx: AppContext,
  ex: Executor,
  memberId: string,
  asOf = today(),
) {
  const rows = await ctx.database.rows<FactsRow>(factsQuery(sql`e.member_id = ${memberId}`), ex);
  const items: Obligation[] = [];
  for (const r of rows) {
    const policy = (await effectivePolicy(ctx, r.orgId, 'mobility', asOf, ex)).document as MobilityPolicy;
    items.push(...currentObligationsOf(policy, toFacts(r), asOf));
  }
  await writeCurrent(ex, [memberId], items);
}

/**
 * The daily scan: every open episode, in keyset batches, each member under the mobility policy of its
 * organization (resolved in memory for the run). A batch is judged while the one before is written
 * and the one after is read, so the database and the judging overlap.
 */
export async function refreshAllObligations(
  ctx: AppContext,
  asOf = today(),
  onProgress?: (n: number) => void,
) {
  const policyOf = await policyResolver(ctx, 'mobility', asOf);
  const batch = (after: string) =>
    ctx.database.rows<FactsRow>(
      sql`${factsQuery(sql`e.member_id > ${after}::uuid`)} order by e.member_id limit 5000`,
    );
  let done = 0;
  let rows = await batch('00000000-0000-0000-0000-000000000000');
  let next = rows.length > 0 ? batch(rows.at(-1)!.memberId) : null;
  let writing: Promise<unknown> = Promise.resolve();
  while (rows.length > 0) {
    // Awaited in turn below; these keep a failure elsewhere from leaving them unhandled.
    next?.catch(() => {});
    const items = rows.flatMap((r) =>
      currentObligationsOf(policyOf(r.orgPath) as MobilityPolicy, toFacts(r), asOf),
    );
    // One write in flight at a time, while this batch was judged and the next one read.
    await writing;
    const ids = rows.map((r) => r.memberId);
    writing = ctx.database.db.transaction((tx) => writeCurrent(tx, ids, items));
    writing.catch(() => {});
    done += rows.length;
    onProgress?.(done);
    // Progress polls and every other request get their turn between batches (on PGlite).
    await yieldToEventLoop();
    rows = next ? await next : [];
    next = rows.length > 0 ? batch(rows.at(-1)!.memberId) : null;
  }
  await writing;
  // Episodes closed since the last scan owe nothing any more.
  await ctx.database.rows(sql`delete from obligations o where not exists (
      select 1 from mobility_episodes e where e.member_id = o.member_id and e.status = 'open'
        and e.required_document is distinct from 'none')`);
  return { members: done };
}

export async function listObligations(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; state?: string; kind?: string; memberId?: string; page: number; pageSize: number },
) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const parts = [org ? sql`o.path <@ ${org.path}::ltree` : sql`true`, sql`m.exit_kind is null`];
  if (q.state) parts.push(sql`b.state = ${q.state}`);
  if (q.kind) parts.push(sql`b.kind = ${q.kind}`);
  if (q.memberId) parts.push(sql`b.member_id::text = ${q.memberId}`);
  const where = sql.join(parts, sql` and `);
  const from = sql`obligations b join members m on m.id = b.member_id join orgs o on o.id = m.org_id`;
  const [items, [count], summary] = await Promise.all([
    ctx.database.rows(sql`
      select b.member_id as "memberId", m.name as "memberName", m.org_id as "orgId", o.name as "orgName",
        b.kind, b.period, b.due_on::text as "dueOn", b.state, b.fulfilled_on::text as "fulfilledOn"
      from ${from} where ${where}
      order by case b.state when 'breached' then 0 when 'overdue' then 1 when 'due_soon' then 2 else 3 end,
        b.due_on, m.name limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from ${from} where ${where}`),
    ctx.database.rows<{ kind: string; state: string; n: number }>(sql`
      select b.kind, b.state, count(*)::int as n from ${from}
      where ${org ? sql`o.path <@ ${org.path}::ltree` : sql`true`} and m.exit_kind is null
      group by b.kind, b.state`),
  ]);
  return { items, total: count?.n ?? 0, summary };
}

const kindLabels: Record<string, string> = {
  monthly_contact: '一月一联系',
  monthly_report: '一月一汇报',
  org_life: '组织生活',
  yearly_review: '一年一评议',
};
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
  q: { orgId?: string; state?: string; kind?: string },
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
  for (const o of items as Record<string, string>[]) {
    sheet.addRow({ ...o, kind: kindLabels[o.kind!] ?? o.kind, state: stateLabels[o.state!] ?? o.state });
  }
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
