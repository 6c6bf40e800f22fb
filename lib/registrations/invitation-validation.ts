import { z } from 'zod';
import { LOCALES, type Locale } from '@/lib/people/enums';
import {
  type RowError as CsvRowError,
  cellsOf,
  decodeUtf8,
  type FileError,
  languageOf,
  PERSON_COLUMNS,
  readCsvTable,
} from '@/lib/text/csv-import';
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
export type RowError = CsvRowError<InviteeField>;

export type InvitationCsvRow = {
  /** The line of the file the row starts on. */
  line: number;
  /** The cells as read, for the preview. */
  values: Record<InviteeField, string>;
  /** The row once valid; null when it has errors. */
  invitee: Invitee | null;
  errors: RowError[];
};

export type { FileError };

export type InvitationCsv = { fileError: FileError | null; rows: InvitationCsvRow[] };

const COLUMNS: Record<InviteeField, string[]> = {
  ...PERSON_COLUMNS,
  organisation: ['organisation', 'organization', 'organisme', 'structure', 'institution'],
};

const REQUIRED: InviteeField[] = ['email', 'firstName', 'lastName'];

const PREFIX = 'registrations.invitations.file.';

/** Reads an uploaded file as UTF-8 (with or without its byte order mark), or says why not. */
export function decodeCsv(bytes: Uint8Array): { text: string } | { error: FileError } {
  return decodeUtf8(bytes, INVITATION_CSV_MAX_BYTES, PREFIX);
}

/**
 * Reads an invitation list: a header row naming the columns (in French or English, in any
 * order; unknown columns are ignored), then one person a row. Each row is checked on its
 * own, and an e-mail seen on an earlier row is an error of the later one. A file that
 * cannot be read as a whole (too big, malformed, no header) has a file error and no rows.
 */
export function parseInvitationCsv(text: string, defaultLocale: Locale = 'fr'): InvitationCsv {
  if (new TextEncoder().encode(text).byteLength > INVITATION_CSV_MAX_BYTES) {
    return {
      fileError: { key: `${PREFIX}tooLarge`, params: { kb: INVITATION_CSV_MAX_BYTES / 1024 } },
      rows: [],
    };
  }
  const table = readCsvTable(text, {
    columns: COLUMNS,
    required: REQUIRED,
    maxRows: INVITATION_CSV_MAX_ROWS,
    prefix: PREFIX,
  });
  if (table.fileError) return { fileError: table.fileError, rows: [] };
  const rows = table.body.map((record) =>
    readRow(record.line, record.fields, table.columns, defaultLocale),
  );
  return { fileError: null, rows: markDuplicates(rows) };
}

const EMPTY: Record<InviteeField, string> = {
  email: '',
  firstName: '',
  lastName: '',
  organisation: '',
  locale: '',
};

function readRow(
  line: number,
  cells: string[],
  columns: (InviteeField | null)[],
  defaultLocale: Locale,
): InvitationCsvRow {
  const { values, errors } = cellsOf(
    cells,
    columns,
    EMPTY,
    'registrations.invitations.row.tooManyCells',
  );
  const language = values.locale.trim() === '' ? defaultLocale : languageOf(values.locale);
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
