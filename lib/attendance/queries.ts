import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { getDb, selectRows } from '@/db/client';
import {
  events,
  programmeSessions,
  registrationSessions,
  registrations,
  roleGrants,
  users,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import { likePattern } from '@/lib/text/like';
import { standing } from './standing';

/** The check-in desk of an event: its title and its doors (the entrance, each session). */
export async function checkinDesk(viewer: Viewer | null, eventId: string, locale: Locale) {
  assertCan(viewer, 'checkin.scan', { eventId });
  const [event] = await getDb()
    .select({
      titleFr: events.titleFr,
      titleEn: events.titleEn,
      timeZone: events.timeZone,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
    })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) throw new NotFoundError();
  const sessions = await getDb()
    .select({
      id: programmeSessions.id,
      titleFr: programmeSessions.titleFr,
      titleEn: programmeSessions.titleEn,
      startsAt: programmeSessions.startsAt,
      endsAt: programmeSessions.endsAt,
    })
    .from(programmeSessions)
    .where(and(eq(programmeSessions.eventId, eventId), sql`${programmeSessions.type} <> 'break'`))
    .orderBy(asc(programmeSessions.startsAt));
  return {
    title: localized(locale, event.titleFr, event.titleEn),
    timeZone: event.timeZone,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    sessions: sessions.map((s) => ({
      id: s.id,
      title: localized(locale, s.titleFr, s.titleEn),
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    })),
  };
}

/** Who is in at each door now: the last entry or exit not undone, per person. */
async function presentNow(eventId: string, registrationIds?: string[]) {
  const rows = await selectRows<{
    registration_id: string;
    session_id: string | null;
    kind: 'in' | 'out';
    scanned_at: Date | string;
  }>(
    getDb(),
    sql`select distinct on (s.registration_id, s.session_id)
          s.registration_id, s.session_id, s.kind, s.scanned_at
        from checkin_scans s
        where s.event_id = ${eventId} and s.kind <> 'undo'
          ${registrationIds ? sql`and s.registration_id in ${registrationIds}` : sql``}
          and ${standing(sql`s.id`)}
        order by s.registration_id, s.session_id, s.scanned_at desc, s.recorded_at desc`,
  );
  return rows.map((r) => ({
    registrationId: r.registration_id,
    sessionId: r.session_id,
    in: r.kind === 'in',
    since: new Date(r.scanned_at),
  }));
}

export const SEARCH_MIN = 2;
export const SEARCH_MAX_RESULTS = 30;

/**
 * People found by name or e-mail at the desk (two letters at least, thirty at most),
 * with their registration's status, whether they are booked for the door's session and
 * whether they are in there now.
 */
export async function findAtDesk(
  viewer: Viewer | null,
  eventId: string,
  sessionId: string | null,
  query: string,
) {
  assertCan(viewer, 'checkin.scan', { eventId });
  const q = query.normalize('NFC').trim();
  if (q.length < SEARCH_MIN) return [];
  const pattern = likePattern(q);
  const rows = await getDb()
    .select({
      id: registrations.id,
      firstName: registrations.firstName,
      lastName: registrations.lastName,
      status: registrations.status,
      booked: sessionId
        ? sql<boolean>`exists (select 1 from registration_sessions rs
            where rs.registration_id = ${registrations.id} and rs.session_id = ${sessionId})`
        : sql<boolean>`true`,
    })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        or(
          ilike(sql`${registrations.firstName} || ' ' || ${registrations.lastName}`, pattern),
          ilike(sql`${registrations.lastName} || ' ' || ${registrations.firstName}`, pattern),
          ilike(registrations.email, pattern),
        ),
      ),
    )
    .orderBy(asc(registrations.lastName), asc(registrations.firstName))
    .limit(SEARCH_MAX_RESULTS);
  // A search at the desk reads names off the participant list: logged like a list read.
  await recordAudit(getDb(), {
    actorId: viewer.id,
    action: 'checkin.search',
    subjectType: 'event',
    subjectId: eventId,
    data: { q, sessionId, count: rows.length },
  });
  const present = await presentNow(
    eventId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const here = present.find((p) => p.registrationId === r.id && p.sessionId === sessionId);
    return { ...r, booked: Boolean(r.booked), inSince: here?.in ? here.since : null };
  });
}

/**
 * Each door's count: the confirmed people expected there (everyone confirmed at the
 * entrance, those booked for a session at its door) and how many are in now.
 */
export async function doorCounts(viewer: Viewer | null, eventId: string) {
  assertCan(viewer, 'checkin.scan', { eventId });
  const db = getDb();
  const [entrance] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')));
  const booked = await db
    .select({ sessionId: registrationSessions.sessionId, n: sql<number>`count(*)::int` })
    .from(registrationSessions)
    .innerJoin(registrations, eq(registrations.id, registrationSessions.registrationId))
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')))
    .groupBy(registrationSessions.sessionId);
  const present = (await presentNow(eventId)).filter((p) => p.in);
  const count = (sessionId: string | null) =>
    present.filter((p) => p.sessionId === sessionId).length;
  return {
    entrance: { expected: Number(entrance?.n ?? 0), present: count(null) },
    sessions: Object.fromEntries(
      booked.map((b) => [b.sessionId, { expected: Number(b.n), present: count(b.sessionId) }]),
    ) as Record<string, { expected: number; present: number }>,
  };
}

export type DoorCount = { sessionId: string | null; present: number; expected: number };

/**
 * One door's count, as doorCounts has it, in one statement: what a scan answers with, so
 * that the desk shows the new count without the whole page being rendered again for
 * every ticket (a door scans about one a second, twenty doors at once at a colloquium).
 */
export async function doorCount(
  viewer: Viewer | null,
  eventId: string,
  sessionId: string | null,
): Promise<DoorCount> {
  assertCan(viewer, 'checkin.scan', { eventId });
  const [row] = await selectRows<{ expected: number; present: number }>(
    getDb(),
    sql`select
      (select count(*)::int from registrations r
        where r.event_id = ${eventId} and r.status = 'confirmed'
          ${
            sessionId
              ? sql`and exists (select 1 from registration_sessions rs
                  where rs.registration_id = r.id and rs.session_id = ${sessionId})`
              : sql``
          }) as expected,
      (select count(*)::int from (
        select distinct on (s.registration_id) s.kind
        from checkin_scans s
        where s.event_id = ${eventId} and s.kind <> 'undo'
          and ${sessionId ? sql`s.session_id = ${sessionId}` : sql`s.session_id is null`}
          and ${standing(sql`s.id`)}
        order by s.registration_id, s.scanned_at desc, s.recorded_at desc
      ) last where last.kind = 'in') as present`,
  );
  return { sessionId, present: Number(row?.present ?? 0), expected: Number(row?.expected ?? 0) };
}

/** The events whose doors the viewer may keep (check-in staff, organisers), soonest first. */
export async function desksOf(viewer: Viewer, locale: Locale) {
  const ids = viewer.grants
    .filter((g) => (g.role === 'checkin_staff' || g.role === 'organiser') && g.eventId)
    .map((g) => g.eventId as string);
  if (ids.length === 0) return [];
  const rows = await getDb()
    .select({
      id: events.id,
      titleFr: events.titleFr,
      titleEn: events.titleEn,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      timeZone: events.timeZone,
    })
    .from(events)
    .where(inArray(events.id, ids))
    .orderBy(asc(events.startsAt));
  return rows.map((r) => ({ ...r, title: localized(locale, r.titleFr, r.titleEn) }));
}

/** The check-in staff of an event, for its organisers. */
export async function staffOf(viewer: Viewer | null, eventId: string) {
  assertCan(viewer, 'events.manage', { eventId });
  return getDb()
    .select({ email: users.email, name: users.name })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.eventId, eventId), eq(roleGrants.role, 'checkin_staff')))
    .orderBy(asc(users.email));
}

/** An entry this long after a session's start makes a latecomer. */
export const LATE_AFTER_MS = 10 * 60 * 1000;

/**
 * Attendance per door, now: the people expected, in now, come at all, come late (to a
 * session, more than ten minutes after its start) and, once a session is over, those
 * booked who never came.
 */
export async function attendanceBoard(
  viewer: Viewer | null,
  eventId: string,
  locale: Locale,
  now: Date = new Date(),
) {
  assertCan(viewer, 'checkin.scan', { eventId });
  const desk = await checkinDesk(viewer, eventId, locale);
  const db = getDb();
  const expected = await selectRows<{ session_id: string | null; registration_id: string }>(
    db,
    sql`select null::uuid as session_id, r.id as registration_id
          from registrations r where r.event_id = ${eventId} and r.status = 'confirmed'
        union all
        select rs.session_id, r.id
          from registration_sessions rs join registrations r on r.id = rs.registration_id
          where r.event_id = ${eventId} and r.status = 'confirmed'`,
  );
  const firstIn = await selectRows<{
    session_id: string | null;
    registration_id: string;
    first_in: Date | string;
  }>(
    db,
    sql`select s.session_id, s.registration_id, min(s.scanned_at) as first_in
          from checkin_scans s
          where s.event_id = ${eventId} and s.kind = 'in'
            and ${standing(sql`s.id`)}
          group by s.session_id, s.registration_id`,
  );
  const present = (await presentNow(eventId)).filter((p) => p.in);
  await recordAudit(db, {
    actorId: viewer.id,
    action: 'attendance.board',
    subjectType: 'event',
    subjectId: eventId,
  });
  const doors = [
    {
      id: null as string | null,
      title: null as string | null,
      startsAt: null as Date | null,
      endsAt: null as Date | null,
    },
    ...desk.sessions.map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    })),
  ];
  return {
    title: desk.title,
    timeZone: desk.timeZone,
    doors: doors.map((door) => {
      const booked = new Set(
        expected.filter((e) => e.session_id === door.id).map((e) => e.registration_id),
      );
      const came = firstIn.filter((f) => f.session_id === door.id && booked.has(f.registration_id));
      const late = door.startsAt
        ? came.filter(
            (f) =>
              new Date(f.first_in).getTime() > (door.startsAt as Date).getTime() + LATE_AFTER_MS,
          ).length
        : 0;
      const over = door.endsAt !== null && door.endsAt <= now;
      return {
        id: door.id,
        title: door.title,
        startsAt: door.startsAt,
        expected: booked.size,
        present: present.filter((p) => p.sessionId === door.id && booked.has(p.registrationId))
          .length,
        came: came.length,
        late,
        /** Known once the session is over; null before. */
        noShows: over ? booked.size - came.length : null,
      };
    }),
  };
}
