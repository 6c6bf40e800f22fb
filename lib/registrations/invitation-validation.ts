import { z } from 'zod';
import { LOCALES, type Locale } from '@/lib/people/enums';
import { CsvSyntaxError, parseCsv } from '@/lib/text/csv';
import { registrationInputSchema } from './validation';

// What an organiser types or uploads to invite people: the same rules as the fixed
// fields of the registration form (an invitee's name and e-mail prefill it). Messages
// are catalogue keys, bare under `validation.`, dotted in full.

/** Rows of one file, and its size: an invitation list, not a directory. */
export const INVITATION_CSV_MAX_ROWS = 2000;
// Below the 1 MB body limit of server actions, which carry the file and then its text.
export const INVITATION_CSV_MAX_BYTES = 512 * 1024;

const fields = registrationInputSchema.shape;

export const inviteeSchema = z.object({
  email: fields.email.transform((v) => v.normalize('NFC')),
  firstName: fields.firstName,
  lastName: fields.lastName,
  organisation: z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v),
    fields.organisation.nullable(),
  ),
  locale: z.enum(LOCALES, { error: 'invalidChoice' }),
});

export type Invitee = z.output<typeof inviteeSchema>;
export type InviteeField = keyof Invitee;

/** One error of a row: the column it is about (null: the whole row) and its message key. */
export type RowError = {
  field: InviteeField | null;
  key: string;
  params?: Record<string, string | number>;
};

export type InvitationCsvRow = {
  /** The line of the file the row starts on. */
  line: number;
  /** The cells as read, for the preview. */
  values: Record<InviteeField, string>;
  /** The row once valid; null when it has errors. */
  invitee: Invitee | null;
  errors: RowError[];
};

export type FileError = { key: string; params?: Record<string, string | number> };

export type InvitationCsv = { fileError: FileError | null; rows: InvitationCsvRow[] };

const COLUMNS: Record<InviteeField, string[]> = {
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
  organisation: ['organisation', 'organization', 'organisme', 'structure', 'institution'],
  locale: ['language', 'langue', 'lang', 'locale', 'langue des courriels', 'mail language'],
};

const REQUIRED: InviteeField[] = ['email', 'firstName', 'lastName'];

const LANGUAGES: Record<string, Locale> = {
  fr: 'fr',
  francais: 'fr',
  french: 'fr',
  en: 'en',
  anglais: 'en',
  english: 'en',
};

/** "Prénom", "first_name", "E-mail " → "prenom", "first name", "e mail". */
function plain(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function columnOf(header: string): InviteeField | null {
  const name = plain(header);
  for (const [field, names] of Object.entries(COLUMNS)) {
    if (names.includes(name)) return field as InviteeField;
  }
  return null;
}

const fileError = (key: string, params?: FileError['params']): InvitationCsv => ({
  fileError: { key: `registrations.invitations.file.${key}`, params },
  rows: [],
});

/** Reads an uploaded file as UTF-8 (with or without its byte order mark), or says why not. */
export function decodeCsv(bytes: Uint8Array): { text: string } | { error: FileError } {
  if (bytes.byteLength > INVITATION_CSV_MAX_BYTES) {
    return {
      error: {
        key: 'registrations.invitations.file.tooLarge',
        params: { kb: INVITATION_CSV_MAX_BYTES / 1024 },
      },
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: { key: 'registrations.invitations.file.notUtf8' } };
  }
}

/**
 * Reads an invitation list: a header row naming the columns (in French or English, in any
 * order; unknown columns are ignored), then one person a row. Each row is checked on its
 * own, and an e-mail seen on an earlier row is an error of the later one. A file that
 * cannot be read as a whole (too big, malformed, no header) has a file error and no rows.
 */
export function parseInvitationCsv(text: string, defaultLocale: Locale = 'fr'): InvitationCsv {
  if (new TextEncoder().encode(text).byteLength > INVITATION_CSV_MAX_BYTES) {
    return fileError('tooLarge', { kb: INVITATION_CSV_MAX_BYTES / 1024 });
  }
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text).filter((r) => r.fields.some((f) => f.trim() !== ''));
  } catch (error) {
    if (error instanceof CsvSyntaxError) return fileError('malformed', { line: error.line });
    throw error;
  }
  const [header, ...body] = records;
  if (!header) return fileError('empty');
  const columns = header.fields.map(columnOf);
  const seen = new Set<InviteeField>();
  for (const c of columns) {
    if (c && seen.has(c)) return fileError('duplicateColumn', { column: c });
    if (c) seen.add(c);
  }
  const missing = REQUIRED.filter((f) => !seen.has(f));
  if (missing.length > 0) return fileError('missingColumns');
  if (body.length === 0) return fileError('noRows');
  if (body.length > INVITATION_CSV_MAX_ROWS) {
    return fileError('tooManyRows', { max: INVITATION_CSV_MAX_ROWS, count: body.length });
  }
  const rows = body.map((record) => readRow(record.line, record.fields, columns, defaultLocale));
  return { fileError: null, rows: markDuplicates(rows) };
}

function readRow(
  line: number,
  cells: string[],
  columns: (InviteeField | null)[],
  defaultLocale: Locale,
): InvitationCsvRow {
  const values: Record<InviteeField, string> = {
    email: '',
    firstName: '',
    lastName: '',
    organisation: '',
    locale: '',
  };
  const errors: RowError[] = [];
  cells.forEach((cell, i) => {
    const column = columns[i];
    if (column) values[column] = cell;
    else if (i >= columns.length && cell.trim() !== '') {
      errors.push({ field: null, key: 'registrations.invitations.row.tooManyCells' });
    }
  });
  const language = values.locale.trim() === '' ? defaultLocale : LANGUAGES[plain(values.locale)];
  const parsed = inviteeSchema.safeParse({ ...values, locale: language });
  if (!language) errors.push({ field: 'locale', key: 'registrations.invitations.row.language' });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as InviteeField;
      if (field === 'locale' && !language) continue;
      if (!errors.some((e) => e.field === field)) errors.push({ field, key: issue.message });
    }
  }
  return {
    line,
    values,
    invitee: parsed.success && errors.length === 0 ? parsed.data : null,
    errors,
  };
}

/** The second and later rows with an e-mail seen before get an error (the first stays valid). */
export function markDuplicates(rows: InvitationCsvRow[]): InvitationCsvRow[] {
  const first = new Map<string, number>();
  return rows.map((row) => {
    if (!row.invitee) return row;
    const earlier = first.get(row.invitee.email);
    if (earlier === undefined) {
      first.set(row.invitee.email, row.line);
      return row;
    }
    return withError(row, 'email', 'registrations.invitations.row.duplicateInFile', {
      line: earlier,
    });
  });
}

/** The row with one more error (and so no invitee). */
export function withError(
  row: InvitationCsvRow,
  field: InviteeField,
  key: string,
  params?: RowError['params'],
): InvitationCsvRow {
  return { ...row, invitee: null, errors: [...row.errors, { field, key, params }] };
}
