import crypto from 'node:crypto';
import { and, eq, gt, lt, max, ne, or, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import {
  events,
  networks,
  programmeSessions,
  registrationQuestions,
  roleGrants,
  sessionSpeakers,
  workingGroups,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { sessionSeatsTaken } from '@/lib/registrations/form-definition';
import {
  notifyEventCancelled,
  offerSeatsAfterChange,
  seatsTaken,
} from '@/lib/registrations/mutations';
import { schedulePurge } from '@/lib/registrations/questions';
import { defaultOrigin } from '@/lib/site-url';
import type { EventStatus } from './enums';
import { type LockedEvent, lockEvent } from './lock';
import { utcToZonedLocal, zonedDate, zonedLocalToUtc } from './time';
import { type EventInput, eventInstants, type SessionInput } from './validation';

const invalid = (field: string, key: string) =>
  new ActionError('actions.invalid', { [field]: [key] });

/** Locks an event whose content may still change: an archived event is frozen. */
async function lockEditableEvent(tx: Transaction, eventId: string): Promise<LockedEvent> {
  const event = await lockEvent(tx, eventId);
  if (event.status === 'archived') throw new ActionError('events.errors.archived');
  return event;
}

async function checkSlugFree(tx: Transaction, slug: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: events.id })
    .from(events)
    .where(exceptId ? and(eq(events.slug, slug), ne(events.id, exceptId)) : eq(events.slug, slug));
  if (taken) throw invalid('slug', 'slugTaken');
}

/** The network exists; the working group belongs to it and is valid on the event's dates. */
async function checkNetworkAndGroup(
  tx: Transaction,
  input: EventInput,
  startsAt: Date,
  endsAt: Date,
) {
  if (input.networkId) {
    const [network] = await tx
      .select({ id: networks.id })
      .from(networks)
      .where(eq(networks.id, input.networkId));
    if (!network) throw invalid('networkId', 'invalidChoice');
  }
  if (!input.workingGroupId) return;
  const [group] = await tx
    .select({
      networkId: workingGroups.networkId,
      validFrom: workingGroups.validFrom,
      validTo: workingGroups.validTo,
    })
    .from(workingGroups)
    .where(eq(workingGroups.id, input.workingGroupId));
  if (!group) throw invalid('workingGroupId', 'invalidChoice');
  if (group.networkId !== input.networkId)
    throw invalid('workingGroupId', 'workingGroupNotInNetwork');
  if (!groupValidOn(group, startsAt, endsAt, input.timeZone)) {
    throw invalid('workingGroupId', 'workingGroupNotValid');
  }
}

/** A working group exists on every day of the event, counted in the event's time zone. */
function groupValidOn(
  group: { validFrom: string; validTo: string | null },
  startsAt: Date,
  endsAt: Date,
  timeZone: string,
): boolean {
  const first = zonedDate(startsAt, timeZone);
  const last = zonedDate(endsAt, timeZone);
  return group.validFrom <= first && (group.validTo === null || group.validTo >= last);
}

/** The programme already there must still fit the event's new dates and capacity. */
async function checkProgrammeFits(
  tx: Transaction,
  eventId: string,
  startsAt: Date,
  endsAt: Date,
  capacity: number | null,
) {
  const [outside] = await tx
    .select({ id: programmeSessions.id })
    .from(programmeSessions)
    .where(
      and(
        eq(programmeSessions.eventId, eventId),
        or(lt(programmeSessions.startsAt, startsAt), gt(programmeSessions.endsAt, endsAt)),
      ),
    )
    .limit(1);
  if (outside) throw invalid('startsAt', 'sessionsOutsideEvent');
  if (capacity !== null) {
    const [largest] = await tx
      .select({ seats: max(programmeSessions.capacity) })
      .from(programmeSessions)
      .where(eq(programmeSessions.eventId, eventId));
    if (largest?.seats != null && largest.seats > capacity) {
      throw invalid('capacity', 'capacityBelowSessions');
    }
    // Seats already given (or offered) are never taken back by shrinking the event.
    if ((await seatsTaken(tx, eventId)) > capacity) {
      throw invalid('capacity', 'capacityBelowRegistrations');
    }
  }
}

function eventValues(input: EventInput) {
  const at = eventInstants(input);
  return {
    slug: input.slug,
    format: input.format,
    networkId: input.networkId,
    workingGroupId: input.workingGroupId,
    mode: input.mode,
    venueName: input.mode === 'online' ? null : input.venueName,
    venueAddress: input.mode === 'online' ? null : input.venueAddress,
    city: input.mode === 'online' ? null : input.city,
    country: input.mode === 'online' ? null : input.country,
    onlineUrl: input.mode === 'in_person' ? null : input.onlineUrl,
    timeZone: input.timeZone,
    ...at,
    workingLanguages: input.workingLanguages,
    interpretationLanguages: input.interpretationLanguages,
    confidentiality: input.confidentiality,
    visibility: input.visibility,
    registrationMode: input.registrationMode,
    capacity: input.capacity,
    retentionDays: input.retentionDays,
    offerHoldHours: input.offerHoldHours,
    titleFr: input.titleFr,
    titleEn: input.titleEn,
    summaryFr: input.summaryFr,
    summaryEn: input.summaryEn,
    descriptionFr: input.descriptionFr,
    descriptionEn: input.descriptionEn,
  };
}

/** The person who creates (or duplicates) an event organises it. */
async function grantOrganiser(tx: Transaction, userId: string, eventId: string) {
  await tx
    .insert(roleGrants)
    .values({ userId, role: 'organiser', eventId, grantedBy: userId })
    .onConflictDoNothing();
}

/** Two organisers taking the same slug at once: the loser gets the field error, not a 500. */
async function slugSafe<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, 'events_slug_unique')) throw invalid('slug', 'slugTaken');
    throw error;
  }
}

export async function createEvent(
  viewer: Viewer | null,
  input: EventInput,
): Promise<{ id: string; slug: string }> {
  assertCan(viewer, 'events.create');
  return slugSafe(() =>
    getDb().transaction(async (tx) => {
      const values = eventValues(input);
      await checkSlugFree(tx, input.slug);
      await checkNetworkAndGroup(tx, input, values.startsAt, values.endsAt);
      const [row] = await tx
        .insert(events)
        .values({ ...values, createdBy: viewer.id })
        .returning({ id: events.id, slug: events.slug });
      if (!row) throw new Error('insert returned no row');
      await grantOrganiser(tx, viewer.id, row.id);
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'event.create',
        subjectType: 'event',
        subjectId: row.id,
        data: { slug: row.slug },
      });
      return row;
    }),
  );
}

export async function updateEvent(
  viewer: Viewer | null,
  eventId: string,
  input: EventInput,
  options: { origin?: string } = {},
): Promise<void> {
  assertCan(viewer, 'events.manage', { eventId });
  await slugSafe(() =>
    getDb().transaction(async (tx) => {
      const before = await lockEditableEvent(tx, eventId);
      const values = eventValues(input);
      await checkSlugFree(tx, input.slug, eventId);
      await checkNetworkAndGroup(tx, input, values.startsAt, values.endsAt);
      await checkProgrammeFits(tx, eventId, values.startsAt, values.endsAt, values.capacity);
      await tx.update(events).set(values).where(eq(events.id, eventId));
      // Seats added go to the waiting list first, in this same transaction.
      const raised =
        before.capacity !== null && (values.capacity === null || values.capacity > before.capacity);
      if (raised) {
        await offerSeatsAfterChange(tx, eventId, options.origin ?? defaultOrigin());
      }
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'event.update',
        subjectType: 'event',
        subjectId: eventId,
      });
    }),
  );
}

const TRANSITIONS: Record<EventStatus, EventStatus[]> = {
  draft: ['published', 'cancelled'],
  published: ['cancelled', 'archived'],
  cancelled: ['archived'],
  archived: [],
};

async function transition(
  viewer: Viewer | null,
  eventId: string,
  to: EventStatus,
  extra: Partial<typeof events.$inferInsert> = {},
  origin: string = defaultOrigin(),
): Promise<void> {
  assertCan(viewer, 'events.manage', { eventId });
  await getDb().transaction(async (tx) => {
    const current = await lockEvent(tx, eventId);
    if (!TRANSITIONS[current.status].includes(to)) {
      throw new ActionError('events.errors.invalidTransition');
    }
    const now = new Date();
    const stamp =
      to === 'published'
        ? { publishedAt: now }
        : to === 'cancelled'
          ? { cancelledAt: now }
          : { archivedAt: now };
    await tx
      .update(events)
      .set({ status: to, ...stamp, ...extra })
      .where(eq(events.id, eventId));
    await recordAudit(tx, {
      actorId: viewer.id,
      action: `event.${to === 'published' ? 'publish' : to === 'cancelled' ? 'cancel' : 'archive'}`,
      subjectType: 'event',
      subjectId: eventId,
      data: { from: current.status },
    });
    // Everyone still registered hears it, with the reason, in the same transaction.
    if (to === 'cancelled') await notifyEventCancelled(tx, eventId, origin);
  });
}

export const publishEvent = (viewer: Viewer | null, eventId: string) =>
  transition(viewer, eventId, 'published');

export const archiveEvent = (viewer: Viewer | null, eventId: string) =>
  transition(viewer, eventId, 'archived');

/** Cancels with a reason, in both languages, shown to everyone registered. */
export const cancelEvent = (
  viewer: Viewer | null,
  eventId: string,
  reason: { reasonFr: string; reasonEn: string },
  options: { origin?: string } = {},
) =>
  transition(
    viewer,
    eventId,
    'cancelled',
    { cancellationReasonFr: reason.reasonFr, cancellationReasonEn: reason.reasonEn },
    options.origin,
  );

function shiftDays(instant: Date, days: number, timeZone: string): Date {
  // Moves the wall-clock time, not the instant: 09:00 stays 09:00 across a DST change.
  const local = utcToZonedLocal(instant, timeZone);
  const [date, time] = local.split('T') as [string, string];
  const shifted = new Date(`${date}T00:00:00Z`);
  shifted.setUTCDate(shifted.getUTCDate() + days);
  return zonedLocalToUtc(`${shifted.toISOString().slice(0, 10)}T${time}`, timeZone);
}

/** Copies an event and its programme as a new draft, moved to a new first day. */
export async function duplicateEvent(
  viewer: Viewer | null,
  eventId: string,
  target: { slug: string; startDate: string },
): Promise<{ id: string; slug: string }> {
  assertCan(viewer, 'events.manage', { eventId });
  assertCan(viewer, 'events.create');
  return slugSafe(() =>
    getDb().transaction(async (tx) => {
      const [source] = await tx.select().from(events).where(eq(events.id, eventId));
      if (!source) throw new NotFoundError();
      await checkSlugFree(tx, target.slug);
      const from = Date.parse(`${zonedDate(source.startsAt, source.timeZone)}T00:00:00Z`);
      const to = Date.parse(`${target.startDate}T00:00:00Z`);
      if (Number.isNaN(to)) throw invalid('startDate', 'invalidDate');
      const days = Math.round((to - from) / 86_400_000);
      const move = (d: Date | null) => (d ? shiftDays(d, days, source.timeZone) : null);
      const startsAt = shiftDays(source.startsAt, days, source.timeZone);
      const endsAt = shiftDays(source.endsAt, days, source.timeZone);
      if (source.workingGroupId) {
        const [group] = await tx
          .select({ validFrom: workingGroups.validFrom, validTo: workingGroups.validTo })
          .from(workingGroups)
          .where(eq(workingGroups.id, source.workingGroupId));
        if (group && !groupValidOn(group, startsAt, endsAt, source.timeZone)) {
          throw invalid('startDate', 'workingGroupNotValid');
        }
      }
      const {
        id: _id,
        createdAt: _c,
        updatedAt: _u,
        publishedAt: _p,
        cancelledAt: _x,
        archivedAt: _a,
        cancellationReasonFr: _rf,
        cancellationReasonEn: _re,
        ...copy
      } = source;
      const [row] = await tx
        .insert(events)
        .values({
          ...copy,
          slug: target.slug,
          status: 'draft',
          startsAt,
          endsAt,
          registrationOpensAt: move(source.registrationOpensAt),
          registrationClosesAt: move(source.registrationClosesAt),
          modificationDeadline: move(source.modificationDeadline),
          duplicatedFromId: source.id,
          createdBy: viewer.id,
        })
        .returning({ id: events.id, slug: events.slug });
      if (!row) throw new Error('insert returned no row');
      const sessions = await tx
        .select()
        .from(programmeSessions)
        .where(eq(programmeSessions.eventId, source.id));
      for (const { id: sessionId, createdAt: _sc, updatedAt: _su, ...s } of sessions) {
        const [copied] = await tx
          .insert(programmeSessions)
          .values({
            ...s,
            eventId: row.id,
            startsAt: shiftDays(s.startsAt, days, source.timeZone),
            endsAt: shiftDays(s.endsAt, days, source.timeZone),
          })
          .returning({ id: programmeSessions.id });
        const speakers = await tx
          .select({
            position: sessionSpeakers.position,
            name: sessionSpeakers.name,
            function: sessionSpeakers.function,
            organisation: sessionSpeakers.organisation,
          })
          .from(sessionSpeakers)
          .where(eq(sessionSpeakers.sessionId, sessionId));
        if (copied && speakers.length > 0) {
          await tx
            .insert(sessionSpeakers)
            .values(speakers.map((sp) => ({ ...sp, sessionId: copied.id })));
        }
      }
      // The registration form comes along, its conditions pointing at the copies.
      const questions = await tx
        .select()
        .from(registrationQuestions)
        .where(eq(registrationQuestions.eventId, source.id));
      const ids = new Map(questions.map((q) => [q.id, crypto.randomUUID()]));
      if (questions.length > 0) {
        await tx.insert(registrationQuestions).values(
          questions.map(({ createdAt: _qc, updatedAt: _qu, ...q }) => ({
            ...q,
            id: ids.get(q.id),
            eventId: row.id,
            showIf: q.showIf
              ? { ...q.showIf, questionId: ids.get(q.showIf.questionId) ?? q.showIf.questionId }
              : null,
          })),
        );
      }
      if (questions.some((q) => q.purpose !== 'general')) {
        await schedulePurge(tx, row.id, endsAt);
      }
      await grantOrganiser(tx, viewer.id, row.id);
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'event.duplicate',
        subjectType: 'event',
        subjectId: row.id,
        data: { from: source.id, days },
      });
      return row;
    }),
  );
}

/** Programme rules: inside the event, one session at a time per room, seats within the event's. */
async function checkSession(
  tx: Transaction,
  event: LockedEvent,
  input: SessionInput,
  exceptId?: string,
) {
  const startsAt = zonedLocalToUtc(input.startsAt, event.timeZone);
  const endsAt = zonedLocalToUtc(input.endsAt, event.timeZone);
  if (startsAt < event.startsAt || endsAt > event.endsAt) {
    throw invalid('startsAt', 'sessionOutsideEvent');
  }
  if (input.capacity !== null && event.capacity !== null && input.capacity > event.capacity) {
    throw invalid('capacity', 'sessionCapacityAboveEvent');
  }
  if (input.room) {
    const [clash] = await tx
      .select({ id: programmeSessions.id })
      .from(programmeSessions)
      .where(
        and(
          eq(programmeSessions.eventId, event.id),
          sql`lower(btrim(${programmeSessions.room})) = lower(btrim(${input.room}))`,
          lt(programmeSessions.startsAt, endsAt),
          gt(programmeSessions.endsAt, startsAt),
          exceptId ? ne(programmeSessions.id, exceptId) : undefined,
        ),
      )
      .limit(1);
    if (clash) throw invalid('room', 'roomOverlap');
  }
  return { startsAt, endsAt };
}

function sessionValues(input: SessionInput, at: { startsAt: Date; endsAt: Date }) {
  return {
    type: input.type,
    titleFr: input.titleFr,
    titleEn: input.titleEn,
    descriptionFr: input.descriptionFr,
    descriptionEn: input.descriptionEn,
    room: input.room,
    startsAt: at.startsAt,
    endsAt: at.endsAt,
    capacity: input.capacity,
    access: input.access,
    accessOrganisationKinds:
      input.access === 'organisation_kinds' ? input.accessOrganisationKinds : [],
    chathamHouse: input.chathamHouse,
  };
}

async function writeSpeakers(tx: Transaction, sessionId: string, input: SessionInput) {
  await tx.delete(sessionSpeakers).where(eq(sessionSpeakers.sessionId, sessionId));
  if (input.speakers.length === 0) return;
  await tx
    .insert(sessionSpeakers)
    .values(input.speakers.map((sp, position) => ({ ...sp, position, sessionId })));
}

export async function addSession(
  viewer: Viewer | null,
  eventId: string,
  input: SessionInput,
): Promise<string> {
  assertCan(viewer, 'events.manage', { eventId });
  return getDb().transaction(async (tx) => {
    const event = await lockEditableEvent(tx, eventId);
    const at = await checkSession(tx, event, input);
    const [row] = await tx
      .insert(programmeSessions)
      .values({ ...sessionValues(input, at), eventId })
      .returning({ id: programmeSessions.id });
    if (!row) throw new Error('insert returned no row');
    await writeSpeakers(tx, row.id, input);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'session.create',
      subjectType: 'event',
      subjectId: eventId,
      data: { sessionId: row.id },
    });
    return row.id;
  });
}

async function sessionEventId(sessionId: string): Promise<string> {
  const [row] = await getDb()
    .select({ eventId: programmeSessions.eventId })
    .from(programmeSessions)
    .where(eq(programmeSessions.id, sessionId));
  if (!row) throw new NotFoundError();
  return row.eventId;
}

export async function updateSession(
  viewer: Viewer | null,
  sessionId: string,
  input: SessionInput,
): Promise<void> {
  const eventId = await sessionEventId(sessionId);
  assertCan(viewer, 'events.manage', { eventId });
  await getDb().transaction(async (tx) => {
    const event = await lockEditableEvent(tx, eventId);
    const at = await checkSession(tx, event, input, sessionId);
    const [before] = await tx
      .select({ capacity: programmeSessions.capacity })
      .from(programmeSessions)
      .where(eq(programmeSessions.id, sessionId));
    const taken = (await sessionSeatsTaken(tx, [sessionId])).get(sessionId) ?? 0;
    // Seats already given in the session stay given.
    if (input.capacity !== null && taken > input.capacity) {
      throw invalid('capacity', 'capacityBelowRegistrations');
    }
    await tx
      .update(programmeSessions)
      .set(sessionValues(input, at))
      .where(eq(programmeSessions.id, sessionId));
    await writeSpeakers(tx, sessionId, input);
    const raised =
      before?.capacity != null && (input.capacity === null || input.capacity > before.capacity);
    if (raised) await offerSeatsAfterChange(tx, eventId, defaultOrigin());
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'session.update',
      subjectType: 'event',
      subjectId: eventId,
      data: { sessionId },
    });
  });
}

export async function deleteSession(viewer: Viewer | null, sessionId: string): Promise<void> {
  const eventId = await sessionEventId(sessionId);
  assertCan(viewer, 'events.manage', { eventId });
  await getDb().transaction(async (tx) => {
    await lockEditableEvent(tx, eventId);
    await tx.delete(programmeSessions).where(eq(programmeSessions.id, sessionId));
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'session.delete',
      subjectType: 'event',
      subjectId: eventId,
      data: { sessionId },
    });
  });
}
