import { and, desc, eq, isNull, like, lte, ne } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { getDb } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import {
  checkinScans,
  events,
  programmeSessions,
  registrationSessions,
  registrations,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { queueMails } from '@/lib/mail/outbox';
import type { Locale } from '@/lib/people/enums';
import { grantByEmail } from '@/lib/people/mutations';
import type { RegistrationStatus } from '@/lib/registrations/enums';
import { ticketCodeOf } from '@/lib/registrations/ticket';
import type { ScanOutcome } from './enums';
import { composeCheckinStaffMail } from './mail';
import { standing } from './standing';
import { CLOCK_SKEW_MS, QUEUED_FOR_MS, type ScanInput } from './validation';

// The door: each scan (or check-in by name) is answered at once, and only entries and
// exits that change who is in are written, each with who scanned, where and when. The
// registration's row is locked first, so that two doors scanning the same ticket at
// the same moment let it in once.

export type ScanResult = {
  outcome: ScanOutcome;
  /** The scan written (an entry or an exit), which may be undone. */
  scanId?: string;
  /** Since when the person is in (already in), or when they came in. */
  since?: Date;
  person?: { firstName: string; lastName: string; organisation: string | null };
  status?: RegistrationStatus;
};

/**
 * A scanned payload (`PASSERELLE-TICKET:<code>`), a whole code, or the ticket's number as
 * printed under its QR code (the code's first eight characters), typed in any case.
 */
function ticketCode(raw: string): { code: string } | { number: string } | null {
  const code = ticketCodeOf(raw) ?? raw.trim().toLowerCase().replace(/[\s-]/g, '');
  if (/^[0-9a-f]{32}$/.test(code)) return { code };
  if (/^[0-9a-f]{8}$/.test(code)) return { number: code };
  return null;
}

/** The last entry or exit not undone, made at or before `at`, of one person at one door. */
async function stateAt(
  tx: Transaction,
  registrationId: string,
  sessionId: string | null,
  at: Date,
) {
  const [last] = await tx
    .select({ kind: checkinScans.kind, scannedAt: checkinScans.scannedAt })
    .from(checkinScans)
    .where(
      and(
        eq(checkinScans.registrationId, registrationId),
        sessionId ? eq(checkinScans.sessionId, sessionId) : isNull(checkinScans.sessionId),
        ne(checkinScans.kind, 'undo'),
        lte(checkinScans.scannedAt, at),
        standing(checkinScans.id),
      ),
    )
    .orderBy(desc(checkinScans.scannedAt), desc(checkinScans.recordedAt))
    .limit(1);
  return last ?? null;
}

/**
 * Checks a person in or out at an event's entrance or at one of its sessions, from their
 * ticket's code or picked by name. Refusals (a ticket of another event, not confirmed,
 * cancelled, not registered for the session, already in…) are answers, with nothing
 * written; a scan sent again by a device is answered "replayed". A scan queued offline
 * keeps its own time: who is in is decided by the time of the scans.
 */
export async function scan(
  viewer: Viewer | null,
  eventId: string,
  input: ScanInput,
  options: { now?: Date } = {},
): Promise<ScanResult> {
  assertCan(viewer, 'checkin.scan', { eventId });
  const now = options.now ?? new Date();
  const at = input.scannedAt ? new Date(input.scannedAt) : now;
  if (
    at.getTime() > now.getTime() + CLOCK_SKEW_MS ||
    at.getTime() < now.getTime() - QUEUED_FOR_MS
  ) {
    throw new ActionError('actions.invalid', { scannedAt: ['attendance.errors.clock'] });
  }
  const code = input.code === null ? null : ticketCode(input.code);
  if (input.code !== null && !code) return { outcome: 'garbled' };
  try {
    return await getDb().transaction(async (tx) => {
      const [event] = await tx
        .select({ confidentiality: events.confidentiality })
        .from(events)
        .where(eq(events.id, eventId));
      if (!event) throw new NotFoundError();
      if (input.sessionId) {
        const [session] = await tx
          .select({ id: programmeSessions.id })
          .from(programmeSessions)
          .where(
            and(eq(programmeSessions.id, input.sessionId), eq(programmeSessions.eventId, eventId)),
          );
        if (!session) {
          throw new ActionError('actions.invalid', { sessionId: ['invalidChoice'] });
        }
      }
      const found = await tx
        .select({
          id: registrations.id,
          eventId: registrations.eventId,
          status: registrations.status,
          firstName: registrations.firstName,
          lastName: registrations.lastName,
          organisation: registrations.organisation,
        })
        .from(registrations)
        .where(
          !code
            ? eq(registrations.id, input.registrationId ?? '')
            : 'code' in code
              ? eq(registrations.ticketCode, code.code)
              : // A number typed in: looked up among this event's tickets only.
                and(
                  eq(registrations.eventId, eventId),
                  like(registrations.ticketCode, `${code.number}%`),
                ),
        )
        .limit(2)
        .for('update');
      const [registration] = found;
      if (!registration || found.length > 1) return { outcome: 'unknown' };
      // A ticket of another event says nothing of its holder here.
      if (registration.eventId !== eventId) return { outcome: 'other_event' };
      const person = {
        firstName: registration.firstName,
        lastName: registration.lastName,
        // The organisation is shown at the door only where the event's confidentiality allows.
        organisation: event.confidentiality === 'public' ? registration.organisation : null,
      };
      const [replayed] = await tx
        .select({ id: checkinScans.id, scannedAt: checkinScans.scannedAt })
        .from(checkinScans)
        .where(
          and(eq(checkinScans.eventId, eventId), eq(checkinScans.clientScanId, input.clientScanId)),
        );
      if (replayed)
        return { outcome: 'replayed', scanId: replayed.id, since: replayed.scannedAt, person };
      if (registration.status === 'cancelled') return { outcome: 'cancelled', person };
      if (registration.status !== 'confirmed') {
        return { outcome: 'not_confirmed', person, status: registration.status };
      }
      if (input.sessionId) {
        const [booked] = await tx
          .select({ id: registrationSessions.sessionId })
          .from(registrationSessions)
          .where(
            and(
              eq(registrationSessions.registrationId, registration.id),
              eq(registrationSessions.sessionId, input.sessionId),
            ),
          );
        if (!booked) return { outcome: 'not_for_session', person };
      }
      const state = await stateAt(tx, registration.id, input.sessionId, at);
      if (input.direction === 'in' && state?.kind === 'in') {
        return { outcome: 'already_in', since: state.scannedAt, person };
      }
      if (input.direction === 'out' && state?.kind !== 'in') return { outcome: 'not_in', person };
      const [row] = await tx
        .insert(checkinScans)
        .values({
          eventId,
          registrationId: registration.id,
          sessionId: input.sessionId,
          kind: input.direction,
          scannedAt: at,
          scannedBy: viewer.id,
          door: input.door ?? '',
          clientScanId: input.clientScanId,
        })
        .returning({ id: checkinScans.id });
      if (!row) throw new Error('insert returned nothing');
      // Only scans that change who is in are written, and each is logged with them.
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'checkin.scan',
        subjectType: 'registration',
        subjectId: registration.id,
        data: {
          eventId,
          scanId: row.id,
          sessionId: input.sessionId,
          direction: input.direction,
          door: input.door ?? '',
        },
      });
      return {
        outcome: input.direction === 'in' ? 'checked_in' : 'checked_out',
        scanId: row.id,
        since: at,
        person,
      };
    });
  } catch (error) {
    // The same scan sent twice at the same moment: the second is the first's replay.
    if (isUniqueViolation(error, 'checkin_scans_client')) return { outcome: 'replayed' };
    throw error;
  }
}

/** Undoes an entry or an exit made by mistake (kept, with its undoing). */
export async function undoScan(
  viewer: Viewer | null,
  eventId: string,
  scanId: string,
  clientScanId: string,
  options: { now?: Date } = {},
): Promise<void> {
  assertCan(viewer, 'checkin.scan', { eventId });
  const now = options.now ?? new Date();
  await getDb().transaction(async (tx) => {
    const [target] = await tx
      .select({
        id: checkinScans.id,
        kind: checkinScans.kind,
        registrationId: checkinScans.registrationId,
        sessionId: checkinScans.sessionId,
      })
      .from(checkinScans)
      .where(and(eq(checkinScans.id, scanId), eq(checkinScans.eventId, eventId)));
    if (!target || target.kind === 'undo') throw new NotFoundError();
    await lockRegistration(tx, target.registrationId);
    const [undone] = await tx
      .select({ id: checkinScans.id })
      .from(checkinScans)
      .where(eq(checkinScans.undoesId, scanId));
    if (undone) throw new ActionError('attendance.errors.alreadyUndone');
    await tx.insert(checkinScans).values({
      eventId,
      registrationId: target.registrationId,
      sessionId: target.sessionId,
      kind: 'undo',
      undoesId: target.id,
      scannedAt: now,
      scannedBy: viewer.id,
      clientScanId,
    });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'checkin.undo',
      subjectType: 'registration',
      subjectId: target.registrationId,
      data: { eventId, scanId, sessionId: target.sessionId },
    });
  });
}

async function lockRegistration(tx: Transaction, registrationId: string) {
  await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(eq(registrations.id, registrationId))
    .for('update');
}

/**
 * An organiser gives someone the keeping of their event's doors (check-in staff for
 * this event only): the account is created if need be, and they are told.
 */
export async function inviteCheckinStaff(
  viewer: Viewer | null,
  eventId: string,
  person: { email: string; name: string | null; locale: Locale },
  options: { origin: string },
): Promise<{ userId: string }> {
  assertCan(viewer, 'events.manage', { eventId });
  return getDb().transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, eventId));
    if (!event) throw new NotFoundError();
    const granted = await grantByEmail(
      tx,
      viewer.id,
      person,
      { role: 'checkin_staff', eventId },
      'attendance.errors.alreadyStaff',
    );
    await queueMails(tx, [
      composeCheckinStaffMail(
        { email: person.email, name: granted.name, locale: granted.locale },
        event,
        options.origin,
      ),
    ]);
    return { userId: granted.userId };
  });
}
