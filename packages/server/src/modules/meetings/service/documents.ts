import {
  type EscalationCause,
  type EscalationKind,
  escalationCauseNames,
  type MeetingType,
  meetingTypeNames,
  type OrgEscalationKind,
} from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import type { AppContext } from '../../../context.js';
import {
  type Actor,
  authorize,
  isUuid,
  memberSubtree,
  resolveScopeOrg,
  underOrgId,
} from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { findCjkFont } from '../../letters/index.js';

interface Doc {
  title: string;
  number: string | null;
  /** Whom it is addressed to, before the body (`XX同志：`). */
  to: string | null;
  paragraphs: string[];
  table?: { head: string[]; rows: string[][] };
  signer: string;
  date: string;
}

/** One printed notice: title, number, body, an optional table, the 签章 line and the date (A4). */
async function renderDoc(fontPath: string | undefined, d: Doc): Promise<Buffer> {
  const font = findCjkFont(fontPath);
  const doc = new PDFDocument({ size: 'A4', margin: 64, info: { Title: d.title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', font.file, font.family);
  doc.font('cjk');
  const width = doc.page.width - 128;
  doc.fontSize(22).fillColor('#b71c1c').text(d.title, { width, align: 'center' });
  if (d.number) doc.moveDown(0.3).fontSize(11).fillColor('#444').text(d.number, { width, align: 'center' });
  doc.moveDown(1.2).fontSize(12).fillColor('#000');
  if (d.to) doc.text(d.to, { width }).moveDown(0.4);
  for (const p of d.paragraphs) doc.text(`　　${p}`, { width, lineGap: 4 }).moveDown(0.4);
  if (d.table && d.table.rows.length > 0) {
    const cols = d.table.head.length;
    const colWidth = width / cols;
    const line = (cells: string[]) => {
      const y = doc.y;
      for (const [i, c] of cells.entries()) doc.text(c, 64 + i * colWidth, y, { width: colWidth - 6 });
      doc.x = 64;
      doc.moveDown(0.3);
    };
    doc.moveDown(0.4).fontSize(11);
    line(d.table.head);
    for (const r of d.table.rows) line(r);
    doc.fontSize(12);
  }
  doc.moveDown(2);
  doc.text(`${d.signer}（签章）`, 64, doc.y, { width, align: 'right' });
  doc.moveDown(0.4).text(d.date, { width, align: 'right' });
  doc.end();
  return done;
}

interface EscalationRow {
  id: string;
  kind: EscalationKind;
  cause: EscalationCause;
  createdOn: string;
  number: string | null;
  memberId: string;
  name: string;
  orgName: string;
  meetingType: MeetingType | null;
  meetingTopic: string | null;
}

const escalationSelect = sql`select e.id, e.kind, e.cause, e.created_on::text as "createdOn", e.number,
    e.member_id as "memberId", m.name, o.name as "orgName", mt.type as "meetingType", mt.topic as "meetingTopic"
  from escalations e join members m on m.id = e.member_id join orgs o on o.id = e.org_id
    left join meetings mt on mt.id = e.meeting_id`;

/** The member's absences (or leaves, for the leave 情形) of the year up to the escalation: the cause listed. */
function causeMeetings(ctx: AppContext, e: EscalationRow) {
  const status = e.cause === 'excessive_leave' ? 'excused' : 'absent';
  const from =
    e.kind === 'lapse_candidate'
      ? sql`(${e.createdOn}::date - interval '12 months')::date`
      : sql`${`${e.createdOn.slice(0, 4)}-01-01`}::date`;
  return ctx.database.rows<{ type: MeetingType; heldOn: string; topic: string }>(
    sql`select mt.type, mt.held_on::text as "heldOn", mt.topic
        from meeting_attendance a join meetings mt on mt.id = a.meeting_id
        where a.member_id = ${e.memberId} and a.status = ${status}
          and a.held_on between ${from} and ${e.createdOn}::date
        order by a.held_on, mt.topic`,
  );
}

function memberDoc(e: EscalationRow, missed: { type: MeetingType; heldOn: string; topic: string }[]): Doc {
  const cause = escalationCauseNames[e.cause];
  const meeting = e.meetingType
    ? `${meetingTypeNames[e.meetingType]}（${e.meetingTopic ?? ''}）`
    : '组织生活';
  const table = {
    head: ['日期', '会议', '议题'],
    rows: missed.map((m) => [m.heldOn, meetingTypeNames[m.type], m.topic]),
  };
  const base = { number: e.number, signer: e.orgName, date: e.createdOn };
  switch (e.kind) {
    case 'sms_reminder':
      return {
        ...base,
        title: '组织生活提醒（短信）',
        to: `${e.name}同志：`,
        paragraphs: [
          `您未请假缺席了 ${e.createdOn} 召开的${meeting}。按照党支部组织生活制度，无故缺席组织生活将依次给予短信提醒、警戒书等处理，请按时参加组织生活，确有困难的请事先向党支部请假。【${e.orgName}】`,
        ],
      };
    case 'warning_letter':
      return {
        ...base,
        title: '警戒书',
        to: `${e.name}同志：`,
        paragraphs: [
          `经党支部核实，你存在“${cause}”的情形（篇三 街道 三(二)）。截至 ${e.createdOn}，本年度相关记录如下。`,
          '现向你发出警戒书，请认真对照党章和党员义务，切实改正，按时参加党的组织生活。一年内累计收到两份警戒书的，党支部将按程序认定为落后党员。',
        ],
        table,
      };
    case 'backward_member':
      return {
        ...base,
        title: '落后党员认定建议',
        to: null,
        paragraphs: [
          `${e.name}同志为${e.orgName}党员，本年度因“${escalationCauseNames.unexcused_absence}”等情形累计收到两份警戒书（${cause}）。`,
          '根据有关规定，建议认定其为落后党员，转入整转支部管理约半年，期满后由党支部进行评议，视表现作出处理（RULES.md §6）。',
        ],
        table,
      };
    case 'lapse_candidate':
      return {
        ...base,
        title: '自行脱党情形核查说明',
        to: null,
        paragraphs: [
          `${e.name}同志为${e.orgName}党员，存在“${cause}”的情形：截至 ${e.createdOn}，连续缺席组织生活且无正当理由，记录如下。`,
          '依照党章第九条，党员连续六个月不参加党的组织生活、不交纳党费或不做党所分配的工作，就被认为是自行脱党。请党支部核实有无正当理由，并按程序提出处理意见，报上级党组织审批。',
        ],
        table,
      };
  }
}

/** `GET /api/escalations/:id/document`: the escalation's printed document, for its organization's staff. */
export async function escalationDocument(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'member.read');
  const [e] = isUuid(id)
    ? await ctx.database.rows<EscalationRow>(
        sql`${escalationSelect} where e.id = ${id} and ${memberSubtree(actor, sql`e.org_id`)}`,
      )
    : [];
  if (!e) throw new AppError('NOT_FOUND', '预警处理记录不存在');
  const missed = e.kind === 'sms_reminder' ? [] : await causeMeetings(ctx, e);
  const d = memberDoc(e, missed);
  return { body: await renderDoc(ctx.config.FONT_PATH, d), name: `${d.title}-${e.name}-${e.createdOn}.pdf` };
}

const orgDocTitle: Record<OrgEscalationKind, string> = {
  written_reminder: '书面提醒',
  admonition_talk: '诫勉谈话记录',
  org_disposal: '组织处置通知',
};

/** `GET /api/org-escalations/:id/document`: the ladder's document (篇三 街道 六(一)). */
export async function orgEscalationDocument(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'org.read');
  const [e] = isUuid(id)
    ? await ctx.database.rows<{
        kind: OrgEscalationKind;
        period: string;
        createdOn: string;
        number: string | null;
        orgName: string;
        parentName: string | null;
        missed: string | null;
      }>(
        sql`select e.kind, e.period, e.created_on::text as "createdOn", e.number, o.name as "orgName",
              p.name as "parentName",
              (select string_agg(x.period, '、' order by x.period) from org_escalations x
                 where x.org_id = e.org_id and left(x.period, 4) = left(e.period, 4) and x.period <= e.period) as missed
            from org_escalations e join orgs o on o.id = e.org_id left join orgs p on p.id = o.parent_id
            where e.id = ${id} and ${memberSubtree(actor, sql`e.org_id`)}`,
      )
    : [];
  if (!e) throw new AppError('NOT_FOUND', '组织生活督办记录不存在');
  const signer = e.parentName ?? '上级党组织';
  const facts = `${e.orgName}于 ${e.period} 未开展组织生活（三会一课、主题党日等），本年度未开展的月份：${e.missed ?? e.period}。`;
  const paragraphs: Record<OrgEscalationKind, string[]> = {
    written_reminder: [
      facts,
      '根据篇三 街道 六(一)“未按规定开展组织生活的，第一次书面提醒党支部书记”，现予书面提醒，请党支部书记组织按期召开会议、补齐记录，并于下月向上级党组织报告整改情况。',
    ],
    admonition_talk: [
      facts,
      '根据篇三 街道 六(一)“第二次对党支部书记进行诫勉谈话”，上级党组织与党支部书记进行诫勉谈话。谈话时间：＿＿＿＿；谈话人：＿＿＿＿；谈话要点及整改承诺：＿＿＿＿＿＿＿＿＿＿＿＿。',
    ],
    org_disposal: [
      facts,
      '根据篇三 街道 六(一)“第三次启动组织处置程序”，该党支部本年度已三次以上未按规定开展组织生活，现启动组织处置程序，由上级党组织调查核实并提出处理意见。',
    ],
  };
  const d: Doc = {
    title: orgDocTitle[e.kind],
    number: e.number,
    to: e.kind === 'written_reminder' ? `${e.orgName}书记：` : null,
    paragraphs: paragraphs[e.kind],
    signer,
    date: e.createdOn,
  };
  return { body: await renderDoc(ctx.config.FONT_PATH, d), name: `${d.title}-${e.orgName}-${e.period}.pdf` };
}

/** `GET /api/escalations?orgId=&year=&kind=`: the console's list of members' escalations in scope. */
export async function searchEscalations(
  ctx: AppContext,
  actor: Actor,
  q: { orgId?: string; year?: number; kind?: EscalationKind; page: number; pageSize: number },
) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, q.orgId);
  const conds: SQL[] = [underOrgId(actor, org, sql`e.org_id`)];
  if (q.year) conds.push(sql`e.created_on between ${`${q.year}-01-01`}::date and ${`${q.year}-12-31`}::date`);
  if (q.kind) conds.push(sql`e.kind = ${q.kind}`);
  const where = sql.join(conds, sql` and `);
  const [items, [count]] = await Promise.all([
    ctx.database.rows<Omit<EscalationRow, 'meetingType' | 'meetingTopic'> & { meetingId: string | null }>(
      sql`select e.id, e.kind, e.cause, e.created_on::text as "createdOn", e.number, e.meeting_id as "meetingId",
            e.member_id as "memberId", m.name, o.name as "orgName"
          from escalations e join members m on m.id = e.member_id join orgs o on o.id = e.org_id
          where ${where} order by e.created_on desc, e.id
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from escalations e where ${where}`),
  ]);
  return { items, total: count?.n ?? 0 };
}
