import { and, asc, eq, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Transaction } from '@/db/client';
import { mailingRecipients, mailings, registrations } from '@/db/schema';
import { queueMails } from '@/lib/mail/outbox';
import { manageUrl } from '@/lib/registrations/mail';
import { newManageToken } from '@/lib/registrations/tokens';
import { composeMailingMail } from './mail';
import { mailingEventOf, segmentCondition } from './queries';
import { placeholdersIn } from './template';
import { type MailingTemplate, segmentSchema, TEMPLATE_FIELDS } from './validation';

// The fan-out of a mailing, in a background job: one recipient row and one outbox mail
// per person, batch by batch, each batch in its own transaction. The recipient rows'
// key makes a job run again (a retry, two workers at once) mail nobody twice.

export const MAILING_FANOUT_QUEUE = 'mailings.fanout';
/** People queued per transaction by the fan-out. */
export const FANOUT_BATCH = 200;

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
