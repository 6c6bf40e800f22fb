import { asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, selectRows } from '@/db/client';
import { events, programmeSessions, registrations } from '@/db/schema';
import { standing } from '@/lib/attendance/standing';
import { ActionError, NotFoundError } from '@/lib/auth/errors';
import { countryName, formatDateTime, formatDateTimeRange } from '@/lib/events/format';
import { translator } from '@/lib/i18n/catalogue';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import { ticketNumber } from './pdf';

// A certificate of attendance states who came to which event, when and where, and the
// sessions they were checked in to. Attendance is rebuilt from the door's scans: an
// entry not undone at the entrance (or at any session) means the person came.

export type Certificate = {
  locale: Locale;
  name: string;
  eventTitle: string;
  dates: string;
  place: string;
  sessions: { title: string; when: string }[];
  issuedOn: string;
  reference: string;
};

/** Per registration, the doors it was let in at (null: the entrance), entries undone left out. */
export async function doorsEntered(
  eventId: string,
  registrationIds?: string[],
): Promise<Map<string, Set<string | null>>> {
  const rows = await selectRows<{ registration_id: string; session_id: string | null }>(
    getDb(),
    sql`select distinct s.registration_id, s.session_id
        from checkin_scans s
        where s.event_id = ${eventId} and s.kind = 'in'
          ${registrationIds ? sql`and s.registration_id in ${registrationIds}` : sql``}
          and ${standing(sql`s.id`)}`,
  );
  const doors = new Map<string, Set<string | null>>();
  for (const r of rows) {
    const set = doors.get(r.registration_id) ?? new Set();
    set.add(r.session_id);
    doors.set(r.registration_id, set);
  }
  return doors;
}

type EventRow = typeof events.$inferSelect;

/** Certificates exist once the event is over. */
export function assertEnded(event: Pick<EventRow, 'endsAt' | 'timeZone'>, now: Date) {
  if (event.endsAt > now) {
    throw new ActionError('certificates.errors.notEnded', undefined, {
      end: {
        fr: formatDateTime(event.endsAt, event.timeZone, 'fr'),
        en: formatDateTime(event.endsAt, event.timeZone, 'en'),
      },
    });
  }
}

function placeOf(event: EventRow, locale: Locale): string {
  const t = translator(locale, 'certificates');
  if (event.mode === 'online') return t('online');
  const place = [
    event.venueName,
    event.city,
    event.country ? countryName(event.country, locale) : null,
  ]
    .filter(Boolean)
    .join(', ');
  return event.mode === 'hybrid' ? t('hybrid', { place }) : place;
}

/**
 * The certificate of one registration, in `locale` (by default its holder's language):
 * refused before the event's end, and to whoever was never let in.
 */
export async function certificateOf(
  registrationId: string,
  options: { locale?: Locale; now?: Date } = {},
): Promise<Certificate> {
  const now = options.now ?? new Date();
  const db = getDb();
  const [row] = await db
    .select({ r: registrations, e: events })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(eq(registrations.id, registrationId));
  if (!row) throw new NotFoundError();
  const { r, e } = row;
  assertEnded(e, now);
  const doors = (await doorsEntered(e.id, [r.id])).get(r.id);
  if (!doors) throw new ActionError('certificates.errors.notAttended');
  const locale = options.locale ?? r.locale;
  const sessionIds = [...doors].filter((id): id is string => id !== null);
  const sessions =
    sessionIds.length === 0
      ? []
      : await db
          .select({
            titleFr: programmeSessions.titleFr,
            titleEn: programmeSessions.titleEn,
            startsAt: programmeSessions.startsAt,
            endsAt: programmeSessions.endsAt,
          })
          .from(programmeSessions)
          .where(inArray(programmeSessions.id, sessionIds))
          .orderBy(asc(programmeSessions.startsAt));
  return {
    locale,
    name: `${r.firstName} ${r.lastName}`,
    eventTitle: localized(locale, e.titleFr, e.titleEn),
    dates: formatDateTimeRange(e.startsAt, e.endsAt, e.timeZone, locale),
    place: placeOf(e, locale),
    sessions: sessions.map((s) => ({
      title: localized(locale, s.titleFr, s.titleEn),
      when: formatDateTimeRange(s.startsAt, s.endsAt, e.timeZone, locale),
    })),
    issuedOn: formatDateTime(now, e.timeZone, locale),
    reference: ticketNumber(r.ticketCode),
  };
}

/** Whether a registration's certificate can be had now (for the pages that offer it). */
export async function certificateAvailable(
  registration: { id: string; eventId: string },
  event: { endsAt: Date },
  now: Date = new Date(),
): Promise<boolean> {
  if (event.endsAt > now) return false;
  return (await doorsEntered(registration.eventId, [registration.id])).has(registration.id);
}
