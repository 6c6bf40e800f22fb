import { and, asc, eq, inArray, ne, type Placeholder, sql } from 'drizzle-orm';
import { type Executor, getDb, preparedStatement } from '@/db/client';
import {
  programmeSessions,
  registrationQuestions,
  registrationSessions,
  registrations,
} from '@/db/schema';
import { CHOOSABLE_SESSION_TYPES, SEAT_HOLDING } from './enums';
import { type FormDefinition, type QuestionDef, type SessionChoiceDef, slotsOf } from './form';

const questionsQuery = (db: Executor, eventId: string | Placeholder) =>
  db
    .select()
    .from(registrationQuestions)
    .where(eq(registrationQuestions.eventId, eventId))
    .orderBy(asc(registrationQuestions.position), asc(registrationQuestions.createdAt));

export async function loadQuestions(db: Executor, eventId: string): Promise<QuestionDef[]> {
  // Outside a transaction (every registration reads them), the statement is kept built.
  const rows =
    db === getDb()
      ? await preparedStatement('registration_questions', (d) =>
          questionsQuery(d, sql.placeholder('eventId')).prepare('registration_questions'),
        ).execute({ eventId })
      : await questionsQuery(db, eventId);
  return rows.map((q) => ({
    id: q.id,
    kind: q.kind,
    purpose: q.purpose,
    required: q.required,
    labelFr: q.labelFr,
    labelEn: q.labelEn,
    helpFr: q.helpFr,
    helpEn: q.helpEn,
    options: q.options,
    showIf: q.showIf ?? null,
    minValue: q.minValue,
    maxValue: q.maxValue,
  }));
}

/** The sessions a registration chose, in programme order. */
export async function chosenSessions(db: Executor, registrationId: string) {
  return db
    .select({
      id: programmeSessions.id,
      titleFr: programmeSessions.titleFr,
      titleEn: programmeSessions.titleEn,
      startsAt: programmeSessions.startsAt,
      endsAt: programmeSessions.endsAt,
    })
    .from(registrationSessions)
    .innerJoin(programmeSessions, eq(programmeSessions.id, registrationSessions.sessionId))
    .where(eq(registrationSessions.registrationId, registrationId))
    .orderBy(asc(programmeSessions.startsAt));
}

/** Seats held in each of these sessions (confirmed and offered registrations). */
export async function sessionSeatsTaken(
  db: Executor,
  sessionIds: string[],
): Promise<Map<string, number>> {
  const taken = new Map(sessionIds.map((id) => [id, 0]));
  if (sessionIds.length === 0) return taken;
  const rows = await db
    .select({ sessionId: registrationSessions.sessionId, n: sql<number>`count(*)::int` })
    .from(registrationSessions)
    .innerJoin(registrations, eq(registrations.id, registrationSessions.registrationId))
    .where(
      and(
        inArray(registrationSessions.sessionId, sessionIds),
        inArray(registrations.status, [...SEAT_HOLDING]),
      ),
    )
    .groupBy(registrationSessions.sessionId);
  for (const r of rows) taken.set(r.sessionId, Number(r.n));
  return taken;
}

const sessionChoicesQuery = (db: Executor, eventId: string | Placeholder) =>
  db
    .select()
    .from(programmeSessions)
    .where(
      and(
        eq(programmeSessions.eventId, eventId),
        inArray(programmeSessions.type, [...CHOOSABLE_SESSION_TYPES]),
        ne(programmeSessions.access, 'invitation'),
      ),
    )
    .orderBy(asc(programmeSessions.startsAt), asc(programmeSessions.endsAt));

/**
 * The sessions a registrant chooses among: parallel workshops and visits, not those the
 * organisers fill by invitation, grouped in time slots, with the seats left now.
 */
export async function loadSessionChoices(
  db: Executor,
  eventId: string,
  withSeats = true,
): Promise<SessionChoiceDef[]> {
  const rows =
    db === getDb()
      ? await preparedStatement('session_choices', (d) =>
          sessionChoicesQuery(d, sql.placeholder('eventId')).prepare('session_choices'),
        ).execute({ eventId })
      : await sessionChoicesQuery(db, eventId);
  const slots = slotsOf(rows);
  const taken = withSeats
    ? await sessionSeatsTaken(
        db,
        rows.filter((r) => r.capacity !== null).map((r) => r.id),
      )
    : new Map<string, number>();
  return rows.map((s, i) => ({
    id: s.id,
    slot: slots[i] ?? 0,
    titleFr: s.titleFr,
    titleEn: s.titleEn,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    room: s.room,
    capacity: s.capacity,
    seatsLeft:
      s.capacity === null || !withSeats ? null : Math.max(0, s.capacity - (taken.get(s.id) ?? 0)),
    organisationKinds: s.access === 'organisation_kinds' ? s.accessOrganisationKinds : [],
  }));
}

/** The event's form; with `seats`, the seats left in each session (for display). */
export async function loadFormDefinition(
  eventId: string,
  options: { seats?: boolean; db?: Executor } = {},
): Promise<FormDefinition> {
  const db = options.db ?? getDb();
  const [questions, sessions] = await Promise.all([
    loadQuestions(db, eventId),
    loadSessionChoices(db, eventId, options.seats ?? false),
  ]);
  return { questions, sessions };
}
