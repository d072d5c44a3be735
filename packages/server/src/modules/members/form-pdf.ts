import { type MemberFormHeader, memberToFormRow } from '@dangjian/core';
import PDFDocument from 'pdfkit';
import type { AppContext } from '../../context.js';
import { type Actor, authorize, can } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { findCjkFont } from '../mobility/index.js';
import { presentMember, type Revealable } from './presenter.js';
import { loadMemberInScope } from './queries.js';
import { auditReveal } from './service/records.js';

/**
 * The 16 items of the 党员信息采集表 (DOMAIN.md `member_form`) as the paper form lays them out: two
 * to a row where they are short, a whole row for the ID number, the branch, the address and the
 * mobility item. Items 15 and 16 carry their dependent date or destination in brackets.
 */
const layout: (MemberFormHeader | [MemberFormHeader, MemberFormHeader])[][] = [
  ['姓名', '性别'],
  ['民族', '出生日期'],
  ['公民身份号码'],
  ['学历', '人员类别'],
  ['所在党支部'],
  ['加入党组织日期', '转为正式党员日期'],
  ['工作岗位', '联系电话'],
  ['家庭住址'],
  ['党籍状态', ['是否为失联党员', '失去联系日期']],
  [['是否为流动党员', '外出流向']],
];

/** One A4 page per member; ID number, phone and address in full only for a caller who may reveal them, audited. */
export async function renderMemberFormPdf(ctx: AppContext, actor: Actor, memberId: string): Promise<Buffer> {
  if (actor.role !== 'member') authorize(actor, 'member.read');
  const row = await loadMemberInScope(ctx, actor, memberId);
  const reveal: Revealable[] = can(actor, 'member.reveal') ? ['idNumber', 'phone', 'address'] : [];
  const font = findCjkFont(ctx.config.FONT_PATH);
  if (reveal.length > 0) await auditReveal(ctx, actor, row, reveal, 'form.pdf');
  const m = presentMember(ctx, row, reveal);
  const cells = memberToFormRow(
    {
      ...m,
      education: m.education as Parameters<typeof memberToFormRow>[0]['education'],
      branch: m.orgName,
      branchName: m.orgName,
    },
    ctx.regions,
  );
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `党员信息采集表 ${m.name}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', font.file, font.family);
  doc.font('cjk');
  const left = 48;
  const width = doc.page.width - 96;
  doc.fontSize(20).fillColor('#000').text('党员信息采集表', left, 56, { width, align: 'center' });
  doc
    .fontSize(10)
    .fillColor('#444')
    .text(`所在党组织：${m.orgName ?? '—'}`, left, 92, { width: width / 2 })
    .text(`打印日期：${today()}`, left + width / 2, 92, { width: width / 2, align: 'right' });

  const labelWidth = 116;
  const half = width / 2;
  const rowHeight = 44;
  let y = 112;
  let item = 0;
  const value = (h: MemberFormHeader | [MemberFormHeader, MemberFormHeader]) => {
    if (!Array.isArray(h)) return cells[h] ?? '';
    const [main, extra] = h;
    return cells[extra] ? `${cells[main] ?? ''}（${cells[extra]}）` : (cells[main] ?? '');
  };
  const caption = (h: MemberFormHeader | [MemberFormHeader, MemberFormHeader]) =>
    Array.isArray(h) ? `${h[0]}（${h[1]}）` : h;
  doc.lineWidth(0.8).strokeColor('#000');
  for (const line of layout) {
    const cellWidth = line.length === 1 ? width : half;
    line.forEach((h, i) => {
      item += 1;
      const x = left + i * half;
      doc.rect(x, y, labelWidth, rowHeight).stroke();
      doc.rect(x + labelWidth, y, cellWidth - labelWidth, rowHeight).stroke();
      const text = `${item}. ${caption(h)}`;
      doc.fontSize(10).fillColor('#000');
      const labelHeight = doc.heightOfString(text, { width: labelWidth - 10 });
      doc.text(text, x + 5, y + (rowHeight - labelHeight) / 2, { width: labelWidth - 10 });
      doc.fontSize(11.5);
      const valueText = value(h);
      const valueHeight = doc.heightOfString(valueText || ' ', { width: cellWidth - labelWidth - 16 });
      doc.text(valueText, x + labelWidth + 8, y + Math.max(4, (rowHeight - valueHeight) / 2), {
        width: cellWidth - labelWidth - 16,
        height: rowHeight - 8,
      });
    });
    y += rowHeight;
  }
  y += 28;
  doc
    .fontSize(11)
    .text('本人签字：____________', left, y)
    .text('填表日期：______年____月____日', left + half, y);
  y += 36;
  doc.text('党支部审核（盖章）：____________', left, y).text('审核人：____________', left + half, y);
  if (reveal.length === 0) {
    doc
      .fontSize(9)
      .fillColor('#666')
      .text('个人敏感信息（公民身份号码、联系电话、家庭住址）已部分隐去。', left, y + 40, { width });
  }
  doc.end();
  return done;
}
