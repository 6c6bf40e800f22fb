// A small CSV reader (RFC 4180): fields separated by `,` or `;` (French spreadsheets
// export `;`), quoted with `"`, a quote inside a quoted field doubled, line breaks inside
// quotes kept, CRLF, LF or CR between records, an optional UTF-8 byte order mark.
// Lenient where spreadsheets and hand-typed files are: spaces around a quoted field, and
// a quote inside an unquoted field (O"Neil) kept as it is.

export type CsvSeparator = ',' | ';';

/** One record and the line of the file it starts on (1-based), for error messages. */
export type CsvRecord = { line: number; fields: string[] };

/** A quoted field never closed, or text after a closing quote: the file is malformed there. */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`malformed CSV at line ${line}`);
    this.name = 'CsvSyntaxError';
  }
}

const BOM = '\uFEFF';

/** The separator of the header line: `;` when it has more of them than of `,`. */
export function detectSeparator(input: string): CsvSeparator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of input.startsWith(BOM) ? input.slice(1) : input) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseCsv(
  input: string,
  separator: CsvSeparator = detectSeparator(input),
): CsvRecord[] {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  // The current field was quoted and its closing quote is behind us.
  let closed = false;
  let line = 1;
  let recordLine = 1;
  const endField = () => {
    fields.push(field);
    field = '';
    closed = false;
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          closed = true;
        }
        continue;
      }
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
      field += c;
      continue;
    }
    if (c === separator) {
      endField();
      continue;
    }
    if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    if (closed) {
      // Only blanks may follow a closing quote before the separator or the line's end.
      if (c === ' ' || c === '\t') continue;
      throw new CsvSyntaxError(line);
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      continue;
    }
    field += c;
  }
  if (quoted) throw new CsvSyntaxError(recordLine);
  if (field !== '' || closed || fields.length > 0) endRecord();
  return records;
}
