import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { certificateMailings, certificateMails, events, registrations, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { enqueue } from '@/lib/jobs/queue';
import { queueMail } from '@/lib/mail/outbox';
import { composeCertificateMail } from './certificate-mail';
import { assertEnded, certificateOf, doorsEntered } from './certificates';
import { certificatePdf } from './certificates-pdf';

// Organisers send the certificates once, after the event: the press records who sent
// them and when (a second press is refused), and a job then queues one mail per
// attendee, each marked so that a retried job never mails anyone twice.

export const CERTIFICATE_MAILING_QUEUE = 'certificates.mail';

export async function requestCertificateMailing(
  viewer: Viewer | null,
  eventId: string,
  options: { now?: Date } = {},
): Promise<void> {
  assertCan(viewer, 'events.manage', { eventId });
  const now = options.now ?? new Date();
  await getDb().transaction(async (tx) => {
    const [event] = await tx
      .select({ endsAt: events.endsAt, timeZone: events.timeZone, status: events.status })
      .from(events)
      .where(eq(events.id, eventId))
      .for('update');
    if (!event) throw new NotFoundError();
    if (event.status === 'cancelled') throw new ActionError('certificates.errors.cancelled');
    assertEnded(event, now);
    const [created] = await tx
      .insert(certificateMailings)
      .values({ eventId, requestedBy: viewer.id, requestedAt: now })
      .onConflictDoNothing()
      .returning({ eventId: certificateMailings.eventId });
    if (!created) throw new ActionError('certificates.errors.alreadySent');
    await enqueue(tx, CERTIFICATE_MAILING_QUEUE, { eventId });
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'certificates.mailed',
      subjectType: 'event',
      subjectId: eventId,
    });
  });
}

/** The job: one mail per attendee not mailed yet, the PDF made here rather than in the request. */
export async function runCertificateMailing(payload: unknown): Promise<void> {
  const { eventId } = z.object({ eventId: z.uuid() }).parse(payload);
  const db = getDb();
  const attendees = [...(await doorsEntered(eventId)).keys()];
  const mailed = new Set(
    (
      await db
        .select({ id: certificateMails.registrationId })
        .from(certificateMails)
        .where(eq(certificateMails.eventId, eventId))
    ).map((r) => r.id),
  );
  for (const registrationId of attendees) {
    if (mailed.has(registrationId)) continue;
    const [person] = await db
      .select({ email: registrations.email, firstName: registrations.firstName })
      .from(registrations)
      .where(eq(registrations.id, registrationId));
    if (!person) continue;
    const certificate = await certificateOf(registrationId);
    const pdf = await certificatePdf(certificate);
    await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(certificateMails)
        .values({ registrationId, eventId })
        .onConflictDoNothing()
        .returning({ id: certificateMails.registrationId });
      if (claimed) await queueMail(tx, composeCertificateMail(person, certificate, pdf));
    });
  }
  await db
    .update(certificateMailings)
    .set({ completedAt: new Date() })
    .where(eq(certificateMailings.eventId, eventId));
}

/** Whether, when and by whom an event's certificates were sent, and to how many. */
export async function certificateMailingOf(viewer: Viewer | null, eventId: string) {
  assertCan(viewer, 'events.manage', { eventId });
  const db = getDb();
  const [mailing] = await db
    .select({
      requestedAt: certificateMailings.requestedAt,
      completedAt: certificateMailings.completedAt,
      byName: users.name,
      byEmail: users.email,
    })
    .from(certificateMailings)
    .leftJoin(users, eq(users.id, certificateMailings.requestedBy))
    .where(eq(certificateMailings.eventId, eventId));
  const attendees = (await doorsEntered(eventId)).size;
  if (!mailing) return { attendees, mailing: null };
  const sent = await db.$count(certificateMails, and(eq(certificateMails.eventId, eventId)));
  return {
    attendees,
    mailing: {
      requestedAt: mailing.requestedAt,
      completedAt: mailing.completedAt,
      by: mailing.byName || mailing.byEmail || null,
      sent,
    },
  };
}
