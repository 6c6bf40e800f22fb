import { and, asc, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { type Executor, getDb } from '@/db/client';
import {
  events,
  jobs,
  mailingRecipients,
  mailings,
  programmeSessions,
  registrations,
  users,
} from '@/db/schema';
import { standing } from '@/lib/attendance/standing';
import { assertCan } from '@/lib/auth/assert';
import { NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { countryName } from '@/lib/events/format';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import type { Segment } from './validation';

// The reads of an event's messages, for the people who manage the event only.

/**
 * The registrations a segment matches. Attended means checked in (an entry scan not
 * undone): at the chosen session when there is one, anywhere at the event otherwise.
 */
export function segmentCondition(eventId: string, segment: Segment): SQL {
  const scanned = sql`exists (select 1 from checkin_scans s
    where s.registration_id = ${registrations.id} and s.kind = 'in'
      ${segment.sessionId ? sql`and s.session_id = ${segment.sessionId}` : sql``}
      and ${standing(sql`s.id`)})`;
  return and(
    eq(registrations.eventId, eventId),
    inArray(registrations.status, segment.statuses as (typeof registrations.status._.data)[]),
    segment.sessionId
      ? sql`exists (select 1 from registration_sessions rs
          where rs.registration_id = ${registrations.id} and rs.session_id = ${segment.sessionId})`
      : undefined,
    segment.organisation ? eq(registrations.organisation, segment.organisation) : undefined,
    segment.country ? eq(registrations.country, segment.country) : undefined,
    segment.attendance === 'attended' ? scanned : undefined,
    segment.attendance === 'absent' ? sql`not ${scanned}` : undefined,
  ) as SQL;
}

/** How many people a segment matches now. */
export async function countSegment(db: Executor, eventId: string, segment: Segment) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(registrations)
    .where(segmentCondition(eventId, segment));
  return Number(row?.n ?? 0);
}

/** The first person a segment matches (in arrival order), to show a message rendered for. */
export async function firstOfSegment(db: Executor, eventId: string, segment: Segment) {
  const [row] = await db
    .select({
      email: registrations.email,
      firstName: registrations.firstName,
      lastName: registrations.lastName,
      locale: registrations.locale,
    })
    .from(registrations)
    .where(segmentCondition(eventId, segment))
    .orderBy(asc(registrations.seq))
    .limit(1);
  return row ?? null;
}

/** What an event's mailings are made of: its title, place and dates. */
export async function mailingEventOf(db: Executor, eventId: string) {
  const [event] = await db
    .select({
      titleFr: events.titleFr,
      titleEn: events.titleEn,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      timeZone: events.timeZone,
      mode: events.mode,
      venueName: events.venueName,
      venueAddress: events.venueAddress,
      city: events.city,
    })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) throw new NotFoundError();
  return event;
}

/** The choices of the segment's filters: the event's sessions, organisations and countries. */
export async function segmentOptions(viewer: Viewer | null, eventId: string, locale: Locale) {
  assertCan(viewer, 'events.manage', { eventId });
  const db = getDb();
  const [sessions, organisations, countries] = await Promise.all([
    db
      .select({
        id: programmeSessions.id,
        titleFr: programmeSessions.titleFr,
        titleEn: programmeSessions.titleEn,
      })
      .from(programmeSessions)
      .where(and(eq(programmeSessions.eventId, eventId), sql`${programmeSessions.type} <> 'break'`))
      .orderBy(asc(programmeSessions.startsAt)),
    db
      .selectDistinct({ name: registrations.organisation })
      .from(registrations)
      .where(eq(registrations.eventId, eventId))
      .orderBy(asc(registrations.organisation)),
    db
      .selectDistinct({ code: registrations.country })
      .from(registrations)
      .where(eq(registrations.eventId, eventId)),
  ]);
  return {
    sessions: sessions.map((s) => ({
      value: s.id,
      label: localized(locale, s.titleFr, s.titleEn),
    })),
    organisations: organisations.map((o) => ({ value: o.name, label: o.name })),
    countries: countries
      .map((c) => ({ value: c.code, label: countryName(c.code, locale) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale)),
  };
}

export type MailingProgress = { queued: number; sent: number; failed: number };

/**
 * Where one mail stands: sent; failed (the mail server refused it: the outbox tries
 * again later, or gave up); or waiting its turn.
 */
function kindOf(status: string, failing: boolean): keyof MailingProgress {
  if (status === 'done') return 'sent';
  if (status === 'dead' || failing) return 'failed';
  return 'queued';
}

/** An event's mailings, latest first, each with how far its mails have gone. */
export async function listMailings(viewer: Viewer | null, eventId: string, locale: Locale) {
  assertCan(viewer, 'events.manage', { eventId });
  const db = getDb();
  const rows = await db
    .select({
      id: mailings.id,
      createdAt: mailings.createdAt,
      sentBy: users.name,
      sentByEmail: users.email,
      subjectFr: mailings.subjectFr,
      subjectEn: mailings.subjectEn,
      segment: mailings.segment,
      recipientCount: mailings.recipientCount,
      queuedAt: mailings.queuedAt,
    })
    .from(mailings)
    .leftJoin(users, eq(users.id, mailings.sentBy))
    .where(eq(mailings.eventId, eventId))
    .orderBy(desc(mailings.createdAt))
    .limit(100);
  const ids = rows.map((r) => r.id);
  const progress =
    ids.length === 0
      ? []
      : await db
          .select({
            mailingId: mailingRecipients.mailingId,
            status: jobs.status,
            /** Tried and refused by the mail server: retried later, or given up. */
            failing: sql<boolean>`${jobs.lastError} is not null`,
            n: sql<number>`count(*)::int`,
          })
          .from(mailingRecipients)
          .innerJoin(jobs, eq(jobs.id, mailingRecipients.jobId))
          .where(and(inArray(mailingRecipients.mailingId, ids), isNotNull(mailingRecipients.jobId)))
          .groupBy(mailingRecipients.mailingId, jobs.status, sql`${jobs.lastError} is not null`);
  return rows.map((r) => {
    const of = (kind: keyof MailingProgress) =>
      progress
        .filter((p) => p.mailingId === r.id && kindOf(p.status, Boolean(p.failing)) === kind)
        .reduce((sum, p) => sum + Number(p.n), 0);
    const counts: MailingProgress = {
      queued: of('queued'),
      sent: of('sent'),
      failed: of('failed'),
    };
    return {
      id: r.id,
      createdAt: r.createdAt,
      sentBy: r.sentBy ?? r.sentByEmail,
      subject: localized(locale, r.subjectFr, r.subjectEn),
      segment: r.segment,
      recipientCount: r.recipientCount,
      queuedAt: r.queuedAt,
      ...counts,
      /** Still going: mails to queue, or to send (again). */
      inProgress:
        !r.queuedAt ||
        progress.some(
          (p) => p.mailingId === r.id && (p.status === 'queued' || p.status === 'running'),
        ),
    };
  });
}
