import { and, eq, or } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { events, registrations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { queueMail } from '@/lib/mail/outbox';
import { enforce, limitOn } from '@/lib/rate-limit';
import { registrationMail } from './mail';
import { hashToken, newManageToken } from './tokens';
import { manageTokenSchema } from './validation';

/*
 * The personal manage link: one kind of token (registrations.manageTokenHash, never read
 * by the invitation or nominee pages). It works until its expiry: the event's end plus
 * MANAGE_LINK_DAYS (a certificate is fetched after the event), never past the event's
 * retention, when personal data goes. A new link (asked by the person, always sent to the
 * registered e-mail) revokes the one presented and runs MANAGE_LINK_DAYS from now at
 * least; an organiser can revoke a registration's link. The revoked one is kept, so that
 * it opens a page saying so rather than "not found".
 */
export const MANAGE_LINK_DAYS = 30;

const DAY_MS = 24 * 3600 * 1000;

type LinkEvent = { endsAt: Date; retentionDays: number };

function retentionEnd(event: LinkEvent): Date {
  return new Date(event.endsAt.getTime() + event.retentionDays * DAY_MS);
}

/** When a manage link stops working: as stored at its issue, else the default rule. */
export function manageLinkExpiresAt(event: LinkEvent, stored: Date | null): Date {
  if (stored) return stored;
  const days = Math.min(MANAGE_LINK_DAYS, event.retentionDays);
  return new Date(event.endsAt.getTime() + days * DAY_MS);
}

/** The expiry of a link issued now. */
export function freshManageLinkExpiry(event: LinkEvent, now: Date): Date {
  const from = Math.max(event.endsAt.getTime(), now.getTime());
  return new Date(Math.min(from + MANAGE_LINK_DAYS * DAY_MS, retentionEnd(event).getTime()));
}

export type ManageLinkState = 'valid' | 'expired' | 'revoked';

/** What a manage link is now, or null for a malformed or unknown one. */
export async function manageLinkState(
  token: string,
  now = new Date(),
): Promise<{ state: ManageLinkState; registrationId: string } | null> {
  if (!manageTokenSchema.safeParse(token).success) return null;
  const hash = hashToken(token);
  const [row] = await getDb()
    .select({
      id: registrations.id,
      current: registrations.manageTokenHash,
      expiresAt: registrations.manageTokenExpiresAt,
      endsAt: events.endsAt,
      retentionDays: events.retentionDays,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      or(eq(registrations.manageTokenHash, hash), eq(registrations.revokedManageTokenHash, hash)),
    )
    .limit(1);
  if (!row) return null;
  if (row.current !== hash) return { state: 'revoked', registrationId: row.id };
  const expired = manageLinkExpiresAt(row, row.expiresAt) <= now;
  return { state: expired ? 'expired' : 'valid', registrationId: row.id };
}

/**
 * Sends a new manage link to the registration's own e-mail, from a link that is valid,
 * expired or revoked: the link presented stops working (rate-limited per registration).
 */
export async function reissueManageLink(
  token: string,
  options: { origin: string; now?: Date },
): Promise<void> {
  const now = options.now ?? new Date();
  const found = await manageLinkState(token, now);
  if (!found) throw new NotFoundError();
  await enforce(limitOn('linkReissue', found.registrationId));
  const presented = hashToken(token);
  const fresh = newManageToken();
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ id: registrations.id, endsAt: events.endsAt, retentionDays: events.retentionDays })
      .from(registrations)
      .innerJoin(events, eq(events.id, registrations.eventId))
      .where(
        and(
          eq(registrations.id, found.registrationId),
          or(
            eq(registrations.manageTokenHash, presented),
            eq(registrations.revokedManageTokenHash, presented),
          ),
        ),
      )
      .for('update', { of: registrations });
    // Another request replaced it meanwhile: that one sent the link.
    if (!row) throw new NotFoundError();
    await tx
      .update(registrations)
      .set({
        manageTokenHash: fresh.hash,
        revokedManageTokenHash: presented,
        manageTokenExpiresAt: freshManageLinkExpiry(row, now),
      })
      .where(eq(registrations.id, row.id));
    await queueMail(
      tx,
      await registrationMail(tx, row.id, 'link_again', fresh.token, options.origin),
    );
    await recordAudit(tx, {
      actorId: null,
      action: 'registration.link.reissue',
      subjectType: 'registration',
      subjectId: row.id,
    });
  });
}

/**
 * An organiser revokes a registration's manage link (e.g. forwarded by mistake): it then
 * opens the "revoked" page, from which a new link goes to the registered e-mail only.
 */
export async function revokeManageLink(
  viewer: Viewer | null,
  eventId: string,
  registrationId: string,
): Promise<void> {
  assertCan(viewer, 'events.manage', { eventId });
  await getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ hash: registrations.manageTokenHash })
      .from(registrations)
      .where(and(eq(registrations.id, registrationId), eq(registrations.eventId, eventId)))
      .for('update');
    if (!row) throw new NotFoundError();
    await tx
      .update(registrations)
      // A new token that nobody is sent: no link works until one is asked for.
      .set({ manageTokenHash: newManageToken().hash, revokedManageTokenHash: row.hash })
      .where(eq(registrations.id, registrationId));
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'registration.link.revoke',
      subjectType: 'registration',
      subjectId: registrationId,
      data: { eventId },
    });
  });
}
