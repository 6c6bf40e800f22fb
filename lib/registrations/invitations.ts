import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Executor, getDb, type Transaction } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { events, invitations, registrations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { lockEvent } from '@/lib/events/lock';
import { enqueue } from '@/lib/jobs/queue';
import { queueMail } from '@/lib/mail/outbox';
import {
  composeInvitationMail,
  type InvitationMailEvent,
  type InvitationMailKind,
} from './invitation-mail';
import {
  type InvitationCsvRow,
  type Invitee,
  markDuplicates,
  withError,
} from './invitation-validation';
import { hashToken, newManageToken } from './tokens';
import { registrationPhase } from './window';

// Invitations of an event on invitation only: an organiser invites people one by one or
// from a file, sends again, withdraws, reminds; the invitee registers through the
// personal link (see claimInvitation, called by register()). Each action is one
// transaction that takes the event's row first (the lock order of lib/events/lock.ts),
// writes, audits and queues its mails: it happens whole or not at all.

/** The background job that reminds, once, an invitee who has not registered. */
export const INVITATION_REMINDER_QUEUE = 'invitations.remind';

const DAY = 24 * 3600_000;
/** No new reminder to someone mailed this recently (a double click, two organisers). */
export const REMINDER_PAUSE_MS = 3600_000;

/**
 * When the automatic reminder falls due: 7 days after the invitation, or 2 days before
 * registration closes (the event's start when no closing date is set) if that is
 * earlier. None when that leaves less than a day after the invitation: it would only
 * repeat it.
 */
export function reminderDueAt(
  sentAt: Date,
  event: { registrationClosesAt: Date | null; startsAt: Date },
): Date | null {
  const week = sentAt.getTime() + 7 * DAY;
  const beforeClose = (event.registrationClosesAt ?? event.startsAt).getTime() - 2 * DAY;
  const due = Math.min(week, beforeClose);
  return due - sentAt.getTime() < DAY ? null : new Date(due);
}

type Options = { origin: string; now?: Date };

/** The event, locked, for sending invitations: by invitation, published, still open. */
async function lockInvitingEvent(tx: Transaction, eventId: string, now: Date) {
  const locked = await lockEvent(tx, eventId);
  if (locked.registrationMode !== 'invitation') {
    throw new ActionError('registrations.invitations.errors.notInvitationMode');
  }
  if (locked.status !== 'published') {
    throw new ActionError('registrations.invitations.errors.notPublished');
  }
  if (registrationPhase(locked, now) === 'closed') {
    throw new ActionError('registrations.errors.closed');
  }
  const [event] = await tx.select().from(events).where(eq(events.id, eventId));
  if (!event) throw new NotFoundError();
  return event;
}

/** Of these e-mails, those already invited to the event and those already registered. */
async function takenEmails(db: Executor, eventId: string, emails: string[]) {
  if (emails.length === 0) return { invited: new Set<string>(), registered: new Set<string>() };
  const [invited, registered] = await Promise.all([
    db
      .select({ email: invitations.email })
      .from(invitations)
      .where(and(eq(invitations.eventId, eventId), inArray(invitations.email, emails))),
    db
      .select({ email: registrations.email })
      .from(registrations)
      .where(and(eq(registrations.eventId, eventId), inArray(registrations.email, emails))),
  ]);
  return {
    invited: new Set(invited.map((r) => r.email)),
    registered: new Set(registered.map((r) => r.email)),
  };
}

function withConflicts(
  rows: InvitationCsvRow[],
  taken: { invited: Set<string>; registered: Set<string> },
): InvitationCsvRow[] {
  return markDuplicates(rows).map((row) => {
    const email = row.invitee?.email;
    if (!email) return row;
    if (taken.registered.has(email)) {
      return withError(row, 'email', 'registrations.invitations.row.alreadyRegistered');
    }
    if (taken.invited.has(email)) {
      return withError(row, 'email', 'registrations.invitations.row.alreadyInvited');
    }
    return row;
  });
}

/**
 * The rows of a file as they would be imported: their own errors, e-mails repeated in the
 * file, and e-mails already invited to the event or registered for it. Writes nothing.
 */
export async function previewInvitations(
  viewer: Viewer | null,
  eventId: string,
  rows: InvitationCsvRow[],
): Promise<InvitationCsvRow[]> {
  assertCan(viewer, 'events.manage', { eventId });
  const emails = rows.flatMap((r) => (r.invitee ? [r.invitee.email] : []));
  return withConflicts(rows, await takenEmails(getDb(), eventId, emails));
}

type InvitingEvent = Awaited<ReturnType<typeof lockInvitingEvent>>;

/** Writes the invitations and queues their mails and reminders, in the caller's transaction. */
async function invite(
  tx: Transaction,
  viewer: Viewer,
  event: InvitingEvent,
  people: Invitee[],
  origin: string,
  now: Date,
): Promise<{ id: string; email: string }[]> {
  const tokens = people.map(() => newManageToken());
  const written: { id: string; email: string }[] = [];
  // In slices: a multi-row insert of 2,000 people would pass Postgres' parameter limit.
  for (let start = 0; start < people.length; start += 500) {
    const slice = people.slice(start, start + 500);
    written.push(
      ...(await tx
        .insert(invitations)
        .values(
          slice.map((p, i) => ({
            eventId: event.id,
            email: p.email,
            firstName: p.firstName,
            lastName: p.lastName,
            organisation: p.organisation,
            locale: p.locale,
            tokenHash: (tokens[start + i] as { hash: string }).hash,
            sentAt: now,
            createdBy: viewer.id,
          })),
        )
        .returning({ id: invitations.id, email: invitations.email })),
    );
  }
  const due = reminderDueAt(now, event);
  for (const [i, person] of people.entries()) {
    const token = (tokens[i] as { token: string }).token;
    await queueMail(tx, composeInvitationMail(person, event, 'invitation', token, origin));
    const row = written[i];
    if (due && row) {
      await enqueue(
        tx,
        INVITATION_REMINDER_QUEUE,
        { invitationId: row.id, origin },
        { runAt: due },
      );
    }
  }
  return written;
}

function alreadyInvited(error: unknown): boolean {
  return isUniqueViolation(error, 'invitations_event_email');
}

/**
 * Imports a checked file, all or nothing: if any row has an error (its own, a repeated
 * e-mail, someone already invited or registered, checked again with the event locked),
 * nothing is written. Otherwise one invitation and one personal mail, in that person's
 * language, per row.
 */
export async function importInvitations(
  viewer: Viewer | null,
  eventId: string,
  rows: InvitationCsvRow[],
  options: Options,
): Promise<{ imported: number }> {
  assertCan(viewer, 'events.manage', { eventId });
  const now = options.now ?? new Date();
  if (rows.length === 0 || rows.some((r) => !r.invitee || r.errors.length > 0)) {
    throw new ActionError('registrations.invitations.errors.rowsHaveErrors');
  }
  try {
    return await getDb().transaction(async (tx) => {
      const event = await lockInvitingEvent(tx, eventId, now);
      const people = rows.map((r) => r.invitee as Invitee);
      const checked = withConflicts(
        rows,
        await takenEmails(
          tx,
          eventId,
          people.map((p) => p.email),
        ),
      );
      if (checked.some((r) => r.errors.length > 0)) {
        throw new ActionError('registrations.invitations.errors.changed');
      }
      await invite(tx, viewer, event, people, options.origin, now);
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'invitations.import',
        subjectType: 'event',
        subjectId: eventId,
        data: { count: people.length },
      });
      return { imported: people.length };
    });
  } catch (error) {
    // Someone invited the same person meanwhile, between the check and the insert.
    if (alreadyInvited(error)) throw new ActionError('registrations.invitations.errors.changed');
    throw error;
  }
}

/** Invites one person typed in by an organiser (the same rules as a row of a file). */
export async function addInvitation(
  viewer: Viewer | null,
  eventId: string,
  person: Invitee,
  options: Options,
): Promise<{ id: string }> {
  assertCan(viewer, 'events.manage', { eventId });
  const now = options.now ?? new Date();
  const refuse = (key: string) =>
    new ActionError('actions.invalid', { email: [`registrations.invitations.errors.${key}`] });
  try {
    return await getDb().transaction(async (tx) => {
      const event = await lockInvitingEvent(tx, eventId, now);
      const taken = await takenEmails(tx, eventId, [person.email]);
      if (taken.registered.has(person.email)) throw refuse('alreadyRegistered');
      if (taken.invited.has(person.email)) throw refuse('alreadyInvited');
      const [row] = await invite(tx, viewer, event, [person], options.origin, now);
      if (!row) throw new Error('insert returned nothing');
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'invitations.add',
        subjectType: 'invitation',
        subjectId: row.id,
        data: { eventId },
      });
      return { id: row.id };
    });
  } catch (error) {
    if (alreadyInvited(error)) throw refuse('alreadyInvited');
    throw error;
  }
}

async function lockInvitation(tx: Transaction, eventId: string, invitationId: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.eventId, eventId)))
    .for('update');
  if (!row) throw new NotFoundError();
  return row;
}

/** Whether the person has registered: with this invitation, or with the same e-mail. */
async function hasRegistered(tx: Transaction, row: typeof invitations.$inferSelect) {
  if (row.registrationId) return true;
  const [found] = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.eventId, row.eventId), eq(registrations.email, row.email)));
  return Boolean(found);
}

/** A new link (the old one stops working) in a new mail; its state written with it. */
async function mailNewLink(
  tx: Transaction,
  row: typeof invitations.$inferSelect,
  event: InvitationMailEvent,
  kind: InvitationMailKind,
  origin: string,
  now: Date,
) {
  const { token, hash } = newManageToken();
  await tx
    .update(invitations)
    .set(
      kind === 'invitation'
        ? { tokenHash: hash, sentAt: now, revokedAt: null }
        : {
            tokenHash: hash,
            lastReminderAt: now,
            reminderCount: sql`${invitations.reminderCount} + 1`,
          },
    )
    .where(eq(invitations.id, row.id));
  await queueMail(tx, composeInvitationMail(row, event, kind, token, origin));
}

/**
 * Sends the invitation again with a new link (the old one stops working), and invites
 * again someone whose invitation was withdrawn. Refused once the person has registered.
 */
export async function resendInvitation(
  viewer: Viewer | null,
  eventId: string,
  invitationId: string,
  options: Options,
): Promise<void> {
  assertCan(viewer, 'events.manage', { eventId });
  const now = options.now ?? new Date();
  await getDb().transaction(async (tx) => {
    const event = await lockInvitingEvent(tx, eventId, now);
    const row = await lockInvitation(tx, eventId, invitationId);
    if (await hasRegistered(tx, row)) {
      throw new ActionError('registrations.invitations.errors.used');
    }
    await mailNewLink(tx, row, event, 'invitation', options.origin, now);
    const due = reminderDueAt(now, event);
    if (due) {
      await enqueue(
        tx,
        INVITATION_REMINDER_QUEUE,
        { invitationId, origin: options.origin },
        { runAt: due },
      );
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      action: row.revokedAt ? 'invitations.reinvite' : 'invitations.resend',
      subjectType: 'invitation',
      subjectId: invitationId,
      data: { eventId },
    });
  });
}

/** Withdraws an invitation: its link stops working. Refused once the person has registered. */
export async function revokeInvitation(
  viewer: Viewer | null,
  eventId: string,
  invitationId: string,
  options: { now?: Date } = {},
): Promise<void> {
  assertCan(viewer, 'events.manage', { eventId });
  const now = options.now ?? new Date();
  await getDb().transaction(async (tx) => {
    await lockEvent(tx, eventId);
    const row = await lockInvitation(tx, eventId, invitationId);
    if (row.registrationId) throw new ActionError('registrations.invitations.errors.used');
    if (row.revokedAt) return;
    await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, row.id));
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'invitations.revoke',
      subjectType: 'invitation',
      subjectId: invitationId,
      data: { eventId },
    });
  });
}

/** Invitations still waiting for their person: not withdrawn, not used, no registration. */
async function lockUnanswered(tx: Transaction, eventId: string, ids?: string[]) {
  return tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.eventId, eventId),
        isNull(invitations.revokedAt),
        isNull(invitations.registrationId),
        ids ? inArray(invitations.id, ids) : undefined,
        sql`not exists (select 1 from ${registrations}
          where ${registrations.eventId} = ${invitations.eventId}
          and ${registrations.email} = ${invitations.email})`,
      ),
    )
    .orderBy(asc(invitations.lastName), asc(invitations.firstName))
    .for('update');
}

/**
 * An organiser reminds everyone invited who has not registered, each with a new link,
 * except those mailed less than an hour ago (a second click sends nothing twice).
 */
export async function remindUnregistered(
  viewer: Viewer | null,
  eventId: string,
  options: Options,
): Promise<{ reminded: number; skipped: number }> {
  assertCan(viewer, 'events.manage', { eventId });
  const now = options.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const event = await lockInvitingEvent(tx, eventId, now);
    let reminded = 0;
    let skipped = 0;
    for (const row of await lockUnanswered(tx, eventId)) {
      const last = Math.max(row.sentAt.getTime(), row.lastReminderAt?.getTime() ?? 0);
      if (now.getTime() - last < REMINDER_PAUSE_MS) {
        skipped++;
        continue;
      }
      await mailNewLink(tx, row, event, 'reminder', options.origin, now);
      reminded++;
    }
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'invitations.remind',
      subjectType: 'event',
      subjectId: eventId,
      data: { reminded, skipped },
    });
    return { reminded, skipped };
  });
}

/**
 * The automatic reminder of one invitation, once, when due. Does nothing for someone who
 * has registered, was withdrawn or already reminded, nor once registration has closed;
 * a job that runs early (the invitation was sent again, the dates changed) moves itself
 * to the new due time.
 */
export async function remindIfDue(
  invitationId: string,
  options: Options,
): Promise<'reminded' | 'unchanged' | 'rescheduled'> {
  const now = options.now ?? new Date();
  return getDb().transaction(async (tx) => {
    const [found] = await tx
      .select({ eventId: invitations.eventId })
      .from(invitations)
      .where(eq(invitations.id, invitationId));
    if (!found) return 'unchanged';
    const locked = await lockEvent(tx, found.eventId);
    if (locked.registrationMode !== 'invitation' || registrationPhase(locked, now) === 'closed') {
      return 'unchanged';
    }
    const [row] = await lockUnanswered(tx, found.eventId, [invitationId]);
    if (!row || row.reminderCount > 0) return 'unchanged';
    const [event] = await tx.select().from(events).where(eq(events.id, found.eventId));
    if (!event) return 'unchanged';
    const due = reminderDueAt(row.sentAt, event);
    if (!due) return 'unchanged';
    if (due > now) {
      await enqueue(
        tx,
        INVITATION_REMINDER_QUEUE,
        { invitationId, origin: options.origin },
        { runAt: due },
      );
      return 'rescheduled';
    }
    await mailNewLink(tx, row, event, 'reminder', options.origin, now);
    return 'reminded';
  });
}

const reminderPayload = z.object({ invitationId: z.uuid(), origin: z.url() });

/** The job handler of INVITATION_REMINDER_QUEUE. */
export async function runInvitationReminder(payload: unknown): Promise<void> {
  const { invitationId, origin } = reminderPayload.parse(payload);
  await remindIfDue(invitationId, { origin });
}

/**
 * Uses an invitation for the registration just written, in register()'s transaction,
 * which holds the event's row: the link must be this event's latest for that invitation,
 * not withdrawn, not used by another registration, and sent to this very e-mail.
 * Throws (and so the registration is not written) otherwise.
 */
export async function claimInvitation(
  tx: Transaction,
  eventId: string,
  token: string,
  email: string,
  registrationId: string,
): Promise<void> {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.eventId, eventId), eq(invitations.tokenHash, hashToken(token))))
    .for('update');
  if (!row) throw new ActionError('registrations.errors.invitationInvalid');
  if (row.revokedAt) throw new ActionError('registrations.errors.invitationRevoked');
  const same = (a: string) => a.normalize('NFC').trim().toLowerCase();
  if (same(row.email) !== same(email)) {
    throw new ActionError('registrations.errors.invitationEmailMismatch');
  }
  if (row.registrationId && row.registrationId !== registrationId) {
    throw new ActionError('registrations.errors.invitationUsed');
  }
  await tx.update(invitations).set({ registrationId }).where(eq(invitations.id, row.id));
}
