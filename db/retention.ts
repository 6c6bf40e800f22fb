import { retentionCounts, runRetention } from '@/lib/privacy/retention';
import { closeDb, ensureMigrated, getEngine } from './client';

// `npm run retention -- [--now=2029-01-01] [--dry-run]`: runs the retention job once, at
// the clock given (to see what it will do later), and prints the database's counts before
// and after. A dry run counts what it would change and writes nothing.

const USAGE = 'Usage: npm run retention -- [--now=YYYY-MM-DD[THH:MM]] [--dry-run]';

function parseArgs(argv: string[]): { now: Date; dryRun: boolean } {
  let now = new Date();
  let dryRun = false;
  for (const arg of argv) {
    if (arg === '--dry-run') dryRun = true;
    else if (arg.startsWith('--now=')) {
      const value = arg.slice('--now='.length);
      now = new Date(/T/.test(value) ? value : `${value}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(now.getTime())) {
        throw new Error(`Not a date: ${value}\n${USAGE}`);
      }
    } else throw new Error(`Unknown option: ${arg}\n${USAGE}`);
  }
  return { now, dryRun };
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  '),
    )
    .join('\n');
}

async function main() {
  const { now, dryRun } = parseArgs(process.argv.slice(2));
  await ensureMigrated();
  console.log(
    `Retention run on ${getEngine()}, clock at ${now.toISOString()}${dryRun ? ' (dry run: nothing written)' : ''}.`,
  );
  const before = await retentionCounts(now);
  let after = before;
  const run = await runRetention({
    now,
    dryRun,
    inspect: async (db) => {
      after = await retentionCounts(now, db);
    },
  });
  console.log(`\nEvents anonymised by this run${dryRun ? ' (if run)' : ''}: ${run.events.length}`);
  for (const e of run.events) {
    const c = e.counts;
    console.log(
      `  ${e.slug}: ${c.registrations} registrations, ${c.invitations} invitations, ${c.nominations} nominations, ${c.mails} mails, ${c.searchTraces} search traces`,
    );
  }
  if (!dryRun) console.log(`Registrations whose needs answers were erased: ${run.needsPurged}`);
  console.log('');
  console.log(
    table([
      ['', 'before', dryRun ? 'after (if run)' : 'after'],
      ...Object.keys(before).map((key) => [key, String(before[key]), String(after[key])]),
    ]),
  );
  await closeDb();
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await closeDb().catch(() => {});
  process.exit(1);
});
