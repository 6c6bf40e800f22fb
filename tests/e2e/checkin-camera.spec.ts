import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { appUrl, CHROMIUM } from '../helpers/e2e-env';
import { createOpenEvent } from '../helpers/e2e-events';
import { linkIn, signInAs, waitForSubject } from '../helpers/e2e-mail';

// The desk's camera, for real: the participant's ticket, as her manage page draws it, is
// filmed (Chromium's fake camera plays a video of it) by check-in staff on a phone; the
// ticket lets her in, and the same ticket still held up says "already in". Staff of
// another event are refused this desk. Without network, a scan waits on the device and
// is sent, with its own time, when the network returns.

const stamp = Date.now().toString(36);
const TITLE_FR = `Atelier caméra ${stamp}`;

/** Invites someone to keep an event's doors, from its desk (the organiser is there). */
async function inviteStaff(page: import('@playwright/test').Page, eventId: string, email: string) {
  await page.goto(`/fr/checkin/${eventId}`);
  await page.getByRole('textbox', { name: 'Adresse électronique' }).fill(email);
  await page.getByRole('button', { name: 'Inviter à l’accueil' }).click();
  await expect(page.getByText(`${email} est invité·e à l’accueil`)).toBeVisible();
}

test('the camera reads a ticket: in, then already in; staff of another event are refused; offline scans wait and go', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const slug = `atelier-camera-${stamp}`;
  const eventId = await createOpenEvent(page, {
    slug,
    titleFr: TITLE_FR,
    titleEn: `Camera workshop ${stamp}`,
    capacity: 10,
  });
  const otherId = await createOpenEvent(page, {
    slug: `${slug}-autre`,
    titleFr: `${TITLE_FR} (autre)`,
    titleEn: `Camera workshop ${stamp} (other)`,
    capacity: 10,
  });
  const email = `nadia.${stamp}@example.org`;
  const registered = await page.request.post(`/api/events/${slug}/registrations`, {
    data: {
      firstName: 'Nadia',
      lastName: 'Benali',
      email,
      organisation: 'Ville de Roubaix',
      function: 'Médiatrice',
      country: 'FR',
      locale: 'fr',
      privacyAcknowledged: true,
    },
  });
  expect(registered.status()).toBe(201);

  // Her ticket, drawn by her manage page, filmed: a Motion-JPEG file Chromium plays (in a
  // loop) as its camera, the ticket shown for a moment, then taken away for a while.
  const mail = await waitForSubject(email, `Inscription confirmée : ${TITLE_FR}`);
  const guest = await (
    await browser.newContext({ locale: 'fr-FR', deviceScaleFactor: 2 })
  ).newPage();
  await guest.goto(linkIn(mail));
  const qr = guest.getByTestId('ticket').locator('svg');
  const frame = await qr.screenshot({ type: 'jpeg' });
  await qr.locator('path').evaluate((path) => path.setAttribute('fill', '#fff'));
  const blank = await qr.screenshot({ type: 'jpeg' });
  const number = ((await guest.getByTestId('ticket-code').textContent()) ?? '').split(': ')[1];
  await guest.context().close();
  const video = path.join(os.tmpdir(), `passerelle-ticket-${stamp}.mjpeg`);
  fs.writeFileSync(
    video,
    Buffer.concat([...Array(30).fill(frame), ...Array(180).fill(blank)] as Buffer[]),
  );

  // Chloé keeps this event's doors, Bruno another event's.
  const chloe = `chloe.${stamp}@example.org`;
  const bruno = `bruno.${stamp}@example.org`;
  await inviteStaff(page, eventId, chloe);
  await inviteStaff(page, otherId, bruno);

  const phone = await chromium.launch({
    ...CHROMIUM,
    args: [
      ...CHROMIUM.args,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const staffPage = async (who: string) => {
      const context = await phone.newContext({
        baseURL: appUrl(),
        locale: 'fr-FR',
        permissions: ['camera'],
      });
      const p = await context.newPage();
      await signInAs(p, who);
      // Then a phone's screen (the sign-out link, checked by signInAs, sits in its menu).
      await p.setViewportSize({ width: 390, height: 844 });
      return p;
    };

    // Bruno is refused Nadia's event's desk.
    const other = await staffPage(bruno);
    const refused = await other.goto(`/fr/checkin/${eventId}`);
    expect(refused?.status()).toBe(403);
    expect((await other.request.get(`/api/events/${eventId}/badges`)).status()).toBe(404);
    await expect(other.getByRole('heading', { level: 1 })).toContainText(/accès/i);
    await other.context().close();

    // Chloé films the ticket: Nadia is in; the ticket shown again: already in.
    const desk = await staffPage(chloe);
    await desk.goto(`/fr/checkin/${eventId}`);
    await expect(desk.getByTestId('door-count')).toContainText('0 présent·e sur 1 attendu·e');
    // The desk prints the door's badges (for someone who forgot theirs).
    const badges = await desk.request.get(
      (await desk
        .getByRole('link', { name: 'Télécharger les badges (PDF)' })
        .getAttribute('href')) as string,
    );
    expect(badges.status()).toBe(200);
    expect(badges.headers()['content-type']).toBe('application/pdf');
    // Where the browser has no BarcodeDetector (Chromium on Linux), the WebAssembly
    // decoder is fetched from the app itself.
    const native = await desk.evaluate(() => 'BarcodeDetector' in window);
    const decoder = native
      ? null
      : desk.waitForResponse((r) => r.url().includes('/api/checkin/decoder'));
    await desk.getByRole('button', { name: 'Scanner avec la caméra' }).click();
    if (decoder) {
      const wasm = await decoder;
      expect(wasm.status()).toBe(200);
      expect(wasm.headers()['content-type']).toBe('application/wasm');
    }
    await expect(desk.getByRole('button', { name: 'Arrêter la caméra' })).toBeVisible();
    const answer = desk.getByTestId('scan-answer').locator('.fr-alert').first();
    await expect(answer).toHaveAttribute('data-outcome', 'checked_in', { timeout: 20_000 });
    await expect(answer).toContainText('✓ Entrée validée : Nadia Benali');
    await expect(answer).toHaveClass(/fr-alert--success/);
    await expect(answer).toHaveAttribute('data-outcome', 'already_in', { timeout: 20_000 });
    await expect(answer).toContainText(/⚠ Déjà entré·e depuis \d{2}:\d{2} : Nadia Benali/);
    await expect(answer).toHaveClass(/fr-alert--warning/);
    await desk.getByRole('button', { name: 'Arrêter la caméra' }).click();
    await expect(desk.getByRole('button', { name: 'Scanner avec la caméra' })).toBeVisible();
    await expectNoAxeViolations(desk);
    await desk.reload();
    await expect(desk.getByTestId('door-count')).toContainText('1 présent·e sur 1 attendu·e');

    // The network drops: her exit, typed, waits on the phone; it goes when it returns.
    await desk.context().setOffline(true);
    await desk.locator('label', { hasText: /^Sortie$/ }).click();
    await desk.getByLabel(/^Code du billet/).fill(number as string);
    await desk.getByRole('button', { name: 'Valider' }).click();
    const queued = desk.getByTestId('scan-answer').locator('[data-outcome="queued"]');
    await expect(queued).toContainText('Pas de réseau : passage gardé sur cet appareil');
    await expect(desk.getByTestId('queue-count')).toHaveText(
      /^1 passage en attente sur cet appareil/,
    );
    await expectNoAxeViolations(desk);
    await desk.context().setOffline(false);
    await expect(desk.getByTestId('queue-count')).toHaveText(/^Aucun passage en attente/, {
      timeout: 20_000,
    });
    await expect(desk.getByTestId('sent-later')).toContainText(
      `${number} — Sortie enregistrée : Nadia Benali`,
    );
    // The answer on show is the server's now.
    await expect(answer).toHaveAttribute('data-outcome', 'checked_out');
    await desk.reload();
    await expect(desk.getByTestId('door-count')).toContainText('0 présent·e sur 1 attendu·e');
    await desk.context().close();
  } finally {
    await phone.close();
    fs.rmSync(video, { force: true });
  }
});
