import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { acquireEmbeddedLock } from './embedded-lock';
import { EMBEDDED_TEMPLATE, isFreshFolder } from './embedded-template';
import * as schema from './schema';

// Both engines expose the same query builder; the postgres.js type stands for both.
export type Database = PostgresJsDatabase<typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Executor = Database | Transaction;
export type Engine = 'postgres' | 'pglite';

type Holder = {
  db: Database;
  engine: Engine;
  target: string;
  migrated?: Promise<void>;
  close: () => Promise<void>;
};

// Kept on globalThis: Next bundles instrumentation and routes separately, and the
// embedded engine must be opened once per process.
const KEY = Symbol.for('passerelle.database');
type Global = typeof globalThis & { [KEY]?: Holder };

const MIGRATIONS = path.join(process.cwd(), 'db', 'migrations');
// Any constant works; it only has to be the same for every instance of the app.
const MIGRATION_LOCK_ID = 727_001;

export function embeddedDataDir(): string {
  return process.env.PGLITE_DIR || path.join(process.cwd(), '.data', 'pglite');
}

function open(): Holder {
  const url = process.env.DATABASE_URL;
  if (url) {
    const client = postgres(url, {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      // Seconds to wait for a connection: a server restarting refuses or answers within
      // one or two, so a request fails fast with "try again" (503) instead of hanging on
      // the driver's 30 s default.
      connect_timeout: Number(process.env.DATABASE_CONNECT_TIMEOUT ?? 5),
      onnotice: () => {},
    });
    return {
      db: drizzlePostgres({ client, schema, casing: 'snake_case' }),
      engine: 'postgres',
      target: url,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dataDir = embeddedDataDir();
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : acquireEmbeddedLock(dataDir);
  // A new folder starts from the build's template when there is one (see
  // embedded-template.ts): twice as fast as PGlite's own initdb and every migration.
  const template =
    !inMemory && isFreshFolder(dataDir) && fs.existsSync(EMBEDDED_TEMPLATE)
      ? new Blob([fs.readFileSync(EMBEDDED_TEMPLATE)])
      : undefined;
  const client = new PGlite(dataDir, template ? { loadDataDir: template } : {});
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Database;
  return {
    db,
    engine: 'pglite',
    target: dataDir,
    close: async () => {
      await client.close();
      release();
    },
  };
}

function holder(): Holder {
  const g = globalThis as Global;
  g[KEY] ??= open();
  return g[KEY];
}

/** The one database client of the process, opened on first use. */
export function getDb(): Database {
  return holder().db;
}

/**
 * Rows of a raw statement, whichever engine runs it (postgres.js answers an array,
 * PGlite an object holding one). Column names as the statement spells them.
 */
export async function selectRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

const statements = new WeakMap<Database, Map<string, unknown>>();

/**
 * A statement built once per database client and kept (a drizzle prepared query), for
 * the reads that every public request makes: building them costs more than running them.
 */
export function preparedStatement<T>(name: string, build: (db: Database) => T): T {
  const db = getDb();
  let kept = statements.get(db);
  if (!kept) {
    kept = new Map();
    statements.set(db, kept);
  }
  let statement = kept.get(name) as T | undefined;
  if (!statement) {
    statement = build(db);
    kept.set(name, statement);
  }
  return statement;
}

export function getEngine(): Engine {
  return process.env.DATABASE_URL ? 'postgres' : 'pglite';
}

/** Applies the committed migrations once per process; safe with several instances. */
export function ensureMigrated(): Promise<void> {
  const h = holder();
  h.migrated ??= runMigrations(h).catch((error) => {
    h.migrated = undefined;
    throw error;
  });
  return h.migrated;
}

async function runMigrations(h: Holder): Promise<void> {
  if (h.engine === 'pglite') {
    await migratePglite(h.db as never, { migrationsFolder: MIGRATIONS });
    return;
  }
  // One connection holds a session advisory lock so that instances starting together
  // apply each migration once.
  const client = postgres(h.target, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: MIGRATIONS });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

export async function closeDb(): Promise<void> {
  const g = globalThis as Global;
  const h = g[KEY];
  if (!h) return;
  g[KEY] = undefined;
  await h.close();
}
