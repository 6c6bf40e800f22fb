import type { Locale } from '@/lib/people/enums';
import { csvLine } from '@/lib/text/csv-import';
import { ROSTER_FIELDS } from './fields';

// A roster written as CSV, the way its import reads it back (pure: tested on its own).

type Row = Record<(typeof ROSTER_FIELDS)[number], string>;

/** The text of a roster's CSV: the header row, then one person a line, with a BOM. */
export function rosterCsv(header: string[], rows: Row[], locale: Locale): string {
  // A French spreadsheet splits on `;`, an English one on `,`: the import reads both.
  const separator = locale === 'fr' ? ';' : ',';
  const lines = [
    csvLine(header, separator),
    ...rows.map((r) =>
      csvLine(
        ROSTER_FIELDS.map((f) => r[f]),
        separator,
      ),
    ),
  ];
  // The byte order mark makes spreadsheets read the file as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A roster's entries as the rows of its CSV file. */
export function rosterRows(
  entries: {
    email: string;
    firstName: string;
    lastName: string;
    function: string;
    unit: string;
    workingGroup: string | null;
    locale: Locale;
  }[],
): Row[] {
  return entries.map((e) => ({
    email: e.email,
    firstName: e.firstName,
    lastName: e.lastName,
    function: e.function,
    unit: e.unit,
    workingGroup: e.workingGroup ?? '',
    locale: e.locale,
  }));
}
