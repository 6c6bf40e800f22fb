// Starts the production build for the end-to-end tests on a fresh database (a scratch
// PostgreSQL database when TEST_DATABASE_URL is set, else a new PGlite folder), seeded.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import postgres from 'postgres';
import { E2E, oidcIssuer } from './e2e-env';

/** The Next.js command line, run by this Node without npx so signals reach it. */
export const nextBin = require.resolve('next/dist/bin/next');

export function appEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    AUTH_SECRET: E2E.authSecret,
    AUTH_URL: undefined,
    SMTP_URL: `smtp://127.0.0.1:${E2E.smtpPort}`,
    MAIL_FROM: 'Passerelle <no-reply@passerelle.test>',
    OIDC_ISSUER: oidcIssuer(),
    OIDC_CLIENT_ID: E2E.oidcClientId,
    OIDC_CLIENT_SECRET: E2E.oidcClientSecret,
    OIDC_NAME: 'ProConnect',
    PASSERELLE_DEMO: '1',
    JOBS_POLL_MS: '300',
    ...overrides,
  };
  if (E2E.databaseUrl && !('PGLITE_DIR' in overrides)) {
    env.DATABASE_URL = E2E.databaseUrl;
  } else {
    env.DATABASE_URL = undefined;
    env.PGLITE_DIR ??= E2E.pgliteDir;
  }
  return env;
}

async function resetDatabase(create: boolean) {
  if (E2E.databaseUrl && process.env.TEST_DATABASE_URL) {
    const admin = postgres(process.env.TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    const name = new URL(E2E.databaseUrl).pathname.slice(1);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    if (create) await admin.unsafe(`create database ${name}`);
    await admin.end();
  } else {
    fs.rmSync(E2E.pgliteDir, { recursive: true, force: true });
  }
}

async function prepareDatabase() {
  await resetDatabase(true);
  const seeded = spawnSync('npx', ['tsx', 'db/seed.ts'], { env: appEnv(), stdio: 'inherit' });
  if (seeded.status !== 0) throw new Error('seeding the e2e database failed');
}

async function main() {
  await prepareDatabase();
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(E2E.appPort)], {
    env: appEnv(),
    stdio: 'inherit',
  });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The run's database goes with the server.
  child.on('exit', (code) => {
    resetDatabase(false)
      .catch(() => {})
      .finally(() => process.exit(code ?? 0));
  });
}

if (process.argv[1]?.endsWith('e2e-server.ts')) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
