import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM as chromium, E2E } from './tests/helpers/e2e-env';

// Spec files share one app and its database, and run one at a time. E2E_WORKERS=2 runs
// them two at a time (17 min instead of 30 here), but some still read what others write
// (the catalogue's count of events, the last sign-in mail of a shared demo account), so
// it is not yet the default. Either way, the ones that count rows across the whole
// database (the authorization matrix and the hostile-input sweep check that refusals
// write nothing) or load the machine (the fault drills) run last, one at a time.
const ALONE = ['authorization-matrix', 'hostile-input', 'drills'];
const desktop = { ...devices['Desktop Chrome'], launchOptions: chromium };

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 1),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${E2E.appPort}`,
    locale: 'fr-FR',
    trace: 'retain-on-failure',
    launchOptions: chromium,
  },
  projects: [
    {
      name: 'desktop',
      testIgnore: ALONE.map((name) => `**/${name}.spec.ts`),
      use: desktop,
    },
    // Each after the one before it: never beside another spec.
    ...ALONE.map((name, i) => ({
      name,
      testMatch: `**/${name}.spec.ts`,
      dependencies: [i === 0 ? 'desktop' : (ALONE[i - 1] as string)],
      use: desktop,
    })),
  ],
  webServer: [
    {
      command: 'npx tsx tests/helpers/smtp-sink.ts',
      url: `http://localhost:${E2E.smtpApiPort}/health`,
      env: { SMTP_SINK_PORT: String(E2E.smtpPort), SMTP_SINK_HTTP_PORT: String(E2E.smtpApiPort) },
      reuseExistingServer: false,
    },
    {
      command: 'npx tsx tests/helpers/oidc-server.ts',
      url: `http://localhost:${E2E.oidcPort}/.well-known/openid-configuration`,
      reuseExistingServer: false,
    },
    {
      command: 'npx tsx tests/helpers/e2e-server.ts',
      url: `http://localhost:${E2E.appPort}/fr`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
    },
  ],
});
