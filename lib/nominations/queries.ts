import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Executor, getDb } from '@/db/client';
import {
  events,
  nominationCalls,
  nominationChanges,
  nominationGroupQuotas,
  nominationQuotas,
  nominations,
  organisations,
  roleGrants,
  users,
  workingGroups,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { NotFoundError } from '@/lib/auth/errors';
import { allows, type Viewer } from '@/lib/auth/permissions';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import { hashToken } from '@/lib/registrations/tokens';
import { manageTokenSchema } from '@/lib/registrations/validation';
import { type NominationStatus, PLACE_GIVEN, QUOTA_HOLDING } from './enums';

export type NominationDto = {
  id: string;
  rank: number;
  status: NominationStatus;
  late: boolean;
  firstName: string;
  lastName: string;
  email: string;
  function: string;
  unit: string;
  justification: string;
  reason: string | null;
  /** The nomination this one replaced. */
  replacesId: string | null;
  /** The nominee's working group, named in the page's language. */
  workingGroup: string | null;
};

const nominationFields = {
  id: nominations.id,
  rank: nominations.rank,
  status: nominations.status,
  late: nominations.late,
  firstName: nominations.firstName,
  lastName: nominations.lastName,
  email: nominations.email,
  function: nominations.function,
  unit: nominations.unit,
  justification: nominations.justification,
  reason: nominations.reason,
  replacesId: nominations.replacesId,
  organisationId: nominations.organisationId,
  workingGroupFr: workingGroups.nameFr,
  workingGroupEn: workingGroups.nameEn,
};

/** The nominations of a call (optionally of one organisation), in rank order. */
async function nominationList(callId: string, locale: Locale, organisationId?: string) {
  const rows = await getDb()
    .select(nominationFields)
    .from(nominations)
    .leftJoin(workingGroups, eq(workingGroups.id, nominations.workingGroupId))
    .where(
      and(
        eq(nominations.callId, callId),
        organisationId ? eq(nominations.organisationId, organisationId) : undefined,
      ),
    )
    .orderBy(asc(nominations.rank));
  return rows.map(({ workingGroupFr, workingGroupEn, ...r }) => ({
    ...r,
    workingGroup: workingGroupFr ? localized(locale, workingGroupFr, workingGroupEn ?? '') : null,
  }));
}

/** What a nominator is shown of a call's event and of their organisation. */
const callFacts = {
  organisationFr: organisations.nameFr,
  organisationEn: organisations.nameEn,
  titleFr: events.titleFr,
  titleEn: events.titleEn,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  timeZone: events.timeZone,
  city: events.city,
};

/** Live nominations counted against each organisation's quota in a call. */
async function quotaUsed(callIds: string[]): Promise<Map<string, number>> {
  if (callIds.length === 0) return new Map();
  const rows = await getDb()
    .select({ callId: nominations.callId, organisationId: nominations.organisationId, n: count() })
    .from(nominations)
    .where(
      and(inArray(nominations.callId, callIds), inArray(nominations.status, [...QUOTA_HOLDING])),
    )
    .groupBy(nominations.callId, nominations.organisationId);
  return new Map(rows.map((r) => [`${r.callId}|${r.organisationId}`, Number(r.n)]));
}

/** The call of an event, as its organisers edit it (null when there is none yet). */
export async function callForEditing(viewer: Viewer | null, eventId: string) {
  assertCan(viewer, 'events.manage', { eventId });
  const [call] = await getDb()
    .select()
    .from(nominationCalls)
    .where(eq(nominationCalls.eventId, eventId));
  if (!call) return null;
  const quotas = await getDb()
    .select({ organisationId: nominationQuotas.organisationId, quota: nominationQuotas.quota })
    .from(nominationQuotas)
    .where(eq(nominationQuotas.callId, call.id));
  const groupQuotas = await getDb()
    .select({
      country: nominationGroupQuotas.country,
      workingGroupId: nominationGroupQuotas.workingGroupId,
      quota: nominationGroupQuotas.quota,
    })
    .from(nominationGroupQuotas)
    .where(eq(nominationGroupQuotas.callId, call.id));
  return { ...call, quotas, groupQuotas };
}

/**
 * Places held in a call per country (of the nominating organisation) and per working
 * group (of the nominee), across organisations: what the group quotas count.
 */
export async function groupPlacesHeld(db: Executor, callId: string) {
  const rows = await db
    .select({
      country: organisations.country,
      workingGroupId: nominations.workingGroupId,
      n: count(),
    })
    .from(nominations)
    .innerJoin(organisations, eq(organisations.id, nominations.organisationId))
    .where(and(eq(nominations.callId, callId), inArray(nominations.status, [...PLACE_GIVEN])))
    .groupBy(organisations.country, nominations.workingGroupId);
  const byCountry = new Map<string, number>();
  const byGroup = new Map<string, number>();
  for (const r of rows) {
    if (r.country) byCountry.set(r.country, (byCountry.get(r.country) ?? 0) + Number(r.n));
    if (r.workingGroupId) {
      byGroup.set(r.workingGroupId, (byGroup.get(r.workingGroupId) ?? 0) + Number(r.n));
    }
  }
  return { byCountry, byGroup };
}

/** The organisations invited to a call, each with its quota and its names. */
export async function callQuotas(db: Executor, callId: string) {
  return db
    .select({
      organisationId: nominationQuotas.organisationId,
      quota: nominationQuotas.quota,
      nameFr: organisations.nameFr,
      nameEn: organisations.nameEn,
    })
    .from(nominationQuotas)
    .innerJoin(organisations, eq(organisations.id, nominationQuotas.organisationId))
    .where(eq(nominationQuotas.callId, callId));
}

/** A call's places per country and per working group (with the group's names). */
export async function callGroupLimits(db: Executor, callId: string) {
  return db
    .select({
      country: nominationGroupQuotas.country,
      workingGroupId: nominationGroupQuotas.workingGroupId,
      quota: nominationGroupQuotas.quota,
      nameFr: workingGroups.nameFr,
      nameEn: workingGroups.nameEn,
    })
    .from(nominationGroupQuotas)
    .leftJoin(workingGroups, eq(workingGroups.id, nominationGroupQuotas.workingGroupId))
    .where(eq(nominationGroupQuotas.callId, callId));
}

/**
 * The places per country and per working group of an event's call, with those held
 * (accepted, invited or confirmed nominees), for the organisers' review.
 */
export async function groupQuotaUse(viewer: Viewer | null, eventId: string, locale: Locale) {
  assertCan(viewer, 'events.manage', { eventId });
  const db = getDb();
  const [call] = await db
    .select({ id: nominationCalls.id })
    .from(nominationCalls)
    .where(eq(nominationCalls.eventId, eventId));
  if (!call) return [];
  const limits = await callGroupLimits(db, call.id);
  if (limits.length === 0) return [];
  const held = await groupPlacesHeld(db, call.id);
  const regions = new Intl.DisplayNames([locale], { type: 'region' });
  return limits
    .map((l) => ({
      key: l.country ?? l.workingGroupId ?? '',
      kind: l.country ? ('country' as const) : ('workingGroup' as const),
      name: l.country
        ? (regions.of(l.country) ?? l.country)
        : localized(locale, l.nameFr ?? '', l.nameEn ?? ''),
      quota: l.quota,
      accepted: l.country
        ? (held.byCountry.get(l.country) ?? 0)
        : (held.byGroup.get(l.workingGroupId ?? '') ?? 0),
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, locale));
}

/** Every organisation an organiser may invite to nominate, by name. */
export async function organisationChoices(locale: Locale) {
  const rows = await getDb()
    .select({
      id: organisations.id,
      nameFr: organisations.nameFr,
      nameEn: organisations.nameEn,
      acronym: organisations.acronym,
      country: organisations.country,
    })
    .from(organisations);
  return rows
    .map((o) => ({
      id: o.id,
      name: localized(locale, o.nameFr, o.nameEn),
      acronym: o.acronym,
      country: o.country,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/**
 * The organisers' review of a call: every invited organisation with its quota and its
 * nominations in rank order. The read is audited (a list of people).
 */
export async function callReview(viewer: Viewer | null, eventId: string, locale: Locale) {
  assertCan(viewer, 'events.manage', { eventId });
  const db = getDb();
  const [call] = await db
    .select({ id: nominationCalls.id })
    .from(nominationCalls)
    .where(eq(nominationCalls.eventId, eventId));
  if (!call) return null;
  const [quotas, rows] = await Promise.all([
    callQuotas(db, call.id),
    nominationList(call.id, locale),
  ]);
  await recordAudit(db, {
    actorId: viewer.id,
    action: 'nominations.list',
    subjectType: 'event',
    subjectId: eventId,
    data: { count: rows.length },
  });
  return quotas
    .map((q) => {
      const mine = rows.filter(
        (r) => r.organisationId === q.organisationId && r.status !== 'draft',
      );
      return {
        organisationId: q.organisationId,
        name: localized(locale, q.nameFr, q.nameEn),
        quota: q.quota,
        accepted: mine.filter((r) => (PLACE_GIVEN as readonly string[]).includes(r.status)).length,
        nominations: mine as NominationDto[],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** The calls a nominator's organisations are invited to (drafts never shown). */
export async function callsForNominator(viewer: Viewer, locale: Locale) {
  const organisationIds = viewer.grants
    .filter((g) => g.role === 'nominator' && g.organisationId)
    .map((g) => g.organisationId as string);
  if (organisationIds.length === 0) return [];
  const rows = await getDb()
    .select({
      callId: nominationCalls.id,
      status: nominationCalls.status,
      nominationsCloseAt: nominationCalls.nominationsCloseAt,
      confirmationDeadline: nominationCalls.confirmationDeadline,
      withdrawalDeadline: nominationCalls.withdrawalDeadline,
      organisationId: nominationQuotas.organisationId,
      quota: nominationQuotas.quota,
      ...callFacts,
    })
    .from(nominationQuotas)
    .innerJoin(nominationCalls, eq(nominationCalls.id, nominationQuotas.callId))
    .innerJoin(events, eq(events.id, nominationCalls.eventId))
    .innerJoin(organisations, eq(organisations.id, nominationQuotas.organisationId))
    .where(
      and(
        inArray(nominationQuotas.organisationId, organisationIds),
        inArray(nominationCalls.status, ['open', 'closed']),
      ),
    )
    .orderBy(asc(nominationCalls.nominationsCloseAt));
  const used = await quotaUsed([...new Set(rows.map((r) => r.callId))]);
  return rows.map((r) => ({
    callId: r.callId,
    status: r.status,
    organisationId: r.organisationId,
    organisation: localized(locale, r.organisationFr, r.organisationEn),
    title: localized(locale, r.titleFr, r.titleEn),
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    timeZone: r.timeZone,
    city: r.city,
    nominationsCloseAt: r.nominationsCloseAt,
    confirmationDeadline: r.confirmationDeadline,
    withdrawalDeadline: r.withdrawalDeadline,
    quota: r.quota,
    used: used.get(`${r.callId}|${r.organisationId}`) ?? 0,
  }));
}

/**
 * One call as a nominator of one organisation sees it: the call, and that
 * organisation's nominations only. Anything else (another organisation, a call it is
 * not invited to, a draft call) is a 404.
 */
export async function nominatorCall(
  viewer: Viewer | null,
  callId: string,
  organisationId: string,
  locale: Locale,
) {
  if (!allows(viewer, 'nominations.nominate', { organisationId })) throw new NotFoundError();
  const db = getDb();
  const [row] = await db
    .select({
      call: nominationCalls,
      quota: nominationQuotas.quota,
      ...callFacts,
    })
    .from(nominationCalls)
    .innerJoin(
      nominationQuotas,
      and(
        eq(nominationQuotas.callId, nominationCalls.id),
        eq(nominationQuotas.organisationId, organisationId),
      ),
    )
    .innerJoin(events, eq(events.id, nominationCalls.eventId))
    .innerJoin(organisations, eq(organisations.id, organisationId))
    .where(eq(nominationCalls.id, callId));
  if (!row || row.call.status === 'draft') throw new NotFoundError();
  const list = await nominationList(callId, locale, organisationId);
  const used = list.filter((n) => (QUOTA_HOLDING as readonly string[]).includes(n.status)).length;
  return {
    callId,
    organisationId,
    eventId: row.call.eventId,
    status: row.call.status,
    organisation: localized(locale, row.organisationFr, row.organisationEn),
    title: localized(locale, row.titleFr, row.titleEn),
    profile: localized(locale, row.call.profileFr, row.call.profileEn),
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.timeZone,
    city: row.city,
    nominationsCloseAt: row.call.nominationsCloseAt,
    withdrawalDeadline: row.call.withdrawalDeadline,
    acceptsLate: row.call.acceptsLate,
    quota: row.quota,
    used,
    nominations: list as NominationDto[],
  };
}

/**
 * What an invited nominee's personal link opens: their registration form, prefilled
 * (null for a link that is not valid now).
 */
export async function nominationForRegistration(eventId: string, token: unknown, locale: Locale) {
  const parsed = manageTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const [row] = await getDb()
    .select({
      email: nominations.email,
      firstName: nominations.firstName,
      lastName: nominations.lastName,
      locale: nominations.locale,
      organisationFr: organisations.nameFr,
      organisationEn: organisations.nameEn,
      confirmationDeadline: nominationCalls.confirmationDeadline,
    })
    .from(nominations)
    .innerJoin(nominationCalls, eq(nominationCalls.id, nominations.callId))
    .innerJoin(organisations, eq(organisations.id, nominations.organisationId))
    .where(
      and(
        eq(nominationCalls.eventId, eventId),
        eq(nominations.tokenHash, hashToken(parsed.data)),
        eq(nominations.status, 'invited'),
      ),
    );
  // The link expires at the call's confirmation deadline (nomineeLinkExpired says so).
  if (!row || row.confirmationDeadline <= new Date()) return null;
  return {
    token: parsed.data,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    locale: row.locale,
    organisation: localized(locale, row.organisationFr, row.organisationEn),
    confirmationDeadline: row.confirmationDeadline,
  };
}

/** An invited nominee's link past the call's confirmation deadline (it then opens nothing). */
export async function nomineeLinkExpired(eventId: string, token: unknown): Promise<boolean> {
  const parsed = manageTokenSchema.safeParse(token);
  if (!parsed.success) return false;
  const [row] = await getDb()
    .select({ deadline: nominationCalls.confirmationDeadline })
    .from(nominations)
    .innerJoin(nominationCalls, eq(nominationCalls.id, nominations.callId))
    .where(
      and(
        eq(nominationCalls.eventId, eventId),
        eq(nominations.tokenHash, hashToken(parsed.data)),
        eq(nominations.status, 'invited'),
      ),
    );
  return Boolean(row && row.deadline <= new Date());
}

/**
 * The organisations invited to an event's call, each with the people who nominate for
 * it (for its organisers: who will receive the call, and whom to invite).
 */
export async function callNominators(viewer: Viewer | null, eventId: string, locale: Locale) {
  assertCan(viewer, 'events.manage', { eventId });
  const db = getDb();
  const rows = await db
    .select({
      organisationId: nominationQuotas.organisationId,
      nameFr: organisations.nameFr,
      nameEn: organisations.nameEn,
      email: users.email,
      name: users.name,
    })
    .from(nominationQuotas)
    .innerJoin(nominationCalls, eq(nominationCalls.id, nominationQuotas.callId))
    .innerJoin(organisations, eq(organisations.id, nominationQuotas.organisationId))
    .leftJoin(
      roleGrants,
      and(
        eq(roleGrants.organisationId, nominationQuotas.organisationId),
        eq(roleGrants.role, 'nominator'),
        isNull(roleGrants.eventId),
      ),
    )
    .leftJoin(users, eq(users.id, roleGrants.userId))
    .where(eq(nominationCalls.eventId, eventId))
    .orderBy(asc(users.email));
  const byOrganisation = new Map<
    string,
    { organisationId: string; name: string; people: { email: string; name: string | null }[] }
  >();
  for (const r of rows) {
    const group = byOrganisation.get(r.organisationId) ?? {
      organisationId: r.organisationId,
      name: localized(locale, r.nameFr, r.nameEn),
      people: [],
    };
    if (r.email) group.people.push({ email: r.email, name: r.name });
    byOrganisation.set(r.organisationId, group);
  }
  return [...byOrganisation.values()].sort((a, b) => a.name.localeCompare(b.name, locale));
}

export type HistoryEntry = {
  at: Date;
  from: NominationStatus | null;
  to: NominationStatus;
  note: string | null;
  /** Who did it: null for the nominee themselves or the platform (a deadline passing). */
  actor: string | null;
  /** The actor nominates for the nomination's organisation (else: an organiser or admin). */
  byNominator: boolean;
};

/**
 * The history of nominations (already checked to be the viewer's to see): every change,
 * who made it and when, oldest first.
 */
export async function nominationHistories(ids: string[]): Promise<Map<string, HistoryEntry[]>> {
  const byId = new Map<string, HistoryEntry[]>();
  if (ids.length === 0) return byId;
  const rows = await getDb()
    .select({
      nominationId: nominationChanges.nominationId,
      at: nominationChanges.at,
      from: nominationChanges.fromStatus,
      to: nominationChanges.toStatus,
      note: nominationChanges.note,
      name: users.name,
      email: users.email,
      byNominator: sql<boolean>`exists (select 1 from role_grants g
        where g.user_id = ${nominationChanges.actorId} and g.role = 'nominator'
        and g.organisation_id = ${nominations.organisationId})`,
    })
    .from(nominationChanges)
    .innerJoin(nominations, eq(nominations.id, nominationChanges.nominationId))
    .leftJoin(users, eq(users.id, nominationChanges.actorId))
    .where(inArray(nominationChanges.nominationId, ids))
    .orderBy(asc(nominationChanges.at), asc(nominationChanges.id));
  for (const r of rows) {
    const list = byId.get(r.nominationId) ?? [];
    list.push({
      at: r.at,
      from: r.from,
      to: r.to,
      note: r.note,
      actor: r.name ?? r.email ?? null,
      byNominator: Boolean(r.byNominator),
    });
    byId.set(r.nominationId, list);
  }
  return byId;
}
