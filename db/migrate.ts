import { closeDb, ensureMigrated, getEngine } from './client';

async function main() {
  await ensureMigrated();
  console.log(`Migrations applied (${getEngine()}).`);
  await closeDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
