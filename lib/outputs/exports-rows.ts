import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import {
  checkinScans,
  nominationCalls,
  nominations,
  organisations,
  programmeSessions,
  registrationSessions,
  registrations,
  workingGroups,
} from '@/db/schema';
import { standing } from '@/lib/attendance/standing';
import { countryName } from '@/lib/events/format';
import { zoneOffsetMinutes } from '@/lib/events/time';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import { loadQuestions } from '@/lib/registrations/form-definition';
import { answerText } from './exports-answers';
import type { Cell } from './exports-sheet';

// The rows of each export, read in batches by keyset pagination on a unique sort key (a
// registration's arrival number, a nomination's place in its organisation's ranking):
// the same on PGlite and postgres.js, and never the whole list in memory.

export const EXPORT_BATCH = 1000;

/** What the rows are written in: the reader's words and the event's clock. */
export type Wording = {
  locale: Locale;
  timeZone: string;
  column: (key: string) => string;
  registrationStatus: (status: string) => string;
  nominationStatus: (status: string) => string;
  organisationKind: (kind: string) => string;
  yes: string;
  no: string;
  entrance: string;
};

export type Rows = { header: string[]; batches: AsyncGenerator<Cell[][]> };

/**
 * "2030-06-10 09:05" in the event's zone: sortable, and read as a date by spreadsheets.
 * Made for tens of thousands of rows: the zone's offset is asked of Intl once per quarter
 * of an hour (offsets change on quarter hours at the finest), the rest is arithmetic.
 */
export function zoneClock(zone: string): (at: Date | null) => string {
  const QUARTER = 15 * 60_000;
  const offsets = new Map<number, number>();
  return (at) => {
    if (!at) return '';
    const ms = at.getTime();
    const bucket = Math.floor(ms / QUARTER);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      offset = zoneOffsetMinutes(at, zone);
      offsets.set(bucket, offset);
    }
    return new Date(ms + offset * 60_000).toISOString().slice(0, 16).replace('T', ' ');
  };
}

/** A country's name, looked up once per export (Intl's lookup costs a row's worth). */
function countryNames(locale: Locale): (code: string | null) => string {
  const known = new Map<string, string>();
  return (code) => {
    if (!code) return '';
    let name = known.get(code);
    if (name === undefined) {
      name = countryName(code, locale);
      known.set(code, name);
    }
    return name;
  };
}

const language = (locale: string) => (locale === 'en' ? 'English' : 'Français');

/** People registered: who, status, organisation, country, sessions chosen, form answers. */
export async function registrationRows(eventId: string, w: Wording): Promise<Rows> {
  const db = getDb();
  const [questions, sessions] = await Promise.all([
    loadQuestions(db, eventId),
    db
      .select({
        id: programmeSessions.id,
        titleFr: programmeSessions.titleFr,
        titleEn: programmeSessions.titleEn,
      })
      .from(programmeSessions)
      .where(eq(programmeSessions.eventId, eventId))
      .orderBy(asc(programmeSessions.startsAt)),
  ]);
  const sessionTitle = new Map(
    sessions.map((s) => [s.id, localized(w.locale, s.titleFr, s.titleEn)]),
  );
  const order = new Map(sessions.map((s, i) => [s.id, i]));
  const words = { yes: w.yes, no: w.no, none: '' };
  const localTime = zoneClock(w.timeZone);
  const country = countryNames(w.locale);
  const header = [
    ...[
      'seq',
      'status',
      'lastName',
      'firstName',
      'email',
      'organisation',
      'function',
      'country',
      'organisationKind',
      'language',
      'registeredAt',
      'sessions',
    ].map(w.column),
    ...questions.map((q) => localized(w.locale, q.labelFr, q.labelEn)),
  ];
  async function* batches() {
    let after = 0;
    for (;;) {
      const rows = await db
        .select({
          id: registrations.id,
          seq: registrations.seq,
          status: registrations.status,
          lastName: registrations.lastName,
          firstName: registrations.firstName,
          email: registrations.email,
          organisation: registrations.organisation,
          function: registrations.function,
          country: registrations.country,
          organisationKind: registrations.organisationKind,
          locale: registrations.locale,
          createdAt: registrations.createdAt,
          answers: registrations.answers,
        })
        .from(registrations)
        .where(and(eq(registrations.eventId, eventId), gt(registrations.seq, after)))
        .orderBy(asc(registrations.seq))
        .limit(EXPORT_BATCH);
      if (rows.length === 0) return;
      const chosen = new Map<string, string[]>();
      if (sessions.length > 0) {
        const links = await db
          .select({
            registrationId: registrationSessions.registrationId,
            sessionId: registrationSessions.sessionId,
          })
          .from(registrationSessions)
          .where(
            inArray(
              registrationSessions.registrationId,
              rows.map((r) => r.id),
            ),
          );
        links.sort((a, b) => (order.get(a.sessionId) ?? 0) - (order.get(b.sessionId) ?? 0));
        for (const l of links) {
          chosen.set(l.registrationId, [
            ...(chosen.get(l.registrationId) ?? []),
            sessionTitle.get(l.sessionId) ?? '',
          ]);
        }
      }
      yield rows.map((r): Cell[] => {
        const answers = (r.answers ?? {}) as Record<string, unknown>;
        return [
          r.seq,
          w.registrationStatus(r.status),
          r.lastName,
          r.firstName,
          r.email,
          r.organisation,
          r.function,
          country(r.country),
          r.organisationKind ? w.organisationKind(r.organisationKind) : '',
          language(r.locale),
          localTime(r.createdAt),
          (chosen.get(r.id) ?? []).join(' ; '),
          ...questions.map((q) => answerText(q, answers[q.id], w.locale, words)),
        ];
      });
      if (rows.length < EXPORT_BATCH) return;
      after = (rows[rows.length - 1] as { seq: number }).seq;
    }
  }
  return { header, batches: batches() };
}

/** The entries and exits at one door (null: the entrance) of one person, not undone. */
function scanAt(kind: 'in' | 'out', door: string | null, fn: 'min' | 'max') {
  return sql`(select ${sql.raw(fn)}(s.scanned_at) from checkin_scans s
      where s.registration_id = registrations.id and s.kind = ${kind}
        and ${door ? sql`s.session_id = ${door}` : sql`s.session_id is null`}
        and ${standing(sql`s.id`)})`.mapWith(checkinScans.scannedAt);
}

/**
 * Attendance door by door (the entrance, then each session in programme order): the
 * people expected there (confirmed; booked for a session) and anyone scanned there, with
 * their first entry, last exit, and whether they came.
 */
export async function attendanceRows(eventId: string, w: Wording): Promise<Rows> {
  const db = getDb();
  const sessions = await db
    .select({
      id: programmeSessions.id,
      titleFr: programmeSessions.titleFr,
      titleEn: programmeSessions.titleEn,
      startsAt: programmeSessions.startsAt,
    })
    .from(programmeSessions)
    .where(and(eq(programmeSessions.eventId, eventId), ne(programmeSessions.type, 'break')))
    .orderBy(asc(programmeSessions.startsAt), asc(programmeSessions.titleFr));
  const localTime = zoneClock(w.timeZone);
  const country = countryNames(w.locale);
  const doors = [
    { id: null as string | null, title: w.entrance, startsAt: null as Date | null },
    ...sessions.map((s) => ({
      id: s.id,
      title: localized(w.locale, s.titleFr, s.titleEn),
      startsAt: s.startsAt,
    })),
  ];
  const header = [
    'door',
    'startsAt',
    'seq',
    'lastName',
    'firstName',
    'email',
    'organisation',
    'country',
    'status',
    'firstIn',
    'lastOut',
    'attended',
  ].map(w.column);
  async function* batches() {
    for (const door of doors) {
      const expected = door.id
        ? sql`exists (select 1 from registration_sessions rs
            where rs.registration_id = registrations.id and rs.session_id = ${door.id})`
        : sql`true`;
      const scanned = sql`exists (select 1 from checkin_scans s where s.registration_id = registrations.id
          and ${door.id ? sql`s.session_id = ${door.id}` : sql`s.session_id is null`} and s.kind = 'in')`;
      let after = 0;
      for (;;) {
        const rows = await db
          .select({
            seq: registrations.seq,
            lastName: registrations.lastName,
            firstName: registrations.firstName,
            email: registrations.email,
            organisation: registrations.organisation,
            country: registrations.country,
            status: registrations.status,
            firstIn: scanAt('in', door.id, 'min'),
            lastOut: scanAt('out', door.id, 'max'),
          })
          .from(registrations)
          .where(
            and(
              eq(registrations.eventId, eventId),
              gt(registrations.seq, after),
              sql`((${registrations.status} = 'confirmed' and ${expected}) or ${scanned})`,
            ),
          )
          .orderBy(asc(registrations.seq))
          .limit(EXPORT_BATCH);
        if (rows.length > 0) {
          yield rows.map((r): Cell[] => [
            door.title,
            localTime(door.startsAt),
            r.seq,
            r.lastName,
            r.firstName,
            r.email,
            r.organisation,
            country(r.country),
            w.registrationStatus(r.status),
            localTime(r.firstIn),
            localTime(r.lastOut),
            r.firstIn ? w.yes : w.no,
          ]);
        }
        if (rows.length < EXPORT_BATCH) break;
        after = (rows[rows.length - 1] as { seq: number }).seq;
      }
    }
  }
  return { header, batches: batches() };
}

/**
 * The nominations of the event's call, organisation by organisation in its ranking
 * (drafts, which their nominators have not sent, left out).
 */
export async function nominationRows(eventId: string, w: Wording): Promise<Rows> {
  const db = getDb();
  const header = [
    'organisation',
    'organisationCountry',
    'rank',
    'nominationStatus',
    'late',
    'lastName',
    'firstName',
    'email',
    'function',
    'unit',
    'workingGroup',
    'submittedAt',
  ].map(w.column);
  const name = w.locale === 'fr' ? organisations.nameFr : organisations.nameEn;
  const localTime = zoneClock(w.timeZone);
  const country = countryNames(w.locale);
  async function* batches() {
    let after: { name: string; organisationId: string; rank: number; id: string } | null = null;
    for (;;) {
      const rows = await db
        .select({
          id: nominations.id,
          organisationId: nominations.organisationId,
          organisation: name,
          country: organisations.country,
          rank: nominations.rank,
          status: nominations.status,
          late: nominations.late,
          lastName: nominations.lastName,
          firstName: nominations.firstName,
          email: nominations.email,
          function: nominations.function,
          unit: nominations.unit,
          groupFr: workingGroups.nameFr,
          groupEn: workingGroups.nameEn,
          submittedAt: nominations.submittedAt,
        })
        .from(nominations)
        .innerJoin(nominationCalls, eq(nominationCalls.id, nominations.callId))
        .innerJoin(organisations, eq(organisations.id, nominations.organisationId))
        .leftJoin(workingGroups, eq(workingGroups.id, nominations.workingGroupId))
        .where(
          and(
            eq(nominationCalls.eventId, eventId),
            ne(nominations.status, 'draft'),
            after
              ? sql`(${name}, ${nominations.organisationId}, ${nominations.rank}, ${nominations.id})
                  > (${after.name}, ${after.organisationId}, ${after.rank}, ${after.id})`
              : undefined,
          ),
        )
        .orderBy(
          asc(name),
          asc(nominations.organisationId),
          asc(nominations.rank),
          asc(nominations.id),
        )
        .limit(EXPORT_BATCH);
      if (rows.length === 0) return;
      yield rows.map((r): Cell[] => [
        r.organisation,
        r.country ? country(r.country) : '',
        r.rank,
        w.nominationStatus(r.status),
        r.late ? w.yes : w.no,
        r.lastName,
        r.firstName,
        r.email,
        r.function,
        r.unit,
        r.groupFr ? localized(w.locale, r.groupFr, r.groupEn ?? '') : '',
        localTime(r.submittedAt),
      ]);
      if (rows.length < EXPORT_BATCH) return;
      const last = rows[rows.length - 1] as (typeof rows)[number];
      after = {
        name: last.organisation,
        organisationId: last.organisationId,
        rank: last.rank,
        id: last.id,
      };
    }
  }
  return { header, batches: batches() };
}
