'use server';

import { createHash } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { ActionError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { redirect } from '@/lib/i18n/navigation';
import type { Locale } from '@/lib/people/enums';
import type { FileError } from '@/lib/text/csv-import';
import {
  createRoster,
  deleteRoster,
  importRoster,
  previewRosterImport,
  removeRosterEntry,
  saveRosterEntry,
} from './mutations';
import {
  ROSTER_CSV_MAX_BYTES,
  ROSTER_FIELDS,
  type RosterCsvRow,
  rosterEntrySchema,
  rosterInputSchema,
} from './validation';

// The nominators' roster actions: the gate admits whoever nominates for some
// organisation; each mutation checks that the roster is of the viewer's organisation.

const PAGES = '/[locale]/nominations/rosters';
const id = z.uuid({ error: 'invalidChoice' });

function signedIn(viewer: Viewer | null): Viewer {
  if (!viewer) throw new Error('unreachable: the gate admits signed-in people only');
  return viewer;
}

export const createRosterAction = defineAction(
  { permission: 'nominations.nominate', schema: rosterInputSchema },
  async (input, { viewer }) => {
    const { id: rosterId } = await createRoster(signedIn(viewer), input);
    revalidatePath(PAGES, 'layout');
    return redirect({
      href: `/nominations/rosters/${rosterId}`,
      locale: (await getLocale()) as Locale,
    });
  },
);

export const saveRosterEntryAction = defineAction(
  {
    permission: 'nominations.nominate',
    schema: rosterEntrySchema.extend({
      rosterId: id,
      entryId: z.preprocess((v) => (v === '' ? undefined : v), id.optional()),
    }),
  },
  async ({ rosterId, entryId, ...entry }, { viewer }) => {
    await saveRosterEntry(signedIn(viewer), rosterId, entryId ?? null, entry);
    revalidatePath(PAGES, 'layout');
    return { name: `${entry.firstName} ${entry.lastName}`, edited: Boolean(entryId) };
  },
);

export const removeRosterEntryAction = defineAction(
  { permission: 'nominations.nominate', schema: z.object({ rosterId: id, entryId: id }) },
  async ({ rosterId, entryId }, { viewer }) => {
    await removeRosterEntry(signedIn(viewer), rosterId, entryId);
    revalidatePath(PAGES, 'layout');
    return null;
  },
);

/** Deletes a roster once its deletion is confirmed; back to the list of rosters. */
export const deleteRosterAction = defineAction(
  {
    permission: 'nominations.nominate',
    schema: z.object({
      rosterId: id,
      confirm: z.literal('on', { error: 'rosters.errors.confirmDelete' }),
    }),
  },
  async ({ rosterId }, { viewer }) => {
    await deleteRoster(signedIn(viewer), rosterId);
    revalidatePath(PAGES, 'layout');
    return redirect({ href: '/nominations/rosters', locale: (await getLocale()) as Locale });
  },
);

export type RosterPreviewRow = { line: number; cells: string[]; errors: string[] };

export type RosterPreview = {
  /** SHA-256 of the file checked: the import takes that very file only. */
  digest: string;
  fileError: string | null;
  total: number;
  added: number;
  updated: number;
  invalid: number;
  /** The rows with errors (the first PREVIEW_ROWS of them), or the first rows when none. */
  rows: RosterPreviewRow[];
  /** Rows with errors not sent back. */
  more: number;
};

const PREVIEW_ROWS = 200;
const SHOWN_WHEN_READY = 20;

const file = z
  .instanceof(File, { error: 'rosters.file.required' })
  .refine((f) => f.size > 0 || f.name !== '', { error: 'rosters.file.required' });

const digestOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The file's text, or the translated reason it cannot be read. */
async function readFile(upload: File): Promise<{ bytes: Uint8Array; text: string }> {
  if (upload.size > ROSTER_CSV_MAX_BYTES) {
    throw new ActionError('rosters.file.tooLarge', undefined, {
      mb: ROSTER_CSV_MAX_BYTES / 1024 / 1024,
    });
  }
  const bytes = new Uint8Array(await upload.arrayBuffer());
  try {
    return { bytes, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    throw new ActionError('rosters.file.notUtf8');
  }
}

async function previewRows(rows: RosterCsvRow[]): Promise<RosterPreviewRow[]> {
  const t = await getTranslations();
  const message = (key: string, params?: Record<string, string | number>) => {
    const full = key.includes('.') ? key : `validation.${key}`;
    return t.has(full) ? t(full, params) : t('actions.invalid');
  };
  return rows.map((r) => ({
    line: r.line,
    cells: ROSTER_FIELDS.map((f) => r.values[f]),
    errors: r.errors.map((e) =>
      e.field
        ? t('rosters.rowError', {
            field: t(`rosters.fields.${e.field}`),
            message: message(e.key, e.params),
          })
        : message(e.key, e.params),
    ),
  }));
}

/** Step one: reads and checks the file, writes nothing. */
export const previewRosterImportAction = defineAction(
  { permission: 'nominations.nominate', schema: z.object({ rosterId: id, file }) },
  async ({ rosterId, file }, { viewer }): Promise<RosterPreview> => {
    const t = await getTranslations();
    const { bytes, text } = await readFile(file);
    const digest = digestOf(bytes);
    const checked = await previewRosterImport(signedIn(viewer), rosterId, text);
    const empty = { digest, total: 0, added: 0, updated: 0, invalid: 0, rows: [], more: 0 };
    const explain = (e: FileError) => t(e.key, e.params);
    if (checked.fileError) return { ...empty, fileError: explain(checked.fileError) };
    const bad = checked.rows.filter((r) => r.errors.length > 0);
    const shown =
      bad.length > 0 ? bad.slice(0, PREVIEW_ROWS) : checked.rows.slice(0, SHOWN_WHEN_READY);
    return {
      digest,
      fileError: null,
      total: checked.rows.length,
      added: checked.added,
      updated: checked.updated,
      invalid: checked.invalid,
      rows: await previewRows(shown),
      more: Math.max(0, bad.length - PREVIEW_ROWS),
    };
  },
);

/** Step two: the same file again, refused if it is not the one checked; all or nothing. */
export const importRosterAction = defineAction(
  {
    permission: 'nominations.nominate',
    schema: z.object({
      rosterId: id,
      file,
      digest: z.string().regex(/^[0-9a-f]{64}$/, { error: 'rosters.errors.changed' }),
    }),
  },
  async ({ rosterId, file, digest }, { viewer }) => {
    const { bytes, text } = await readFile(file);
    if (digestOf(bytes) !== digest) throw new ActionError('rosters.errors.changed');
    const result = await importRoster(signedIn(viewer), rosterId, text);
    revalidatePath(PAGES, 'layout');
    return result;
  },
);
