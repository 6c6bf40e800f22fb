import { desc } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { caughtMail } from '@/db/schema';

/** The test mailbox exists in development, and in production only for the demo. */
export function mailboxEnabled(): boolean {
  return process.env.NODE_ENV !== 'production' || process.env.PASSERELLE_DEMO === '1';
}

/** Whether the worker may keep mail in the catcher instead of sending it. */
export function catcherEnabled(): boolean {
  return mailboxEnabled() || process.env.MAIL_CATCHER === '1';
}

export type CaughtMailDto = {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: Date;
};

export async function listCaughtMail(limit = 50): Promise<CaughtMailDto[]> {
  if (!mailboxEnabled()) return [];
  return getDb()
    .select({
      id: caughtMail.id,
      to: caughtMail.to,
      subject: caughtMail.subject,
      text: caughtMail.text,
      createdAt: caughtMail.createdAt,
    })
    .from(caughtMail)
    .orderBy(desc(caughtMail.createdAt))
    .limit(limit);
}
