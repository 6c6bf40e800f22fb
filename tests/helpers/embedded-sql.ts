// Runs one SQL statement on the embedded database folder named by PGLITE_DIR, through
// the app's client, as a maintenance script would while the app is stopped.
// Usage: PGLITE_DIR=/some/dir npx tsx tests/helpers/embedded-sql.ts "update …"
import { sql } from 'drizzle-orm';
import { closeDb, getDb } from '@/db/client';

async function main() {
  delete process.env.DATABASE_URL;
  const statement = process.argv[2];
  if (!statement) throw new Error('usage: embedded-sql.ts "<statement>"');
  await getDb().execute(sql.raw(statement));
  await closeDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
