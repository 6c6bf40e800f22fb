import crypto from 'node:crypto';
import os from 'node:os';
import { getDb } from '@/db/client';
import { describeError } from '@/db/errors';
import { claimJobs, completeJob, failJob } from './queue';

export type JobHandler = (payload: unknown, context: { jobId: string }) => Promise<void>;

const handlers = new Map<string, JobHandler>();

export function registerHandler(queue: string, handler: JobHandler): void {
  handlers.set(queue, handler);
}

const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;

export type RunSummary = { done: number; retried: number; dead: number };

/** Runs every due job once; returns what happened. Used by the loop and by tests. */
// Small batches with a long lease: a batch of slow SMTP sends (up to ~40 s each with
// timeouts) must finish before its lease runs out, or another instance would claim it.
const BATCH = 5;
// JOBS_LEASE_SECONDS shortens it where sends are fast and a dead instance's jobs should
// be taken over sooner (the fault drills use a few seconds).
const LEASE_SECONDS = Number(process.env.JOBS_LEASE_SECONDS ?? 300);

export async function runDueJobs(limit = BATCH): Promise<RunSummary> {
  const db = getDb();
  const summary: RunSummary = { done: 0, retried: 0, dead: 0 };
  const claimed = await claimJobs(db, [...handlers.keys()], workerId, limit, LEASE_SECONDS);
  for (const job of claimed) {
    const handler = handlers.get(job.queue);
    try {
      if (!handler) throw new Error(`No handler for queue ${job.queue}`);
      await handler(job.payload, { jobId: job.id });
      await completeJob(db, job.id, workerId);
      summary.done++;
    } catch (error) {
      const outcome = await failJob(db, job, workerId, error);
      if (outcome === 'dead') summary.dead++;
      else summary.retried++;
    }
  }
  return summary;
}

type LoopState = { timer?: NodeJS.Timeout; running: boolean; stopped: boolean };
const LOOP = Symbol.for('passerelle.jobs.loop');
type Global = typeof globalThis & { [LOOP]?: LoopState };

/** Starts the polling loop of this process (once). */
export function startWorker(intervalMs = Number(process.env.JOBS_POLL_MS ?? 1000)): void {
  const g = globalThis as Global;
  if (g[LOOP]) return;
  const state: LoopState = { running: false, stopped: false };
  g[LOOP] = state;
  const tick = async () => {
    if (state.running || state.stopped) return;
    state.running = true;
    try {
      let summary: RunSummary;
      do {
        summary = await runDueJobs();
      } while (summary.done + summary.retried + summary.dead > 0 && !state.stopped);
    } catch (error) {
      console.error('[jobs] worker tick failed:', describeError(error));
    } finally {
      state.running = false;
    }
  };
  state.timer = setInterval(tick, intervalMs);
  state.timer.unref();
}

/** Runs due jobs now instead of at the next tick (after an enqueue, for example). */
export function kickWorker(): void {
  const g = globalThis as Global;
  if (!g[LOOP] || g[LOOP].running) return;
  void runDueJobs().catch(() => {});
}

export function stopWorker(): void {
  const g = globalThis as Global;
  const state = g[LOOP];
  if (!state) return;
  state.stopped = true;
  clearInterval(state.timer);
  g[LOOP] = undefined;
}
