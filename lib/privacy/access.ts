import { type AnyColumn, and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import {
  accounts,
  auditLog,
  checkinScans,
  designationRosterEntries,
  designationRosters,
  erasureRequests,
  events,
  invitations,
  jobs,
  networks,
  nominationCalls,
  nominationChanges,
  nominations,
  organisations,
  programmeSessions,
  registrationChanges,
  registrationQuestions,
  registrationSessions,
  registrations,
  roleGrants,
  users,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import type { Viewer } from '@/lib/auth/permissions';
import { MAIL_QUEUE } from '@/lib/mail/outbox';
import { manageLinkState } from '@/lib/registrations/manage-link';

// The right of access: everything held on one person, as JSON. Each part is read by the
// person's own keys (account id, e-mail) and lists only their rows: no staff member's
// identity (who scanned, who decided) and no other person's data goes in.

const lower = (column: AnyColumn) => sql`lower(${column})`;

async function registrationsData(where: SQL | undefined) {
  const db = getDb();
  const rows = await db
    .select({
      id: registrations.id,
      event: { slug: events.slug, titleFr: events.titleFr, titleEn: events.titleEn },
      status: registrations.status,
      email: registrations.email,
      firstName: registrations.firstName,
      lastName: registrations.lastName,
      organisation: registrations.organisation,
      function: registrations.function,
      country: registrations.country,
      organisationKind: registrations.organisationKind,
      locale: registrations.locale,
      ticketCode: registrations.ticketCode,
      answers: registrations.answers,
      directoryConsent: registrations.directoryConsent,
      privacyAcknowledgedAt: registrations.privacyAcknowledgedAt,
      createdAt: registrations.createdAt,
      updatedAt: registrations.updatedAt,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(where)
    .orderBy(asc(registrations.createdAt));
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [questions, chosen, history, scans] = await Promise.all([
    db
      .select({
        id: registrationQuestions.id,
        labelFr: registrationQuestions.labelFr,
        labelEn: registrationQuestions.labelEn,
      })
      .from(registrationQuestions)
      .where(
        inArray(
          registrationQuestions.eventId,
          db
            .select({ id: registrations.eventId })
            .from(registrations)
            .where(inArray(registrations.id, ids)),
        ),
      ),
    db
      .select({
        registrationId: registrationSessions.registrationId,
        titleFr: programmeSessions.titleFr,
        titleEn: programmeSessions.titleEn,
        startsAt: programmeSessions.startsAt,
      })
      .from(registrationSessions)
      .innerJoin(programmeSessions, eq(programmeSessions.id, registrationSessions.sessionId))
      .where(inArray(registrationSessions.registrationId, ids)),
    db
      .select({
        registrationId: registrationChanges.registrationId,
        from: registrationChanges.fromStatus,
        to: registrationChanges.toStatus,
        note: registrationChanges.note,
        at: registrationChanges.at,
      })
      .from(registrationChanges)
      .where(inArray(registrationChanges.registrationId, ids))
      .orderBy(asc(registrationChanges.at)),
    db
      .select({
        registrationId: checkinScans.registrationId,
        kind: checkinScans.kind,
        sessionFr: programmeSessions.titleFr,
        door: checkinScans.door,
        scannedAt: checkinScans.scannedAt,
      })
      .from(checkinScans)
      .leftJoin(programmeSessions, eq(programmeSessions.id, checkinScans.sessionId))
      .where(inArray(checkinScans.registrationId, ids))
      .orderBy(asc(checkinScans.scannedAt)),
  ]);
  const label = new Map(questions.map((q) => [q.id, { fr: q.labelFr, en: q.labelEn }]));
  return rows.map((r) => ({
    ...r,
    answers: Object.entries((r.answers ?? {}) as Record<string, unknown>).map(([id, value]) => ({
      question: label.get(id) ?? null,
      value,
    })),
    sessions: chosen
      .filter((c) => c.registrationId === r.id)
      .map(({ registrationId: _, ...c }) => c),
    history: history
      .filter((h) => h.registrationId === r.id)
      .map(({ registrationId: _, ...h }) => h),
    scans: scans.filter((s) => s.registrationId === r.id).map(({ registrationId: _, ...s }) => s),
  }));
}

/** Everything held on the signed-in person. The download is written to the audit log. */
export async function personalDataOf(viewer: Viewer | null) {
  assertCan(viewer, 'account.view');
  const db = getDb();
  const email = viewer.email.toLowerCase();
  const [account] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      emailVerified: users.emailVerified,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.id, viewer.id));
  const [signIns, grants, regs, noms, invited, rosterEntries, mails, requests, actions] =
    await Promise.all([
      db
        .select({ provider: accounts.provider, type: accounts.type })
        .from(accounts)
        .where(eq(accounts.userId, viewer.id)),
      db
        .select({
          role: roleGrants.role,
          organisation: organisations.nameFr,
          event: events.slug,
          createdAt: roleGrants.createdAt,
        })
        .from(roleGrants)
        .leftJoin(organisations, eq(organisations.id, roleGrants.organisationId))
        .leftJoin(events, eq(events.id, roleGrants.eventId))
        .where(eq(roleGrants.userId, viewer.id)),
      registrationsData(
        or(eq(registrations.userId, viewer.id), eq(lower(registrations.email), email)),
      ),
      nominationsAbout(email),
      db
        .select({
          event: events.slug,
          email: invitations.email,
          firstName: invitations.firstName,
          lastName: invitations.lastName,
          organisation: invitations.organisation,
          sentAt: invitations.sentAt,
          revokedAt: invitations.revokedAt,
        })
        .from(invitations)
        .innerJoin(events, eq(events.id, invitations.eventId))
        .where(eq(lower(invitations.email), email)),
      db
        .select({
          year: designationRosters.year,
          organisation: organisations.nameFr,
          network: networks.acronym,
          email: designationRosterEntries.email,
          firstName: designationRosterEntries.firstName,
          lastName: designationRosterEntries.lastName,
          function: designationRosterEntries.function,
          unit: designationRosterEntries.unit,
          locale: designationRosterEntries.locale,
          createdAt: designationRosterEntries.createdAt,
        })
        .from(designationRosterEntries)
        .innerJoin(designationRosters, eq(designationRosters.id, designationRosterEntries.rosterId))
        .innerJoin(organisations, eq(organisations.id, designationRosters.organisationId))
        .innerJoin(networks, eq(networks.id, designationRosters.networkId))
        .where(eq(lower(designationRosterEntries.email), email)),
      db
        .select({
          subject: sql<string>`${jobs.payload}->>'subject'`,
          text: sql<string>`${jobs.payload}->>'text'`,
          status: jobs.status,
          queuedAt: jobs.createdAt,
          sentAt: jobs.finishedAt,
        })
        .from(jobs)
        .where(and(eq(jobs.queue, MAIL_QUEUE), eq(sql`lower(${jobs.payload}->>'to')`, email)))
        .orderBy(asc(jobs.createdAt)),
      db
        .select({ requestedAt: erasureRequests.requestedAt, erasedAt: erasureRequests.erasedAt })
        .from(erasureRequests)
        .where(eq(erasureRequests.userId, viewer.id)),
      // What the person did (sign-ins, changes): the action and when, not the details,
      // which may be about others.
      db
        .select({
          action: auditLog.action,
          subjectType: auditLog.subjectType,
          at: auditLog.createdAt,
        })
        .from(auditLog)
        .where(eq(auditLog.actorId, viewer.id))
        .orderBy(asc(auditLog.createdAt)),
    ]);
  await recordAudit(db, {
    actorId: viewer.id,
    action: 'privacy.export',
    subjectType: 'user',
    subjectId: viewer.id,
  });
  return {
    exportedAt: new Date().toISOString(),
    account: account ?? null,
    signInMethods: signIns,
    roles: grants,
    registrations: regs,
    nominations: noms,
    invitations: invited,
    rosterEntries,
    mails,
    erasureRequests: requests,
    actions,
  };
}

async function nominationsAbout(email: string) {
  const db = getDb();
  const rows = await db
    .select({
      id: nominations.id,
      event: events.slug,
      organisation: organisations.nameFr,
      status: nominations.status,
      email: nominations.email,
      firstName: nominations.firstName,
      lastName: nominations.lastName,
      function: nominations.function,
      unit: nominations.unit,
      justification: nominations.justification,
      reason: nominations.reason,
      locale: nominations.locale,
      submittedAt: nominations.submittedAt,
      decidedAt: nominations.decidedAt,
    })
    .from(nominations)
    .innerJoin(nominationCalls, eq(nominationCalls.id, nominations.callId))
    .innerJoin(events, eq(events.id, nominationCalls.eventId))
    .innerJoin(organisations, eq(organisations.id, nominations.organisationId))
    .where(eq(lower(nominations.email), email));
  const ids = rows.map((r) => r.id);
  const history = ids.length
    ? await db
        .select({
          nominationId: nominationChanges.nominationId,
          from: nominationChanges.fromStatus,
          to: nominationChanges.toStatus,
          at: nominationChanges.at,
        })
        .from(nominationChanges)
        .where(inArray(nominationChanges.nominationId, ids))
        .orderBy(asc(nominationChanges.at))
    : [];
  return rows.map(({ id, ...r }) => ({
    ...r,
    history: history.filter((h) => h.nominationId === id).map(({ nominationId: _, ...h }) => h),
  }));
}

/** The data of the one registration a manage link opens (null: no such link). Audited. */
export async function registrationDataByToken(token: string) {
  // Only a link that still works: an expired or revoked one opens nothing.
  const link = await manageLinkState(token);
  if (link?.state !== 'valid') return null;
  const db = getDb();
  const found = { id: link.registrationId };
  const [registration] = await registrationsData(eq(registrations.id, found.id));
  await recordAudit(db, {
    actorId: null,
    action: 'privacy.export',
    subjectType: 'registration',
    subjectId: found.id,
  });
  return { exportedAt: new Date().toISOString(), registration: registration ?? null };
}
