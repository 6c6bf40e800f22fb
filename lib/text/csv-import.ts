import { LOCALES, type Locale } from '@/lib/people/enums';
import { CsvSyntaxError, parseCsv } from './csv';

// What every CSV import shares (invitations, designation rosters): reading the bytes as
// UTF-8, matching the header row's names in French or English, the file-level errors,
// and the shape of a row's errors. Messages are catalogue keys; each import names the
// prefix under which its file errors live (e.g. `rosters.file.`).

/** An error of the whole file: a catalogue key and its placeholders. */
export type FileError = { key: string; params?: Record<string, string | number> };

/** One error of a row: the column it is about (null: the whole row) and its message key. */
export type RowError<F extends string> = {
  field: F | null;
  key: string;
  params?: Record<string, string | number>;
};

/** "Prénom", "first_name", "E-mail " → "prenom", "first name", "e mail". */
export function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The names an e-mail, first-name and last-name column goes by, in French and English. */
export const PERSON_COLUMNS = {
  email: [
    'email',
    'e mail',
    'mail',
    'courriel',
    'email address',
    'e mail address',
    'adresse electronique',
    'adresse email',
    'adresse e mail',
    'adresse mail',
    'adresse courriel',
  ],
  firstName: ['first name', 'firstname', 'given name', 'forename', 'prenom'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'nom', 'nom de famille'],
  locale: ['language', 'langue', 'lang', 'locale', 'langue des courriels', 'mail language'],
};

/** The language of a cell ("fr", "Français", "english"…), or undefined when unknown. */
export function languageOf(cell: string): Locale | undefined {
  const LANGUAGES: Record<string, Locale> = {
    francais: 'fr',
    french: 'fr',
    anglais: 'en',
    english: 'en',
  };
  const name = plain(cell);
  return (LOCALES as readonly string[]).includes(name) ? (name as Locale) : LANGUAGES[name];
}

/** Reads an uploaded file as UTF-8 (with or without its byte order mark), or says why not. */
export function decodeUtf8(
  bytes: Uint8Array,
  maxBytes: number,
  prefix: string,
): { text: string } | { error: FileError } {
  if (bytes.byteLength > maxBytes) {
    return { error: { key: `${prefix}tooLarge`, params: { kb: Math.round(maxBytes / 1024) } } };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: { key: `${prefix}notUtf8` } };
  }
}

export type CsvTable<F extends string> =
  | { fileError: FileError }
  | {
      fileError: null;
      /** The field each column of the header names (null: a column not read). */
      columns: (F | null)[];
      body: { line: number; fields: string[] }[];
    };

type TableOptions<F extends string> = {
  /** For each field, the plain names (see `plain`) its column may have. */
  columns: Record<F, string[]>;
  required: readonly F[];
  maxRows: number;
  /** Where the file errors live in the catalogue, e.g. `rosters.file.`. */
  prefix: string;
};

/**
 * Splits a file into its header and its rows, or gives the one error of the whole file:
 * malformed, empty, a column named twice, a required column missing, no rows, too many.
 * Blank lines are skipped; unknown columns are ignored.
 */
export function readCsvTable<F extends string>(
  text: string,
  options: TableOptions<F>,
): CsvTable<F> {
  const fail = (key: string, params?: FileError['params']) => ({
    fileError: { key: `${options.prefix}${key}`, params },
  });
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text).filter((r) => r.fields.some((f) => f.trim() !== ''));
  } catch (error) {
    if (error instanceof CsvSyntaxError) return fail('malformed', { line: error.line });
    throw error;
  }
  const [header, ...body] = records;
  if (!header) return fail('empty');
  const names = Object.entries(options.columns) as [F, string[]][];
  const columns = header.fields.map((h) => {
    const name = plain(h);
    return names.find(([, aliases]) => aliases.includes(name))?.[0] ?? null;
  });
  const seen = new Set<F>();
  for (const c of columns) {
    if (c && seen.has(c)) return fail('duplicateColumn', { column: c });
    if (c) seen.add(c);
  }
  if (options.required.some((f) => !seen.has(f))) return fail('missingColumns');
  if (body.length === 0) return fail('noRows');
  if (body.length > options.maxRows) {
    return fail('tooManyRows', { max: options.maxRows, count: body.length });
  }
  return { fileError: null, columns, body };
}

/** The cells of a row by field, and an error when it has more cells than named columns. */
export function cellsOf<F extends string>(
  cells: string[],
  columns: (F | null)[],
  empty: Record<F, string>,
  tooManyCellsKey: string,
): { values: Record<F, string>; errors: RowError<F>[] } {
  const values = { ...empty };
  const errors: RowError<F>[] = [];
  cells.forEach((cell, i) => {
    const column = columns[i];
    if (column) values[column] = cell;
    else if (i >= columns.length && cell.trim() !== '' && errors.length === 0) {
      errors.push({ field: null, key: tooManyCellsKey });
    }
  });
  return { values, errors };
}

// Cells a spreadsheet would read as a formula (CSV injection): written with a leading
// apostrophe, which spreadsheets show as text, and which an import takes off again.
const FORMULA = /^[=+\-@\t\r]/;

/** One CSV line, `;`- and `,`-safe: fields with a separator, quote or line break quoted. */
export function csvLine(cells: string[], separator: ';' | ',' = ';'): string {
  return cells
    .map((cell) => {
      const safe = FORMULA.test(cell) ? `'${cell}` : cell;
      return /[;,"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
    })
    .join(separator);
}

/** A cell as written by `csvLine`, without the apostrophe that guarded a formula. */
export function unguard(cell: string): string {
  return cell.startsWith("'") && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell;
}
