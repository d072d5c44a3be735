import { disposalStepNames } from '@dangjian/core';
import PDFDocument from 'pdfkit';
import type { AppContext } from '../../context.js';
import { type Actor, authorize } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { findCjkFont } from '../letters/index.js';
import { decisionLabels, groundLabels, statusLabels } from './labels.js';
import { approverOfStep, proposedDecision } from './presenter.js';
import { loadDisposalInScope, stepRows } from './queries.js';

/**
 * The printable record of a case (RULES.md §6: each of the five steps recorded with date, body and
 * vote): 处置决定 once approved, 处理意见 while the procedure runs or after it was dropped. A4, one page
 * for the usual case; the organization signs and seals it on paper.
 */
export async function renderDecisionPdf(ctx: AppContext, actor: Actor, id: string): Promise<Buffer> {
  authorize(actor, 'disposal.read');
  const d = await loadDisposalInScope(ctx, actor, id);
  const steps = await stepRows(ctx, d.id);
  const font = findCjkFont(ctx.config.FONT_PATH);
  const title = d.status === 'decided' ? '处置决定' : '处理意见';
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${title}（${d.name}）` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', font.file, font.family);
  doc.font('cjk');
  const left = 50;
  const width = doc.page.width - 100;
  doc.fontSize(20).fillColor('#b71c1c').text(title, left, 50, { width, align: 'center' });
  doc
    .moveTo(left, 84)
    .lineTo(left + width, 84)
    .strokeColor('#b71c1c')
    .stroke();

  doc.fontSize(11).fillColor('#000');
  const facts: [string, string][] = [
    ['党员姓名', d.name],
    ['党员类别', d.memberKind === 'probationary' ? '预备党员' : '正式党员'],
    ['所在党支部', d.orgName],
    ['处置事由', groundLabels[d.ground]],
    ['具体情况', d.cause ?? '—'],
    ['列入日期', d.createdOn],
    ['当前状态', statusLabels[d.status]],
  ];
  let y = 96;
  for (const [label, value] of facts) {
    doc.text(`${label}：`, left, y, { width: 80 });
    doc.text(value, left + 80, y, { width: width - 80 });
    y = Math.max(y + 20, doc.y + 4);
  }

  y += 8;
  doc.fontSize(13).text('处置程序', left, y);
  y += 22;
  const cols = [
    { title: '步骤', w: 90 },
    { title: '日期', w: 70 },
    { title: '办理机关', w: 110 },
    { title: '表决情况', w: 120 },
    { title: '意见或决定', w: width - 390 },
  ];
  const row = (cells: string[], bold = false) => {
    let x = left;
    const height = Math.max(20, ...cells.map((c, i) => doc.heightOfString(c, { width: cols[i]!.w - 8 }) + 8));
    doc.fontSize(bold ? 10.5 : 10);
    cells.forEach((c, i) => {
      doc.rect(x, y, cols[i]!.w, height).strokeColor('#444').lineWidth(0.6).stroke();
      doc.text(c, x + 4, y + 4, { width: cols[i]!.w - 8 });
      x += cols[i]!.w;
    });
    y += height;
  };
  row(
    cols.map((c) => c.title),
    true,
  );
  disposalStepNames.forEach((name, i) => {
    const s = steps.find((r) => r.step === i + 1);
    const vote = s?.vote
      ? `应到 ${s.vote.due} 人，赞成 ${s.vote.for}、反对 ${s.vote.against}、弃权 ${s.vote.abstain}${
          s.passed === null ? '' : s.passed ? '，通过' : '，未通过'
        }`
      : '';
    const opinion = [s?.decision ? decisionLabels[s.decision] : '', s?.note ?? ''].filter(Boolean).join('；');
    row([`${i + 1}. ${name}`, s?.on ?? '', s?.body ?? '', vote, opinion]);
  });

  y += 16;
  doc.fontSize(11);
  const decision = d.decision ? decisionLabels[d.decision] : '（尚未作出）';
  doc.text(`处置决定：${decision}`, left, y, { width });
  y = doc.y + 6;
  if (d.followUpOn) {
    doc.text(`限期改正期满：${d.followUpOn}`, left, y, { width });
    y = doc.y + 6;
  }
  if (d.dismissedReason) {
    doc.text(`撤销原因：${d.dismissedReason}`, left, y, { width });
    y = doc.y + 6;
  }
  // The approver is named once the approval is recorded, and as proposed while the procedure runs.
  if (d.step === 5 || d.status === 'candidate' || d.status === 'in_procedure') {
    const label = d.step === 5 ? '审批机关' : '审批机关（拟）';
    doc.text(`${label}：${approverOfStep(5, d.decision ?? proposedDecision(d, steps))}`, left, y, { width });
    y = doc.y + 6;
  }
  y += 24;
  doc
    .text('党组织（盖章）', left + width - 200, y, { width: 200, align: 'center' })
    .text('负责人签字：____________', left + width - 200, y + 22, { width: 200, align: 'center' })
    .text(`打印日期：${today()}`, left + width - 200, y + 44, { width: 200, align: 'center' });
  doc.end();
  return done;
}
