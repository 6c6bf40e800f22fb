import { and, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import {
  auditLog,
  caughtMail,
  designationRosterEntries,
  invitations,
  jobs,
  nominationChanges,
  nominations,
  registrationChanges,
  registrations,
} from '@/db/schema';
import { MAIL_QUEUE } from '@/lib/mail/outbox';
import { ANONYMISED_DOMAIN, type Identity, redactJson } from './redact';

/*
 * What anonymisation does to each table that holds personal data (the retention job does it
 * to an event's people, the erasure to one person everywhere). Keep: what counts and
 * statistics need; null/replace: whatever names, reaches or re-identifies someone.
 *
 * | table.column                              | rule                                      |
 * |-------------------------------------------|-------------------------------------------|
 * | registrations.email                       | replace: anonymised-<id>@anonymised.invalid |
 * | registrations.first/last_name, function,  | replace: '' (free text naming the person)  |
 * |   organisation (free text)                |                                           |
 * | registrations.answers                     | replace: {} (organisers' questions)       |
 * | registrations.manage_token_hash           | replace: random (the link dies)           |
 * | registrations.ticket_code                 | replace: random (the ticket dies)         |
 * | registrations.user_id                     | null (no link to an account)              |
 * | registrations.status, seq, country,       | keep (counts, statistics)                 |
 * |   organisation_kind, locale, consent, dates |                                         |
 * | registration_sessions                     | keep (session choices)                    |
 * | registration_changes.note                 | null (a message may name the person)      |
 * | registration_changes statuses, actor, at  | keep (history counts)                     |
 * | checkin_scans                             | keep (attendance counts; no personal text)|
 * | invitations.email, first/last_name        | replace, as registrations                 |
 * | invitations.organisation                  | null                                      |
 * | invitations.token_hash                    | replace: random (the link dies)           |
 * | nominations.email, names, function, unit, | replace, as registrations ('' / address)  |
 * |   justification                           |                                           |
 * | nominations.reason                        | null (an organiser's words on the person) |
 * | nominations.token_hash                    | null (the link dies)                      |
 * | nominations.status, rank, late, org, group| keep (quotas, statistics)                 |
 * | nomination_changes.note                   | null                                      |
 * | mailing_recipients                        | keep (who-count of a mailing, by id)      |
 * | jobs.payload of mail.send to the person   | replace: {"anonymised":true} (address, text) |
 * | jobs.last_error of those mails            | null (SMTP errors quote the address)      |
 * | caught_mail to the person (dev catcher)   | delete                                    |
 * | audit_log.data "q"/"answer" of list reads | null (desk and list search traces)        |
 * |   and check-in searches of the event      |                                           |
 * | audit_log rows, their actor and counts    | keep (without personal data)              |
 * | designation_roster_entries (erasure only) | delete (rosters are reviewed, see rosters)|
 * | users (erasure only): email, name, image  | replace/null; sessions, accounts,         |
 * |                                           |   grants, verification tokens deleted     |
 * | rate_limits "register:email:<address>"    | delete (erasure)                          |
 * | session_speakers                          | keep: a public programme, not attendees   |
 */

export type AnonymiseCounts = {
  registrations: number;
  registrationNotes: number;
  invitations: number;
  nominations: number;
  nominationNotes: number;
  mails: number;
  caughtMails: number;
  searchTraces: number;
};

export const emptyCounts = (): AnonymiseCounts => ({
  registrations: 0,
  registrationNotes: 0,
  invitations: 0,
  nominations: 0,
  nominationNotes: 0,
  mails: 0,
  caughtMails: 0,
  searchTraces: 0,
});

export function addCounts(into: AnonymiseCounts, more: Partial<AnonymiseCounts>) {
  for (const [key, value] of Object.entries(more) as [keyof AnonymiseCounts, number][]) {
    into[key] += value;
  }
  return into;
}

const anonymousAddress = (id: SQL | unknown) =>
  sql`'anonymised-' || ${id}::text || ${`@${ANONYMISED_DOMAIN}`}`;
const notYet = (email: SQL | unknown) => sql`${email} not like ${`%@${ANONYMISED_DOMAIN}`}`;
// Not a SHA-256 in hex: no token can ever hash to it.
const deadTokenHash = sql`'anonymised:' || gen_random_uuid()::text`;

const identity = (r: { email: string; firstName: string; lastName: string }): Identity => ({
  email: r.email,
  names: [`${r.firstName} ${r.lastName}`, `${r.lastName} ${r.firstName}`],
});

const CHUNK = 1000;
function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** Anonymises the registrations matching `where`; returns who they were, for the outbox. */
export async function anonymiseRegistrations(tx: Transaction, where: SQL | undefined) {
  const found = await tx
    .select({
      id: registrations.id,
      email: registrations.email,
      firstName: registrations.firstName,
      lastName: registrations.lastName,
    })
    .from(registrations)
    .where(and(where, notYet(registrations.email)))
    .for('update');
  let notes = 0;
  for (const part of chunks(found.map((r) => r.id))) {
    await tx
      .update(registrations)
      .set({
        email: anonymousAddress(registrations.id),
        firstName: '',
        lastName: '',
        organisation: '',
        function: '',
        answers: sql`'{}'::jsonb`,
        manageTokenHash: deadTokenHash,
        ticketCode: sql`replace(gen_random_uuid()::text, '-', '')`,
        userId: null,
      })
      .where(inArray(registrations.id, part));
    const changed = await tx
      .update(registrationChanges)
      .set({ note: null })
      .where(
        and(
          inArray(registrationChanges.registrationId, part),
          sql`${registrationChanges.note} is not null`,
        ),
      )
      .returning({ id: registrationChanges.id });
    notes += changed.length;
  }
  return { count: found.length, notes, identities: found.map(identity) };
}

export async function anonymiseInvitations(tx: Transaction, where: SQL | undefined) {
  const found = await tx
    .select({
      id: invitations.id,
      email: invitations.email,
      firstName: invitations.firstName,
      lastName: invitations.lastName,
    })
    .from(invitations)
    .where(and(where, notYet(invitations.email)))
    .for('update');
  for (const part of chunks(found.map((r) => r.id))) {
    await tx
      .update(invitations)
      .set({
        email: anonymousAddress(invitations.id),
        firstName: '',
        lastName: '',
        organisation: null,
        tokenHash: deadTokenHash,
      })
      .where(inArray(invitations.id, part));
  }
  return { count: found.length, identities: found.map(identity) };
}

export async function anonymiseNominations(tx: Transaction, where: SQL | undefined) {
  const found = await tx
    .select({
      id: nominations.id,
      email: nominations.email,
      firstName: nominations.firstName,
      lastName: nominations.lastName,
    })
    .from(nominations)
    .where(and(where, notYet(nominations.email)))
    .for('update');
  let notes = 0;
  for (const part of chunks(found.map((r) => r.id))) {
    await tx
      .update(nominations)
      .set({
        email: anonymousAddress(nominations.id),
        firstName: '',
        lastName: '',
        function: '',
        unit: '',
        justification: '',
        reason: null,
        tokenHash: null,
      })
      .where(inArray(nominations.id, part));
    const changed = await tx
      .update(nominationChanges)
      .set({ note: null })
      .where(
        and(
          inArray(nominationChanges.nominationId, part),
          sql`${nominationChanges.note} is not null`,
        ),
      )
      .returning({ id: nominationChanges.id });
    notes += changed.length;
  }
  return { count: found.length, notes, identities: found.map(identity) };
}

/** Roster entries of a person (erasure): removed, the roster keeps the others. */
export async function deleteRosterEntries(tx: Transaction, email: string) {
  const gone = await tx
    .delete(designationRosterEntries)
    .where(eq(sql`lower(${designationRosterEntries.email})`, email))
    .returning({ id: designationRosterEntries.id });
  return gone.length;
}

/**
 * The outbox's mails to these addresses lose their payload (address, subject, text); a
 * mail not sent yet is dropped with it (marked done: nobody is left to write to). A mail
 * being sent right now (running) is left to finish.
 */
export async function scrubMailsTo(tx: Transaction, emails: string[]) {
  const addresses = [...new Set(emails.map((e) => e.toLowerCase()))];
  let mails = 0;
  let caught = 0;
  for (const part of chunks(addresses)) {
    const scrubbed = await tx
      .update(jobs)
      .set({
        payload: sql`'{"anonymised":true}'::jsonb`,
        lastError: null,
        status: sql`case when ${jobs.status} = 'queued' then 'done'::job_status else ${jobs.status} end`,
        finishedAt: sql`coalesce(${jobs.finishedAt}, now())`,
      })
      .where(
        and(
          eq(jobs.queue, MAIL_QUEUE),
          ne(jobs.status, 'running'),
          inArray(sql`lower(${jobs.payload}->>'to')`, part),
        ),
      )
      .returning({ id: jobs.id });
    mails += scrubbed.length;
    const gone = await tx
      .delete(caughtMail)
      .where(inArray(sql`lower(${caughtMail.to})`, part))
      .returning({ id: caughtMail.id });
    caught += gone.length;
  }
  return { mails, caughtMails: caught };
}

/**
 * Words the organisers typed to search an event's people (list filters, the check-in
 * desk's name search), kept in the audit log: nulled, the rest of the line kept.
 */
export async function scrubSearchTraces(tx: Transaction, eventId: string) {
  const changed = await tx
    .update(auditLog)
    .set({ data: sql`${auditLog.data} || '{"q":null,"answer":null}'::jsonb` })
    .where(
      and(
        eq(auditLog.subjectType, 'event'),
        eq(auditLog.subjectId, eventId),
        inArray(auditLog.action, ['checkin.search', 'registrations.list']),
        sql`(${auditLog.data}->>'q' is not null or ${auditLog.data}->>'answer' is not null)`,
      ),
    )
    .returning({ id: auditLog.id });
  return changed.length;
}

/**
 * Any other mail or audit line that quotes the person (a nominator told "X was accepted",
 * a search typed with their name): each such string loses the address or name. Used by
 * the erasure, where one person is known; a text search finds the rows first.
 */
export async function redactMentions(tx: Transaction, people: Identity[]) {
  const terms = [
    ...new Set(people.flatMap((p) => [p.email, ...p.names]).filter((t) => t.trim().length >= 3)),
  ];
  if (terms.length === 0) return 0;
  const like = (column: SQL) =>
    sql`(${sql.join(
      terms.map((t) => sql`${column} ilike ${`%${t.replace(/[\\%_]/g, '\\$&')}%`}`),
      sql` or `,
    )})`;
  let changed = 0;
  const mailRows = await tx
    .select({ id: jobs.id, payload: jobs.payload })
    .from(jobs)
    .where(
      and(eq(jobs.queue, MAIL_QUEUE), ne(jobs.status, 'running'), like(sql`${jobs.payload}::text`)),
    )
    .for('update');
  for (const row of mailRows) {
    await tx
      .update(jobs)
      .set({ payload: redactJson(row.payload, terms) })
      .where(eq(jobs.id, row.id));
    changed++;
  }
  const auditRows = await tx
    .select({ id: auditLog.id, data: auditLog.data })
    .from(auditLog)
    .where(like(sql`${auditLog.data}::text`));
  for (const row of auditRows) {
    await tx
      .update(auditLog)
      .set({ data: redactJson(row.data, terms) })
      .where(eq(auditLog.id, row.id));
    changed++;
  }
  return changed;
}
