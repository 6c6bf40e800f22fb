import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { events, registrations } from '@/db/schema';
import { formatDateTime, formatDateTimeRange, zoneLabel } from '@/lib/events/format';
import { buildCalendar } from '@/lib/events/ics';
import { translator } from '@/lib/i18n/catalogue';
import { localized } from '@/lib/i18n/localized';
import type { OutgoingMail } from '@/lib/mail/transport';
import type { Locale } from '@/lib/people/enums';
import type { RegistrationStatus } from './enums';
import { ticketPayload } from './ticket';

export type RegistrationMailKind =
  | RegistrationStatus
  | 'link_again'
  | 'event_cancelled'
  /** The person changed their details, answers or sessions. */
  | 'updated';

/** The personal manage link: whoever holds it manages the registration. */
export function manageUrl(origin: string, locale: string, token: string): string {
  return `${origin}/${locale}/registrations/${token}`;
}

type MailEvent = Pick<
  typeof events.$inferSelect,
  | 'id'
  | 'slug'
  | 'summaryFr'
  | 'summaryEn'
  | 'titleFr'
  | 'titleEn'
  | 'startsAt'
  | 'endsAt'
  | 'timeZone'
  | 'mode'
  | 'venueName'
  | 'venueAddress'
  | 'city'
>;
type MailPerson = Pick<
  typeof registrations.$inferSelect,
  'email' | 'firstName' | 'locale' | 'offerExpiresAt' | 'ticketCode'
>;

type EventParts = { title: string; facts: string };

const partsKept = new Map<string, EventParts>();
const PARTS_KEPT = 200;

/**
 * What every mail about an event says of it in one language: its title, dates (in its
 * own time zone) and place. Kept, keyed by all it is made of, so that a burst of
 * registrations formats them once.
 */
function eventParts(e: MailEvent, locale: Locale): EventParts {
  const key = JSON.stringify([
    e.id,
    e.slug,
    e.titleFr,
    e.titleEn,
    e.startsAt.getTime(),
    e.endsAt.getTime(),
    e.timeZone,
    e.mode,
    e.venueName,
    e.venueAddress,
    e.city,
    locale,
  ]);
  const kept = partsKept.get(key);
  if (kept) return kept;
  const t = translator(locale, 'registrationMail');
  const title = localized(locale, e.titleFr, e.titleEn);
  const venue = [e.venueName, e.venueAddress, e.city].filter(Boolean).join(', ');
  const parts: EventParts = {
    title,
    facts: [
      t('when', {
        dates: formatDateTimeRange(e.startsAt, e.endsAt, e.timeZone, locale),
        zone: zoneLabel(e.startsAt, e.timeZone, locale),
      }),
      e.mode === 'online' ? t('online') : t('where', { venue }),
    ].join('\n'),
  };
  if (partsKept.size >= PARTS_KEPT) partsKept.clear();
  partsKept.set(key, parts);
  return parts;
}

/**
 * The mail that tells a registrant where they stand, in their language, with the
 * event's dates in its own time zone and their manage link. Pure: a registration can
 * compose it before it takes the event's lock.
 */
export function composeRegistrationMail(
  person: MailPerson,
  e: MailEvent,
  kind: RegistrationMailKind,
  /** The manage link's token; null when the mail carries no link. */
  token: string | null,
  origin: string,
  /** The organiser's message, e.g. the reason of a rejection. */
  note: string | null = null,
): OutgoingMail {
  const locale = person.locale;
  const t = translator(locale, 'registrationMail');
  const { title, facts } = eventParts(e, locale);
  const key =
    kind === 'link_again' ? 'linkAgain' : kind === 'event_cancelled' ? 'eventCancelled' : kind;
  const offerUntil =
    kind === 'offered' && person.offerExpiresAt
      ? formatDateTime(person.offerExpiresAt, e.timeZone, locale)
      : '';
  const venue = [e.venueName, e.venueAddress, e.city].filter(Boolean).join(', ');
  const eventUrl = `${origin}/${locale}/events/${encodeURIComponent(e.slug)}`;
  // A confirmed seat comes with the event for the person's calendar, and the ticket.
  const attachments =
    kind === 'confirmed'
      ? [
          {
            filename: `${e.slug}.ics`,
            contentType: 'text/calendar; charset=utf-8',
            content: buildCalendar([
              {
                uid: `${e.id}@passerelle`,
                start: e.startsAt,
                end: e.endsAt,
                summary: title,
                description: [localized(locale, e.summaryFr, e.summaryEn), eventUrl]
                  .filter(Boolean)
                  .join('\n\n'),
                location: e.mode === 'online' ? undefined : venue || undefined,
                url: eventUrl,
              },
            ]),
          },
        ]
      : undefined;
  return {
    to: person.email,
    locale,
    attachments,
    qr:
      kind === 'confirmed'
        ? { filename: t('ticketFile'), text: ticketPayload(person.ticketCode) }
        : undefined,
    subject: t(`${key}.subject` as 'confirmed.subject', { title }),
    text: [
      t('greeting', { name: person.firstName }),
      t(`${key}.body` as 'confirmed.body', { title, until: offerUntil }),
      ...(kind === 'confirmed' ? [t('ticket')] : []),
      ...(note ? [t('note', { note })] : []),
      facts,
      ...(token ? [t('manage', { url: manageUrl(origin, locale, token) })] : []),
      t('signature'),
    ].join('\n\n'),
  };
}

/** The same, for a registration already written (read in the caller's transaction). */
export async function registrationMail(
  db: Executor,
  registrationId: string,
  kind: RegistrationMailKind,
  token: string | null,
  origin: string,
  note: string | null = null,
): Promise<OutgoingMail> {
  const [row] = await db
    .select({ registration: registrations, event: events })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(eq(registrations.id, registrationId));
  if (!row) throw new Error(`registration ${registrationId} not found`);
  return composeRegistrationMail(row.registration, row.event, kind, token, origin, note);
}
