import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { writeEmbeddedTemplate } from '@/db/embedded-template';

// The template made at build time: a folder opened from it holds every committed
// migration and nothing else, and is a working database of its own.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-template-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(process.env.TEST_ENGINE === 'postgres')('the embedded database template', () => {
  it('opens a new folder with every migration applied and no data', async () => {
    const archive = path.join(dir, 'template.tgz');
    expect(await writeEmbeddedTemplate(archive)).toBeGreaterThan(0);
    const journal = JSON.parse(
      fs.readFileSync(path.join('db', 'migrations', 'meta', '_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    const folder = path.join(dir, 'data');
    const db = new PGlite(folder, { loadDataDir: new Blob([fs.readFileSync(archive)]) });
    try {
      const applied = await db.query<{ n: number }>(
        'select count(*)::int as n from drizzle.__drizzle_migrations',
      );
      expect(applied.rows[0]?.n).toBe(journal.entries.length);
      const events = await db.query<{ n: number }>('select count(*)::int as n from events');
      expect(events.rows[0]?.n).toBe(0);
      await db.query(
        `insert into rate_limits (key, window_start, hits) values ('template-test', now(), 1)`,
      );
    } finally {
      await db.close();
    }
    // Written to its own folder: opened again, it keeps what was written there.
    const again = new PGlite(folder);
    try {
      const kept = await again.query<{ n: number }>(
        `select count(*)::int as n from rate_limits where key = 'template-test'`,
      );
      expect(kept.rows[0]?.n).toBe(1);
    } finally {
      await again.close();
    }
  }, 60_000);
});
