// Runs once when a server process starts: migrate, then start the background worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { ensureMigrated } = await import('@/db/client');
  const { registerJobHandlers } = await import('@/lib/jobs/handlers');
  const { startWorker } = await import('@/lib/jobs/worker');
  await ensureMigrated();
  registerJobHandlers();
  if (process.env.JOBS_WORKER !== 'off') {
    // The retention job runs daily; the first run soon after a start.
    const { scheduleRetention } = await import('@/lib/privacy/retention');
    await scheduleRetention();
    startWorker();
  }
}
