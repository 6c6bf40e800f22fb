import { and, asc, eq, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Transaction } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { mailingRecipients, mailings, programmeSessions, registrations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { enqueue } from '@/lib/jobs/queue';
import { queueMails } from '@/lib/mail/outbox';
import type { Locale } from '@/lib/people/enums';
import { manageUrl } from '@/lib/registrations/mail';
import { newManageToken } from '@/lib/registrations/tokens';
import { composeMailingMail } from './mail';
import { countSegment, firstOfSegment, mailingEventOf, segmentCondition } from './queries';
import { placeholdersIn } from './template';
import {
  assertValidTemplate,
  type MailingInput,
  type MailingTemplate,
  segmentSchema,
  TEMPLATE_FIELDS,
} from './validation';

// An organiser's message to a segment of the event's people: previewed, tried on
// oneself, then sent. Sending writes the mailing and hands the fan-out to a job, which
// queues one mail per person, each to that person alone, in their language.

export const MAILING_FANOUT_QUEUE = 'mailings.fanout';
/** People queued per transaction by the fan-out. */
export const FANOUT_BATCH = 200;
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

const fanoutPayload = z.object({ mailingId: z.uuid(), origin: z.string().min(1) });

/** `update … from (values …)`: one statement for a batch of per-row values. */
function rowsOf(rows: SQL[]): SQL {
  return sql`(values ${sql.join(rows, sql`, `)})`;
}

/**
 * One batch of the fan-out, in one transaction: the next people of the segment who have
 * no recipient row yet get one and a mail in the outbox; a row already there (a job run
 * twice, two workers at once) means no second mail. Answers whether all are done.
 */
async function fanOutBatch(
  tx: Transaction,
  mailing: typeof mailings.$inferSelect,
  event: Awaited<ReturnType<typeof mailingEventOf>>,
  template: MailingTemplate,
  withLink: boolean,
  origin: string,
): Promise<boolean> {
  const segment = segmentSchema.parse(mailing.segment);
  const query = tx
    .select({
      id: registrations.id,
      email: registrations.email,
      firstName: registrations.firstName,
      lastName: registrations.lastName,
      locale: registrations.locale,
    })
    .from(registrations)
    .where(
      and(
        segmentCondition(mailing.eventId, segment),
        // Whoever registered after the message was sent is not among its recipients.
        lte(registrations.createdAt, mailing.createdAt),
        sql`not exists (select 1 from mailing_recipients mr
          where mr.mailing_id = ${mailing.id} and mr.registration_id = ${registrations.id})`,
      ),
    )
    .orderBy(asc(registrations.seq))
    .limit(FANOUT_BATCH);
  // A new manage link replaces the person's old one: their row is held meanwhile.
  const batch = withLink ? await query.for('update') : await query;
  if (batch.length === 0) return true;
  const inserted = await tx
    .insert(mailingRecipients)
    .values(batch.map((r) => ({ mailingId: mailing.id, registrationId: r.id })))
    .onConflictDoNothing()
    .returning({ registrationId: mailingRecipients.registrationId });
  const fresh = new Set(inserted.map((r) => r.registrationId));
  const people = batch.filter((r) => fresh.has(r.id));
  if (people.length === 0) return batch.length < FANOUT_BATCH;
  const tokens = people.map(() => (withLink ? newManageToken() : null));
  if (withLink) {
    await tx.execute(
      sql`update registrations set manage_token_hash = v.hash, updated_at = now()
          from ${rowsOf(people.map((p, i) => sql`(${p.id}::uuid, ${tokens[i]?.hash})`))} as v(id, hash)
          where registrations.id = v.id`,
    );
  }
  const jobIds = await queueMails(
    tx,
    people.map((p, i) =>
      composeMailingMail(
        p,
        event,
        template,
        withLink ? manageUrl(origin, p.locale, tokens[i]?.token ?? '') : '',
      ),
    ),
  );
  await tx.execute(
    sql`update mailing_recipients set job_id = v.job_id
        from ${rowsOf(people.map((p, i) => sql`(${p.id}::uuid, ${jobIds[i]}::uuid)`))} as v(registration_id, job_id)
        where mailing_recipients.mailing_id = ${mailing.id}
          and mailing_recipients.registration_id = v.registration_id`,
  );
  return batch.length < FANOUT_BATCH;
}

/** The job: queues a mailing's mails batch by batch; run again, it mails nobody twice. */
export async function runMailingFanout(payload: unknown): Promise<void> {
  const { mailingId, origin } = fanoutPayload.parse(payload);
  const db = getDb();
  const [mailing] = await db.select().from(mailings).where(eq(mailings.id, mailingId));
  // Gone with its event: nobody to mail.
  if (!mailing) return;
  const event = await mailingEventOf(db, mailing.eventId);
  const template: MailingTemplate = {
    subjectFr: mailing.subjectFr,
    subjectEn: mailing.subjectEn,
    bodyFr: mailing.bodyFr,
    bodyEn: mailing.bodyEn,
  };
  const withLink = TEMPLATE_FIELDS.some((f) => placeholdersIn(template[f]).has('manageLink'));
  for (;;) {
    const done = await db.transaction((tx) =>
      fanOutBatch(tx, mailing, event, template, withLink, origin),
    );
    if (done) break;
  }
  const [queued] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mailingRecipients)
    .where(eq(mailingRecipients.mailingId, mailingId));
  await db
    .update(mailings)
    .set({ queuedAt: new Date(), recipientCount: Number(queued?.n ?? 0) })
    .where(and(eq(mailings.id, mailingId), isNull(mailings.queuedAt)));
}
