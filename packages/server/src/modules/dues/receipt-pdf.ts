import { addDuesMonths, type DuesChannel } from '@dangjian/core';
import PDFDocument from 'pdfkit';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../lib/authz.js';
import { authorize } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { findCjkFont } from '../letters/index.js';
import { loadPaymentInScope, type PaymentRow } from './queries.js';

const channelLabels: Record<DuesChannel, string> = {
  cash: '现金',
  bank_transfer: '银行转账',
  wechat: '微信',
  alipay: '支付宝',
  other: '其他',
};

/** Consecutive months as runs: 2026-01 至 2026-03、2026-05. */
function monthRuns(months: string[]): string {
  const runs: string[][] = [];
  for (const m of [...months].sort()) {
    const last = runs.at(-1);
    if (last && addDuesMonths(last.at(-1)!, 1) === m) last.push(m);
    else runs.push([m]);
  }
  return runs.map((r) => (r.length === 1 ? r[0] : `${r[0]} 至 ${r.at(-1)}`)).join('、');
}

/** The receipt of a confirmed payment: number, member, months, the assessed part and the voluntary part. */
export function renderReceipt(font: { file: string; family?: string }, p: PaymentRow): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A5',
    layout: 'landscape',
    margin: 40,
    info: { Title: `党费收据 ${p.receiptNumber}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', font.file, font.family);
  doc.font('cjk');
  const left = 40;
  const width = doc.page.width - 80;
  doc.fontSize(20).text('党 费 收 据', left, 40, { width, align: 'center' });
  doc.fontSize(10).fillColor('#444').text(`编号：${p.receiptNumber}`, left, 72, { width, align: 'right' });
  const lines: [string, string][] = [
    ['交纳人', p.memberName],
    ['所在党组织', p.orgName],
    ['交纳月份', monthRuns(p.months)],
    ['应交党费', `${p.due} 元`],
    ['自愿多交', p.surplus === '0.00' ? '—' : `${p.surplus} 元${p.largeDues ? '（大额党费）' : ''}`],
    ['合计', `${p.amount} 元`],
    [
      '交纳方式',
      `${channelLabels[p.channel as DuesChannel] ?? p.channel}${p.reference ? `（${p.reference}）` : ''}`,
    ],
    ['交纳日期', p.paidOn],
  ];
  if (p.paidByName)
    lines.push(['代缴人', `${p.paidByName}${p.paidByRelation ? `（${p.paidByRelation}）` : ''}`]);
  if (p.overrideReason) lines.push(['补交说明', p.overrideReason]);
  let y = 96;
  doc.fillColor('#000').fontSize(12);
  for (const [label, value] of lines) {
    doc.text(label, left, y, { width: 110 });
    doc.text(value, left + 120, y, { width: width - 120 });
    y += 24;
  }
  doc
    .fontSize(10)
    .fillColor('#444')
    .text(`收款组织（盖章）：${p.orgName}`, left, y + 16, { width: width / 2 })
    .text(`打印日期：${today()}`, left + width / 2, y + 16, { width: width / 2, align: 'right' });
  doc.end();
  return done;
}

/** A payment's receipt for staff in scope or the member; only a confirmed payment has one. */
export async function receiptPdf(ctx: AppContext, actor: Actor, id: string) {
  if (actor.role !== 'member') authorize(actor, 'dues.read');
  const payment = await loadPaymentInScope(ctx, actor, id);
  if (payment.status !== 'confirmed' || !payment.receiptNumber) {
    throw new AppError('PAYMENT_STATE', '该交纳记录尚未确认，没有收据');
  }
  const body = await renderReceipt(findCjkFont(ctx.config.FONT_PATH), payment);
  return { body, name: `党费收据-${payment.receiptNumber}.pdf` };
}
