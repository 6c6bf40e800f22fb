import crypto from 'node:crypto';
import { and, asc, count, eq, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Executor, getDb, type Transaction } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import {
  events,
  programmeSessions,
  type RegistrationRow,
  registrationChanges,
  registrationSessions,
  registrations,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { type LockedEvent, lockEvent } from '@/lib/events/lock';
import { enqueue } from '@/lib/jobs/queue';
import { queueMail, queueMails } from '@/lib/mail/outbox';
import type { OutgoingMail } from '@/lib/mail/transport';
import { claimNomination } from '@/lib/nominations/mutations';
import type { OrganisationKind } from '@/lib/people/enums';
import { countHits, type Limit, RateLimitedError, registrationLimits } from '@/lib/rate-limit';
import { ACTIVE_STATUSES, type RegistrationStatus, SEAT_HOLDING } from './enums';
import { inBatch, type Settled } from './event-queue';
import type { Answers } from './form';
import { claimInvitation } from './invitations';
import { composeRegistrationMail, registrationMail } from './mail';
import { manageLinkExpiresAt } from './manage-link';
import { hashToken, newManageToken } from './tokens';
import type { RegistrationInput } from './validation';
import { registrationPhase } from './window';

/** How long a freed seat is held for the first person on the waiting list, by default. */
export const OFFER_HOURS = 48;

/** The background job that ends an offer nobody accepted in time. */
export const OFFER_EXPIRY_QUEUE = 'registrations.expire-offer';

/** Seats held now (confirmed, and offered to someone from the waiting list). */
export async function seatsTaken(tx: Transaction, eventId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(registrations)
    .where(
      and(eq(registrations.eventId, eventId), inArray(registrations.status, [...SEAT_HOLDING])),
    );
  return row?.n ?? 0;
}

type SessionSeats = Map<string, { capacity: number | null; taken: number }>;

/**
 * Seats of these sessions of the event: capacity and seats held, read with the event row
 * locked (the caller's lock keeps them true until commit). A session that is not the
 * event's (deleted meanwhile, forged) is missing from the map.
 */
async function sessionSeats(
  tx: Transaction,
  eventId: string,
  ids: string[],
): Promise<SessionSeats> {
  const seats: SessionSeats = new Map();
  if (ids.length === 0) return seats;
  const rows = await tx
    .select({
      id: programmeSessions.id,
      capacity: programmeSessions.capacity,
      // Spelled out: drizzle leaves columns unqualified in a one-table select, which a
      // correlated subquery would read as its own.
      taken: sql<number>`(select count(*)::int from registration_sessions rs
        join registrations r on r.id = rs.registration_id
        where rs.session_id = programme_sessions.id and r.status in ('confirmed', 'offered'))`,
    })
    .from(programmeSessions)
    .where(and(eq(programmeSessions.eventId, eventId), inArray(programmeSessions.id, ids)));
  for (const r of rows) seats.set(r.id, { capacity: r.capacity, taken: Number(r.taken) });
  return seats;
}

function sessionsFit(seats: SessionSeats, ids: readonly string[]): boolean {
  return ids.every((id) => {
    const s = seats.get(id);
    return s !== undefined && (s.capacity === null || s.taken < s.capacity);
  });
}

function takeSessions(seats: SessionSeats, ids: readonly string[]) {
  for (const id of ids) {
    const s = seats.get(id);
    if (s) s.taken++;
  }
}

/** The sessions chosen by each of these registrations. */
async function sessionsOf(tx: Transaction, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await tx
    .select()
    .from(registrationSessions)
    .where(inArray(registrationSessions.registrationId, ids));
  for (const r of rows) out.get(r.registrationId)?.push(r.sessionId);
  return out;
}

export { hashToken, newManageToken } from './tokens';

async function recordChange(
  tx: Transaction,
  registrationId: string,
  fromStatus: RegistrationStatus | null,
  toStatus: RegistrationStatus,
  actorId: string | null = null,
  note: string | null = null,
) {
  await tx
    .insert(registrationChanges)
    .values({ registrationId, fromStatus, toStatus, actorId, note });
}

/**
 * Why a public registration is refused, checked with the event row locked. `invited`:
 * the person holds a personal link (an invitation, or an accepted nomination), checked
 * once the row is written.
 */
function assertOpen(event: LockedEvent, now: Date, invited = false) {
  if (event.status !== 'published') throw new ActionError('registrations.errors.notOpen');
  if (event.registrationMode === 'nomination' && !invited) {
    throw new ActionError('registrations.errors.byNomination');
  }
  if (event.registrationMode === 'invitation' && !invited) {
    throw new ActionError('registrations.errors.byInvitation');
  }
  const window = registrationPhase(event, now);
  if (window === 'not_yet') throw new ActionError('registrations.errors.notYetOpen');
  if (window === 'closed') throw new ActionError('registrations.errors.closed');
}

export type RegisterResult =
  | { outcome: 'registered'; id: string; status: RegistrationStatus }
  | { outcome: 'already_registered'; id: string };

type RegisterInput = RegistrationInput &
  Partial<{ organisationKind: OrganisationKind; answers: Answers; sessionIds: string[] }>;

/** A registration made ready before the event's lock: its token, ticket and mails. */
type Prepared = {
  input: RegisterInput;
  email: string;
  sessionIds: string[];
  userId: string | null;
  origin: string;
  now: Date;
  token: string;
  hash: string;
  ticketCode: string;
  mailFor: (status: RegistrationStatus) => OutgoingMail;
  /** The rate limits this registration counts against (public registrations). */
  limits: Limit[];
};

/** The event as a registration needs it before the lock (for its mails). */
export type RegistrationEvent = Parameters<typeof composeRegistrationMail>[1] &
  Pick<typeof events.$inferSelect, 'registrationMode'>;

/**
 * A public registration. Open events confirm while seats remain, then waitlist; events
 * on approval keep it pending. The row, its history and the mail (with the personal
 * manage link) are written in one transaction: a success means all three are there.
 * A second attempt with the same e-mail (a double click, a retry, a forgotten
 * registration) writes nothing but a new mail with a fresh link.
 *
 * Registrations for one event that arrive together are written together (group
 * commit, `inBatch`): one lock, one count and one statement per table for the batch,
 * seats given in arrival order.
 */
export async function register(
  input: RegisterInput,
  options: {
    origin: string;
    userId?: string | null;
    now?: Date;
    /** The event as read by the caller (who checked it may be seen). */
    event?: RegistrationEvent;
    /** A public registration's client address: then rate-limited (with the e-mail). */
    clientAddress?: string;
  },
): Promise<RegisterResult> {
  const now = options.now ?? new Date();
  // What costs time is done before the event's lock is taken: the token, the ticket and
  // the mails a new registration can get (chosen once the seats are counted).
  const event =
    options.event ?? (await getDb().select().from(events).where(eq(events.id, input.eventId)))[0];
  if (!event) throw new NotFoundError();
  const { token, hash } = newManageToken();
  const ticketCode = crypto.randomBytes(16).toString('hex');
  const person = { ...input, offerExpiresAt: null, ticketCode };
  const composed = new Map<RegistrationStatus, OutgoingMail>();
  const mailFor = (status: RegistrationStatus) => {
    let mail = composed.get(status);
    if (!mail) {
      mail = composeRegistrationMail(person, event, status, token, options.origin);
      composed.set(status, mail);
    }
    return mail;
  };
  for (const status of event.registrationMode === 'approval'
    ? (['pending'] as const)
    : (['confirmed', 'waitlisted'] as const)) {
    mailFor(status);
  }
  const prepared: Prepared = {
    input,
    email: input.email,
    sessionIds: input.sessionIds ?? [],
    userId: options.userId ?? null,
    origin: options.origin,
    now,
    token,
    hash,
    ticketCode,
    mailFor,
    limits:
      options.clientAddress === undefined
        ? []
        : registrationLimits(options.clientAddress, input.email),
  };
  try {
    return await inBatch(`event:${event.id}`, prepared, (batch) => registerBatch(event.id, batch));
  } catch (error) {
    // Unreachable while the event row is locked; kept as the database's last word.
    if (isUniqueViolation(error, 'registrations_event_email')) {
      throw new ActionError('registrations.errors.duplicate');
    }
    throw error;
  }
}

/**
 * Writes a batch of registrations for one event in one transaction: lock the event,
 * count, then give each person, in arrival order, a seat in the event and in every
 * session chosen, or the waiting list. A person already registered (before, or earlier
 * in the same batch) gets their link again. Refusals (registration closed, a session
 * gone) are settled per person; anything that fails the transaction makes `inBatch`
 * run each person alone.
 */
async function registerBatch(
  eventId: string,
  batch: Prepared[],
): Promise<Settled<RegisterResult>[]> {
  return getDb().transaction(async (tx) => {
    // Rate limits first (counted with the batch, before the event's lock is taken).
    const waits = await countHits(
      tx,
      batch.flatMap((p) => p.limits),
    );
    const settled: Settled<RegisterResult>[] = [];
    let at = 0;
    for (const [index, p] of batch.entries()) {
      const mine = waits.slice(at, at + p.limits.length).filter((w): w is number => w !== null);
      at += p.limits.length;
      if (mine.length > 0) {
        settled[index] = { ok: false, error: new RateLimitedError(Math.max(...mine)) };
      }
    }
    const locked = await lockEvent(tx, eventId);
    // A statement after the lock: it sees every registration committed before it.
    const [seen] = await tx
      .select({
        existing: sql<Record<string, string> | null>`(select json_object_agg(r.email, r.id)
          from registrations r where r.event_id = ${eventId}
          and r.email in ${batch.map((p) => p.email)})`,
        taken: sql<number>`(select count(*)::int from registrations r
          where r.event_id = ${eventId} and r.status in ('confirmed', 'offered'))`,
      })
      .from(events)
      .where(eq(events.id, eventId));
    const existing = new Map(Object.entries(seen?.existing ?? {}));
    const seats = await sessionSeats(tx, eventId, [...new Set(batch.flatMap((p) => p.sessionIds))]);
    let taken = Number(seen?.taken ?? 0);
    const fresh: { index: number; prepared: Prepared; status: RegistrationStatus }[] = [];
    const again: number[] = [];
    const emailsNow = new Set<string>();
    for (const [index, p] of batch.entries()) {
      if (settled[index]) continue;
      if (existing.has(p.email) || emailsNow.has(p.email)) {
        again.push(index);
        continue;
      }
      try {
        // On invitation only, the link's token is checked once the row is written.
        assertOpen(locked, p.now, Boolean(p.input.invitationToken));
        if (!p.sessionIds.every((id) => seats.has(id))) {
          throw new ActionError('actions.invalid', { sessionIds: ['invalidSession'] });
        }
      } catch (error) {
        settled[index] = { ok: false, error };
        continue;
      }
      // A nominee's place in the event is held since their acceptance: a seat in each
      // session chosen is all they need.
      if (locked.registrationMode === 'nomination' && !sessionsFit(seats, p.sessionIds)) {
        settled[index] = {
          ok: false,
          error: new ActionError('actions.invalid', {
            sessionIds: ['nominations.errors.sessionFull'],
          }),
        };
        continue;
      }
      // A seat in the event and in every session chosen, or the waiting list.
      const status: RegistrationStatus =
        locked.registrationMode === 'approval'
          ? 'pending'
          : locked.registrationMode === 'nomination' ||
              ((locked.capacity === null || taken < locked.capacity) &&
                sessionsFit(seats, p.sessionIds))
            ? 'confirmed'
            : 'waitlisted';
      if (status === 'confirmed') {
        taken++;
        takeSessions(seats, p.sessionIds);
      }
      emailsNow.add(p.email);
      fresh.push({ index, prepared: p, status });
    }
    if (fresh.length > 0) {
      const rows = await tx
        .insert(registrations)
        .values(
          fresh.map(({ prepared: p, status }) => ({
            eventId,
            userId: p.userId,
            email: p.email,
            firstName: p.input.firstName,
            lastName: p.input.lastName,
            organisation: p.input.organisation,
            function: p.input.function,
            country: p.input.country,
            organisationKind: p.input.organisationKind ?? null,
            locale: p.input.locale,
            status,
            manageTokenHash: p.hash,
            ticketCode: p.ticketCode,
            answers: p.input.answers ?? {},
            directoryConsent: p.input.directoryConsent,
            privacyAcknowledgedAt: p.now,
          })),
        )
        .returning({ id: registrations.id, email: registrations.email });
      const ids = new Map(rows.map((r) => [r.email, r.id]));
      const chosen = fresh.flatMap(({ prepared: p }) =>
        p.sessionIds.map((sessionId) => ({
          registrationId: ids.get(p.email) as string,
          sessionId,
        })),
      );
      if (chosen.length > 0) await tx.insert(registrationSessions).values(chosen);
      await tx.insert(registrationChanges).values(
        fresh.map(({ prepared: p, status }) => ({
          registrationId: ids.get(p.email) as string,
          fromStatus: null,
          toStatus: status,
        })),
      );
      for (const { prepared: p } of fresh) {
        const id = ids.get(p.email);
        if (!id) throw new Error('insert returned fewer rows');
        if (locked.registrationMode === 'invitation') {
          await claimInvitation(tx, eventId, p.input.invitationToken ?? '', p.email, id);
        }
        if (locked.registrationMode === 'nomination') {
          await claimNomination(tx, eventId, p.input.invitationToken ?? '', p.email, id, {
            now: p.now,
            origin: p.origin,
          });
        }
        existing.set(p.email, id);
      }
      await queueMails(
        tx,
        fresh.map(({ prepared: p, status }) => p.mailFor(status)),
      );
      for (const { index, prepared: p, status } of fresh) {
        settled[index] = {
          ok: true,
          value: { outcome: 'registered', id: ids.get(p.email) as string, status },
        };
      }
    }
    // Already registered: a fresh link (the last one sent is the one that works).
    for (const index of again) {
      const p = batch[index] as Prepared;
      const id = existing.get(p.email) as string;
      await tx
        .update(registrations)
        .set({ manageTokenHash: p.hash })
        .where(eq(registrations.id, id));
      await queueMail(tx, await registrationMail(tx, id, 'link_again', p.token, p.origin));
      settled[index] = { ok: true, value: { outcome: 'already_registered', id } };
    }
    return settled;
  });
}

/**
 * Offers freed seats to the waiting list in arrival order, in the transaction that freed
 * them (the event row is locked by the caller). A person waiting for a session that is
 * still full is passed over, keeping their place, until a seat frees there.
 */
async function offerFreedSeats(
  tx: Transaction,
  event: LockedEvent,
  origin: string,
  now: Date,
  /** People not to offer a seat to in this pass (just moved to the waiting list). */
  skip: ReadonlySet<string> = new Set(),
) {
  let free =
    event.capacity === null
      ? Number.POSITIVE_INFINITY
      : event.capacity - (await seatsTaken(tx, event.id));
  if (free <= 0) return;
  const waiting = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, event.id), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.seq))
    .for('update');
  if (waiting.length === 0) return;
  const choices = await sessionsOf(
    tx,
    waiting.map((w) => w.id),
  );
  const seats = await sessionSeats(tx, event.id, [...new Set([...choices.values()].flat())]);
  for (const next of waiting) {
    if (free <= 0) return;
    if (skip.has(next.id)) continue;
    const chosen = choices.get(next.id) ?? [];
    if (!sessionsFit(seats, chosen)) continue;
    takeSessions(seats, chosen);
    const { token, hash } = newManageToken();
    const offerExpiresAt = new Date(now.getTime() + event.offerHoldHours * 3600_000);
    await tx
      .update(registrations)
      .set({ status: 'offered', offerExpiresAt, manageTokenHash: hash })
      .where(eq(registrations.id, next.id));
    await recordChange(tx, next.id, 'waitlisted', 'offered');
    await queueMail(tx, await registrationMail(tx, next.id, 'offered', token, origin));
    // Written with the offer: it runs when the offer lapses, whichever instance is up.
    await enqueue(
      tx,
      OFFER_EXPIRY_QUEUE,
      { registrationId: next.id, origin },
      { runAt: offerExpiresAt },
    );
    free--;
  }
}

/**
 * After a change that may have freed seats (the capacity raised), offers them to the
 * waiting list, in the caller's transaction, which holds the event row.
 */
export async function offerSeatsAfterChange(tx: Transaction, eventId: string, origin: string) {
  await offerFreedSeats(tx, await lockEvent(tx, eventId), origin, new Date());
}

/**
 * The event is cancelled (the caller holds its row): every active registration gets a
 * mail with the organisers' reason and a fresh manage link. Statuses are kept as they
 * were, for the record.
 */
export async function notifyEventCancelled(tx: Transaction, eventId: string, origin: string) {
  const [event] = await tx
    .select({ reasonFr: events.cancellationReasonFr, reasonEn: events.cancellationReasonEn })
    .from(events)
    .where(eq(events.id, eventId));
  const active = await tx
    .select({ id: registrations.id, locale: registrations.locale })
    .from(registrations)
    .where(
      and(eq(registrations.eventId, eventId), inArray(registrations.status, [...ACTIVE_STATUSES])),
    )
    .orderBy(asc(registrations.seq))
    .for('update');
  for (const r of active) {
    const { token, hash } = newManageToken();
    await tx.update(registrations).set({ manageTokenHash: hash }).where(eq(registrations.id, r.id));
    const reason = r.locale === 'en' ? event?.reasonEn : event?.reasonFr;
    await queueMail(
      tx,
      await registrationMail(tx, r.id, 'event_cancelled', token, origin, reason ?? null),
    );
  }
}

/** Who acts on a registration: whoever holds its link, or the signed-in person it belongs to. */
export type Holder = { token: string } | { id: string; viewer: Viewer };

/**
 * The registration a holder may act on; someone else's and an unknown one look the same.
 * A manage link past its expiry is refused (a revoked one is no longer the current token).
 */
export async function findHeld(db: Executor, holder: Holder) {
  const [found] = await db
    .select({
      id: registrations.id,
      eventId: registrations.eventId,
      email: registrations.email,
      linkExpiresAt: registrations.manageTokenExpiresAt,
      endsAt: events.endsAt,
      retentionDays: events.retentionDays,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      'token' in holder
        ? eq(registrations.manageTokenHash, hashToken(holder.token))
        : and(
            eq(registrations.id, holder.id),
            or(
              eq(registrations.userId, holder.viewer.id),
              eq(registrations.email, holder.viewer.email.toLowerCase()),
            ),
          ),
    );
  if (!found) throw new NotFoundError();
  if ('token' in holder && manageLinkExpiresAt(found, found.linkExpiresAt) <= new Date()) {
    throw new ActionError('registrations.manage.link.expired');
  }
  return { id: found.id, eventId: found.eventId, email: found.email };
}

async function lockHeld(tx: Transaction, holder: Holder) {
  const found = await findHeld(tx, holder);
  const event = await lockEvent(tx, found.eventId);
  const [row] = await tx
    .select()
    .from(registrations)
    .where(eq(registrations.id, found.id))
    .for('update');
  if (!row) throw new NotFoundError();
  return { event, row };
}

/** The person cancels (link or signed in); a seat freed goes to the waiting list. */
export async function cancelRegistration(
  holder: Holder,
  options: { origin: string; now?: Date },
): Promise<{ id: string }> {
  return getDb().transaction(async (tx) => {
    const { event, row } = await lockHeld(tx, holder);
    return cancelLocked(tx, event, row, { ...options, notify: true });
  });
}

/**
 * Cancels a registration whose event the caller has locked (an erasure: nobody is left
 * to write to, so no mail), in the caller's transaction; the seat goes on as above.
 */
export async function cancelForErasure(
  tx: Transaction,
  event: LockedEvent,
  registrationId: string,
  options: { origin: string; now?: Date },
): Promise<void> {
  const [row] = await tx
    .select()
    .from(registrations)
    .where(eq(registrations.id, registrationId))
    .for('update');
  if (!row || !ACTIVE_STATUSES.includes(row.status)) return;
  await cancelLocked(tx, event, row, { ...options, notify: false });
}

async function cancelLocked(
  tx: Transaction,
  event: LockedEvent,
  row: RegistrationRow,
  options: { origin: string; now?: Date; notify: boolean },
): Promise<{ id: string }> {
  const now = options.now ?? new Date();
  if (!ACTIVE_STATUSES.includes(row.status)) {
    throw new ActionError('registrations.errors.notActive');
  }
  await tx
    .update(registrations)
    .set({ status: 'cancelled', offerExpiresAt: null })
    .where(eq(registrations.id, row.id));
  await recordChange(tx, row.id, row.status, 'cancelled');
  // A written trace for the person; their link (which they are using) keeps working.
  if (options.notify) {
    await queueMail(tx, await registrationMail(tx, row.id, 'cancelled', null, options.origin));
  }
  if (SEAT_HOLDING.includes(row.status)) await offerFreedSeats(tx, event, options.origin, now);
  return { id: row.id };
}

/** The person takes the seat offered to them, while the offer holds. */
export async function acceptOffer(
  holder: Holder,
  options: { origin: string; now?: Date },
): Promise<{ id: string }> {
  const now = options.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const { row } = await lockHeld(tx, holder);
    if (row.status !== 'offered' || !row.offerExpiresAt || row.offerExpiresAt <= now) {
      throw new ActionError('registrations.errors.offerGone');
    }
    await tx
      .update(registrations)
      .set({ status: 'confirmed', offerExpiresAt: null })
      .where(eq(registrations.id, row.id));
    await recordChange(tx, row.id, 'offered', 'confirmed');
    // The confirmation with the ticket; the link the person holds keeps working.
    await queueMail(tx, await registrationMail(tx, row.id, 'confirmed', null, options.origin));
    return { id: row.id };
  });
}

/**
 * Ends an offer that lapsed without an answer and passes the seat on to the next person
 * on the waiting list, in one transaction. A job that runs after the offer was accepted
 * or cancelled, or early, changes nothing.
 */
export async function expireOffer(
  registrationId: string,
  options: { origin: string; now?: Date },
): Promise<'expired' | 'unchanged'> {
  const now = options.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const [found] = await tx
      .select({ eventId: registrations.eventId })
      .from(registrations)
      .where(eq(registrations.id, registrationId));
    if (!found) return 'unchanged';
    const event = await lockEvent(tx, found.eventId);
    const [row] = await tx
      .select()
      .from(registrations)
      .where(eq(registrations.id, registrationId))
      .for('update');
    if (row?.status !== 'offered' || !row.offerExpiresAt || row.offerExpiresAt > now) {
      return 'unchanged';
    }
    const { token, hash } = newManageToken();
    await tx
      .update(registrations)
      .set({ status: 'expired', offerExpiresAt: null, manageTokenHash: hash })
      .where(eq(registrations.id, row.id));
    await recordChange(tx, row.id, 'offered', 'expired');
    await queueMail(tx, await registrationMail(tx, row.id, 'expired', token, options.origin));
    await offerFreedSeats(tx, event, options.origin, now);
    return 'expired';
  });
}

const expiryPayload = z.object({ registrationId: z.uuid(), origin: z.url() });

/** The job handler of OFFER_EXPIRY_QUEUE. */
export async function runOfferExpiry(payload: unknown): Promise<void> {
  const { registrationId, origin } = expiryPayload.parse(payload);
  await expireOffer(registrationId, { origin });
}

export type Decision = 'approve' | 'reject' | 'waitlist';

/**
 * An organiser approves or rejects registrations of one event, one or many at once, in
 * arrival order. Approving confirms while seats remain and waitlists after; rejecting a
 * seat holder passes the seat on. Rows in a status the decision does not apply to are
 * left as they are and counted as skipped.
 */
export async function decideRegistrations(
  viewer: Viewer,
  eventId: string,
  ids: string[],
  decision: Decision,
  options: { origin: string; note?: string | null; now?: Date },
): Promise<{ changed: number; skipped: number }> {
  const now = options.now ?? new Date();
  assertCan(viewer, 'events.manage', { eventId });
  return getDb().transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    const rows = await tx
      .select({ id: registrations.id, status: registrations.status })
      .from(registrations)
      .where(and(eq(registrations.eventId, eventId), inArray(registrations.id, ids)))
      .orderBy(asc(registrations.seq))
      .for('update');
    if (rows.length !== new Set(ids).size) throw new NotFoundError();
    let changed = 0;
    let freed = false;
    const moved = new Set<string>();
    let taken = await seatsTaken(tx, eventId);
    const choices = await sessionsOf(
      tx,
      rows.map((r) => r.id),
    );
    const seats = await sessionSeats(tx, eventId, [...new Set([...choices.values()].flat())]);
    for (const row of rows) {
      let to: RegistrationStatus | null = null;
      if (decision === 'approve' && (row.status === 'pending' || row.status === 'waitlisted')) {
        const chosen = choices.get(row.id) ?? [];
        const seat =
          (event.capacity === null || taken < event.capacity) && sessionsFit(seats, chosen);
        if (seat) {
          takeSessions(seats, chosen);
          to = 'confirmed';
          taken++;
        } else if (row.status === 'pending') to = 'waitlisted';
      }
      if (decision === 'reject' && ACTIVE_STATUSES.includes(row.status)) {
        to = 'rejected';
        if (SEAT_HOLDING.includes(row.status)) freed = true;
      }
      // To the waiting list, in their arrival order; the seat they leave goes to others.
      if (
        decision === 'waitlist' &&
        row.status !== 'waitlisted' &&
        ACTIVE_STATUSES.includes(row.status)
      ) {
        to = 'waitlisted';
        moved.add(row.id);
        if (SEAT_HOLDING.includes(row.status)) freed = true;
      }
      if (!to) continue;
      const { token, hash } = newManageToken();
      await tx
        .update(registrations)
        .set({ status: to, offerExpiresAt: null, manageTokenHash: hash })
        .where(eq(registrations.id, row.id));
      await recordChange(tx, row.id, row.status, to, viewer.id, options.note ?? null);
      await queueMail(
        tx,
        await registrationMail(tx, row.id, to, token, options.origin, options.note ?? null),
      );
      changed++;
    }
    if (freed) await offerFreedSeats(tx, event, options.origin, now, moved);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: `registrations.${decision}`,
      subjectType: 'event',
      subjectId: eventId,
      data: { ids, changed },
    });
    return { changed, skipped: rows.length - changed };
  });
}

export const cancelByToken = (token: string, options: { origin: string; now?: Date }) =>
  cancelRegistration({ token }, options);

export const acceptOfferByToken = (token: string, options: { origin: string; now?: Date }) =>
  acceptOffer({ token }, options);

/** Until when a person may change their answers and sessions. */
export function modificationEndsAt(event: {
  modificationDeadline: Date | null;
  startsAt: Date;
}): Date {
  return event.modificationDeadline ?? event.startsAt;
}

export type RegistrationChanges = Pick<
  RegistrationInput,
  'firstName' | 'lastName' | 'organisation' | 'function' | 'country' | 'locale'
> & { organisationKind?: OrganisationKind; answers: Answers; sessionIds: string[] };

/**
 * The person changes their registration (link or signed in) until the modification
 * deadline: their details (not the e-mail, which is the registration's key), answers and
 * sessions. A seat holder gets a new session only where a seat is free, or nothing
 * changes; the seats they leave, and any change of a waiting person's choices, go to
 * the waiting list in the same transaction.
 */
export async function updateRegistration(
  holder: Holder,
  changes: RegistrationChanges,
  options: { origin: string; now?: Date },
): Promise<{ id: string }> {
  const now = options.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const { event, row } = await lockHeld(tx, holder);
    if (!ACTIVE_STATUSES.includes(row.status) || event.status !== 'published') {
      throw new ActionError('registrations.errors.notActive');
    }
    if (now >= modificationEndsAt(event)) {
      throw new ActionError('registrations.errors.modificationClosed');
    }
    const before = (await sessionsOf(tx, [row.id])).get(row.id) ?? [];
    const added = changes.sessionIds.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !changes.sessionIds.includes(id));
    const seats = await sessionSeats(tx, event.id, added);
    if (seats.size !== added.length) {
      throw new ActionError('actions.invalid', { sessionIds: ['invalidSession'] });
    }
    if (SEAT_HOLDING.includes(row.status) && !sessionsFit(seats, added)) {
      throw new ActionError('registrations.errors.sessionFull', {
        sessionIds: ['registrations.errors.sessionFull'],
      });
    }
    await tx
      .update(registrations)
      .set({
        firstName: changes.firstName,
        lastName: changes.lastName,
        organisation: changes.organisation,
        function: changes.function,
        country: changes.country,
        organisationKind: changes.organisationKind ?? null,
        locale: changes.locale,
        answers: changes.answers,
      })
      .where(eq(registrations.id, row.id));
    if (removed.length > 0) {
      await tx
        .delete(registrationSessions)
        .where(
          and(
            eq(registrationSessions.registrationId, row.id),
            inArray(registrationSessions.sessionId, removed),
          ),
        );
    }
    if (added.length > 0) {
      await tx
        .insert(registrationSessions)
        .values(added.map((sessionId) => ({ registrationId: row.id, sessionId })));
    }
    await recordChange(
      tx,
      row.id,
      row.status,
      row.status,
      'id' in holder ? holder.viewer.id : null,
      null,
    );
    // A written trace of the change, in the (possibly new) language of the person.
    await queueMail(tx, await registrationMail(tx, row.id, 'updated', null, options.origin));
    if (removed.length > 0 || row.status === 'waitlisted') {
      await offerFreedSeats(tx, event, options.origin, now);
    }
    return { id: row.id };
  });
}

/**
 * An organiser places a registration in a session, or takes it out of one: the way into
 * the sessions kept for invited people, and a correction for the others. Seats hold: a
 * seat holder is placed only where a seat is free, and never in two sessions at once;
 * a seat left goes to the waiting list in the same transaction.
 */
export async function placeInSession(
  viewer: Viewer,
  eventId: string,
  registrationId: string,
  sessionId: string,
  place: boolean,
  options: { origin: string; now?: Date },
): Promise<{ changed: boolean }> {
  const now = options.now ?? new Date();
  assertCan(viewer, 'events.manage', { eventId });
  return getDb().transaction(async (tx) => {
    const event = await lockEvent(tx, eventId);
    const [row] = await tx
      .select({ id: registrations.id, status: registrations.status })
      .from(registrations)
      .where(and(eq(registrations.id, registrationId), eq(registrations.eventId, eventId)))
      .for('update');
    if (!row) throw new NotFoundError();
    const seats = await sessionSeats(tx, eventId, [sessionId]);
    if (!seats.has(sessionId)) throw new NotFoundError();
    const current = (await sessionsOf(tx, [row.id])).get(row.id) ?? [];
    if (place === current.includes(sessionId)) return { changed: false };
    if (place) {
      const [clash] = await tx
        .select({ id: programmeSessions.id })
        .from(programmeSessions)
        .innerJoin(
          registrationSessions,
          and(
            eq(registrationSessions.sessionId, programmeSessions.id),
            eq(registrationSessions.registrationId, row.id),
          ),
        )
        .where(
          sql`${programmeSessions.startsAt} < (select t.ends_at from programme_sessions t where t.id = ${sessionId})
            and ${programmeSessions.endsAt} > (select t.starts_at from programme_sessions t where t.id = ${sessionId})`,
        )
        .limit(1);
      if (clash) throw new ActionError('validation.oneSessionPerSlot');
      if (SEAT_HOLDING.includes(row.status) && !sessionsFit(seats, [sessionId])) {
        throw new ActionError('registrations.errors.sessionFull');
      }
      await tx.insert(registrationSessions).values({ registrationId: row.id, sessionId });
    } else {
      await tx
        .delete(registrationSessions)
        .where(
          and(
            eq(registrationSessions.registrationId, row.id),
            eq(registrationSessions.sessionId, sessionId),
          ),
        );
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      action: place ? 'registration.session.place' : 'registration.session.remove',
      subjectType: 'registration',
      subjectId: row.id,
      data: { eventId, sessionId },
    });
    if (!place && SEAT_HOLDING.includes(row.status)) {
      await offerFreedSeats(tx, event, options.origin, now);
    }
    return { changed: true };
  });
}
