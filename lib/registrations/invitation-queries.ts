import { and, asc, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { invitations } from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import type { Viewer } from '@/lib/auth/permissions';
import type { Locale } from '@/lib/people/enums';
import { hashToken } from './tokens';
import { manageTokenSchema } from './validation';

export const INVITATIONS_PAGE_SIZE = 100;

export type InvitationState = 'sent' | 'reminded' | 'registered' | 'revoked';

export type InvitationRowDto = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  organisation: string | null;
  locale: Locale;
  state: InvitationState;
  sentAt: Date;
  reminderCount: number;
  lastReminderAt: Date | null;
  revokedAt: Date | null;
  registrationId: string | null;
};

export type InvitationCounts = {
  invited: number;
  registered: number;
  pending: number;
  revoked: number;
};

function stateOf(r: {
  revokedAt: Date | null;
  registrationId: string | null;
  reminderCount: number;
}): InvitationState {
  if (r.registrationId) return 'registered';
  if (r.revokedAt) return 'revoked';
  return r.reminderCount > 0 ? 'reminded' : 'sent';
}

/**
 * The invitations of one event for its organisers, by name, one page at a time, with the
 * counts (invited: not withdrawn). The read is audited: it is a list of people.
 */
export async function listInvitations(
  viewer: Viewer | null,
  eventId: string,
  page: number,
): Promise<{ items: InvitationRowDto[]; total: number; counts: InvitationCounts }> {
  assertCan(viewer, 'events.manage', { eventId });
  const db = getDb();
  const [[tally], rows] = await Promise.all([
    db
      .select({
        total: count(),
        revoked: count(invitations.revokedAt),
        registered: sql<number>`count(*) filter (where ${invitations.registrationId} is not null)`,
      })
      .from(invitations)
      .where(eq(invitations.eventId, eventId)),
    db
      .select({
        id: invitations.id,
        email: invitations.email,
        firstName: invitations.firstName,
        lastName: invitations.lastName,
        organisation: invitations.organisation,
        locale: invitations.locale,
        sentAt: invitations.sentAt,
        reminderCount: invitations.reminderCount,
        lastReminderAt: invitations.lastReminderAt,
        revokedAt: invitations.revokedAt,
        registrationId: invitations.registrationId,
      })
      .from(invitations)
      .where(eq(invitations.eventId, eventId))
      .orderBy(asc(invitations.lastName), asc(invitations.firstName), asc(invitations.email))
      .limit(INVITATIONS_PAGE_SIZE)
      .offset((page - 1) * INVITATIONS_PAGE_SIZE),
  ]);
  await recordAudit(db, {
    actorId: viewer.id,
    action: 'invitations.list',
    subjectType: 'event',
    subjectId: eventId,
    data: { page },
  });
  const total = tally?.total ?? 0;
  const revoked = tally?.revoked ?? 0;
  const registered = Number(tally?.registered ?? 0);
  return {
    items: rows.map((r) => ({ ...r, state: stateOf(r) })),
    total,
    counts: {
      invited: total - revoked,
      registered,
      pending: total - revoked - registered,
      revoked,
    },
  };
}

export type InvitationPrefill = {
  token: string;
  email: string;
  firstName: string;
  lastName: string;
  organisation: string | null;
  locale: Locale;
};

/**
 * What an invitation link prefills on the event's registration form: null for a
 * malformed, unknown, replaced or withdrawn link (the form is then not shown). A used
 * link still opens the form: registering again answers "already registered".
 */
export async function invitationForRegistration(
  eventId: string,
  token: unknown,
): Promise<InvitationPrefill | null> {
  const parsed = manageTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const [row] = await getDb()
    .select({
      email: invitations.email,
      firstName: invitations.firstName,
      lastName: invitations.lastName,
      organisation: invitations.organisation,
      locale: invitations.locale,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.eventId, eventId),
        eq(invitations.tokenHash, hashToken(parsed.data)),
        isNull(invitations.revokedAt),
      ),
    );
  return row ? { token: parsed.data, ...row } : null;
}

/**
 * Why an invitation link that does not open the form is refused: 'revoked' (the
 * organisers withdrew it), else null (malformed, unknown, replaced by a newer link). An
 * invitation link expires when the registration window closes: the form says so then.
 */
export async function invitationLinkRevoked(eventId: string, token: unknown): Promise<boolean> {
  const parsed = manageTokenSchema.safeParse(token);
  if (!parsed.success) return false;
  const [row] = await getDb()
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.eventId, eventId),
        eq(invitations.tokenHash, hashToken(parsed.data)),
        isNotNull(invitations.revokedAt),
      ),
    );
  return Boolean(row);
}
