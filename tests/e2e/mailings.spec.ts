import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { createOpenEvent } from '../helpers/e2e-events';
import { mailsTo, signInAs, waitForSubject } from '../helpers/e2e-mail';

// Messages: an organiser writes to the French-based people of an event. A template with
// an unknown field is refused, named; the preview counts three people and renders the
// message for one of them in both languages; a test reaches the organiser; the send
// makes three mails, each to one person, in their language, and the page follows them
// to 3/3 by itself. Checked with axe in both languages.

const stamp = Date.now().toString(36);
const TITLE_FR = `Colloque messages ${stamp}`;
const TITLE_EN = `Messages colloquium ${stamp}`;
const ORGANISER = 'organisatrice@passerelle.test';

const people = [
  { firstName: 'Awa', lastName: 'Traoré', locale: 'fr', country: 'FR' },
  { firstName: 'Bruno', lastName: 'Martin', locale: 'fr', country: 'FR' },
  { firstName: 'Clara', lastName: 'Jones', locale: 'en', country: 'FR' },
  // From Belgium: outside the segment.
  { firstName: 'Dirk', lastName: 'Peeters', locale: 'en', country: 'BE' },
].map((p) => ({ ...p, email: `${p.firstName.toLowerCase()}.${stamp}@example.org` }));

test('an organiser previews, tries and sends a message to a segment: one mail per person, in their language', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const slug = `colloque-messages-${stamp}`;
  const eventId = await createOpenEvent(page, {
    slug,
    titleFr: TITLE_FR,
    titleEn: TITLE_EN,
    capacity: 10,
  });
  for (const p of people) {
    const registered = await page.request.post(`/api/events/${slug}/registrations`, {
      data: {
        firstName: p.firstName,
        lastName: p.lastName,
        email: p.email,
        organisation: 'Préfecture du Nord',
        function: 'Chargé·e de mission',
        country: p.country,
        locale: p.locale,
        privacyAcknowledged: true,
      },
    });
    expect(registered.status()).toBe(201);
  }

  // From the event's page to its messages.
  await page.goto(`/fr/organiser/events/${eventId}`);
  await page.getByRole('link', { name: 'Messages aux participants' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Messages : ${TITLE_FR}`);
  await expect(page.getByText('Aucun message envoyé pour cet événement.')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Pays').selectOption('FR');
  await page.getByLabel('Objet en français').fill('Rappel : {eventTitle}');
  await page
    .getByLabel('Texte en français')
    .fill('Bonjour {firstName},\n\nÀ bientôt à {eventPlace}.');
  await page.getByLabel('Objet en anglais').fill('Reminder: {eventTitle}');
  await page.getByLabel('Texte en anglais').fill('Hello {prenom},\n\nSee you at {eventPlace}.');
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  const outcome = page.getByTestId('mailing-outcome');
  await expect(outcome.getByRole('alert')).toContainText(
    'Texte en anglais : le champ {prenom} n’existe pas. Champs possibles : {firstName},',
  );
  await expect(page.getByText('Champ inconnu entre accolades.')).toBeVisible();
  await expect(page.getByLabel('Texte en anglais')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('preview')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Envoyer à/ })).toHaveCount(0);
  await expectNoAxeViolations(page);

  // Put right, previewed: three people, the message rendered for one of them.
  await page.getByLabel('Texte en anglais').fill('Hello {firstName},\n\nSee you at {eventPlace}.');
  await page.getByRole('button', { name: 'Prévisualiser' }).click();
  const preview = page.getByTestId('preview');
  await expect(page.getByTestId('match-count')).toHaveText(
    '3 personnes correspondent à ces filtres.',
  );
  await expect(preview).toContainText('Rendu pour Awa Traoré');
  await expect(preview).toContainText(`Objet : Rappel : ${TITLE_FR}`);
  await expect(preview).toContainText('Bonjour Awa,');
  await expect(preview).toContainText(`Objet : Reminder: ${TITLE_EN}`);
  await expect(preview).toContainText('Hello Awa,');
  await expect(preview).toContainText('Hôtel de Beauvau, Place Beauvau, 75008 Paris, Paris');
  await expectNoAxeViolations(page);

  // A test, to the organiser, in both languages.
  await page.getByRole('button', { name: 'M’envoyer un essai' }).click();
  await expect(outcome).toContainText(`ont été envoyés à ${ORGANISER}`);
  const testFr = await waitForSubject(ORGANISER, `[Essai] Rappel : ${TITLE_FR}`);
  expect(testFr.to).toEqual([ORGANISER]);
  expect(testFr.text).toContain('Bonjour Awa,');
  await waitForSubject(ORGANISER, `[Test] Reminder: ${TITLE_EN}`);

  // Sent: three mails, each to one person, in their language; the page follows them.
  await page.getByRole('button', { name: 'Envoyer à 3 personnes' }).click();
  await expect(outcome).toContainText('Envoi lancé : 3 messages, un par personne.');
  const row = page.getByTestId('mailing-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Pays : France');
  await expect(page.getByTestId('mailing-progress')).toContainText('Envoyés : 3/3', {
    timeout: 30_000,
  });
  for (const p of people.slice(0, 3)) {
    const mail = await waitForSubject(
      p.email,
      p.locale === 'fr' ? `Rappel : ${TITLE_FR}` : `Reminder: ${TITLE_EN}`,
    );
    expect(mail.to).toEqual([p.email]);
    expect(mail.text).toContain(
      p.locale === 'fr' ? `Bonjour ${p.firstName},` : `Hello ${p.firstName},`,
    );
    expect(mail.text).not.toContain('{');
  }
  const dirk = people[3]?.email as string;
  expect((await mailsTo(dirk)).some((m) => m.subject.includes('Reminder'))).toBe(false);
  // One mail each, none to a list.
  for (const p of people.slice(0, 3)) {
    const sent = (await mailsTo(p.email)).filter((m) => /Rappel|Reminder/.test(m.subject));
    expect(sent).toHaveLength(1);
  }
  await expectNoAxeViolations(page);

  // In English.
  await page.goto(`/en/organiser/events/${eventId}/messages`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Messages: ${TITLE_EN}`);
  await expect(page.getByTestId('mailing-progress')).toContainText('Sent: 3/3');
  await expect(page.getByTestId('mailing-row')).toContainText('Reminder: {eventTitle}');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Preview' }).click();
  // Nothing typed: each field says so.
  await expect(page.getByText('This field is required.')).toHaveCount(4);
  await expectNoAxeViolations(page);

  // A participant is refused the page; nobody signed in is sent to sign in.
  const clara = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  await signInAs(clara, people[2]?.email as string, 'en');
  const refused = await clara.goto(`/en/organiser/events/${eventId}/messages`);
  expect([403, 404]).toContain(refused?.status());
  await expect(clara.getByRole('button', { name: 'Preview' })).toHaveCount(0);
  const anonymous = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await anonymous.goto(`/fr/organiser/events/${eventId}/messages`);
  await expect(anonymous).toHaveURL(/\/fr\/sign-in/);
  await clara.context().close();
  await anonymous.context().close();
});
