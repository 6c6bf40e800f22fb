import { and, asc, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, preparedStatement } from '@/db/client';
import {
  events,
  networks,
  programmeSessions,
  registrations,
  roleGrants,
  sessionSpeakers,
  workingGroups,
} from '@/db/schema';
import { allows, type Viewer } from '@/lib/auth/permissions';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import { ACTIVE_STATUSES } from '@/lib/registrations/enums';
import { hashToken } from '@/lib/registrations/tokens';
import { manageTokenSchema } from '@/lib/registrations/validation';
import { likePattern } from '@/lib/text/like';
import type {
  Confidentiality,
  EventFormat,
  EventMode,
  EventStatus,
  RegistrationMode,
  SessionAccess,
  SessionType,
} from './enums';
import { isSlug } from './validation';

export type CatalogueFilters = {
  period?: 'upcoming' | 'past';
  q?: string;
  network?: string;
  workingGroup?: string;
  format?: EventFormat;
  language?: string;
  mode?: EventMode;
  country?: string;
  city?: string;
  from?: string;
  to?: string;
  page?: number;
};

export type CatalogueItem = {
  slug: string;
  title: string;
  summary: string;
  format: EventFormat;
  mode: EventMode;
  status: EventStatus;
  city: string | null;
  country: string | null;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  networkAcronym: string | null;
  workingGroupName: string | null;
  workingLanguages: string[];
  registrationMode: RegistrationMode;
  confidentiality: Confidentiality;
};

export const CATALOGUE_PAGE_SIZE = 20;

/** Escapes LIKE wildcards so that a search for "50%" means fifty per cent. */

/**
 * The public catalogue: published (or cancelled) listed events that are public or held
 * under the Chatham House Rule. Restricted and unlisted events never appear here.
 */
export async function listCatalogue(
  filters: CatalogueFilters,
  locale: Locale,
  now = new Date(),
): Promise<{ items: CatalogueItem[]; total: number }> {
  const group = alias(workingGroups, 'group');
  const where: (SQL | undefined)[] = [
    inArray(events.status, ['published', 'cancelled']),
    eq(events.visibility, 'listed'),
    inArray(events.confidentiality, ['public', 'chatham_house']),
    filters.period === 'past' ? lt(events.endsAt, now) : gte(events.endsAt, now),
  ];
  if (filters.q) {
    const pattern = likePattern(filters.q.trim());
    where.push(
      or(
        ilike(events.titleFr, pattern),
        ilike(events.titleEn, pattern),
        ilike(events.summaryFr, pattern),
        ilike(events.summaryEn, pattern),
      ),
    );
  }
  if (filters.network) where.push(eq(networks.slug, filters.network));
  if (filters.workingGroup) where.push(eq(group.slug, filters.workingGroup));
  if (filters.format) where.push(eq(events.format, filters.format));
  if (filters.mode) where.push(eq(events.mode, filters.mode));
  if (filters.language) where.push(sql`${filters.language} = any(${events.workingLanguages})`);
  if (filters.country) where.push(eq(events.country, filters.country.toUpperCase()));
  if (filters.city) where.push(ilike(events.city, likePattern(filters.city.trim())));
  if (filters.from) where.push(gte(events.endsAt, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to) where.push(lt(events.startsAt, new Date(`${filters.to}T23:59:59Z`)));

  const condition = and(...where);
  const page = Math.max(1, filters.page ?? 1);
  const db = getDb();
  const base = db
    .select({
      slug: events.slug,
      titleFr: events.titleFr,
      titleEn: events.titleEn,
      summaryFr: events.summaryFr,
      summaryEn: events.summaryEn,
      format: events.format,
      mode: events.mode,
      status: events.status,
      city: events.city,
      country: events.country,
      timeZone: events.timeZone,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      networkAcronym: networks.acronym,
      groupFr: group.nameFr,
      groupEn: group.nameEn,
      workingLanguages: events.workingLanguages,
      registrationMode: events.registrationMode,
      confidentiality: events.confidentiality,
    })
    .from(events)
    .leftJoin(networks, eq(networks.id, events.networkId))
    .leftJoin(group, eq(group.id, events.workingGroupId))
    .where(condition)
    // Upcoming: soonest first; archive: most recent first.
    .orderBy(filters.period === 'past' ? desc(events.startsAt) : asc(events.startsAt))
    .limit(CATALOGUE_PAGE_SIZE)
    .offset((page - 1) * CATALOGUE_PAGE_SIZE);
  const [rows, [counted]] = await Promise.all([
    base,
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(events)
      .leftJoin(networks, eq(networks.id, events.networkId))
      .leftJoin(group, eq(group.id, events.workingGroupId))
      .where(condition),
  ]);
  return {
    total: counted?.total ?? 0,
    items: rows.map((r) => ({
      slug: r.slug,
      title: localized(locale, r.titleFr, r.titleEn),
      summary: localized(locale, r.summaryFr, r.summaryEn),
      format: r.format,
      mode: r.mode,
      status: r.status,
      city: r.city,
      country: r.country,
      timeZone: r.timeZone,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      networkAcronym: r.networkAcronym,
      workingGroupName: localized(locale, r.groupFr, r.groupEn),
      workingLanguages: r.workingLanguages,
      registrationMode: r.registrationMode,
      confidentiality: r.confidentiality,
    })),
  };
}

export type SpeakerDto = { name: string; function: string | null; organisation: string | null };

export type SessionDto = {
  id: string;
  type: SessionType;
  title: string;
  description: string;
  room: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  access: SessionAccess;
  accessOrganisationKinds: string[];
  chathamHouse: boolean;
  /** Empty when the session (or the event) is held under the Chatham House Rule. */
  speakers: SpeakerDto[];
};

export type EventPageDto = {
  id: string;
  slug: string;
  status: EventStatus;
  title: string;
  summary: string;
  description: string;
  format: EventFormat;
  mode: EventMode;
  venueName: string | null;
  venueAddress: string | null;
  city: string | null;
  country: string | null;
  /** Only for people who may attend; never on the public page. */
  onlineUrl: null;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  workingLanguages: string[];
  interpretationLanguages: string[];
  confidentiality: Confidentiality;
  registrationMode: RegistrationMode;
  capacity: number | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  cancellationReason: string | null;
  networkAcronym: string | null;
  networkName: string | null;
  workingGroupName: string | null;
  sessions: SessionDto[];
  canManage: boolean;
};

/** The speakers of these sessions, in their order. */
export async function speakersOf(sessionIds: string[]) {
  if (sessionIds.length === 0) return [];
  return getDb()
    .select({
      sessionId: sessionSpeakers.sessionId,
      name: sessionSpeakers.name,
      function: sessionSpeakers.function,
      organisation: sessionSpeakers.organisation,
    })
    .from(sessionSpeakers)
    .where(inArray(sessionSpeakers.sessionId, sessionIds))
    .orderBy(asc(sessionSpeakers.position));
}

export type EventAccess = 'ok' | 'not_found' | 'sign_in';

/** Who may see an event page: drafts and restricted events only to those the event admits. */
function eventAccess(
  viewer: Viewer | null,
  event: { id: string; status: EventStatus; confidentiality: Confidentiality },
  grantedEventIds: Set<string>,
): EventAccess {
  const manages = allows(viewer, 'events.manage', { eventId: event.id });
  if (event.status === 'draft') return manages ? 'ok' : 'not_found';
  if (event.confidentiality === 'restricted') {
    if (grantedEventIds.has(event.id)) return 'ok';
    if (!viewer) return 'sign_in';
    return manages ? 'ok' : 'not_found';
  }
  return 'ok';
}

/**
 * Whether the event admits this person beyond its organisers: a grant on it, a
 * registration (signed in, by account or e-mail), or a valid invitation link.
 */
async function grantedOn(
  viewer: Viewer | null,
  eventId: string,
  invitationToken?: string,
): Promise<Set<string>> {
  const admitted = new Set<string>();
  const db = getDb();
  if (invitationToken && (await invitationAdmits(eventId, invitationToken))) admitted.add(eventId);
  if (!viewer || admitted.size > 0) return admitted;
  const [grant] = await db
    .select({ eventId: roleGrants.eventId })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, viewer.id), eq(roleGrants.eventId, eventId)))
    .limit(1);
  const [registered] = grant
    ? [grant]
    : await db
        .select({ eventId: registrations.eventId })
        .from(registrations)
        .where(
          and(
            eq(registrations.eventId, eventId),
            inArray(registrations.status, [...ACTIVE_STATUSES]),
            or(
              eq(registrations.userId, viewer.id),
              eq(registrations.email, viewer.email.toLowerCase()),
            ),
          ),
        )
        .limit(1);
  if (registered) admitted.add(eventId);
  return admitted;
}

/**
 * A valid personal link of this event: an unrevoked invitation, or the link of a nominee
 * invited to register.
 */
async function invitationAdmits(eventId: string, token: string): Promise<boolean> {
  if (!manageTokenSchema.safeParse(token).success) return false;
  const hash = hashToken(token);
  const [row] = await getDb()
    .select({
      invited: sql<boolean>`exists (select 1 from invitations i where i.event_id = ${eventId}
        and i.token_hash = ${hash} and i.revoked_at is null)`,
      nominated: sql<boolean>`exists (select 1 from nominations n
        join nomination_calls c on c.id = n.call_id
        where c.event_id = ${eventId} and n.token_hash = ${hash} and n.status = 'invited')`,
    })
    .from(events)
    .where(eq(events.id, eventId));
  return Boolean(row?.invited || row?.nominated);
}

/** Who may see an event, without reading its content (registration API and action). */
export async function eventAccessBySlug(
  slug: string,
  viewer: Viewer | null,
  invitationToken?: string,
): Promise<EventAccessRead> {
  if (!isSlug(slug)) return accessTo(undefined, viewer);
  const [e] = await preparedStatement('event_by_slug', (db) =>
    db
      .select()
      .from(events)
      .where(eq(events.slug, sql.placeholder('slug')))
      .prepare('event_by_slug'),
  ).execute({ slug });
  return accessTo(e, viewer, invitationToken);
}

export async function eventAccessById(
  id: string,
  viewer: Viewer | null,
  invitationToken?: string,
): Promise<EventAccessRead> {
  const [e] = await preparedStatement('event_by_id', (db) =>
    db
      .select()
      .from(events)
      .where(eq(events.id, sql.placeholder('id')))
      .prepare('event_by_id'),
  ).execute({ id });
  return accessTo(e, viewer, invitationToken);
}

/** Whether the viewer may see the event; the event's row when they may. */
type EventAccessRead =
  | { access: 'ok'; id: string; event: typeof events.$inferSelect }
  | { access: Exclude<EventAccess, 'ok'>; id: null; event: null };

async function accessTo(
  e: typeof events.$inferSelect | undefined,
  viewer: Viewer | null,
  invitationToken?: string,
): Promise<EventAccessRead> {
  if (!e) return { access: 'not_found', id: null, event: null };
  const access = eventAccess(viewer, e, await grantedOn(viewer, e.id, invitationToken));
  return access === 'ok' ? { access, id: e.id, event: e } : { access, id: null, event: null };
}

export async function getEventPage(
  slug: string,
  viewer: Viewer | null,
  locale: Locale,
  /** An invitation link's token, which opens a restricted event to its invitee. */
  invitationToken?: string,
): Promise<{ access: EventAccess; event: EventPageDto | null }> {
  if (!isSlug(slug)) return { access: 'not_found', event: null };
  const db = getDb();
  const group = alias(workingGroups, 'group');
  const [row] = await db
    .select({
      event: events,
      networkAcronym: networks.acronym,
      networkFr: networks.nameFr,
      networkEn: networks.nameEn,
      groupFr: group.nameFr,
      groupEn: group.nameEn,
    })
    .from(events)
    .leftJoin(networks, eq(networks.id, events.networkId))
    .leftJoin(group, eq(group.id, events.workingGroupId))
    .where(eq(events.slug, slug));
  if (!row) return { access: 'not_found', event: null };
  const e = row.event;
  const access = eventAccess(viewer, e, await grantedOn(viewer, e.id, invitationToken));
  if (access !== 'ok') return { access, event: null };

  const sessions = await db
    .select()
    .from(programmeSessions)
    .where(eq(programmeSessions.eventId, e.id))
    .orderBy(asc(programmeSessions.startsAt), asc(programmeSessions.room));
  const speakers = await speakersOf(sessions.map((s) => s.id));
  const eventUnderRule = e.confidentiality === 'chatham_house';
  return {
    access,
    event: {
      id: e.id,
      slug: e.slug,
      status: e.status,
      title: localized(locale, e.titleFr, e.titleEn),
      summary: localized(locale, e.summaryFr, e.summaryEn),
      description: localized(locale, e.descriptionFr, e.descriptionEn),
      format: e.format,
      mode: e.mode,
      venueName: e.venueName,
      venueAddress: e.venueAddress,
      city: e.city,
      country: e.country,
      onlineUrl: null,
      timeZone: e.timeZone,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      workingLanguages: e.workingLanguages,
      interpretationLanguages: e.interpretationLanguages,
      confidentiality: e.confidentiality,
      registrationMode: e.registrationMode,
      capacity: e.capacity,
      registrationOpensAt: e.registrationOpensAt,
      registrationClosesAt: e.registrationClosesAt,
      cancellationReason:
        e.status === 'cancelled'
          ? localized(locale, e.cancellationReasonFr, e.cancellationReasonEn)
          : null,
      networkAcronym: row.networkAcronym,
      networkName: localized(locale, row.networkFr, row.networkEn),
      workingGroupName: localized(locale, row.groupFr, row.groupEn),
      canManage: allows(viewer, 'events.manage', { eventId: e.id }),
      sessions: sessions.map((s) => ({
        id: s.id,
        type: s.type,
        title: localized(locale, s.titleFr, s.titleEn),
        description: localized(locale, s.descriptionFr, s.descriptionEn),
        room: s.room,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        capacity: s.capacity,
        access: s.access,
        accessOrganisationKinds: s.accessOrganisationKinds,
        chathamHouse: s.chathamHouse || eventUnderRule,
        speakers:
          s.chathamHouse || eventUnderRule
            ? []
            : speakers
                .filter((sp) => sp.sessionId === s.id)
                .map(({ name, function: fn, organisation }) => ({
                  name,
                  function: fn,
                  organisation,
                })),
      })),
    },
  };
}

/** Events the viewer may manage (admin: all), newest first. */
export async function listManagedEvents(viewer: Viewer | null, locale: Locale) {
  if (!viewer) return [];
  const isAdmin = viewer.grants.some((g) => g.role === 'admin');
  const ids = viewer.grants
    .filter((g) => g.role === 'organiser' && g.eventId)
    .map((g) => g.eventId as string);
  if (!isAdmin && ids.length === 0) return [];
  const rows = await getDb()
    .select({
      id: events.id,
      slug: events.slug,
      status: events.status,
      titleFr: events.titleFr,
      titleEn: events.titleEn,
      startsAt: events.startsAt,
      timeZone: events.timeZone,
    })
    .from(events)
    .where(isAdmin ? undefined : inArray(events.id, ids))
    .orderBy(desc(events.startsAt));
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    status: r.status,
    title: localized(locale, r.titleFr, r.titleEn),
    startsAt: r.startsAt,
    timeZone: r.timeZone,
  }));
}

/** Countries where catalogue events (upcoming or past) take place: the catalogue's country filter. */
export async function listCatalogueCountries(): Promise<string[]> {
  const rows = await getDb()
    .selectDistinct({ country: events.country })
    .from(events)
    .where(
      and(
        inArray(events.status, ['published', 'cancelled']),
        eq(events.visibility, 'listed'),
        inArray(events.confidentiality, ['public', 'chatham_house']),
        sql`${events.country} is not null`,
      ),
    );
  return rows.map((r) => r.country).filter((c): c is string => c !== null);
}
