import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { getDb, type Transaction } from '@/db/client';
import {
  accounts,
  erasureRequests,
  invitations,
  nominations,
  rateLimits,
  registrations,
  roleGrants,
  sessions,
  users,
  verificationTokens,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { lockEvent } from '@/lib/events/lock';
import { ACTIVE_STATUSES } from '@/lib/registrations/enums';
import { cancelForErasure } from '@/lib/registrations/mutations';
import {
  anonymiseInvitations,
  anonymiseNominations,
  anonymiseRegistrations,
  deleteRosterEntries,
  redactMentions,
  scrubMailsTo,
} from './anonymise';
import { ANONYMISED_DOMAIN, type Identity } from './redact';

export type ErasureCounts = {
  registrations: number;
  cancelled: number;
  invitations: number;
  nominations: number;
  rosterEntries: number;
  mails: number;
  mentions: number;
  sessions: number;
  grants: number;
  account: number;
};

const sameEmail = (column: Parameters<typeof eq>[0], email: string) =>
  eq(sql`lower(${column})`, email);

/**
 * Erases one person everywhere, in the caller's transaction (all or nothing): their
 * registrations, invitations and nominations anonymised as the retention job does (an
 * active registration of an event not over is cancelled first, through the cancellation
 * path, so that its seat is offered on), their roster entries removed, the mails to them
 * emptied and any mention of them elsewhere redacted, their sign-in sessions, accounts
 * and roles deleted and their user row anonymised (kept, so that the audit log still
 * says "someone" did what they did).
 */
export async function eraseInTransaction(
  tx: Transaction,
  rawEmail: string,
  options: { actorId: string | null; origin: string; now?: Date },
): Promise<{ userId: string | null; counts: ErasureCounts }> {
  const now = options.now ?? new Date();
  const email = rawEmail.trim().toLowerCase();
  const [user] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(sameEmail(users.email, email))
    .for('update');
  const mine = user
    ? or(sameEmail(registrations.email, email), eq(registrations.userId, user.id))
    : sameEmail(registrations.email, email);
  const held = await tx
    .select({ id: registrations.id, eventId: registrations.eventId, status: registrations.status })
    .from(registrations)
    .where(mine);
  // Lock order: event rows first, in a fixed order, then registration rows.
  const eventIds = [...new Set(held.map((r) => r.eventId))].sort();
  let cancelled = 0;
  for (const eventId of eventIds) {
    const event = await lockEvent(tx, eventId);
    if (event.endsAt <= now) continue;
    for (const r of held.filter((h) => h.eventId === eventId)) {
      if (!ACTIVE_STATUSES.includes(r.status)) continue;
      await cancelForErasure(tx, event, r.id, { origin: options.origin, now });
      cancelled++;
    }
  }
  const regs = await anonymiseRegistrations(
    tx,
    held.length
      ? inArray(
          registrations.id,
          held.map((r) => r.id),
        )
      : sql`false`,
  );
  // An invitation not used yet stops being one (its link dies with the anonymisation).
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        sameEmail(invitations.email, email),
        isNull(invitations.revokedAt),
        isNull(invitations.registrationId),
      ),
    );
  const invs = await anonymiseInvitations(tx, sameEmail(invitations.email, email));
  const noms = await anonymiseNominations(tx, sameEmail(nominations.email, email));
  const rosterEntries = await deleteRosterEntries(tx, email);
  const people: Identity[] = [
    ...regs.identities,
    ...invs.identities,
    ...noms.identities,
    ...(user?.name ? [{ email, names: [user.name] }] : [{ email, names: [] }]),
  ];
  const mailed = await scrubMailsTo(tx, [email, ...people.map((p) => p.email)]);
  const mentions = await redactMentions(tx, dedupe(people));
  await tx.delete(verificationTokens).where(sameEmail(verificationTokens.identifier, email));
  await tx.delete(rateLimits).where(eq(rateLimits.key, `register:email:${email}`));
  const counts: ErasureCounts = {
    registrations: regs.count,
    cancelled,
    invitations: invs.count,
    nominations: noms.count,
    rosterEntries,
    mails: mailed.mails + mailed.caughtMails,
    mentions,
    sessions: 0,
    grants: 0,
    account: 0,
  };
  if (user) {
    counts.sessions = (
      await tx
        .delete(sessions)
        .where(eq(sessions.userId, user.id))
        .returning({ id: sessions.userId })
    ).length;
    await tx.delete(accounts).where(eq(accounts.userId, user.id));
    counts.grants = (
      await tx
        .delete(roleGrants)
        .where(eq(roleGrants.userId, user.id))
        .returning({ id: roleGrants.id })
    ).length;
    await tx
      .update(users)
      .set({
        email: sql`'erased-' || ${users.id} || ${`@${ANONYMISED_DOMAIN}`}`,
        name: null,
        image: null,
        emailVerified: null,
      })
      .where(eq(users.id, user.id));
    counts.account = 1;
    await tx
      .update(erasureRequests)
      .set({ erasedAt: now, erasedBy: options.actorId })
      .where(and(eq(erasureRequests.userId, user.id), isNull(erasureRequests.erasedAt)));
  }
  // Counts only: the line says that someone was erased, never who.
  await recordAudit(tx, {
    actorId: options.actorId,
    action: 'privacy.erase',
    subjectType: 'user',
    subjectId: user?.id ?? null,
    data: { ...counts },
  });
  return { userId: user?.id ?? null, counts };
}

function dedupe(people: Identity[]): Identity[] {
  const seen = new Map<string, Set<string>>();
  for (const p of people) {
    const names = seen.get(p.email) ?? new Set<string>();
    for (const n of p.names) if (n.trim()) names.add(n);
    seen.set(p.email, names);
  }
  return [...seen].map(([email, names]) => ({ email, names: [...names] }));
}

/** An admin erases a person by e-mail. Nothing matches: a clear error, nothing written. */
export async function erasePerson(
  viewer: Viewer | null,
  email: string,
  options: { origin: string; now?: Date },
): Promise<ErasureCounts> {
  assertCan(viewer, 'privacy.erase');
  const normalised = email.trim().toLowerCase();
  if (normalised === viewer.email.toLowerCase()) throw new ActionError('dataRights.errors.self');
  return getDb().transaction(async (tx) => {
    const { counts } = await eraseInTransaction(tx, normalised, {
      actorId: viewer.id,
      origin: options.origin,
      now: options.now,
    });
    const found =
      counts.account +
      counts.registrations +
      counts.invitations +
      counts.nominations +
      counts.rosterEntries +
      counts.mails;
    if (found === 0) throw new ActionError('dataRights.errors.nobody');
    return counts;
  });
}

/** The person asks for their erasure; an admin carries it out. Asking twice is one request. */
export async function requestErasure(viewer: Viewer | null): Promise<void> {
  assertCan(viewer, 'account.view');
  await getDb().transaction(async (tx) => {
    const added = await tx
      .insert(erasureRequests)
      .values({ userId: viewer.id })
      .onConflictDoNothing()
      .returning({ id: erasureRequests.id });
    if (added.length === 0) return;
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'privacy.erasure_request',
      subjectType: 'user',
      subjectId: viewer.id,
    });
  });
}

/** Whether the viewer has a request waiting. */
export async function pendingRequestOf(viewer: Viewer): Promise<Date | null> {
  const [row] = await getDb()
    .select({ requestedAt: erasureRequests.requestedAt })
    .from(erasureRequests)
    .where(and(eq(erasureRequests.userId, viewer.id), isNull(erasureRequests.erasedAt)));
  return row?.requestedAt ?? null;
}

export type ErasureRequestDto = {
  id: string;
  email: string;
  name: string | null;
  requestedAt: Date;
};

/** The requests waiting for an admin, oldest first. */
export async function listErasureRequests(viewer: Viewer | null): Promise<ErasureRequestDto[]> {
  assertCan(viewer, 'privacy.erase');
  return getDb()
    .select({
      id: erasureRequests.id,
      email: users.email,
      name: users.name,
      requestedAt: erasureRequests.requestedAt,
    })
    .from(erasureRequests)
    .innerJoin(users, eq(users.id, erasureRequests.userId))
    .where(isNull(erasureRequests.erasedAt))
    .orderBy(asc(erasureRequests.requestedAt));
}

/** An admin carries out a pending request. */
export async function eraseRequested(
  viewer: Viewer | null,
  requestId: string,
  options: { origin: string; now?: Date },
): Promise<ErasureCounts> {
  assertCan(viewer, 'privacy.erase');
  const [request] = await getDb()
    .select({ email: users.email })
    .from(erasureRequests)
    .innerJoin(users, eq(users.id, erasureRequests.userId))
    .where(and(eq(erasureRequests.id, requestId), isNull(erasureRequests.erasedAt)));
  if (!request) throw new NotFoundError();
  return erasePerson(viewer, request.email, options);
}
