import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM as chromium, E2E } from './tests/helpers/e2e-env';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
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
  projects: [{ name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions: chromium } }],
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
