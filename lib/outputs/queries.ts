import { and, asc, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { events, programmeSessions, registrationSessions, registrations } from '@/db/schema';
import { assertCan } from '@/lib/auth/assert';
import { NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import { certificateMailingOf } from './certificate-mailing';

/**
 * What the organisers' badges and certificates page shows: counts only (the names are
 * read when the badges are printed), the sessions to print for, and the certificates'
 * sending.
 */
export async function outputsOverview(
  viewer: Viewer | null,
  eventId: string,
  locale: Locale,
  now: Date = new Date(),
) {
  assertCan(viewer, 'events.manage', { eventId });
  const db = getDb();
  const [event] = await db
    .select({
      confidentiality: events.confidentiality,
      status: events.status,
      endsAt: events.endsAt,
      timeZone: events.timeZone,
    })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) throw new NotFoundError();
  const confirmed = await db.$count(
    registrations,
    and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')),
  );
  const sessions = await db
    .select({
      id: programmeSessions.id,
      titleFr: programmeSessions.titleFr,
      titleEn: programmeSessions.titleEn,
      booked: sql<number>`count(${registrations.id})::int`,
    })
    .from(programmeSessions)
    .leftJoin(registrationSessions, eq(registrationSessions.sessionId, programmeSessions.id))
    .leftJoin(
      registrations,
      and(
        eq(registrations.id, registrationSessions.registrationId),
        eq(registrations.status, 'confirmed'),
      ),
    )
    .where(and(eq(programmeSessions.eventId, eventId), sql`${programmeSessions.type} <> 'break'`))
    .groupBy(programmeSessions.id)
    .orderBy(asc(programmeSessions.startsAt));
  return {
    confidentiality: event.confidentiality,
    confirmed: Number(confirmed),
    ended: event.endsAt <= now,
    cancelled: event.status === 'cancelled',
    endsAt: event.endsAt,
    timeZone: event.timeZone,
    sessions: sessions.map((s) => ({
      id: s.id,
      title: localized(locale, s.titleFr, s.titleEn),
      booked: Number(s.booked),
    })),
    certificates: await certificateMailingOf(viewer, eventId),
  };
}
