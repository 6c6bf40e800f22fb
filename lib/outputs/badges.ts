import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { events, programmeSessions, registrations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { ForbiddenError, NotFoundError } from '@/lib/auth/errors';
import { allows, type Viewer } from '@/lib/auth/permissions';
import type { Confidentiality } from '@/lib/events/enums';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import type { Badge } from './badges-pdf';

/**
 * Organisations appear on a badge only at a public event: at a restricted or Chatham
 * House event who comes from where is not shown to the room (as at the door).
 */
export const showsOrganisation = (confidentiality: Confidentiality) => confidentiality === 'public';

/** The event's organisers and admins, and its check-in staff, print its badges. */
export function mayPrintBadges(viewer: Viewer | null, eventId: string): viewer is Viewer {
  return (
    allows(viewer, 'events.manage', { eventId }) || allows(viewer, 'checkin.scan', { eventId })
  );
}

export type BadgeFilter = { sessionId?: string | null; registrationId?: string | null };

/**
 * The badges of an event's confirmed participants (those booked for one session, or
 * one person), by last name; the reading is a read of a participant list, so it is in
 * the audit log.
 */
export async function badgesOf(
  viewer: Viewer | null,
  eventId: string,
  filter: BadgeFilter = {},
): Promise<{ badges: Badge[]; title: { fr: string; en: string } }> {
  if (!mayPrintBadges(viewer, eventId)) throw new ForbiddenError();
  const db = getDb();
  const [event] = await db
    .select({
      titleFr: events.titleFr,
      titleEn: events.titleEn,
      confidentiality: events.confidentiality,
    })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) throw new NotFoundError();
  if (filter.sessionId) {
    const [session] = await db
      .select({ id: programmeSessions.id })
      .from(programmeSessions)
      .where(
        and(eq(programmeSessions.id, filter.sessionId), eq(programmeSessions.eventId, eventId)),
      );
    if (!session) throw new NotFoundError();
  }
  const rows = await db
    .select({
      id: registrations.id,
      firstName: registrations.firstName,
      lastName: registrations.lastName,
      organisation: registrations.organisation,
      locale: registrations.locale,
      ticketCode: registrations.ticketCode,
    })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        eq(registrations.status, 'confirmed'),
        filter.registrationId ? eq(registrations.id, filter.registrationId) : undefined,
        filter.sessionId
          ? sql`exists (select 1 from registration_sessions rs
              where rs.registration_id = ${registrations.id} and rs.session_id = ${filter.sessionId})`
          : undefined,
      ),
    )
    .orderBy(asc(registrations.lastName), asc(registrations.firstName), asc(registrations.id));
  if (filter.registrationId && rows.length === 0) throw new NotFoundError();
  const shown = showsOrganisation(event.confidentiality);
  await recordAudit(db, {
    actorId: viewer.id,
    action: 'badges.printed',
    subjectType: 'event',
    subjectId: eventId,
    data: {
      count: rows.length,
      sessionId: filter.sessionId ?? null,
      registrationId: filter.registrationId ?? null,
    },
  });
  return {
    title: { fr: event.titleFr, en: event.titleEn },
    badges: rows.map((r) => ({
      firstName: r.firstName,
      lastName: r.lastName,
      organisation: shown ? r.organisation : null,
      // Each badge speaks its holder's language.
      eventTitle: localized(r.locale as Locale, event.titleFr, event.titleEn),
      ticketCode: r.ticketCode,
    })),
  };
}
