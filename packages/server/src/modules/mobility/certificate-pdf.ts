import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../lib/authz.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { destinationNameOf, loadEpisode } from './queries.js';

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

/** The printable certificate: who, from which organization, to where, until when, and how to verify it. */
export async function renderCertificatePdf(
  ctx: AppContext,
  actor: Actor,
  episodeId: string,
  origin: string,
): Promise<Buffer> {
  const episode = await loadEpisode(ctx, actor, episodeId);
  const [letter] = await ctx.database.rows<{
    kind: string;
    number: string;
    code: string;
    status: string;
    issuedOn: string;
    validUntil: string;
    issuedBy: string;
  }>(sql`select l.kind, l.number, l.code, l.status, l.issued_on::text as "issuedOn", l.valid_until::text as "validUntil",
           o.name as "issuedBy"
         from letters l join orgs o on o.id = l.issued_by_org_id
         where l.episode_id = ${episode.id} order by l.created_at desc limit 1`);
  if (!letter) throw new AppError('LETTER_NOT_FOUND', '尚未开具证明');
  // A void paper must not be printable looking valid.
  if (letter.status !== 'issued' || letter.validUntil < today()) {
    throw new AppError('LETTER_STATE', '该证明已作废或已过期，不能打印；如需要请补办');
  }
  const font = findCjkFont(ctx.config.FONT_PATH);
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
  doc
    .fontSize(22)
    .fillColor('#b71c1c')
    .text(kindTitle[letter.kind] ?? '证明', 36, 40, { width, align: 'center' });
  doc.fontSize(10).fillColor('#444').text(letter.number, 36, 72, { width, align: 'center' });
  doc
    .moveTo(36, 92)
    .lineTo(36 + width, 92)
    .strokeColor('#b71c1c')
    .stroke();
  const lines = [
    ['姓　　名', episode.memberName],
    ['所在党组织', episode.originOrgName],
    ['外出日期', episode.leftOn],
    ['外出流向', destinationNameOf(ctx, episode) ?? episode.destinationRegion ?? '—'],
    ['流入党组织', episode.inflowOrgName ?? '（到达后向当地党组织报到）'],
    ['开具单位', letter.issuedBy],
    ['开具日期', letter.issuedOn],
    ['有效期至', letter.validUntil],
  ];
  let y = 108;
  doc.fontSize(12).fillColor('#000');
  for (const [label, value] of lines) {
    doc.text(`${label}：`, 48, y, { width: 90 });
    doc.text(String(value), 140, y, { width: 250 });
    y += 24;
  }
  doc.image(qr, 36 + width - 150, 110, { width: 140 });
  doc
    .fontSize(9)
    .fillColor('#444')
    .text(`核验码：${letter.code}`, 36 + width - 160, 256, { width: 160, align: 'center' });
  doc
    .fontSize(9)
    .fillColor('#666')
    .text(
      letter.kind === 'activity_certificate'
        ? '持证党员可在流入地党组织参加组织生活、交纳党费，但不具有表决权、选举权和被选举权。扫码或凭核验码可核验真伪。'
        : '本证明信为临时组织关系证明，持有人不具有表决权、选举权和被选举权。扫码或凭核验码可核验真伪。',
      36,
      y + 10,
      { width },
    );
  doc.end();
  return done;
}
