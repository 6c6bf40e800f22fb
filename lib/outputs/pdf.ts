import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { ticketQrPath } from '@/lib/registrations/ticket';

// PDF helpers shared by badges and certificates: pdfkit with DejaVu Sans embedded (and
// subset), which covers Latin with its accents, Greek and Cyrillic — names come from
// every country, and the 14 standard PDF fonts know Western European letters only.

export const FONT = 'Passerelle';
export const FONT_BOLD = 'Passerelle-Bold';

let fonts: { regular: Buffer; bold: Buffer } | null = null;

function loadFonts() {
  if (!fonts) {
    // Resolved from the project at run time, not by the bundler.
    const resolve = createRequire(path.join(process.cwd(), 'package.json')).resolve;
    const file = (name: string) => readFileSync(resolve(`dejavu-fonts-ttf/ttf/${name}`));
    fonts = { regular: file('DejaVuSans.ttf'), bold: file('DejaVuSans-Bold.ttf') };
  }
  return fonts;
}

export type Pdf = InstanceType<typeof PDFDocument>;

/** A new document with the embedded fonts registered (none of pdfkit's standard fonts is read). */
export function newPdf(options: {
  size: [number, number] | 'A4';
  title: string;
  lang: string;
  /** Keeps pages open to write on each once all are laid out (page footers). */
  bufferPages?: boolean;
}) {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: options.size,
    margin: 0,
    autoFirstPage: false,
    bufferPages: options.bufferPages ?? false,
    // pdfkit takes a font's bytes here too; its types name a path only.
    font: regular as unknown as string,
    lang: options.lang,
    displayTitle: true,
    info: { Title: options.title, Creator: 'Passerelle', Producer: 'Passerelle' },
  });
  doc.registerFont(FONT, regular);
  doc.registerFont(FONT_BOLD, bold);
  return doc;
}

/** The finished document's bytes. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/**
 * Writes `text` in the box, in the largest size from `max` down to `min` that fits on
 * `lines` lines; what still does not fit at `min` ends with an ellipsis.
 */
export function fitText(
  doc: Pdf,
  text: string,
  box: { x: number; y: number; width: number; lines: number; max: number; min: number },
  options: { font?: string; align?: 'left' | 'center' | 'right' } = {},
): number {
  doc.font(options.font ?? FONT);
  let size = box.max;
  const words = text.split(/\s+/);
  // A size fits when no word has to be cut and the lines needed are not too many.
  const fits = (s: number) => {
    doc.fontSize(s);
    return (
      words.every((w) => doc.widthOfString(w) <= box.width) &&
      doc.heightOfString(text, { width: box.width }) <= doc.currentLineHeight(true) * box.lines
    );
  };
  while (size > box.min && !fits(size)) size -= 0.5;
  doc.fontSize(size);
  const height = doc.currentLineHeight(true) * box.lines;
  doc.text(text, box.x, box.y, {
    width: box.width,
    height,
    ellipsis: true,
    align: options.align ?? 'left',
  });
  return Math.min(height, doc.heightOfString(text, { width: box.width }));
}

/** The ticket's QR code, the very payload scanned at the door, drawn as vectors. */
export function drawTicketQr(doc: Pdf, ticketCode: string, x: number, y: number, side: number) {
  const { size, d } = ticketQrPath(ticketCode);
  doc.save();
  doc.rect(x, y, side, side).fill('#ffffff');
  doc
    .translate(x, y)
    .scale(side / size)
    .path(d)
    .fill('#000000');
  doc.restore();
}

/** The number printed under a ticket's QR code (as on the manage page). */
export const ticketNumber = (ticketCode: string) => ticketCode.slice(0, 8).toUpperCase();
