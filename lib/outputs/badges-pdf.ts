import {
  drawTicketQr,
  FONT,
  FONT_BOLD,
  fitText,
  newPdf,
  type Pdf,
  pdfBytes,
  ticketNumber,
} from './pdf';

// Badges: one per page for a single person (a badge printer's card), or eight to an
// A4 sheet (two columns, four rows) with dashed cut lines and a margin all round.

export type Badge = {
  firstName: string;
  lastName: string;
  /** Null where the event's confidentiality keeps organisations off badges. */
  organisation: string | null;
  eventTitle: string;
  ticketCode: string;
};

const MM = 72 / 25.4;
const A4: [number, number] = [595.28, 841.89];
export const SHEET = { columns: 2, rows: 4, margin: 10 * MM };
export const PER_SHEET = SHEET.columns * SHEET.rows;
const BADGE_W = (A4[0] - 2 * SHEET.margin) / SHEET.columns;
const BADGE_H = (A4[1] - 2 * SHEET.margin) / SHEET.rows;
const PAD = 4 * MM;
const QR = 26 * MM;
const BLUE = '#000091';

function drawBadge(doc: Pdf, badge: Badge, x: number, y: number) {
  const inner = BADGE_W - 2 * PAD;
  doc.fillColor(BLUE);
  fitText(
    doc,
    badge.eventTitle,
    { x: x + PAD, y: y + PAD, width: inner, lines: 2, max: 9.5, min: 7 },
    { font: FONT_BOLD },
  );
  const rule = y + PAD + 26;
  doc
    .moveTo(x + PAD, rule)
    .lineTo(x + BADGE_W - PAD, rule)
    .lineWidth(1.5)
    .strokeColor(BLUE)
    .stroke();
  doc.fillColor('#161616');
  const nameHeight = fitText(
    doc,
    `${badge.firstName} ${badge.lastName}`,
    { x: x + PAD, y: rule + 6, width: inner, lines: 2, max: 20, min: 10 },
    { font: FONT_BOLD },
  );
  const qrTop = y + BADGE_H - PAD - QR - 9;
  if (badge.organisation) {
    fitText(doc, badge.organisation, {
      x: x + PAD,
      y: rule + 6 + nameHeight + 4,
      width: inner - QR - 3 * MM,
      lines: 3,
      max: 11,
      min: 7.5,
    });
  }
  drawTicketQr(doc, badge.ticketCode, x + BADGE_W - PAD - QR, qrTop, QR);
  doc.fillColor('#3a3a3a');
  doc
    .font(FONT)
    .fontSize(7)
    .text(ticketNumber(badge.ticketCode), x + BADGE_W - PAD - QR, qrTop + QR + 1, {
      width: QR,
      align: 'center',
      lineBreak: false,
    });
}

function cutLines(doc: Pdf, x: number, y: number) {
  doc
    .save()
    .rect(x, y, BADGE_W, BADGE_H)
    .lineWidth(0.4)
    .dash(3, { space: 3 })
    .strokeColor('#929292')
    .stroke()
    .undash()
    .restore();
}

/** Eight badges to an A4 page, in the order given. */
export async function badgeSheetPdf(badges: Badge[], title: string, lang: string) {
  const doc = newPdf({ size: 'A4', title, lang });
  badges.forEach((badge, i) => {
    const slot = i % PER_SHEET;
    if (slot === 0) doc.addPage();
    const x = SHEET.margin + (slot % SHEET.columns) * BADGE_W;
    const y = SHEET.margin + Math.floor(slot / SHEET.columns) * BADGE_H;
    cutLines(doc, x, y);
    drawBadge(doc, badge, x, y);
  });
  return pdfBytes(doc);
}

/** One person's badge, on a page of its own size. */
export async function singleBadgePdf(badge: Badge, title: string, lang: string) {
  const doc = newPdf({ size: [BADGE_W, BADGE_H], title, lang });
  doc.addPage();
  drawBadge(doc, badge, 0, 0);
  return pdfBytes(doc);
}
