import { randomUUID } from 'node:crypto';
import { formatYuan, parseYuan } from '@dangjian/core';
import { type SQL, sql } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import type { AppContext } from '../../../context.js';
import type { Executor } from '../../../db/engine.js';
import { type Actor, authorize, loadOrgInScope, subtree } from '../../../lib/authz.js';
import { AppError, isUniqueViolation } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { findCjkFont } from '../../letters/index.js';
import { heldFor } from './remittance.js';

interface PublicationRow {
  id: string;
  orgId: string;
  orgName: string;
  year: number;
  collected: string;
  remitted: string;
  used: { item: string; amount: string }[];
  publishedOn: string;
  note: string | null;
}

function publications(ctx: AppContext, where: SQL, ex?: Executor) {
  return ctx.database.rows<PublicationRow>(
    sql`select p.id, p.org_id as "orgId", o.name as "orgName", p.year, p.collected::text as collected,
        p.remitted::text as remitted, p.used, p.published_on::text as "publishedOn", p.note
      from dues_publications p join orgs o on o.id = p.org_id
      where ${where} order by p.year desc, o.name, p.id`,
    ex,
  );
}

const fenOf = (amount: string) => {
  const f = parseYuan(amount);
  if (f === null) throw new AppError('INVALID_AMOUNT', `金额格式不正确：${amount}`);
  return f;
};

/**
 * 每年公布一次党费收缴、使用情况 (篇二 L226; issue 10 §6): the organization's year as the ledger has it —
 * `collected` what it held for the year's months (its own collection, voluntary dues, and what the level
 * below remitted to it), `remitted` what it sent up for periods starting in the year — and the uses the
 * branch lists. Once per organization and year; it fulfils the `dues_publication` obligation.
 */
export async function publishDues(
  ctx: AppContext,
  actor: Actor,
  body: {
    orgId: string;
    year: number;
    used: { item: string; amount: string }[];
    publishedOn: string;
    note?: string | undefined;
  },
) {
  authorize(actor, 'dues.write');
  const org = await loadOrgInScope(ctx.database, actor, body.orgId);
  const used = body.used.map((u) => ({ item: u.item, amount: formatYuan(fenOf(u.amount)) }));
  return write(ctx, actor, async (tx, w) => {
    const y = String(body.year);
    const collected = await heldFor(ctx, org.id, `${y}-01`, `${y}-12`, tx);
    const [sent] = await ctx.database.rows<{ remitted: string }>(
      sql`select coalesce(sum(amount), 0)::numeric(14, 2)::text as remitted from dues_remittances
        where from_org_id = ${org.id} and left(from_month, 4) = ${y}`,
      tx,
    );
    const id = randomUUID();
    try {
      await ctx.database.rows(
        sql`insert into dues_publications (id, org_id, year, collected, remitted, used, note, published_on,
            published_by)
          values (${id}, ${org.id}, ${body.year}, ${collected}::numeric, ${sent?.remitted ?? '0.00'}::numeric,
            ${JSON.stringify(used)}::jsonb, ${body.note ?? null}, ${body.publishedOn}::date, ${actor.userId})`,
        tx,
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('PUBLICATION_EXISTS');
      throw err;
    }
    const [row] = await publications(ctx, sql`p.id = ${id}`, tx);
    w.audit({
      action: 'dues.publish',
      entity: 'dues_publication',
      entityId: id,
      orgId: org.id,
      orgPath: org.path,
      after: row,
    });
    w.affects({ orgIds: [org.id] });
    return row!;
  });
}

export async function listPublications(
  ctx: AppContext,
  actor: Actor,
  q: { orgId: string; year?: number | undefined },
) {
  authorize(actor, 'dues.read');
  const org = await loadOrgInScope(ctx.database, actor, q.orgId);
  const year = q.year === undefined ? sql`true` : sql`p.year = ${q.year}`;
  return { items: await publications(ctx, sql`p.org_id = ${org.id} and ${year}`) };
}

/** The portal's page: what the member's own branch published (issue 10 §6 "a portal page"). */
export async function myPublications(ctx: AppContext, actor: Actor) {
  if (actor.role !== 'member' || !actor.memberId) throw new AppError('NOT_FOUND');
  return {
    items: await publications(ctx, sql`p.org_id = (select org_id from members where id = ${actor.memberId})`),
  };
}

/** One publication for staff in scope, or for a member of the branch that published it; else 404. */
async function visiblePublication(ctx: AppContext, actor: Actor, id: string) {
  const where =
    actor.role === 'member'
      ? sql`p.org_id = (select org_id from members where id = ${actor.memberId ?? null}::uuid)`
      : sql`${subtree(actor, sql`o.path`)}`;
  if (actor.role !== 'member') authorize(actor, 'dues.read');
  const [row] = await publications(ctx, sql`p.id = ${id}::uuid and ${where}`);
  if (!row) throw new AppError('PUBLICATION_NOT_FOUND');
  return row;
}

/** The printable notice: collection, remittance, each use, and what remains (PDF with a CJK font). */
export async function publicationPdf(ctx: AppContext, actor: Actor, id: string) {
  const p = await visiblePublication(ctx, actor, id);
  const font = findCjkFont(ctx.config.FONT_PATH);
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${p.year}年度党费收缴使用情况` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', font.file, font.family);
  doc.font('cjk');
  const width = doc.page.width - 112;
  doc.fontSize(18).fillColor('#b71c1c').text(`${p.orgName}`, { width, align: 'center' });
  doc.fontSize(16).text(`${p.year} 年度党费收缴、使用情况公布`, { width, align: 'center' });
  doc.moveDown().fillColor('#000').fontSize(12);
  const usedFen = p.used.reduce((s, u) => s + fenOf(u.amount), 0n);
  const balance = fenOf(p.collected) - fenOf(p.remitted) - usedFen;
  const line = (label: string, amount: string) => {
    const y = doc.y;
    doc.text(label, 56, y, { width: width - 140 });
    doc.text(`${amount} 元`, 56 + width - 140, y, { width: 140, align: 'right' });
    doc.moveDown(0.4);
  };
  line('一、本年度收缴党费（含自愿多交）', p.collected);
  line('二、上缴上级党组织', p.remitted);
  doc.text('三、党费使用情况');
  doc.moveDown(0.4);
  if (p.used.length === 0) line('　　（本年度未使用）', '0.00');
  for (const u of p.used) line(`　　${u.item}`, u.amount);
  line('　　使用合计', formatYuan(usedFen));
  line('四、结余', formatYuan(balance));
  if (p.note) {
    doc.moveDown();
    doc.text(`说明：${p.note}`, { width });
  }
  doc.moveDown(2);
  doc.text(`${p.orgName}`, { width, align: 'right' });
  doc.text(`公布日期：${p.publishedOn}`, { width, align: 'right' });
  doc.end();
  return { body: await done, name: `${p.orgName}-${p.year}年度党费公布.pdf` };
}
