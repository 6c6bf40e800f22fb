import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { mailings, programmeSessions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { enqueue } from '@/lib/jobs/queue';
import { queueMails } from '@/lib/mail/outbox';
import type { Locale } from '@/lib/people/enums';
import { manageUrl } from '@/lib/registrations/mail';
import { MAILING_FANOUT_QUEUE } from './fanout';
import { composeMailingMail } from './mail';
import { countSegment, firstOfSegment, mailingEventOf } from './queries';
import { assertValidTemplate, type MailingInput, segmentSchema } from './validation';

// An organiser's message to a segment of the event's people: previewed, tried on
// oneself, then sent. Sending writes the mailing and hands the fan-out to a job, which
// queues one mail per person, each to that person alone, in their language.

/** The manage link shown in previews and test mails: a real one would be a person's key. */
const SAMPLE_TOKEN = 'apercu-preview';

/** The organiser's right on the event, a sound template, a session of this event. */
async function checked(viewer: Viewer | null, eventId: string, input: MailingInput) {
  assertCan(viewer, 'events.manage', { eventId });
  assertValidTemplate(input);
  const db = getDb();
  const event = await mailingEventOf(db, eventId);
  if (input.sessionId) {
    const [session] = await db
      .select({ id: programmeSessions.id })
      .from(programmeSessions)
      .where(
        and(eq(programmeSessions.id, input.sessionId), eq(programmeSessions.eventId, eventId)),
      );
    if (!session) throw new ActionError('actions.invalid', { sessionId: ['invalidChoice'] });
  }
  return { viewer, event };
}

export type RenderedMail = { subject: string; text: string };
export type MailingPreview = {
  count: number;
  /** Whom the preview is rendered for; null when nobody matches. */
  name: string | null;
  fr: RenderedMail | null;
  en: RenderedMail | null;
};

/** How many people the segment matches, and the message rendered for the first of them. */
export async function previewMailing(
  viewer: Viewer | null,
  eventId: string,
  input: MailingInput,
  options: { origin: string },
): Promise<MailingPreview> {
  const { event } = await checked(viewer, eventId, input);
  const db = getDb();
  const [count, person] = await Promise.all([
    countSegment(db, eventId, input),
    firstOfSegment(db, eventId, input),
  ]);
  if (!person) return { count, name: null, fr: null, en: null };
  const render = (locale: Locale) => {
    const mail = composeMailingMail(
      { ...person, locale },
      event,
      input,
      manageUrl(options.origin, locale, SAMPLE_TOKEN),
    );
    return { subject: mail.subject, text: mail.text };
  };
  return {
    count,
    name: `${person.firstName} ${person.lastName}`,
    fr: render('fr'),
    en: render('en'),
  };
}

/**
 * Sends the organiser the message in both languages, rendered for the first person of
 * the segment (with a sample manage link), through the outbox.
 */
export async function sendTestMailing(
  viewer: Viewer | null,
  eventId: string,
  input: MailingInput,
  options: { origin: string },
): Promise<{ email: string }> {
  const checkedInput = await checked(viewer, eventId, input);
  const person = await firstOfSegment(getDb(), eventId, input);
  if (!person) throw new ActionError('mailings.errors.nobody');
  const to = checkedInput.viewer.email;
  await queueMails(
    getDb(),
    (['fr', 'en'] as const).map((locale) =>
      composeMailingMail(
        { ...person, locale },
        checkedInput.event,
        input,
        manageUrl(options.origin, locale, SAMPLE_TOKEN),
        { to, test: true },
      ),
    ),
  );
  return { email: to };
}

/**
 * Writes the mailing (who, when, the segment, the template, how many people it matches
 * now) and the job that mails them. The count must be the one the organiser saw; a send
 * clicked twice (the same key) makes one mailing.
 */
export async function sendMailing(
  viewer: Viewer | null,
  eventId: string,
  input: MailingInput,
  options: { origin: string; clientKey: string; expectedCount?: number | null },
): Promise<{ mailingId: string; count: number }> {
  await checked(viewer, eventId, input);
  const actor = viewer as Viewer;
  try {
    return await getDb().transaction(async (tx) => {
      const [already] = await tx
        .select({ id: mailings.id, count: mailings.recipientCount })
        .from(mailings)
        .where(and(eq(mailings.eventId, eventId), eq(mailings.clientKey, options.clientKey)));
      if (already) return { mailingId: already.id, count: already.count };
      const count = await countSegment(tx, eventId, input);
      if (count === 0) throw new ActionError('mailings.errors.nobody');
      if (options.expectedCount != null && options.expectedCount !== count) {
        throw new ActionError('mailings.errors.countChanged', undefined, { count });
      }
      const segment = segmentSchema.parse(input);
      const [row] = await tx
        .insert(mailings)
        .values({
          eventId,
          sentBy: actor.id,
          segment,
          subjectFr: input.subjectFr,
          subjectEn: input.subjectEn,
          bodyFr: input.bodyFr,
          bodyEn: input.bodyEn,
          recipientCount: count,
          clientKey: options.clientKey,
        })
        .returning({ id: mailings.id });
      if (!row) throw new Error('insert returned nothing');
      await enqueue(tx, MAILING_FANOUT_QUEUE, { mailingId: row.id, origin: options.origin });
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'mailings.send',
        subjectType: 'event',
        subjectId: eventId,
        data: { mailingId: row.id, segment, recipientCount: count, subjectFr: input.subjectFr },
      });
      return { mailingId: row.id, count };
    });
  } catch (error) {
    // The same send at the same moment twice: the first one's mailing stands.
    if (isUniqueViolation(error, 'mailings_client_key')) {
      const [row] = await getDb()
        .select({ id: mailings.id, count: mailings.recipientCount })
        .from(mailings)
        .where(and(eq(mailings.eventId, eventId), eq(mailings.clientKey, options.clientKey)));
      if (row) return { mailingId: row.id, count: row.count };
    }
    throw error;
  }
}
