import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import {
  programmeSessions,
  registrationChanges,
  registrationSessions,
  registrations,
  users,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import type { Viewer } from '@/lib/auth/permissions';
import { likePattern } from '@/lib/text/like';
import { CHOOSABLE_SESSION_TYPES, REGISTRATION_STATUSES, type RegistrationStatus } from './enums';
import { chosenSessions } from './form-definition';

export const REGISTRATIONS_PAGE_SIZE = 50;
export const REGISTRATION_SORTS = ['arrival', 'name', 'organisation', 'country'] as const;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

// Bad values in the URL are dropped, never an error: a hand-edited address still works.
const listParams = z.object({
  status: z.preprocess(first, z.enum(REGISTRATION_STATUSES).optional().catch(undefined)),
  q: z.preprocess(first, z.string().trim().max(200).optional().catch(undefined)),
  sort: z.preprocess(first, z.enum(REGISTRATION_SORTS).catch('arrival')),
  session: z.preprocess(first, z.uuid().optional().catch(undefined)),
  organisation: z.preprocess(first, z.string().trim().max(200).optional().catch(undefined)),
  country: z.preprocess(
    first,
    z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .transform((v) => v.toUpperCase())
      .optional()
      .catch(undefined),
  ),
  /** `<question id>:<value>`: registrations whose answer to the question is (or holds) the value. */
  answer: z.preprocess(
    first,
    z
      .string()
      .regex(/^[0-9a-f-]{36}:[^\s]{1,100}$/)
      .optional()
      .catch(undefined),
  ),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(10_000).catch(1)),
});

export type RegistrationListParams = z.output<typeof listParams>;

export function parseRegistrationListParams(
  search: Record<string, string | string[] | undefined>,
): RegistrationListParams {
  return listParams.parse(search);
}

export type SessionCount = {
  id: string;
  titleFr: string;
  titleEn: string;
  capacity: number | null;
  held: number;
  waitlisted: number;
  pending: number;
};

export type RegistrationRowDto = {
  id: string;
  seq: number;
  status: RegistrationStatus;
  firstName: string;
  lastName: string;
  email: string;
  organisation: string;
  function: string;
  country: string;
  createdAt: Date;
};

/**
 * The registrations of one event for its organisers: counts by status, one page of rows
 * (filtered, sorted, searched in the database). Every read is in the audit log: a list
 * of participants is personal data seen on a need-to-know basis.
 */
export async function listEventRegistrations(
  viewer: Viewer | null,
  eventId: string,
  params: RegistrationListParams,
): Promise<{
  items: RegistrationRowDto[];
  total: number;
  counts: Record<RegistrationStatus, number>;
  /** Seats held, people waiting and awaiting a decision, per session chosen at registration. */
  sessions: SessionCount[];
}> {
  assertCan(viewer, 'events.manage', { eventId });
  const db = getDb();
  const where: (SQL | undefined)[] = [eq(registrations.eventId, eventId)];
  if (params.status) where.push(eq(registrations.status, params.status));
  if (params.session) {
    where.push(sql`exists (select 1 from registration_sessions rs
      where rs.registration_id = registrations.id and rs.session_id = ${params.session})`);
  }
  if (params.organisation) {
    where.push(ilike(registrations.organisation, likePattern(params.organisation)));
  }
  if (params.country) where.push(eq(registrations.country, params.country));
  if (params.answer) {
    const at = params.answer.indexOf(':');
    const question = params.answer.slice(0, at);
    const value = params.answer.slice(at + 1);
    where.push(
      sql`((${registrations.answers} -> ${question}::text) @> to_jsonb(${value}::text)
        or ${registrations.answers} ->> ${question}::text = ${value})`,
    );
  }
  if (params.q) {
    const pattern = likePattern(params.q);
    where.push(
      or(
        ilike(registrations.firstName, pattern),
        ilike(registrations.lastName, pattern),
        ilike(registrations.email, pattern),
        ilike(registrations.organisation, pattern),
      ),
    );
  }
  const order =
    params.sort === 'name'
      ? [asc(registrations.lastName), asc(registrations.firstName), asc(registrations.seq)]
      : params.sort === 'organisation'
        ? [asc(registrations.organisation), asc(registrations.seq)]
        : params.sort === 'country'
          ? [asc(registrations.country), asc(registrations.seq)]
          : [asc(registrations.seq)];
  // The page of rows carries the number of rows matching (a window count over the same
  // scan): the filters (a search is an ILIKE on every row of the event) are evaluated
  // once, not once for the rows and again for the count. 50,000 registrations: about a
  // third less work for the database on every page.
  const [byStatus, rows, bySession] = await Promise.all([
    db
      .select({ status: registrations.status, n: count() })
      .from(registrations)
      .where(eq(registrations.eventId, eventId))
      .groupBy(registrations.status),
    db
      .select({
        id: registrations.id,
        seq: registrations.seq,
        status: registrations.status,
        firstName: registrations.firstName,
        lastName: registrations.lastName,
        email: registrations.email,
        organisation: registrations.organisation,
        function: registrations.function,
        country: registrations.country,
        createdAt: registrations.createdAt,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(registrations)
      .where(and(...where))
      .orderBy(...order)
      .limit(REGISTRATIONS_PAGE_SIZE)
      .offset((params.page - 1) * REGISTRATIONS_PAGE_SIZE),
    db
      .select({
        id: programmeSessions.id,
        titleFr: programmeSessions.titleFr,
        titleEn: programmeSessions.titleEn,
        capacity: programmeSessions.capacity,
        held: sql<number>`count(*) filter (where ${registrations.status} in ('confirmed', 'offered'))::int`,
        waitlisted: sql<number>`count(*) filter (where ${registrations.status} = 'waitlisted')::int`,
        pending: sql<number>`count(*) filter (where ${registrations.status} = 'pending')::int`,
      })
      .from(programmeSessions)
      .leftJoin(registrationSessions, eq(registrationSessions.sessionId, programmeSessions.id))
      .leftJoin(registrations, eq(registrations.id, registrationSessions.registrationId))
      .where(
        and(
          eq(programmeSessions.eventId, eventId),
          inArray(programmeSessions.type, [...CHOOSABLE_SESSION_TYPES]),
        ),
      )
      .groupBy(programmeSessions.id)
      .orderBy(asc(programmeSessions.startsAt), asc(programmeSessions.titleFr)),
  ]);
  // A page past the last one has no row to carry the count: counted on its own then.
  const total =
    rows.length > 0
      ? Number(rows[0]?.total)
      : params.page > 1
        ? Number(
            (
              await db
                .select({ n: count() })
                .from(registrations)
                .where(and(...where))
            )[0]?.n ?? 0,
          )
        : 0;
  const items = rows.map(({ total: _, ...row }) => row);
  await recordAudit(db, {
    actorId: viewer.id,
    action: 'registrations.list',
    subjectType: 'event',
    subjectId: eventId,
    data: {
      status: params.status ?? null,
      q: params.q ?? null,
      session: params.session ?? null,
      organisation: params.organisation ?? null,
      country: params.country ?? null,
      answer: params.answer ?? null,
      page: params.page,
    },
  });
  const counts = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as Record<
    RegistrationStatus,
    number
  >;
  for (const row of byStatus) counts[row.status] = row.n;
  return {
    items,
    total,
    counts,
    sessions: bySession.map((r) => ({
      ...r,
      held: Number(r.held),
      waitlisted: Number(r.waitlisted),
      pending: Number(r.pending),
    })),
  };
}

export type RegistrationDetail = RegistrationRowDto & {
  organisationKind: string | null;
  answers: Record<string, unknown>;
  sessions: { id: string; titleFr: string; titleEn: string; startsAt: Date; endsAt: Date }[];
  locale: string;
  directoryConsent: boolean;
  offerExpiresAt: Date | null;
  history: {
    at: Date;
    fromStatus: RegistrationStatus | null;
    toStatus: RegistrationStatus;
    /** Who made the change; null: the person themself or the system. */
    actor: string | null;
    note: string | null;
  }[];
};

/** One registration of an event with its history, for its organisers (read audited). */
export async function registrationDetail(
  viewer: Viewer | null,
  eventId: string,
  registrationId: string,
): Promise<RegistrationDetail | null> {
  assertCan(viewer, 'events.manage', { eventId });
  const db = getDb();
  const [r] = await db
    .select()
    .from(registrations)
    .where(and(eq(registrations.id, registrationId), eq(registrations.eventId, eventId)));
  if (!r) return null;
  const history = await db
    .select({
      at: registrationChanges.at,
      fromStatus: registrationChanges.fromStatus,
      toStatus: registrationChanges.toStatus,
      actorName: users.name,
      actorEmail: users.email,
      note: registrationChanges.note,
    })
    .from(registrationChanges)
    .leftJoin(users, eq(users.id, registrationChanges.actorId))
    .where(eq(registrationChanges.registrationId, r.id))
    .orderBy(asc(registrationChanges.at), asc(registrationChanges.id));
  const sessions = await chosenSessions(db, r.id);
  await recordAudit(db, {
    actorId: viewer.id,
    action: 'registration.view',
    subjectType: 'registration',
    subjectId: r.id,
    data: { eventId },
  });
  return {
    id: r.id,
    seq: r.seq,
    status: r.status,
    firstName: r.firstName,
    lastName: r.lastName,
    email: r.email,
    organisation: r.organisation,
    function: r.function,
    country: r.country,
    createdAt: r.createdAt,
    organisationKind: r.organisationKind,
    answers: (r.answers ?? {}) as Record<string, unknown>,
    sessions,
    locale: r.locale,
    directoryConsent: r.directoryConsent,
    offerExpiresAt: r.offerExpiresAt,
    history: history.map((h) => ({
      at: h.at,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      actor: h.actorName ?? h.actorEmail ?? null,
      note: h.note,
    })),
  };
}
