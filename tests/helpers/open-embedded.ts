// Opens the embedded database folder named by PGLITE_DIR through the app's one client,
// as a second process would (a script run beside the app). With `write` it also adds a
// row, so the caller can check that the write reached the folder.
// Usage: PGLITE_DIR=/some/dir npx tsx tests/helpers/open-embedded.ts [write]
import { count, eq } from 'drizzle-orm';
import { closeDb, ensureMigrated, getDb } from '@/db/client';
import { jobs } from '@/db/schema';

export const OPEN_EMBEDDED_QUEUE = 'test.open-embedded';

async function main() {
  delete process.env.DATABASE_URL;
  await ensureMigrated();
  const db = getDb();
  if (process.argv.includes('write')) {
    await db.insert(jobs).values({ queue: OPEN_EMBEDDED_QUEUE, payload: { pid: process.pid } });
  }
  const [row] = await db
    .select({ c: count() })
    .from(jobs)
    .where(eq(jobs.queue, OPEN_EMBEDDED_QUEUE));
  console.log(`opened; ${row?.c ?? 0} job(s)`);
  await closeDb();
}

if (process.argv[1]?.endsWith('open-embedded.ts')) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
