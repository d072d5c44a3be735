import fs from 'node:fs';
import { type OutflowReason, outflowReasonLabels } from '@dangjian/core';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { AppError } from '../../lib/errors.js';

/** Debian's CJK fonts first (STACK.md); FONT_PATH wins. A .ttc needs the PostScript name of the face. */
const fontCandidates = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', family: 'NotoSerifCJKsc-Regular' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei' },
];

export function findCjkFont(configured?: string): { file: string; family?: string } {
  if (configured) {
    if (!fs.existsSync(configured))
      throw new AppError('FONT_MISSING', `FONT_PATH 指向的字体文件不存在：${configured}`);
    return { file: configured };
  }
  const found = fontCandidates.find((f) => fs.existsSync(f.file));
  if (!found) throw new AppError('FONT_MISSING');
  return found;
}

const kindTitle: Record<string, string> = {
  activity_certificate: '流动党员活动证',
  membership_certificate_letter: '党员证明信',
};

/** Rows of the host's record pages; the paper book leaves room for a year of monthly entries. */
const RECORD_ROWS = 12;

/** What the certificate prints, gathered by the module the letter was issued for. */
export interface CertificatePrint {
  letter: {
    kind: string;
    number: string;
    code: string;
    issuedOn: string;
    validUntil: string;
    issuedBy: string;
  };
  holder: {
    name: string;
    gender: string | null;
    joinedOn: string | null;
    kind: string | null;
    originOrgName: string;
    leftOn: string | null;
    expectedMonths: number | null;
    expectedReturnOn: string | null;
    reason: string | null;
    destination: string | null;
    inflowOrgName: string | null;
  };
}

/**
 * The printable certificate, laid out as the paper 流动党员活动证 is: the holder (name, gender, join
 * date, 正式/预备, a photo place), where from and where to, the issuing committee's seal and
 * signature, the verification QR; then a page for the inflow organization's records of
 * organizational life, dues and reviews (篇三: the host records what the holder did there).
 */
export async function renderCertificatePdf(
  fontPath: string | undefined,
  { letter, holder }: CertificatePrint,
  origin: string,
): Promise<Buffer> {
  const font = findCjkFont(fontPath);
  const verifyUrl = `${origin}/verify/${letter.code}`;
  const qr = await QRCode.toBuffer(verifyUrl, { margin: 1, width: 240 });
  const doc = new PDFDocument({
    size: 'A5',
    layout: 'landscape',
    margin: 36,
    info: { Title: kindTitle[letter.kind] },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('cjk', font.file, font.family);
  doc.font('cjk');
  const width = doc.page.width - 72;
  const title = kindTitle[letter.kind] ?? '证明';
  doc.fontSize(20).fillColor('#b71c1c').text(title, 36, 30, { width, align: 'center' });
  doc.fontSize(10).fillColor('#444').text(letter.number, 36, 58, { width, align: 'center' });
  doc
    .moveTo(36, 76)
    .lineTo(36 + width, 76)
    .strokeColor('#b71c1c')
    .stroke();

  // The holder and the stay, two items to a row where they are short (the paper card's grid).
  const expectedReturn = holder.expectedReturnOn
    ? holder.expectedReturnOn
    : holder.expectedMonths !== null
      ? `预计外出 ${holder.expectedMonths} 个月`
      : '—';
  const grid: [string, string][][] = [
    [
      ['姓　　名', holder.name],
      ['性　　别', holder.gender === 'female' ? '女' : '男'],
    ],
    [
      ['入党日期', holder.joinedOn ?? '—'],
      ['党员类别', holder.kind === 'probationary' ? '预备党员' : '正式党员'],
    ],
    [['所在党组织', holder.originOrgName]],
    [
      ['外出日期', holder.leftOn ?? '—'],
      ['预计返回', expectedReturn],
    ],
    [
      ['外出流向', holder.destination ?? '—'],
      [
        '外出原因',
        holder.reason ? (outflowReasonLabels[holder.reason as OutflowReason] ?? holder.reason) : '—',
      ],
    ],
    [['流入党组织', holder.inflowOrgName ?? '（到达后向当地党组织报到）']],
    [['发证党组织', letter.issuedBy]],
    [
      ['开具日期', letter.issuedOn],
      ['有效期至', letter.validUntil],
    ],
  ];
  const fieldsWidth = 372;
  let y = 86;
  doc.fontSize(10.5).fillColor('#000');
  for (const row of grid) {
    const cell = fieldsWidth / row.length;
    row.forEach(([label, value], i) => {
      const x = 40 + i * cell;
      doc.text(`${label}：`, x, y, { width: 66 });
      doc.text(String(value), x + 66, y, { width: cell - 70, height: 26, ellipsis: true });
    });
    y += 24;
  }

  // Photo place (一寸, 25 × 35 mm) and the QR beneath it.
  const right = 36 + width;
  const photo = { x: right - 80, y: 86, w: 71, h: 99 };
  doc.rect(photo.x, photo.y, photo.w, photo.h).dash(3, { space: 2 }).strokeColor('#888').stroke().undash();
  doc
    .fontSize(9)
    .fillColor('#888')
    .text('照片', photo.x, photo.y + 38, { width: photo.w, align: 'center' })
    .text('（一寸）', photo.x, photo.y + 52, { width: photo.w, align: 'center' });
  doc.image(qr, right - 168, 86, { width: 80 });
  doc
    .fontSize(8)
    .fillColor('#444')
    .text('核验码', right - 176, 170, { width: 96, align: 'center' })
    .text(letter.code, right - 176, 181, { width: 96, align: 'center' });

  // Seal and signatures: the paper is valid only with the issuing committee's seal.
  const sealY = Math.max(y + 6, 292);
  doc
    .fontSize(10.5)
    .fillColor('#000')
    .text('持证人签名：______________', 40, sealY + 14)
    .text('发证党组织（盖章）', right - 200, sealY, { width: 200, align: 'center' })
    .text('负责人签字：____________', right - 200, sealY + 20, { width: 200, align: 'center' })
    .text('______年____月____日', right - 200, sealY + 40, { width: 200, align: 'center' });
  doc
    .fontSize(8.5)
    .fillColor('#666')
    .text(
      letter.kind === 'activity_certificate'
        ? '持证党员可在流入地党组织参加组织生活、交纳党费，但不具有表决权、选举权和被选举权。扫码或凭核验码可核验真伪。'
        : '本证明信为临时组织关系证明，持有人不具有表决权、选举权和被选举权。扫码或凭核验码可核验真伪。',
      36,
      sealY + 62,
      { width },
    );

  // The inflow organization's pages: one line per month of life attended, dues paid and review.
  doc.addPage({ size: 'A5', layout: 'landscape', margin: 36 });
  doc.fontSize(14).fillColor('#b71c1c').text('流入地党组织记录', 36, 30, { width, align: 'center' });
  doc
    .fontSize(9)
    .fillColor('#444')
    .text(`持证人：${holder.name}　　编号：${letter.number}`, 36, 52, { width, align: 'center' });
  const cols = [
    { title: '日期', w: 62 },
    { title: '参加组织生活', w: 138 },
    { title: '交纳党费（月份、金额）', w: 118 },
    { title: '评议情况', w: 105 },
    { title: '流入党组织（盖章）', w: width - 62 - 138 - 118 - 105 },
  ];
  const top = 70;
  const head = 22;
  const line = 22;
  const tableHeight = head + RECORD_ROWS * line;
  doc.lineWidth(0.6).strokeColor('#444');
  doc.rect(36, top, width, tableHeight).stroke();
  let x = 36;
  doc.fontSize(9).fillColor('#000');
  for (const c of cols) {
    doc.text(c.title, x + 2, top + 6, { width: c.w - 4, align: 'center' });
    x += c.w;
    if (x < 36 + width)
      doc
        .moveTo(x, top)
        .lineTo(x, top + tableHeight)
        .stroke();
  }
  for (let i = 0; i <= RECORD_ROWS - 1; i++) {
    const ly = top + head + i * line;
    doc
      .moveTo(36, ly)
      .lineTo(36 + width, ly)
      .stroke();
  }
  doc
    .fontSize(8.5)
    .fillColor('#666')
    .text(
      '流入地党组织凭本证安排持证党员参加组织生活，按月记录组织生活、党费收缴和评议情况并加盖印章；持证党员返回时交原党组织存档。',
      36,
      top + tableHeight + 8,
      { width },
    );
  doc.end();
  return done;
}
