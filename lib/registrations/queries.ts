import { and, count, desc, eq, lt, or } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { events, registrations } from '@/db/schema';
import type { Viewer } from '@/lib/auth/permissions';
import { localized } from '@/lib/i18n/localized';
import type { Locale, OrganisationKind } from '@/lib/people/enums';
import { ACTIVE_STATUSES, type RegistrationStatus } from './enums';
import { chosenSessions } from './form-definition';
import { manageLinkExpiresAt } from './manage-link';
import { hashToken, modificationEndsAt } from './mutations';
import { manageTokenSchema } from './validation';

export type ManagedRegistration = {
  id: string;
  eventId: string;
  status: RegistrationStatus;
  firstName: string;
  lastName: string;
  email: string;
  organisation: string;
  function: string;
  country: string;
  organisationKind: OrganisationKind | null;
  locale: Locale;
  ticketCode: string;
  answers: Record<string, unknown>;
  /** The sessions chosen, in programme order. */
  sessions: { id: string; title: string; startsAt: Date; endsAt: Date }[];
  /** Until when the person may change it (null: no longer). */
  editableUntil: Date | null;
  offerExpiresAt: Date | null;
  /** 1 = next to be offered a seat; null when not on the waiting list. */
  position: number | null;
  event: {
    slug: string;
    title: string;
    cancelled: boolean;
    cancellationReason: string | null;
    timeZone: string;
    startsAt: Date;
    endsAt: Date;
  };
};

/**
 * The registration a manage link opens, or null for a malformed, unknown, revoked or
 * expired link (manageLinkState tells which).
 */
export async function registrationByToken(
  token: string,
  locale: Locale,
): Promise<ManagedRegistration | null> {
  if (!manageTokenSchema.safeParse(token).success) return null;
  const db = getDb();
  const [row] = await db
    .select({ r: registrations, e: events })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(eq(registrations.manageTokenHash, hashToken(token)));
  if (!row || manageLinkExpiresAt(row.e, row.r.manageTokenExpiresAt) <= new Date()) return null;
  return toManaged(row.r, row.e, locale);
}

async function toManaged(
  r: typeof registrations.$inferSelect,
  e: typeof events.$inferSelect,
  locale: Locale,
): Promise<ManagedRegistration> {
  const [position, sessions] = await Promise.all([
    r.status === 'waitlisted' ? positionAfter(r.eventId, r.seq) : null,
    chosenSessions(getDb(), r.id),
  ]);
  const until = modificationEndsAt(e);
  const editable =
    ACTIVE_STATUSES.includes(r.status) && e.status === 'published' && until > new Date();
  return {
    id: r.id,
    eventId: r.eventId,
    status: r.status,
    firstName: r.firstName,
    lastName: r.lastName,
    email: r.email,
    organisation: r.organisation,
    function: r.function,
    country: r.country,
    organisationKind: r.organisationKind,
    locale: r.locale,
    ticketCode: r.ticketCode,
    answers: (r.answers ?? {}) as Record<string, unknown>,
    sessions: sessions.map((s) => ({
      id: s.id,
      title: localized(locale, s.titleFr, s.titleEn),
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    })),
    editableUntil: editable ? until : null,
    offerExpiresAt: r.offerExpiresAt,
    position,
    event: {
      slug: e.slug,
      title: localized(locale, e.titleFr, e.titleEn),
      cancelled: e.status === 'cancelled',
      cancellationReason:
        e.status === 'cancelled'
          ? localized(locale, e.cancellationReasonFr, e.cancellationReasonEn)
          : null,
      timeZone: e.timeZone,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
    },
  };
}

/** A signed-in person's own registration by its id, or null (someone else's looks unknown). */
export async function myRegistration(
  viewer: Viewer,
  registrationId: string,
  locale: Locale,
): Promise<ManagedRegistration | null> {
  const [row] = await getDb()
    .select({ r: registrations, e: events })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(
        eq(registrations.id, registrationId),
        or(
          eq(registrations.userId, viewer.id),
          eq(registrations.email, viewer.email.toLowerCase()),
        ),
      ),
    );
  return row ? toManaged(row.r, row.e, locale) : null;
}

/** Waiting-list position of a registration (1 = next), or null when not waitlisted. */
export async function waitlistPosition(registrationId: string): Promise<number | null> {
  const db = getDb();
  const [row] = await db
    .select({
      eventId: registrations.eventId,
      seq: registrations.seq,
      status: registrations.status,
    })
    .from(registrations)
    .where(eq(registrations.id, registrationId));
  if (row?.status !== 'waitlisted') return null;
  return positionAfter(row.eventId, row.seq);
}

async function positionAfter(eventId: string, seq: number): Promise<number> {
  const [ahead] = await getDb()
    .select({ n: count() })
    .from(registrations)
    .where(
      and(
        eq(registrations.eventId, eventId),
        eq(registrations.status, 'waitlisted'),
        lt(registrations.seq, seq),
      ),
    );
  return (ahead?.n ?? 0) + 1;
}

/** A signed-in person's registrations (by account or by e-mail), latest event first. */
export async function listMyRegistrations(
  viewer: Viewer,
  locale: Locale,
): Promise<ManagedRegistration[]> {
  const rows = await getDb()
    .select({ r: registrations, e: events })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      or(eq(registrations.userId, viewer.id), eq(registrations.email, viewer.email.toLowerCase())),
    )
    .orderBy(desc(events.startsAt));
  return Promise.all(rows.map(({ r, e }) => toManaged(r, e, locale)));
}
