import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { jobs } from '@/db/schema';

export type EnqueueOptions = { runAt?: Date; maxAttempts?: number; priority?: number };

/** Adds a job; pass the caller's transaction so the job exists only if the change commits. */
export async function enqueue(
  db: Executor,
  queue: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<string> {
  const [id] = await enqueueMany(db, queue, [payload], options);
  if (!id) throw new Error('enqueue returned no row');
  return id;
}

/** Adds several jobs in one statement (in the caller's transaction), ids in order. */
export async function enqueueMany(
  db: Executor,
  queue: string,
  payloads: unknown[],
  options: EnqueueOptions = {},
): Promise<string[]> {
  if (payloads.length === 0) return [];
  const rows = await db
    .insert(jobs)
    .values(
      payloads.map((payload) => ({
        queue,
        payload,
        runAt: options.runAt ?? new Date(),
        maxAttempts: options.maxAttempts ?? 20,
        priority: options.priority ?? 0,
      })),
    )
    .returning({ id: jobs.id });
  if (rows.length !== payloads.length) throw new Error('enqueue returned fewer rows');
  return rows.map((r) => r.id);
}

export type ClaimedJob = {
  id: string;
  queue: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
};

/** Seconds before a retry: 10 s, 20 s, 40 s… capped at one hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Claims up to `limit` due jobs of the given queues. Several instances may call this
 * at once: SKIP LOCKED hands each job to one of them. A job whose worker died is
 * claimed again once its lease has run out.
 */
export async function claimJobs(
  db: Executor,
  queues: string[],
  workerId: string,
  limit = 10,
  leaseSeconds = 60,
): Promise<ClaimedJob[]> {
  if (queues.length === 0) return [];
  const due = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        inArray(jobs.queue, queues),
        // Parenthesised as a whole: `and()` does not wrap its parts, and a bare `or`
        // would let expired jobs of every queue through.
        sql`((${jobs.status} = 'queued' and ${jobs.runAt} <= now())
          or (${jobs.status} = 'running' and ${jobs.lockedUntil} < now()))`,
      ),
    )
    .orderBy(desc(jobs.priority), asc(jobs.runAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: workerId,
      lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`,
    })
    .where(inArray(jobs.id, due))
    .returning({
      id: jobs.id,
      queue: jobs.queue,
      payload: jobs.payload,
      attempts: jobs.attempts,
      maxAttempts: jobs.maxAttempts,
    });
}

export async function completeJob(db: Executor, id: string, workerId: string): Promise<void> {
  await db
    .update(jobs)
    .set({ status: 'done', finishedAt: new Date(), lockedUntil: null, lastError: null })
    .where(and(eq(jobs.id, id), eq(jobs.lockedBy, workerId)));
}

/** Schedules a retry with backoff, or marks the job dead (kept, never deleted). */
export async function failJob(
  db: Executor,
  job: ClaimedJob,
  workerId: string,
  error: unknown,
): Promise<'retry' | 'dead'> {
  const message = error instanceof Error ? error.message : String(error);
  const dead = job.attempts >= job.maxAttempts;
  await db
    .update(jobs)
    .set({
      status: dead ? 'dead' : 'queued',
      lastError: message.slice(0, 2000),
      lockedUntil: null,
      runAt: dead ? undefined : sql`now() + make_interval(secs => ${backoffSeconds(job.attempts)})`,
      finishedAt: dead ? new Date() : null,
    })
    .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, workerId)));
  return dead ? 'dead' : 'retry';
}
