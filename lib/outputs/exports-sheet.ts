import { strToU8, Zip, ZipDeflate } from 'fflate';
import { csvLine } from '@/lib/text/csv-import';

// The two shapes of an export, both written as the rows come from the database, batch
// by batch: nothing holds the whole list. A CSV (UTF-8 with its byte order mark, cells
// that a spreadsheet would take for a formula guarded as the roster export does) and an
// XLSX: a zip streamed with fflate around a minimal SpreadsheetML workbook whose text
// cells are inline strings (never evaluated, so no formula can hide in them).

export type Cell = string | number | null;

export type Sheet = {
  /** The worksheet's name (cut to what spreadsheets allow). */
  name: string;
  /** Who exported it and when, in words: the file's first row. */
  marker: string;
  header: string[];
  /** Rows, a batch at a time, as read from the database. */
  batches: AsyncIterable<Cell[][]>;
  exportedBy: string;
  exportedAt: Date;
};

const text = (cell: Cell) => (cell === null ? '' : String(cell));

/** The CSV of a sheet, chunk by chunk: BOM, the marker, the header, then the rows (CRLF). */
export async function* csvChunks(sheet: Sheet, separator: ';' | ','): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(
    `\uFEFF${csvLine([sheet.marker], separator)}\r\n${csvLine(sheet.header, separator)}\r\n`,
  );
  for await (const batch of sheet.batches) {
    if (batch.length === 0) continue;
    yield encoder.encode(
      `${batch.map((row) => csvLine(row.map(text), separator)).join('\r\n')}\r\n`,
    );
  }
}

// Characters XML 1.0 cannot carry (controls, lone surrogates, U+FFFE/F): dropped.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    name = String.fromCharCode(65 + r) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

/** One `<row>` of the worksheet; style 1 is the bold of the header. */
function rowXml(cells: Cell[], r: number, style = 0): string {
  const s = style ? ` s="${style}"` : '';
  const body = cells
    .map((cell, i) => {
      const ref = `${columnName(i)}${r}`;
      if (cell === null || cell === '') return '';
      if (typeof cell === 'number' && Number.isFinite(cell))
        return `<c r="${ref}"${s}><v>${cell}</v></c>`;
      return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(String(cell))}</t></is></c>`;
    })
    .join('');
  return `<row r="${r}">${body}</row>`;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Export';
}

/** The parts of the workbook around its one worksheet. */
function packageParts(sheet: Sheet): [string, string][] {
  const when = sheet.exportedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    [
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
    ],
    [
      // Who exported it and when, in the document's properties too.
      'docProps/core.xml',
      `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${xmlText(sheet.name)}</dc:title><dc:creator>${xmlText(sheet.exportedBy)}</dc:creator><dc:description>${xmlText(sheet.marker)}</dc:description><dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created></cp:coreProperties>`,
    ],
    [
      'xl/workbook.xml',
      `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="${xmlText(sheetName(sheet.name))}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `${XML}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>`,
    ],
  ];
}

/** The XLSX of a sheet, chunk by chunk, as the zip is written. */
export async function* xlsxChunks(sheet: Sheet): AsyncGenerator<Uint8Array> {
  let out: Uint8Array[] = [];
  let failure: Error | null = null;
  // fflate's synchronous deflate hands the zip's bytes over during each push.
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else out.push(data);
  });
  const take = () => {
    if (failure) throw failure;
    const chunks = out;
    out = [];
    if (chunks.length === 1) return chunks[0] as Uint8Array;
    const joined = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      joined.set(c, at);
      at += c.length;
    }
    return joined;
  };
  const mtime = sheet.exportedAt;
  for (const [name, content] of packageParts(sheet)) {
    const part = new ZipDeflate(name, { level: 6 });
    part.mtime = mtime;
    zip.add(part);
    part.push(strToU8(content), true);
  }
  const worksheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  worksheet.mtime = mtime;
  zip.add(worksheet);
  worksheet.push(
    strToU8(
      `${XML}<worksheet xmlns="${MAIN}"><sheetData>${rowXml([sheet.marker], 1)}${rowXml(sheet.header, 2, 1)}`,
    ),
  );
  yield take();
  let r = 2;
  for await (const batch of sheet.batches) {
    if (batch.length === 0) continue;
    worksheet.push(strToU8(batch.map((row) => rowXml(row, ++r)).join('')));
    const chunk = take();
    if (chunk.length > 0) yield chunk;
  }
  worksheet.push(strToU8('</sheetData></worksheet>'), true);
  zip.end();
  yield take();
}

/** A byte stream read as it is pulled: the database is read no faster than the client downloads. */
export function streamOf(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
