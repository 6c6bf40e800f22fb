import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { createOpenEvent } from '../helpers/e2e-events';
import { linkIn, signInAs, waitForSubject } from '../helpers/e2e-mail';

// The check-in desk: a ticket's number typed in (as a scanner would) lets the person in,
// a second time says since when; found by name, checked out, the exit undone; refused
// to people who do not keep the event's doors.

const stamp = Date.now().toString(36);
const TITLE_FR = `Colloque accueil ${stamp}`;

test('at the desk, a ticket lets its holder in once, by number or by name, and out; others are refused the desk', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const slug = `colloque-accueil-${stamp}`;
  const eventId = await createOpenEvent(page, {
    slug,
    titleFr: TITLE_FR,
    titleEn: `Check-in colloquium ${stamp}`,
    capacity: 10,
  });
  // Awa registers (through the public API), and reads her ticket's number on her page.
  const email = `awa.${stamp}@example.org`;
  const registered = await page.request.post(`/api/events/${slug}/registrations`, {
    data: {
      firstName: 'Awa',
      lastName: 'Traoré',
      email,
      organisation: 'Préfecture du Nord',
      function: 'Cheffe de projet',
      country: 'FR',
      locale: 'fr',
      privacyAcknowledged: true,
    },
  });
  expect(registered.status()).toBe(201);
  const mail = await waitForSubject(email, `Inscription confirmée : ${TITLE_FR}`);
  const guest = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await guest.goto(linkIn(mail));
  const number = ((await guest.getByTestId('ticket-code').textContent()) ?? '').split(': ')[1];
  expect(number).toMatch(/^[0-9A-F]{8}$/);

  // The organiser opens the desk from the event's page.
  await page.goto(`/fr/organiser/events/${eventId}`);
  await page.getByRole('link', { name: 'Accueil des participants' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Accueil : ${TITLE_FR}`);
  await expect(page.getByTestId('door-count')).toHaveText(
    'Entrée de l’événement : 0 présent·e sur 1 attendu·e',
  );
  await expectNoAxeViolations(page);
  await expect(page.getByLabel(/^Code du billet/)).toBeFocused();
  await page.getByLabel(/^Code du billet/).fill(number as string);
  await page.keyboard.press('Enter');
  const answer = page.getByTestId('scan-answer').locator('.fr-alert');
  await expect(answer).toHaveAttribute('data-outcome', 'checked_in');
  await expect(answer).toContainText('✓ Entrée validée : Awa Traoré');
  await expect(answer).toHaveClass(/fr-alert--success/);
  await expectNoAxeViolations(page);
  // The same ticket again: already in, since when.
  await page.getByLabel(/^Code du billet/).fill((number as string).toLowerCase());
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(answer).toHaveAttribute('data-outcome', 'already_in');
  await expect(answer).toContainText(/⚠ Déjà entré·e depuis \d{2}:\d{2} : Awa Traoré/);
  await expect(answer).toHaveClass(/fr-alert--warning/);
  // Not a ticket at all: said so.
  await page.getByLabel(/^Code du billet/).fill('https://example.org/qr');
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(answer).toHaveAttribute('data-outcome', 'garbled');
  await expect(answer).toHaveClass(/fr-alert--error/);
  await page.reload();
  await expect(page.getByTestId('door-count')).toHaveText(
    'Entrée de l’événement : 1 présent·e sur 1 attendu·e',
  );

  // Found by name: in since; checked out; the exit undone.
  await page.getByLabel('Rechercher une personne (nom ou adresse électronique)').fill('traoré');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  const row = page.getByTestId('people').getByRole('row', { name: /Awa Traoré/ });
  await expect(row).toContainText(/Présent·e depuis \d{2}:\d{2}/);
  await row.getByRole('button', { name: 'Sortie' }).click();
  await expect(answer).toHaveAttribute('data-outcome', 'checked_out');
  await expect(row.getByRole('button', { name: 'Entrée' })).toBeVisible();
  await page.getByRole('button', { name: 'Annuler ce passage' }).click();
  await expect(page.getByText('Passage annulé.')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('people').getByRole('row', { name: /Awa Traoré/ })).toContainText(
    /Présent·e depuis/,
  );
  await expectNoAxeViolations(page);

  // Live attendance, in another tab, follows the desk by itself.
  const live = await page.context().newPage();
  await live.goto(`/fr/checkin/${eventId}/attendance`);
  const entrance = live.getByTestId('door-row').first();
  await expect(entrance).toHaveText(/^Entrée de l’événement\s*1\s*1\s*1/);
  await expectNoAxeViolations(live);
  await page
    .getByTestId('people')
    .getByRole('row', { name: /Awa Traoré/ })
    .getByRole('button', { name: 'Sortie' })
    .click();
  await expect(answer).toHaveAttribute('data-outcome', 'checked_out');
  await expect(entrance).toHaveText(/^Entrée de l’événement\s*0\s*1\s*1/, { timeout: 25_000 });
  await live.close();

  // Someone who does not keep this event's doors: the 403 page; nobody signed in: sign-in.
  await signInAs(guest, email);
  const refused = await guest.goto(`/fr/checkin/${eventId}`);
  expect(refused?.status()).toBe(403);
  const anonymous = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await anonymous.goto(`/fr/checkin/${eventId}`);
  await expect(anonymous).toHaveURL(/\/fr\/sign-in/);
  await guest.context().close();
  await anonymous.context().close();
});
