import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E } from '../helpers/e2e-env';
import { appEnv, nextBin } from '../helpers/e2e-server';

// A second app as the quick start runs it: its own embedded database, no SMTP server
// (mail goes to the demo mailbox), started and stopped by the test itself. A session
// opened before a restart is still valid after it, and a change made while it was stopped
// shows at once.
const port = E2E.spareAppPort;
const GCTF = 'gctf-families-foreign-terrorist-fighters-2027';
const dir = path.join(os.tmpdir(), `passerelle-restart-${E2E.runId}`);
const env = () =>
  appEnv({ PGLITE_DIR: dir, DATABASE_URL: undefined, AUTH_SECRET: undefined, SMTP_URL: undefined });

async function start(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], {
    env: env(),
    stdio: 'ignore',
  });
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`http://localhost:${port}/fr`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 60_000, intervals: [250] },
    )
    .toBe(200);
  return child;
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

test('a session survives a server restart (embedded database)', async ({ page }) => {
  test.setTimeout(180_000);
  fs.rmSync(dir, { recursive: true, force: true });
  const seeded = spawnSync('npx', ['tsx', 'db/seed.ts'], { env: env() });
  expect(seeded.status).toBe(0);
  let server = await start();
  try {
    const email = 'organisatrice@passerelle.test';
    await page.goto(`http://localhost:${port}/fr/sign-in`);
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    const mailbox = page.getByRole('link', { name: /boîte de test/ });
    await expect(mailbox).toHaveAttribute('href', '/fr/dev/mailbox');
    await page.goto(`http://localhost:${port}/fr/dev/mailbox`);
    const mail = page.getByTestId('caught-mail').filter({ hasText: `À : ${email}` });
    await expect(async () => {
      await page.reload();
      await expect(mail).toHaveCount(1, { timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await expect(mail.getByRole('heading')).toHaveText('Votre lien de connexion à Passerelle');
    await page.goto((await mail.getByRole('link').getAttribute('href')) as string);
    await expect(page.getByText(`Vous êtes connecté·e en tant que ${email}.`)).toBeVisible();

    // While this app holds the embedded folder, a second process cannot open it.
    const second = spawnSync('npx', ['tsx', 'db/seed.ts'], { env: env(), encoding: 'utf8' });
    expect(second.status).not.toBe(0);
    expect(second.stderr + second.stdout).toContain('already open by process');

    const eventUrl = `http://localhost:${port}/fr/events/${GCTF}`;
    expect(await (await fetch(eventUrl)).text()).not.toContain('Réunion renommée à l’arrêt');

    await stop(server);
    const renamed = spawnSync(
      'npx',
      [
        'tsx',
        'tests/helpers/embedded-sql.ts',
        `update events set title_fr = 'Réunion renommée à l’arrêt' where slug = '${GCTF}'`,
      ],
      { env: env(), encoding: 'utf8' },
    );
    expect(renamed.status, renamed.stderr).toBe(0);
    server = await start();
    await page.reload();
    await expect(page.getByText(`Vous êtes connecté·e en tant que ${email}.`)).toBeVisible();
    const after = await (await fetch(eventUrl)).text();
    expect(after).toContain('<h1>Réunion renommée à l’arrêt</h1>');
  } finally {
    await stop(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
