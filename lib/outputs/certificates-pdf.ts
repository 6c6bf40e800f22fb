import { translator } from '@/lib/i18n/catalogue';
import type { Certificate } from './certificates';
import { FONT, FONT_BOLD, fitText, newPdf, type Pdf, pdfBytes } from './pdf';

// The certificate: one A4 page (more only for a very long list of sessions), centred
// text, the sessions attended listed below.

const MARGIN = 64;
const BLUE = '#000091';
const GREY = '#3a3a3a';

function centred(doc: Pdf, text: string, size: number, font = FONT, gap = 10) {
  doc
    .font(font)
    .fontSize(size)
    .text(text, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN, align: 'center' });
  doc.y += gap;
}

function footer(doc: Pdf, text: string) {
  // Written in the bottom margin, where pdfkit would otherwise start a new page.
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc
    .font(FONT)
    .fontSize(8)
    .fillColor(GREY)
    .text(text, MARGIN, doc.page.height - MARGIN + 20, {
      width: doc.page.width - 2 * MARGIN,
      align: 'center',
      lineBreak: false,
    });
  doc.page.margins.bottom = bottom;
}

export async function certificatePdf(c: Certificate): Promise<Buffer> {
  const t = translator(c.locale, 'certificates');
  const doc = newPdf({ size: 'A4', title: t('pdf.title'), lang: c.locale, bufferPages: true });
  doc.addPage({ margin: MARGIN });
  const width = doc.page.width - 2 * MARGIN;
  doc.rect(0, 0, doc.page.width, 10).fill(BLUE);
  doc.fillColor(BLUE).font(FONT_BOLD).fontSize(10).text(t('pdf.issuer'), MARGIN, MARGIN);
  doc.y = 150;
  centred(doc, t('pdf.title').toLocaleUpperCase(c.locale), 24, FONT_BOLD, 30);
  doc.fillColor('#161616');
  centred(doc, t('pdf.certify'), 12);
  const top = doc.y;
  const nameHeight = fitText(
    doc,
    c.name,
    { x: MARGIN, y: top, width, lines: 2, max: 24, min: 14 },
    { font: FONT_BOLD, align: 'center' },
  );
  doc.y = top + nameHeight + 12;
  centred(doc, t('pdf.attended'), 12);
  centred(doc, c.eventTitle, 16, FONT_BOLD, 8);
  centred(doc, t('pdf.dates', { dates: c.dates }), 11, FONT, 2);
  centred(doc, t('pdf.place', { place: c.place }), 11, FONT, 28);
  if (c.sessions.length > 0) {
    doc.font(FONT_BOLD).fontSize(12).text(t('pdf.sessions'), MARGIN, doc.y, { width });
    doc.y += 6;
    for (const s of c.sessions) {
      doc
        .font(FONT_BOLD)
        .fontSize(10.5)
        .text(s.title, MARGIN + 12, doc.y, { width: width - 12 });
      doc
        .font(FONT)
        .fontSize(9.5)
        .fillColor(GREY)
        .text(s.when, MARGIN + 12, doc.y, { width: width - 12 });
      doc.fillColor('#161616');
      doc.y += 6;
    }
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    footer(doc, t('pdf.footer', { date: c.issuedOn, reference: c.reference }));
  }
  return pdfBytes(doc);
}
