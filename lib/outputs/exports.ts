import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { events } from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { allows, type Viewer } from '@/lib/auth/permissions';
import { zoneLabel } from '@/lib/events/format';
import { isUuid } from '@/lib/events/validation';
import { translator } from '@/lib/i18n/catalogue';
import { localized } from '@/lib/i18n/localized';
import { LOCALES, type Locale } from '@/lib/people/enums';
import {
  attendanceRows,
  nominationRows,
  type Rows,
  registrationRows,
  type Wording,
  zoneClock,
} from './exports-rows';
import { csvChunks, type Sheet, streamOf, xlsxChunks } from './exports-sheet';

// An event's lists as files, for its organisers and the admins only: the registrations,
// attendance per door, the nominations per organisation. Each file says who exported it
// and when, and each export is in the audit log. A refused or malformed request writes
// nothing: it read nothing, and logging refusals would let anyone fill the log.

export const EXPORT_KINDS = ['registrations', 'attendance', 'nominations'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const READERS: Record<ExportKind, (eventId: string, w: Wording) => Promise<Rows>> = {
  registrations: registrationRows,
  attendance: attendanceRows,
  nominations: nominationRows,
};

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const is = <T extends string>(list: readonly T[], value: string | null): value is T =>
  (list as readonly string[]).includes(value ?? '');

/** The address of an export, for links. */
export function exportHref(
  eventId: string,
  kind: ExportKind,
  format: ExportFormat,
  locale: Locale,
) {
  return `/api/events/${eventId}/exports/${kind}?format=${format}&locale=${locale}`;
}

/** Why a request gets no file: the HTTP status and the catalogue key of its message. */
type Refusal = { status: 400 | 401 | 403 | 404; key: string };

function refusal(
  viewer: Viewer | null,
  eventId: string,
  kind: string,
  format: string | null,
): Refusal | null {
  if (!isUuid(eventId)) return { status: 404, key: 'actions.notFound' };
  if (!is(EXPORT_KINDS, kind)) return { status: 404, key: 'exports.errors.unknownKind' };
  if (!is(EXPORT_FORMATS, format)) return { status: 400, key: 'exports.errors.unknownFormat' };
  if (!viewer) return { status: 401, key: 'actions.unauthenticated' };
  if (!allows(viewer, 'events.manage', { eventId }))
    return { status: 403, key: 'actions.forbidden' };
  return null;
}

/**
 * The file of one list of one event, streamed as it is read. `format` is csv or xlsx;
 * `lang` the language of its columns and values (French unless English is asked for).
 */
export async function exportFile(
  viewer: Viewer | null,
  eventId: string,
  kind: string,
  format: string | null,
  lang: string | null,
  options: { now?: Date } = {},
): Promise<Response> {
  const locale: Locale = is(LOCALES, lang) ? lang : 'fr';
  const t = translator(locale, 'exports');
  const fail = ({ status, key }: Refusal) => {
    const [namespace, rest] = key.split(/\.(.*)/s) as ['actions' | 'exports', string];
    return new Response(translator(locale, namespace)(rest as never), {
      status,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'private, no-store',
      },
    });
  };
  const refused = refusal(viewer, eventId, kind, format);
  if (refused || !viewer) return fail(refused ?? { status: 401, key: 'actions.unauthenticated' });
  const k = kind as ExportKind;
  const f = format as ExportFormat;
  const [event] = await getDb()
    .select({
      slug: events.slug,
      titleFr: events.titleFr,
      titleEn: events.titleEn,
      timeZone: events.timeZone,
    })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) return fail({ status: 404, key: 'actions.notFound' });
  const now = options.now ?? new Date();
  // Each word translated once per export, not once per row (a translator call formats anew).
  const once = (translate: (key: string) => string) => {
    const known = new Map<string, string>();
    return (key: string) => {
      let word = known.get(key);
      if (word === undefined) {
        word = translate(key);
        known.set(key, word);
      }
      return word;
    };
  };
  const tStatus = translator(locale, 'registrations');
  const tNomination = translator(locale, 'nominations');
  const tKinds = translator(locale, 'organisationKinds');
  const wording: Wording = {
    locale,
    timeZone: event.timeZone,
    column: (key) => t(`columns.${key}` as 'columns.seq'),
    registrationStatus: once((s) => tStatus(`statuses.${s}` as 'statuses.pending')),
    nominationStatus: once((s) => tNomination(`statuses.${s}` as 'statuses.draft')),
    organisationKind: once((s) => tKinds(s as 'ministry')),
    yes: t('yes'),
    no: t('no'),
    entrance: t('entrance'),
  };
  const rows = await READERS[k](eventId, wording);
  const title = localized(locale, event.titleFr, event.titleEn);
  const kindName = t(`kinds.${k}`);
  const sheet: Sheet = {
    name: kindName,
    marker: t('marker', {
      kind: kindName,
      title,
      email: viewer.email,
      when: `${zoneClock(event.timeZone)(now)} (${zoneLabel(now, event.timeZone, locale)})`,
    }),
    header: rows.header,
    batches: rows.batches,
    exportedBy: viewer.email,
    exportedAt: now,
  };
  // Written before the first byte leaves: the file is on its way.
  await recordAudit(getDb(), {
    actorId: viewer.id,
    action: 'exports.download',
    subjectType: 'event',
    subjectId: eventId,
    data: { kind: k, format: f, locale },
  });
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const name = `${k}-${event.slug}-${stamp}.${f}`;
  return new Response(
    streamOf(f === 'csv' ? csvChunks(sheet, locale === 'fr' ? ';' : ',') : xlsxChunks(sheet)),
    {
      headers: {
        'content-type': CONTENT_TYPES[f],
        'content-disposition': `attachment; filename="${name}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    },
  );
}
