import { z } from 'zod';
import type { Executor } from '@/db/client';
import { getDb } from '@/db/client';
import { caughtMail } from '@/db/schema';
import { enqueue, enqueueMany } from '@/lib/jobs/queue';
import { kickWorker } from '@/lib/jobs/worker';
import { catcherEnabled } from './mailbox';
import { qrPng } from './qr-png';
import { mailFrom, type OutgoingMail, smtpConfigured, smtpTransport } from './transport';

export const MAIL_QUEUE = 'mail.send';
export const MAIL_MAX_ATTEMPTS = 1000;

const outgoingMail = z.object({
  to: z.email(),
  subject: z.string().min(1).max(300),
  text: z.string().min(1),
  html: z.string().optional(),
  locale: z.string().optional(),
  attachments: z
    .array(
      z.object({
        filename: z.string().min(1).max(200),
        contentType: z.string().min(1).max(100),
        content: z.string().max(256 * 1024),
        encoding: z.literal('base64').optional(),
      }),
    )
    .max(5)
    .optional(),
  qr: z
    .object({ filename: z.string().min(1).max(200), text: z.string().min(1).max(500) })
    .optional(),
});

/**
 * Every e-mail goes through the outbox: it is written in the caller's transaction and
 * sent by the background worker, retried with backoff while SMTP is down.
 */
export async function queueMail(
  db: Executor,
  mail: OutgoingMail,
  options: { priority?: number } = {},
): Promise<string> {
  const parsed = outgoingMail.parse(mail);
  // Mail is never given up: with backoff capped at an hour, this is weeks of retries.
  return enqueue(db, MAIL_QUEUE, parsed, {
    maxAttempts: MAIL_MAX_ATTEMPTS,
    priority: options.priority,
  });
}

/** Several mails in one statement, in the caller's transaction. */
export async function queueMails(db: Executor, mails: OutgoingMail[]): Promise<string[]> {
  return enqueueMany(
    db,
    MAIL_QUEUE,
    mails.map((m) => outgoingMail.parse(m)),
    { maxAttempts: MAIL_MAX_ATTEMPTS },
  );
}

/** Mail that someone is waiting for at their screen (a sign-in link) goes first. */
export const INTERACTIVE_PRIORITY = 10;

/**
 * Queues outside any transaction, ahead of bulk mail, and asks the worker to send right
 * away.
 */
export async function sendMailNow(mail: OutgoingMail): Promise<string> {
  const id = await queueMail(getDb(), mail, { priority: INTERACTIVE_PRIORITY });
  kickWorker();
  return id;
}

/** The job handler: delivers over SMTP, or keeps the message in the catcher. */
export async function deliverMail(payload: unknown, context: { jobId: string }): Promise<void> {
  const mail = outgoingMail.parse(payload);
  if (smtpConfigured()) {
    await smtpTransport().sendMail({
      from: mailFrom(),
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      // The QR code is drawn here, by the worker, not in the request that queued the mail.
      attachments: [
        ...(mail.attachments ?? []),
        ...(mail.qr
          ? [{ filename: mail.qr.filename, contentType: 'image/png', content: qrPng(mail.qr.text) }]
          : []),
      ],
      headers: { 'X-Passerelle-Job': context.jobId },
    });
    return;
  }
  if (!catcherEnabled()) {
    // Production without SMTP: keep the job queued and retrying until SMTP is configured.
    throw new Error('No SMTP server configured (SMTP_URL) and the mail catcher is off');
  }
  await getDb().insert(caughtMail).values({
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    jobId: context.jobId,
  });
}
