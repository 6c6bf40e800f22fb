import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

// Shared by playwright.config.ts, the servers it starts and the tests: the config is
// evaluated again in every worker, so the run id travels through the environment.
process.env.E2E_RUN_ID ??= crypto.randomBytes(4).toString('hex');
const runId = process.env.E2E_RUN_ID;

// E2E_PORT_OFFSET lets two checkouts run their suites side by side.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);

export const E2E = {
  appPort: 3210 + offset,
  spareAppPort: 3211 + offset,
  smtpPort: 2525 + offset,
  smtpApiPort: 2526 + offset,
  oidcPort: 3300 + offset,
  /** The fault drills' own servers: two app instances, an SMTP server, a PostgreSQL. */
  drillAppPorts: [3212 + offset, 3213 + offset] as const,
  drillSmtpPort: 2527 + offset,
  drillPgPort: 5460 + offset,
  runId,
  /** Postgres database of the run (when TEST_DATABASE_URL is set), else a PGlite folder. */
  databaseUrl: process.env.TEST_DATABASE_URL
    ? (() => {
        const url = new URL(process.env.TEST_DATABASE_URL);
        url.pathname = `/passerelle_e2e_${runId}`;
        return url.toString();
      })()
    : undefined,
  pgliteDir: path.join(os.tmpdir(), `passerelle-e2e-${runId}`),
  authSecret: `e2e-secret-${runId}-0123456789abcdef0123456789`,
  oidcClientId: 'passerelle-e2e',
  oidcClientSecret: 'passerelle-e2e-secret-0123456789abcdef',
};

/** Debian's Chromium; Playwright's own browser downloads are not used. */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export const appUrl = (p = '') => `http://localhost:${E2E.appPort}${p}`;
export const oidcIssuer = () => `http://localhost:${E2E.oidcPort}`;
