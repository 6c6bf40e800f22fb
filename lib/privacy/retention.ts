import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type Executor, getDb, selectRows, type Transaction } from '@/db/client';
import {
  events,
  invitations,
  jobs,
  nominationCalls,
  nominations,
  registrations,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { enqueue } from '@/lib/jobs/queue';
import { purgeNeedsAnswers } from '@/lib/registrations/questions';
import {
  type AnonymiseCounts,
  addCounts,
  anonymiseInvitations,
  anonymiseNominations,
  anonymiseRegistrations,
  emptyCounts,
  scrubMailsTo,
  scrubSearchTraces,
} from './anonymise';
import { ANONYMISED_DOMAIN } from './redact';

// The retention job: `retentionDays` days after an event ends, the personal data of its
// registrations, invitations and nominations (and the mails and search traces that quote
// them) is anonymised as lib/privacy/anonymise.ts says, once per event.

export const RETENTION_QUEUE = 'privacy.retention';
const DAY = 24 * 3600_000;

const at = (now: Date) => sql`${now.toISOString()}::timestamptz`;
const dueBy = (now: Date) =>
  sql`${events.endsAt} + make_interval(days => ${events.retentionDays}) <= ${at(now)}`;

/** Thrown to roll a dry run back once it has counted what it would change. */
class DryRun extends Error {}

/**
 * Anonymises one event if its retention period is over and it was not done yet; returns
 * what it changed (null: not due or already done). The event's row is locked, so that two
 * instances running the job do it once.
 */
export async function anonymiseEvent(
  tx: Transaction,
  eventId: string,
  now: Date,
): Promise<AnonymiseCounts | null> {
  const [event] = await tx
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.id, eventId), isNull(events.anonymisedAt), dueBy(now)))
    .for('update');
  if (!event) return null;
  const counts = emptyCounts();
  const regs = await anonymiseRegistrations(tx, eq(registrations.eventId, eventId));
  const invs = await anonymiseInvitations(tx, eq(invitations.eventId, eventId));
  const noms = await anonymiseNominations(
    tx,
    sql`${nominations.callId} in (select ${nominationCalls.id} from ${nominationCalls} where ${nominationCalls.eventId} = ${eventId})`,
  );
  const emails = [...regs.identities, ...invs.identities, ...noms.identities].map((p) => p.email);
  addCounts(counts, {
    registrations: regs.count,
    registrationNotes: regs.notes,
    invitations: invs.count,
    nominations: noms.count,
    nominationNotes: noms.notes,
    ...(await scrubMailsTo(tx, emails)),
    searchTraces: await scrubSearchTraces(tx, eventId),
  });
  await tx.update(events).set({ anonymisedAt: now }).where(eq(events.id, eventId));
  // Counts only: the audit line must not bring back what was just removed.
  await recordAudit(tx, {
    actorId: null,
    action: 'retention.anonymise',
    subjectType: 'event',
    subjectId: eventId,
    data: { ...counts },
  });
  return counts;
}

export type RetentionRun = {
  events: { id: string; slug: string; counts: AnonymiseCounts }[];
  totals: AnonymiseCounts;
  needsPurged: number;
};

/**
 * Runs the retention once at `now` (injectable, so that a test or the command can move the
 * clock): every event past its retention is anonymised, each in its own transaction; and
 * the needs answers (diet, access) of ended events that are still there are erased (an
 * event moved earlier than its purge job, for one). A dry run writes nothing.
 */
export async function runRetention(
  options: {
    now?: Date;
    dryRun?: boolean;
    /** Called once the work is done, with what sees it (the dry run's transaction). */
    inspect?: (db: Executor) => Promise<void>;
  } = {},
): Promise<RetentionRun> {
  const now = options.now ?? new Date();
  const db = getDb();
  const due = await db
    .select({ id: events.id, slug: events.slug })
    .from(events)
    .where(and(isNull(events.anonymisedAt), dueBy(now)))
    .orderBy(asc(events.endsAt));
  const run: RetentionRun = { events: [], totals: emptyCounts(), needsPurged: 0 };
  const anonymise = async (tx: Transaction, event: { id: string; slug: string }) => {
    const counts = await anonymiseEvent(tx, event.id, now);
    if (!counts) return;
    run.events.push({ ...event, counts });
    addCounts(run.totals, counts);
  };
  if (options.dryRun) {
    // One transaction for the whole run, rolled back once counted.
    await db
      .transaction(async (tx) => {
        for (const event of due) await anonymise(tx, event);
        await options.inspect?.(tx);
        throw new DryRun();
      })
      .catch((error) => {
        if (!(error instanceof DryRun)) throw error;
      });
    return run;
  }
  // One transaction per event: one that fails does not hold back the others.
  for (const event of due) await db.transaction((tx) => anonymise(tx, event));
  for (const eventId of await eventsWithNeedsLeft(db, now)) {
    run.needsPurged += await purgeNeedsAnswers(eventId, now);
  }
  await options.inspect?.(db);
  return run;
}

/** Ended events (a day ago or more) whose registrations still hold needs answers. */
async function eventsWithNeedsLeft(db: Executor, now: Date): Promise<string[]> {
  const rows = await selectRows<{ id: string }>(
    db,
    sql`select distinct q.event_id as id
      from registration_questions q join events e on e.id = q.event_id
      where q.purpose <> 'general'
        and e.ends_at + interval '1 day' <= ${at(now)}
        and exists (select 1 from registrations r
          where r.event_id = q.event_id and r.answers ? q.id::text)`,
  );
  return rows.map((r) => r.id);
}

/** Puts the next daily run in the queue unless one is already waiting. */
export async function scheduleRetention(runAt: Date = new Date()): Promise<void> {
  await getDb().transaction(async (tx) => {
    // Instances starting together: one of them writes the job.
    await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
    const [waiting] = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(eq(jobs.queue, RETENTION_QUEUE), eq(jobs.status, 'queued')))
      .limit(1);
    if (!waiting) await enqueue(tx, RETENTION_QUEUE, {}, { runAt });
  });
}

/** The job handler: one run now, then the next one a day later. */
export async function runRetentionJob(): Promise<void> {
  await runRetention();
  await scheduleRetention(new Date(Date.now() + DAY));
}

export type RetentionCounts = Record<string, number>;

/**
 * What the database holds, before and after a run: the identifying rows (still naming
 * someone) beside what statistics keep (statuses, scans). Read by the command.
 */
export async function retentionCounts(now: Date, db: Executor = getDb()): Promise<RetentionCounts> {
  const anonymised = `%@${ANONYMISED_DOMAIN}`;
  const [row] = await selectRows<Record<string, string | number>>(
    db,
    sql`select
      (select count(*) from events) as "events",
      (select count(*) from events where anonymised_at is not null) as "events anonymised",
      (select count(*) from events where anonymised_at is null
        and ends_at + make_interval(days => retention_days) <= ${at(now)}) as "events past retention, not anonymised",
      (select count(*) from registrations) as "registrations (kept)",
      (select count(*) from registrations where status = 'confirmed') as "registrations confirmed (kept)",
      (select count(*) from registrations where email not like ${anonymised}) as "registrations naming someone",
      (select count(*) from registrations where answers <> '{}'::jsonb) as "registrations with answers",
      (select count(*) from invitations where email not like ${anonymised}) as "invitations naming someone",
      (select count(*) from nominations where email not like ${anonymised}) as "nominations naming someone",
      (select count(*) from jobs where queue = 'mail.send' and payload ? 'to') as "mails with an address",
      (select count(*) from checkin_scans) as "check-in scans (kept)",
      (select count(*) from registration_sessions) as "session choices (kept)"`,
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}
