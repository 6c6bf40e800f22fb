'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { ActionError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { kickWorker } from '@/lib/jobs/worker';
import { LOCALES } from '@/lib/people/enums';
import { appOrigin } from '@/lib/site-url';
import {
  decodeCsv,
  INVITATION_CSV_MAX_BYTES,
  type InvitationCsvRow,
  inviteeSchema,
  parseInvitationCsv,
} from './invitation-validation';
import {
  addInvitation,
  importInvitations,
  previewInvitations,
  remindUnregistered,
  resendInvitation,
  revokeInvitation,
} from './invitations';

// The organiser's invitation actions: the gate admits organisers and admins, each
// mutation checks that the viewer manages this very event.

const PAGE = '/[locale]/organiser/events/[id]/invitations';
const eventId = z.uuid({ error: 'invalidChoice' });
const locale = z.enum(LOCALES, { error: 'invalidChoice' });

function signedIn(viewer: Viewer | null): Viewer {
  if (!viewer) throw new Error('unreachable: the gate admits signed-in people only');
  return viewer;
}

export const addInvitationAction = defineAction(
  { permission: 'events.manage', schema: inviteeSchema.extend({ eventId }) },
  async ({ eventId, ...person }, { viewer }) => {
    await addInvitation(signedIn(viewer), eventId, person, { origin: await appOrigin() });
    kickWorker();
    revalidatePath(PAGE, 'page');
    return { email: person.email };
  },
);

export type PreviewRow = { line: number; cells: string[]; errors: string[] };

export type InvitationPreview = {
  /** The file's text, sent back with the import so that exactly what was checked is imported. */
  csv: string;
  defaultLocale: (typeof LOCALES)[number];
  fileError: string | null;
  total: number;
  ready: number;
  /** The rows with errors, or the first rows when there are none. */
  rows: PreviewRow[];
};

const SHOWN_WHEN_READY = 50;

async function previewRows(rows: InvitationCsvRow[]): Promise<PreviewRow[]> {
  const t = await getTranslations();
  const message = (key: string, params?: Record<string, string | number>) => {
    const full = key.includes('.') ? key : `validation.${key}`;
    return t.has(full) ? t(full, params) : t('actions.invalid');
  };
  const explain = (e: InvitationCsvRow['errors'][number]) =>
    e.field
      ? t('registrations.invitations.rowError', {
          field: t(`registrations.invitations.fields.${e.field}`),
          message: message(e.key, e.params),
        })
      : message(e.key, e.params);
  return rows.map((r) => ({
    line: r.line,
    cells: [
      r.values.email,
      r.values.firstName,
      r.values.lastName,
      r.values.organisation,
      r.values.locale,
    ],
    errors: r.errors.map(explain),
  }));
}

const previewInput = z.object({
  eventId,
  defaultLocale: locale,
  file: z
    .instanceof(File, { error: 'registrations.invitations.file.required' })
    .refine((f) => f.size > 0 || f.name !== '', {
      error: 'registrations.invitations.file.required',
    }),
});

/** Step one: reads and checks the file, writes nothing. */
export const previewInvitationsAction = defineAction(
  { permission: 'events.manage', schema: previewInput },
  async ({ eventId, defaultLocale, file }, { viewer }): Promise<InvitationPreview> => {
    const t = await getTranslations();
    const empty = { csv: '', defaultLocale, total: 0, ready: 0, rows: [] };
    if (file.size > INVITATION_CSV_MAX_BYTES) {
      return {
        ...empty,
        fileError: t('registrations.invitations.file.tooLarge', {
          kb: INVITATION_CSV_MAX_BYTES / 1024,
        }),
      };
    }
    const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()));
    if ('error' in decoded) {
      return { ...empty, fileError: t(decoded.error.key, decoded.error.params) };
    }
    const parsed = parseInvitationCsv(decoded.text, defaultLocale);
    if (parsed.fileError) {
      return { ...empty, fileError: t(parsed.fileError.key, parsed.fileError.params) };
    }
    const rows = await previewInvitations(signedIn(viewer), eventId, parsed.rows);
    const bad = rows.filter((r) => r.errors.length > 0);
    return {
      csv: decoded.text,
      defaultLocale,
      fileError: null,
      total: rows.length,
      ready: rows.length - bad.length,
      rows: await previewRows(bad.length > 0 ? bad : rows.slice(0, SHOWN_WHEN_READY)),
    };
  },
);

const importInput = z.object({
  eventId,
  defaultLocale: locale,
  csv: z.string().min(1, { error: 'required' }).max(INVITATION_CSV_MAX_BYTES, { error: 'tooLong' }),
});

/** Step two: imports the file checked at step one, all or nothing. */
export const importInvitationsAction = defineAction(
  { permission: 'events.manage', schema: importInput },
  async ({ eventId, defaultLocale, csv }, { viewer }) => {
    const parsed = parseInvitationCsv(csv, defaultLocale);
    if (parsed.fileError) {
      throw new ActionError(parsed.fileError.key, undefined, parsed.fileError.params);
    }
    const result = await importInvitations(signedIn(viewer), eventId, parsed.rows, {
      origin: await appOrigin(),
    });
    kickWorker();
    revalidatePath(PAGE, 'page');
    return result;
  },
);

const oneInvitation = z.object({ eventId, invitationId: z.uuid({ error: 'invalidChoice' }) });

export const resendInvitationAction = defineAction(
  { permission: 'events.manage', schema: oneInvitation },
  async ({ eventId, invitationId }, { viewer }) => {
    await resendInvitation(signedIn(viewer), eventId, invitationId, { origin: await appOrigin() });
    kickWorker();
    revalidatePath(PAGE, 'page');
    return null;
  },
);

export const revokeInvitationAction = defineAction(
  { permission: 'events.manage', schema: oneInvitation },
  async ({ eventId, invitationId }, { viewer }) => {
    await revokeInvitation(signedIn(viewer), eventId, invitationId);
    revalidatePath(PAGE, 'page');
    return null;
  },
);

export const remindInvitationsAction = defineAction(
  { permission: 'events.manage', schema: z.object({ eventId }) },
  async ({ eventId }, { viewer }) => {
    const result = await remindUnregistered(signedIn(viewer), eventId, {
      origin: await appOrigin(),
    });
    kickWorker();
    revalidatePath(PAGE, 'page');
    return result;
  },
);
