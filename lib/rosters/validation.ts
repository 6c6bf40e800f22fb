import { z } from 'zod';
import { type Nominee, nomineeSchema } from '@/lib/nominations/validation';
import type { Locale } from '@/lib/people/enums';
import {
  cellsOf,
  type FileError,
  languageOf,
  PERSON_COLUMNS,
  plain,
  type RowError,
  readCsvTable,
  unguard,
} from '@/lib/text/csv-import';
import { ROSTER_FIELDS, type RosterField } from './fields';

// A roster's people: the person fields of a nomination (same rules, same messages), so
// that an entry always prefills a nomination that the server takes. Messages are
// catalogue keys, bare under `validation.`, dotted in full.

/** A year's roster of a large ministry: tens of thousands of people at most. */
export const ROSTER_CSV_MAX_ROWS = 50_000;
/** 50,000 rows of a roster are about 5 MB; server actions take 8 MB (next.config.js). */
export const ROSTER_CSV_MAX_BYTES = 7 * 1024 * 1024;
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;

export const rosterInputSchema = z.object({
  organisationId: z.uuid({ error: 'invalidChoice' }),
  year: z.coerce
    .number({ error: 'invalidNumber' })
    .int({ error: 'invalidNumber' })
    .min(YEAR_MIN, { error: 'invalidNumber' })
    .max(YEAR_MAX, { error: 'invalidNumber' }),
  /** "<network id>" or "<network id>:<working group id>", one select in the form. */
  scope: z
    .string({ error: 'invalidChoice' })
    .regex(/^[0-9a-f-]{36}(:[0-9a-f-]{36})?$/i, { error: 'invalidChoice' })
    .transform((v) => {
      const [networkId, workingGroupId] = v.split(':');
      return { networkId: networkId as string, workingGroupId: workingGroupId ?? null };
    }),
});

export type RosterInput = z.output<typeof rosterInputSchema>;

export const rosterEntrySchema = nomineeSchema.pick({
  email: true,
  firstName: true,
  lastName: true,
  function: true,
  unit: true,
  workingGroupId: true,
  locale: true,
});

export type RosterEntry = Pick<
  Nominee,
  'email' | 'firstName' | 'lastName' | 'function' | 'unit' | 'workingGroupId' | 'locale'
>;

export { ROSTER_FIELDS, type RosterField };

const COLUMNS: Record<RosterField, string[]> = {
  ...PERSON_COLUMNS,
  function: ['function', 'fonction', 'job title', 'title', 'poste', 'position'],
  unit: ['unit', 'unite', 'service', 'service ou unite', 'department', 'direction', 'bureau'],
  workingGroup: ['working group', 'groupe de travail', 'groupe', 'group', 'wg', 'gt'],
};

const REQUIRED: RosterField[] = ['email', 'firstName', 'lastName', 'function'];

export const ROSTER_FILE_ERRORS = 'rosters.file.';

/** A working group a row may name: by its French or English name, or its slug. */
export type GroupChoice = { id: string; nameFr: string; nameEn: string; slug: string };

export type RosterCsvRow = {
  line: number;
  /** The cells as read, for the preview. */
  values: Record<RosterField, string>;
  /** The row once valid; null when it has errors. */
  entry: RosterEntry | null;
  errors: RowError<RosterField>[];
};

export type RosterCsv = { fileError: FileError | null; rows: RosterCsvRow[] };

type Options = {
  /** The working groups of the roster's network. */
  groups: GroupChoice[];
  /** The group of a row that names none: the roster's own, if it has one. */
  defaultGroupId?: string | null;
  /** The language of a row that gives none. */
  defaultLocale?: Locale;
};

const EMPTY: Record<RosterField, string> = {
  email: '',
  firstName: '',
  lastName: '',
  function: '',
  unit: '',
  workingGroup: '',
  locale: '',
};

/**
 * Reads a roster file: a header row naming the columns (French or English, any order;
 * unknown columns ignored), then one person a row. Every row is checked; an e-mail seen
 * on an earlier row is an error of the later one. Pure: the rows already on the roster
 * are told apart by the caller.
 */
export function parseRosterCsv(text: string, options: Options): RosterCsv {
  if (text.length > ROSTER_CSV_MAX_BYTES) {
    return fileError('tooLarge', { mb: ROSTER_CSV_MAX_BYTES / 1024 / 1024 });
  }
  const table = readCsvTable(text, {
    columns: COLUMNS,
    required: REQUIRED,
    maxRows: ROSTER_CSV_MAX_ROWS,
    prefix: ROSTER_FILE_ERRORS,
  });
  if (table.fileError) return { fileError: table.fileError, rows: [] };
  const groups = new Map<string, string>();
  for (const g of options.groups) {
    for (const name of [g.nameFr, g.nameEn, g.slug]) groups.set(plain(name), g.id);
  }
  const first = new Map<string, number>();
  const rows = table.body.map((record) => {
    const row = readRow(record.line, record.fields, table.columns, groups, options);
    if (!row.entry) return row;
    const earlier = first.get(row.entry.email);
    if (earlier === undefined) {
      first.set(row.entry.email, row.line);
      return row;
    }
    return {
      ...row,
      entry: null,
      errors: [
        ...row.errors,
        { field: 'email' as const, key: 'rosters.row.duplicateInFile', params: { line: earlier } },
      ],
    };
  });
  return { fileError: null, rows };
}

function fileError(key: string, params?: FileError['params']): RosterCsv {
  return { fileError: { key: `${ROSTER_FILE_ERRORS}${key}`, params }, rows: [] };
}

function readRow(
  line: number,
  cells: string[],
  columns: (RosterField | null)[],
  groups: Map<string, string>,
  options: Options,
): RosterCsvRow {
  const read = cellsOf(cells.map(unguard), columns, EMPTY, 'rosters.row.tooManyCells');
  const { values, errors } = read;
  const language =
    values.locale.trim() === '' ? (options.defaultLocale ?? 'fr') : languageOf(values.locale);
  if (!language) errors.push({ field: 'locale', key: 'rosters.row.language' });
  const groupName = plain(values.workingGroup);
  const workingGroupId =
    groupName === '' ? (options.defaultGroupId ?? null) : groups.get(groupName);
  if (workingGroupId === undefined) {
    errors.push({ field: 'workingGroup', key: 'rosters.row.workingGroup' });
  }
  const parsed = rosterEntrySchema.safeParse({
    ...values,
    locale: language ?? 'fr',
    workingGroupId: workingGroupId ?? '',
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as RosterField;
      if (!errors.some((e) => e.field === field)) errors.push({ field, key: issue.message });
    }
  }
  return {
    line,
    values,
    entry: parsed.success && errors.length === 0 ? parsed.data : null,
    errors,
  };
}
