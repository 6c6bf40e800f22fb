// The embedded database's starting point, made once at build time: a fresh PGlite folder
// costs its own initdb (about 3.5 s of WebAssembly here) and then every migration; a
// folder restored from this archive (PGlite's dumpDataDir, gzipped) opens in about 2 s
// with the migrations of the build already applied. The app opens a new folder from it
// when it exists (db/client.ts); migrations added later are applied on top, as ever.
// Run by `npm run build` (postbuild); the archive lives in .next, with the build it
// belongs to (same PGlite, same migrations).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

export const EMBEDDED_TEMPLATE = path.join(process.cwd(), '.next', 'pglite-template.tgz');

/** True when `dir` is not yet a database folder (absent or empty): a template may fill it. */
export function isFreshFolder(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/** Migrates a new folder and writes it as a gzipped archive to `target`. */
export async function writeEmbeddedTemplate(target = EMBEDDED_TEMPLATE): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-template-'));
  try {
    const client = new PGlite(dir);
    await migrate(drizzle({ client }), {
      migrationsFolder: path.join(process.cwd(), 'db', 'migrations'),
    });
    const archive = Buffer.from(await (await client.dumpDataDir('gzip')).arrayBuffer());
    await client.close();
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, archive);
    return archive.length;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('embedded-template.ts')) {
  writeEmbeddedTemplate()
    .then((bytes) =>
      console.log(
        `Embedded database template: ${EMBEDDED_TEMPLATE} (${Math.round(bytes / 1024)} KB)`,
      ),
    )
    .catch((error) => {
      console.error(error);
      process.exit(1);
    });
}
