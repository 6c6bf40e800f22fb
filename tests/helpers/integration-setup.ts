import { afterAll, beforeAll } from 'vitest';
import { closeDb, ensureMigrated } from '@/db/client';
import { createScratchDatabase } from './test-database';

// Each test file gets its own empty, migrated database on the engine of its project:
// an in-memory PGlite, or a scratch database on the PostgreSQL server.
let drop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (process.env.TEST_ENGINE === 'postgres') {
    const scratch = await createScratchDatabase();
    process.env.DATABASE_URL = scratch.url;
    drop = scratch.drop;
  } else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = 'memory://';
  }
  await ensureMigrated();
});

afterAll(async () => {
  await closeDb();
  await drop?.();
});
