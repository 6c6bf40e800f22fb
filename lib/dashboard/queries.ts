import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { getDb, selectRows } from '@/db/client';
import { events, nominationCalls, nominations, registrations } from '@/db/schema';
import { attendanceBoard } from '@/lib/attendance/queries';
import { assertCan } from '@/lib/auth/assert';
import { ForbiddenError, NotFoundError } from '@/lib/auth/errors';
import { holdsAnywhere, type Viewer } from '@/lib/auth/permissions';
import type { EventStatus } from '@/lib/events/enums';
import { listManagedEvents } from '@/lib/events/queries';
import { localized } from '@/lib/i18n/localized';
import { PLACE_GIVEN } from '@/lib/nominations/enums';
import { callQuotas, groupQuotaUse } from '@/lib/nominations/queries';
import type { Locale } from '@/lib/people/enums';
import {
  ACTIVE_STATUSES,
  REGISTRATION_STATUSES,
  type RegistrationStatus,
  SEAT_HOLDING,
} from '@/lib/registrations/enums';
import { ratio, timeSeries, topWithOthers } from './geometry';

// The organisers' dashboards: counts only, never a person, so reading them is not a
// read of a participant list (nothing to audit). Every count is computed here from the
// rows, never kept in a counter.

/** Organisations and countries shown by name; the rest are added up as "others". */
export const TOP_SHOWN = 8;

type StatusCounts = Record<RegistrationStatus, number>;

const noStatuses = (): StatusCounts =>
  Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as StatusCounts;

/** Registrations per status, per event. */
async function statusCounts(eventIds: string[]): Promise<Map<string, StatusCounts>> {
  const byEvent = new Map(eventIds.map((id) => [id, noStatuses()]));
  if (eventIds.length === 0) return byEvent;
  const rows = await getDb()
    .select({ eventId: registrations.eventId, status: registrations.status, n: count() })
    .from(registrations)
    .where(inArray(registrations.eventId, eventIds))
    .groupBy(registrations.eventId, registrations.status);
  for (const r of rows) {
    const counts = byEvent.get(r.eventId);
    if (counts) counts[r.status] = Number(r.n);
  }
  return byEvent;
}

/** Registrations received per calendar day, each in its event's time zone. */
async function dailyCounts(eventIds: string[]) {
  if (eventIds.length === 0) return [];
  const rows = await selectRows<{ day: string; n: number | string }>(
    getDb(),
    sql`select to_char(r.created_at at time zone e.time_zone, 'YYYY-MM-DD') as day,
          count(*)::int as n
        from registrations r join events e on e.id = r.event_id
        where r.event_id in ${eventIds}
        group by 1 order by 1`,
  );
  return rows.map((r) => ({ day: r.day, count: Number(r.n) }));
}

/** Registrations still under way (not cancelled, refused or expired) grouped by a column. */
async function activeBy(
  eventId: string,
  column: typeof registrations.organisation | typeof registrations.country,
) {
  const rows = await getDb()
    .select({ key: column, n: count() })
    .from(registrations)
    .where(
      and(eq(registrations.eventId, eventId), inArray(registrations.status, [...ACTIVE_STATUSES])),
    )
    .groupBy(column);
  return rows.map((r) => ({ key: r.key, value: Number(r.n) }));
}

/**
 * Per organisation invited to the event's call: its quota, the places given (accepted,
 * invited, confirmed), those in reserve and those waiting for a decision. Null without a call.
 */
async function nominationUse(eventId: string, locale: Locale) {
  const db = getDb();
  const [call] = await db
    .select({ id: nominationCalls.id, status: nominationCalls.status })
    .from(nominationCalls)
    .where(eq(nominationCalls.eventId, eventId));
  if (!call) return null;
  const [quotas, rows] = await Promise.all([
    callQuotas(db, call.id),
    db
      .select({
        organisationId: nominations.organisationId,
        status: nominations.status,
        n: count(),
      })
      .from(nominations)
      .where(eq(nominations.callId, call.id))
      .groupBy(nominations.organisationId, nominations.status),
  ]);
  const sum = (organisationId: string, statuses: readonly string[]) =>
    rows
      .filter((r) => r.organisationId === organisationId && statuses.includes(r.status))
      .reduce((total, r) => total + Number(r.n), 0);
  return {
    callStatus: call.status,
    organisations: quotas
      .map((q) => ({
        key: q.organisationId,
        label: localized(locale, q.nameFr, q.nameEn),
        quota: q.quota,
        given: sum(q.organisationId, PLACE_GIVEN),
        reserve: sum(q.organisationId, ['reserve']),
        pending: sum(q.organisationId, ['submitted']),
      }))
      .sort((a, b) => a.label.localeCompare(b.label, locale)),
  };
}

/** The attendance of each door (the entrance, each session): expected, come, and the rate. */
async function attendanceRates(viewer: Viewer, eventId: string, locale: Locale, now: Date) {
  const board = await attendanceBoard(viewer, eventId, locale, now);
  return board.doors.map((d) => ({
    id: d.id,
    title: d.title,
    startsAt: d.startsAt,
    expected: d.expected,
    came: d.came,
    rate: ratio(d.came, d.expected),
  }));
}

const seatsIn = (counts: StatusCounts) => SEAT_HOLDING.reduce((n, s) => n + counts[s], 0);
const totalOf = (counts: StatusCounts) => REGISTRATION_STATUSES.reduce((n, s) => n + counts[s], 0);

/**
 * One event's dashboard, for its organisers and admins: registrations over time, per
 * status, organisation and country; nominations against quotas; attendance per door.
 */
export async function eventDashboard(
  viewer: Viewer | null,
  eventId: string,
  locale: Locale,
  now: Date = new Date(),
) {
  assertCan(viewer, 'events.manage', { eventId });
  const [event] = await getDb()
    .select({
      titleFr: events.titleFr,
      titleEn: events.titleEn,
      timeZone: events.timeZone,
      startsAt: events.startsAt,
      capacity: events.capacity,
      registrationMode: events.registrationMode,
    })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) throw new NotFoundError();
  const statuses = (await statusCounts([eventId])).get(eventId) ?? noStatuses();
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  const byOrganisation = (await activeBy(eventId, registrations.organisation)).map((r) => ({
    key: r.key,
    label: r.key,
    value: r.value,
  }));
  const byCountry = (await activeBy(eventId, registrations.country)).map((r) => ({
    key: r.key,
    label: regions.of(r.key) ?? r.key,
    value: r.value,
  }));
  const seats = seatsIn(statuses);
  return {
    title: localized(locale, event.titleFr, event.titleEn),
    timeZone: event.timeZone,
    capacity: event.capacity,
    total: totalOf(statuses),
    byStatus: REGISTRATION_STATUSES.map((status) => ({ status, count: statuses[status] })),
    seats,
    fillRate: ratio(seats, event.capacity),
    series: timeSeries(await dailyCounts([eventId])),
    byOrganisation: topWithOthers(byOrganisation, TOP_SHOWN),
    byCountry: topWithOthers(byCountry, TOP_SHOWN),
    nominations: await nominationUse(eventId, locale),
    groupQuotas: await groupQuotaUse(viewer, eventId, locale),
    started: event.startsAt <= now,
    attendance: await attendanceRates(viewer, eventId, locale, now),
  };
}

export type EventDashboard = Awaited<ReturnType<typeof eventDashboard>>;

type EventSummary = {
  id: string;
  title: string;
  startsAt: Date;
  timeZone: string;
  status: EventStatus;
  byStatus: StatusCounts;
  total: number;
  capacity: number | null;
  seats: number;
  fillRate: number | null;
  /** The event has begun: its attendance means something. */
  started: boolean;
  expected: number;
  came: number;
  attendanceRate: number | null;
};

/**
 * The dashboard across the events a viewer manages (every event for an admin): per
 * event its registrations per status, fill rate and attendance at the entrance, with
 * the totals, and the registrations over time across them.
 */
export async function eventsDashboard(
  viewer: Viewer | null,
  locale: Locale,
  now: Date = new Date(),
) {
  if (!viewer || !holdsAnywhere(viewer, 'events.manage')) throw new ForbiddenError();
  const list = await listManagedEvents(viewer, locale);
  const ids = list.map((e) => e.id);
  const capacities = new Map<string, number | null>();
  if (ids.length > 0) {
    const rows = await getDb()
      .select({ id: events.id, capacity: events.capacity })
      .from(events)
      .where(inArray(events.id, ids));
    for (const r of rows) capacities.set(r.id, r.capacity);
  }
  const statuses = await statusCounts(ids);
  const rows: EventSummary[] = [];
  // One event after the other: the attendance board of each is a few queries, and
  // running them all at once would take every connection of the pool.
  for (const e of list) {
    const capacity = capacities.get(e.id) ?? null;
    const counts = statuses.get(e.id) ?? noStatuses();
    // The entrance of the event: its first door.
    const [entrance] = await attendanceRates(viewer, e.id, locale, now);
    const seats = seatsIn(counts);
    const started = e.startsAt <= now;
    rows.push({
      id: e.id,
      title: e.title,
      startsAt: e.startsAt,
      timeZone: e.timeZone,
      status: e.status,
      byStatus: counts,
      total: totalOf(counts),
      capacity,
      seats,
      fillRate: ratio(seats, capacity),
      started,
      expected: entrance?.expected ?? 0,
      came: entrance?.came ?? 0,
      attendanceRate: started ? (entrance?.rate ?? null) : null,
    });
  }
  const add = (pick: (r: EventSummary) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const limited = rows.filter((r) => r.capacity !== null);
  const begun = rows.filter((r) => r.started);
  const byStatus = noStatuses();
  for (const r of rows) for (const s of REGISTRATION_STATUSES) byStatus[s] += r.byStatus[s];
  return {
    events: rows,
    totals: {
      byStatus,
      total: add((r) => r.total),
      seats: add((r) => r.seats),
      capacity: limited.reduce((n, r) => n + (r.capacity ?? 0), 0),
      fillRate: ratio(
        limited.reduce((n, r) => n + r.seats, 0),
        limited.reduce((n, r) => n + (r.capacity ?? 0), 0),
      ),
      expected: begun.reduce((n, r) => n + r.expected, 0),
      came: begun.reduce((n, r) => n + r.came, 0),
      attendanceRate: ratio(
        begun.reduce((n, r) => n + r.came, 0),
        begun.reduce((n, r) => n + r.expected, 0),
      ),
    },
    series: timeSeries(await dailyCounts(ids)),
  };
}

export type EventsDashboard = Awaited<ReturnType<typeof eventsDashboard>>;
