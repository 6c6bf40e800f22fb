import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { createOpenEvent } from '../helpers/e2e-events';
import { linkIn, waitForSubject } from '../helpers/e2e-mail';
import { pdfPages, pdfText } from '../helpers/pdf-text';

// Badges and certificates: the organiser prints the badge sheet (eight to a page), checks
// a participant in, and once the event is over the participant downloads their
// certificate from their manage page; the organiser e-mails everyone's, once, and the
// mails reach the SMTP server with the PDF attached.

const stamp = Date.now().toString(36);
const TITLE_FR = `Colloque attestations ${stamp}`;
const TITLE_EN = `Certificates colloquium ${stamp}`;

/** Clicks what starts a download and returns the file's bytes and name. */
async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

test('badge sheet, certificate on the manage page, certificates e-mailed once after the event', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const slug = `colloque-attestations-${stamp}`;
  const eventId = await createOpenEvent(page, {
    slug,
    titleFr: TITLE_FR,
    titleEn: TITLE_EN,
    capacity: 20,
  });
  const people = [
    ['Awa', 'Traoré'],
    ['Ελένη', 'Παπαδοπούλου'],
    ['Анна', 'Иванова'],
    ['Jürgen', 'Müller'],
    ['Zoë', 'Ñúñez'],
    ['Łukasz', 'Żółkiewski'],
    ['Åsa', 'Øvergård'],
    ['Chloé', 'Lefèvre'],
    ['Ahmed', 'Ben Salah'],
  ];
  const emails = people.map((_, i) => `badge${i}.${stamp}@example.org`);
  for (const [i, [firstName, lastName]] of people.entries()) {
    const registered = await page.request.post(`/api/events/${slug}/registrations`, {
      data: {
        firstName,
        lastName,
        email: emails[i],
        organisation: 'Préfecture du Nord',
        function: 'Chargée de mission',
        country: 'FR',
        locale: i === 0 ? 'fr' : 'en',
        privacyAcknowledged: true,
      },
    });
    expect(registered.status()).toBe(201);
  }

  // The organiser opens the badges page from the event's page and downloads the sheet.
  await page.goto(`/fr/organiser/events/${eventId}`);
  await page.getByRole('link', { name: 'Badges et attestations' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Badges et attestations');
  await expect(page.getByTestId('badge-count')).toHaveText('9 participants confirmés.');
  await expect(page.getByTestId('badge-organisation')).toContainText('Événement public');
  await expect(page.getByTestId('certificates-not-yet')).toBeVisible();
  await expectNoAxeViolations(page);
  const sheet = await download(page, () =>
    page.getByRole('button', { name: 'Télécharger les badges (PDF)' }).click(),
  );
  expect(sheet.name).toMatch(/^badges-colloque-attestations-.*\.pdf$/);
  const pages = await pdfPages(sheet.bytes);
  expect(pages).toHaveLength(2);
  expect(pages.join(' ')).toContain('Ελένη Παπαδοπούλου');
  expect(pages.join(' ')).toContain('Préfecture du Nord');

  // One person's badge, from her registration's page: a page of its own.
  await page.goto(`/fr/organiser/events/${eventId}/registrations`);
  await page.getByRole('link', { name: 'TRAORÉ Awa' }).click();
  await expectNoAxeViolations(page);
  const badge = await download(page, () =>
    page.getByRole('link', { name: 'Télécharger son badge (PDF)' }).click(),
  );
  expect(badge.name).toBe('badge-awa-traore.pdf');
  const badgePages = await pdfPages(badge.bytes);
  expect(badgePages).toHaveLength(1);
  expect(badgePages[0]).toContain('Awa Traoré');

  // Awa reads her manage link, and is checked in at the desk by her ticket's number.
  const confirmation = await waitForSubject(
    emails[0] as string,
    `Inscription confirmée : ${TITLE_FR}`,
  );
  const guest = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  const manage = linkIn(confirmation);
  await guest.goto(manage);
  const number = ((await guest.getByTestId('ticket-code').textContent()) ?? '').split(': ')[1];
  await expect(guest.getByTestId('certificate')).toHaveCount(0);
  await page.goto(`/fr/checkin/${eventId}`);
  await page.getByLabel(/^Code du billet/).fill(number as string);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('scan-answer').locator('.fr-alert')).toHaveAttribute(
    'data-outcome',
    'checked_in',
  );

  // The event is over (its dates moved to last week in the editor: a manage link works
  // until 30 days after the event, so a certificate is fetched soon after it).
  const ago = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000);
  const day = (ago(7).getUTCDate() === 1 ? ago(8) : ago(7)).toISOString().slice(0, 10);
  await page.goto(`/fr/organiser/events/${eventId}`);
  await page.getByLabel('Début', { exact: true }).fill(`${day}T09:00`);
  await page.getByLabel('Fin', { exact: true }).fill(`${day}T17:00`);
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByText('Modifications enregistrées.')).toBeVisible();

  // Awa downloads her certificate from her manage page.
  await guest.reload();
  await expect(guest.getByTestId('certificate')).toBeVisible();
  await expectNoAxeViolations(guest);
  const certificate = await download(guest, () =>
    guest.getByRole('link', { name: 'Attestation en français (PDF)' }).click(),
  );
  expect(certificate.name).toBe('attestation-awa-traore.pdf');
  const text = await pdfText(certificate.bytes);
  expect(text).toContain('ATTESTATION DE PRÉSENCE');
  expect(text).toContain('Awa Traoré');
  expect(text).toContain(TITLE_FR);
  expect(text).toContain(
    new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' }).format(
      new Date(`${day}T12:00:00Z`),
    ),
  );
  const english = await download(guest, () =>
    guest.getByRole('link', { name: 'Attestation en anglais (PDF)' }).click(),
  );
  expect(await pdfText(english.bytes)).toContain(TITLE_EN);
  await guest.goto(manage.replace('/fr/', '/en/'));
  await expect(guest.getByRole('link', { name: 'Certificate in English (PDF)' })).toBeVisible();
  await expectNoAxeViolations(guest);

  // The organiser e-mails the certificates: Awa alone came; pressing again is not offered.
  await page.goto(`/en/organiser/events/${eventId}/outputs`);
  await expect(page.getByTestId('attendee-count')).toHaveText('1 person attended.');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'E-mail the certificates' }).click();
  // The page shows at once who sent them and when, and no button any more.
  await expect(page.getByTestId('certificates-sent')).toContainText(
    /^Certificates sent on .+ by .+\./,
  );
  const mail = await waitForSubject(
    emails[0] as string,
    `Votre attestation de présence : ${TITLE_FR}`,
  );
  expect(mail.attachments).toHaveLength(1);
  expect(mail.attachments[0]).toMatchObject({
    filename: 'attestation-de-presence.pdf',
    contentType: 'application/pdf',
  });
  expect(mail.attachments[0]?.content.startsWith('%PDF-')).toBe(true);
  await page.reload();
  await expect(page.getByTestId('certificates-sent')).toContainText(
    /Certificates sent on .+ by .+\. 1 e-mail queued\./,
  );
  await expect(page.getByRole('button', { name: 'E-mail the certificates' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Someone who does not print this event's badges gets a 404, and no file.
  const refused = await guest.request.get(`/api/events/${eventId}/badges?lang=fr`);
  expect(refused.status()).toBe(404);
  expect(await refused.text()).toBe("L'élément demandé n'existe pas ou plus.");
  await guest.context().close();
});
