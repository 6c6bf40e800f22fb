import crypto from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { jobs } from '@/db/schema';
import { backoffSeconds, claimJobs, completeJob, enqueue, failJob } from '@/lib/jobs/queue';
import { registerHandler, runDueJobs } from '@/lib/jobs/worker';

// Every test uses its own queue names: the database is shared by the whole file.
const queueName = (label: string) => `test.${label}.${crypto.randomBytes(3).toString('hex')}`;

async function jobRow(id: string) {
  const [row] = await getDb().select().from(jobs).where(eq(jobs.id, id));
  if (!row) throw new Error(`job ${id} is gone`);
  return row;
}

/** Makes a queued job due now, as if its backoff had elapsed. */
async function makeDue(id: string) {
  await getDb()
    .update(jobs)
    .set({ runAt: sql`now() - interval '1 second'` })
    .where(eq(jobs.id, id));
}

describe('job queue', () => {
  it('enqueues, claims once and completes a job', async () => {
    const db = getDb();
    const queue = queueName('basic');
    const id = await enqueue(db, queue, { hello: 'world' });

    const queued = await jobRow(id);
    expect(queued).toMatchObject({ queue, status: 'queued', attempts: 0, maxAttempts: 20 });
    expect(queued.payload).toEqual({ hello: 'world' });

    const before = Date.now();
    const claimed = await claimJobs(db, [queue], 'worker-a', 10, 60);
    expect(claimed).toEqual([
      { id, queue, payload: { hello: 'world' }, attempts: 1, maxAttempts: 20 },
    ]);
    const running = await jobRow(id);
    expect(running.status).toBe('running');
    expect(running.lockedBy).toBe('worker-a');
    expect(running.lockedUntil?.getTime()).toBeGreaterThan(before + 50_000);

    // Its lease runs: nobody else gets it.
    expect(await claimJobs(db, [queue], 'worker-b')).toEqual([]);

    // Only the worker holding the job may complete it.
    await completeJob(db, id, 'worker-b');
    expect((await jobRow(id)).status).toBe('running');

    await completeJob(db, id, 'worker-a');
    const done = await jobRow(id);
    expect(done.status).toBe('done');
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(done.lockedUntil).toBeNull();
    expect(await claimJobs(db, [queue], 'worker-a')).toEqual([]);
  });

  it('claims only due jobs of the asked queues, oldest first, up to the limit', async () => {
    const db = getDb();
    const queue = queueName('due');
    const other = queueName('other');
    const later = await enqueue(
      db,
      queue,
      { n: 'later' },
      { runAt: new Date(Date.now() + 3600_000) },
    );
    const second = await enqueue(db, queue, { n: 2 }, { runAt: new Date(Date.now() - 1_000) });
    const first = await enqueue(db, queue, { n: 1 }, { runAt: new Date(Date.now() - 2_000) });
    const third = await enqueue(db, queue, { n: 3 }, { runAt: new Date(Date.now() - 500) });
    const foreign = await enqueue(db, other, { n: 'other' });

    const batch = await claimJobs(db, [queue], 'worker-a', 2);
    expect(batch.map((j) => j.id).sort()).toEqual([first, second].sort());
    const rest = await claimJobs(db, [queue], 'worker-a', 10);
    expect(rest.map((j) => j.id)).toEqual([third]);

    expect((await jobRow(later)).status).toBe('queued');
    expect((await jobRow(foreign)).status).toBe('queued');
    expect(await claimJobs(db, [], 'worker-a')).toEqual([]);
  });

  it('claims higher priority first: a sign-in link passes a backlog of bulk mail', async () => {
    const db = getDb();
    const queue = queueName('priority');
    const bulk = [];
    for (let i = 0; i < 4; i++) {
      bulk.push(await enqueue(db, queue, { n: i }, { runAt: new Date(Date.now() - 10_000 + i) }));
    }
    const urgent = await enqueue(db, queue, { n: 'sign-in' }, { priority: 10 });
    const batch = await claimJobs(db, [queue], 'worker-a', 2);
    expect(batch.map((j) => j.id)).toContain(urgent);
    expect(batch.map((j) => j.id)).toContain(bulk[0]);
  });

  it('retries a failing handler with backoff, then keeps it as dead', async () => {
    const queue = queueName('failing');
    let calls = 0;
    registerHandler(queue, async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    const id = await enqueue(getDb(), queue, { n: 1 }, { maxAttempts: 3 });

    for (const attempt of [1, 2]) {
      const before = Date.now();
      expect(await runDueJobs()).toEqual({ done: 0, retried: 1, dead: 0 });
      const after = Date.now();
      const row = await jobRow(id);
      expect(row.status).toBe('queued');
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toBe(`boom ${attempt}`);
      expect(row.lockedUntil).toBeNull();
      expect(row.finishedAt).toBeNull();
      // 10 s after the first failure, 20 s after the second (one second of clock slack).
      const delay = backoffSeconds(attempt) * 1000;
      expect(row.runAt.getTime()).toBeGreaterThanOrEqual(before + delay - 1_000);
      expect(row.runAt.getTime()).toBeLessThanOrEqual(after + delay + 1_000);
      // Not due yet: another run leaves it alone.
      expect(await runDueJobs()).toEqual({ done: 0, retried: 0, dead: 0 });
      await makeDue(id);
    }

    expect(await runDueJobs()).toEqual({ done: 0, retried: 0, dead: 1 });
    const dead = await jobRow(id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, lastError: 'boom 3' });
    expect(dead.finishedAt).toBeInstanceOf(Date);
    expect(calls).toBe(3);

    // A dead job is kept and never claimed again, even once due.
    await makeDue(id);
    expect(await runDueJobs()).toEqual({ done: 0, retried: 0, dead: 0 });
    expect((await jobRow(id)).status).toBe('dead');
    expect(calls).toBe(3);
  });

  it('runs a succeeding handler once and marks its job done', async () => {
    const queue = queueName('ok');
    const seen: unknown[] = [];
    registerHandler(queue, async (payload, { jobId }) => {
      seen.push({ payload, jobId });
    });
    const id = await enqueue(getDb(), queue, { n: 7 });
    expect(await runDueJobs()).toEqual({ done: 1, retried: 0, dead: 0 });
    expect(seen).toEqual([{ payload: { n: 7 }, jobId: id }]);
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 1, lastError: null });
    expect(await runDueJobs()).toEqual({ done: 0, retried: 0, dead: 0 });
    expect(seen).toHaveLength(1);
  });

  it('failJob from a worker that lost its lease changes nothing', async () => {
    const db = getDb();
    const queue = queueName('lost');
    await enqueue(db, queue, {});
    const [job] = await claimJobs(db, [queue], 'worker-a');
    if (!job) throw new Error('not claimed');
    expect(await failJob(db, job, 'worker-b', new Error('not mine'))).toBe('retry');
    const row = await jobRow(job.id);
    expect(row).toMatchObject({ status: 'running', lockedBy: 'worker-a', lastError: null });
  });

  it('claims again a running job whose lease has expired, and only that one', async () => {
    const db = getDb();
    const queue = queueName('lease');
    const expiredId = await enqueue(db, queue, { n: 'expired' });
    const liveId = await enqueue(db, queue, { n: 'live' });
    const claimed = await claimJobs(db, [queue], 'worker-dead', 10, 60);
    expect(claimed).toHaveLength(2);
    // The worker holding the first job died: its lease ran out.
    await db
      .update(jobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, expiredId));

    const reclaimed = await claimJobs(db, [queue], 'worker-new');
    expect(reclaimed).toEqual([
      { id: expiredId, queue, payload: { n: 'expired' }, attempts: 2, maxAttempts: 20 },
    ]);
    expect(await jobRow(expiredId)).toMatchObject({ status: 'running', lockedBy: 'worker-new' });
    expect(await jobRow(liveId)).toMatchObject({ status: 'running', lockedBy: 'worker-dead' });

    // The dead worker coming back late cannot complete what it no longer holds.
    await completeJob(db, expiredId, 'worker-dead');
    expect((await jobRow(expiredId)).status).toBe('running');
    await completeJob(db, expiredId, 'worker-new');
    expect((await jobRow(expiredId)).status).toBe('done');
  });

  it('does not take an expired job of a queue it was not asked for', async () => {
    const db = getDb();
    const mine = queueName('mine');
    const theirs = queueName('theirs');
    await enqueue(db, theirs, { n: 'theirs' });
    const [job] = await claimJobs(db, [theirs], 'worker-theirs');
    if (!job) throw new Error('not claimed');
    await db
      .update(jobs)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(eq(jobs.id, job.id));

    // A worker of another queue (which has no handler for it) must leave it alone.
    expect(await claimJobs(db, [mine], 'worker-mine')).toEqual([]);
    expect(await jobRow(job.id)).toMatchObject({ lockedBy: 'worker-theirs', attempts: 1 });
  });

  it('keeps no job enqueued in a transaction that rolls back', async () => {
    const db = getDb();
    const queue = queueName('tx');
    await expect(
      db.transaction(async (tx) => {
        await enqueue(tx, queue, { n: 'rolled back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.select().from(jobs).where(eq(jobs.queue, queue))).toEqual([]);

    const id = await db.transaction(async (tx) => enqueue(tx, queue, { n: 'committed' }));
    const rows = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.queue, queue));
    expect(rows).toEqual([{ id }]);
  });

  it.runIf(process.env.TEST_ENGINE === 'postgres')(
    'hands each job to exactly one of several concurrent claimers',
    async () => {
      const db = getDb();
      const queue = queueName('concurrent');
      const total = 60;
      const ids: string[] = [];
      for (let i = 0; i < total; i++) ids.push(await enqueue(db, queue, { i }));

      const claimedBy = new Map<string, string[]>();
      for (let round = 0; round < 10 && claimedBy.size < total; round++) {
        // Eight claimers at once, each in its own transaction on its own connection,
        // holding its locks a moment so that the others run into them.
        const batches = await Promise.all(
          Array.from({ length: 8 }, (_, w) =>
            db.transaction(async (tx) => {
              const got = await claimJobs(tx, [queue], `worker-${round}-${w}`, 5);
              await new Promise((r) => setTimeout(r, 30));
              return got.map((j) => ({ id: j.id, worker: `worker-${round}-${w}` }));
            }),
          ),
        );
        for (const { id, worker } of batches.flat()) {
          claimedBy.set(id, [...(claimedBy.get(id) ?? []), worker]);
        }
      }

      expect([...claimedBy.keys()].sort()).toEqual([...ids].sort());
      const twice = [...claimedBy.entries()].filter(([, workers]) => workers.length > 1);
      expect(twice).toEqual([]);
      const rows = await db
        .select({ id: jobs.id, attempts: jobs.attempts, lockedBy: jobs.lockedBy })
        .from(jobs)
        .where(inArray(jobs.id, ids));
      expect(rows).toHaveLength(total);
      for (const row of rows) {
        expect(row.attempts).toBe(1);
        expect(row.lockedBy).toBe(claimedBy.get(row.id)?.[0]);
      }
    },
  );
});
