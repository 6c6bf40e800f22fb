import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { createOpenEvent } from '../helpers/e2e-events';
import { linkIn, mailsTo, signInAs, waitForMail } from '../helpers/e2e-mail';
import { icsDate, parseIcs } from '../helpers/ics-parse';

const stamp = Date.now().toString(36);
const slug = `seminaire-inscriptions-${stamp}`;
const TITLE_FR = `Séminaire inscriptions ${stamp}`;

async function registerAs(page: Page, email: string, firstName: string) {
  await page.goto(`/fr/events/${slug}`);
  await page.getByRole('link', { name: 'S’inscrire' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`S’inscrire : ${TITLE_FR}`);
  await page.getByLabel('Prénom *').fill(firstName);
  await page.getByLabel('Nom *', { exact: true }).fill('Martin');
  await page.getByLabel('Adresse électronique *').fill(email);
  await page.getByLabel('Organisation *').fill('Préfecture du Nord');
  await page.getByLabel('Fonction *').fill('Référente radicalisation');
  await page.getByLabel('Pays *').selectOption('FR');
  await page.getByText('J’ai pris connaissance de la politique').click();
  await page.getByRole('button', { name: 'Envoyer mon inscription' }).click();
}

test('a visitor registers, the next one is waitlisted, a cancellation offers the seat, which is accepted', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await createOpenEvent(page, {
    slug,
    titleFr: TITLE_FR,
    titleEn: `Registration seminar ${stamp}`,
    capacity: 1,
  });
  const first = `premiere.${stamp}@example.org`;
  const second = `second.${stamp}@example.org`;

  // A visitor who forgets the acknowledgement is told so on the field; nothing is sent.
  const visitor = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await visitor.goto(`/fr/events/${slug}/register`);
  await visitor.getByRole('button', { name: 'Envoyer mon inscription' }).click();
  await expect(visitor.getByText('Ce champ est obligatoire.').first()).toBeVisible();
  await expect(
    visitor.getByText('Vous devez prendre connaissance de la politique de protection'),
  ).toBeVisible();
  expect(await mailsTo(first)).toHaveLength(0);

  await registerAs(visitor, first, 'Inès');
  await expect(visitor.getByTestId('registration-done')).toContainText(
    'Votre inscription est confirmée.',
  );
  await expectNoAxeViolations(visitor);
  const confirmation = await waitForMail(first, 0);
  expect(confirmation.subject).toBe(`Inscription confirmée : ${TITLE_FR}`);
  // With the event for the calendar: 09:00 in Paris in May is 07:00 UTC.
  const [calendar] = confirmation.attachments;
  expect(calendar?.filename).toBe(`${slug}.ics`);
  const [entry] = parseIcs(calendar?.content ?? '').events;
  expect(entry?.SUMMARY).toBe(TITLE_FR);
  expect(icsDate(entry?.DTSTART ?? '').toISOString()).toBe('2030-05-14T07:00:00.000Z');

  // The same address again: no second registration, the link is sent again.
  await registerAs(visitor, first.toUpperCase(), 'Inès');
  await expect(visitor.getByTestId('registration-done')).toContainText('Vous êtes déjà inscrit·e');
  const again = await waitForMail(first, 1);
  expect(again.subject).toBe(`Votre lien d’inscription : ${TITLE_FR}`);

  const other = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await registerAs(other, second, 'Hugo');
  await expect(other.getByTestId('registration-done')).toContainText('liste d’attente');
  const waitlisted = await waitForMail(second, 0);
  await other.goto(linkIn(waitlisted));
  await expect(other.getByTestId('status')).toHaveText('Sur liste d’attente');
  await expect(other.getByTestId('position')).toHaveText('Position sur la liste d’attente : 1');

  // The first link was revoked when it was sent again; the newest one works.
  await visitor.goto(linkIn(confirmation));
  await expect(visitor.getByRole('heading', { name: 'Page non trouvée' })).toBeVisible();
  await visitor.goto(linkIn(again));
  await expect(visitor.getByTestId('status')).toHaveText('Confirmée');
  await visitor.getByText('Annuler mon inscription', { exact: true }).first().click();
  await visitor.getByRole('button', { name: 'Annuler mon inscription' }).click();
  await expect(visitor.getByTestId('status')).toHaveText('Annulée');

  // The seat goes to the waiting list: an offer by mail, accepted from the link.
  const offer = await waitForMail(second, 1);
  expect(offer.subject).toBe(`Une place vous est proposée : ${TITLE_FR}`);
  await other.goto(linkIn(offer));
  await expect(other.getByTestId('status')).toHaveText('Place proposée');
  await expectNoAxeViolations(other);
  await other.getByRole('button', { name: 'Accepter la place' }).click();
  await expect(other.getByTestId('status')).toHaveText('Confirmée');
  // The seat taken, a confirmation with the ticket follows.
  expect((await waitForMail(second, 2)).subject).toBe(`Inscription confirmée : ${TITLE_FR}`);

  await visitor.context().close();
  await other.context().close();

  // The organiser's table: counts, a search, a rejection with its message.
  await page.goto('/fr/organiser/events');
  await page.getByRole('link', { name: TITLE_FR }).click();
  await page.getByRole('link', { name: 'Inscriptions', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Inscriptions : ${TITLE_FR}`);
  await expect(page.getByTestId('counts')).toContainText('Confirmée : 1');
  await expect(page.getByTestId('counts')).toContainText('Annulée : 1');
  await expect(page.getByTestId('registration-row')).toHaveCount(2);
  await expectNoAxeViolations(page);
  await page.getByLabel('Rechercher').fill('second.');
  await page.getByRole('button', { name: 'Appliquer' }).click();
  await expect(page.getByTestId('registration-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Refuser' }).click();
  await expect(page.getByText('Sélectionnez au moins une inscription.')).toBeVisible();
  // The DSFR draws the box on the label's ::before; the label's text is for screen readers.
  await page.getByRole('checkbox', { name: 'Sélectionner MARTIN Hugo' }).check({ force: true });
  await page
    .getByLabel('Message joint au courriel (facultatif)')
    .fill('Places réservées aux préfectures.');
  await page.getByRole('button', { name: 'Refuser' }).click();
  await expect(page.getByText('1 inscription modifiée.')).toBeVisible();
  await expect(page.getByTestId('registration-row')).toContainText('Non retenue');
  const rejected = await waitForMail(second, 3);
  expect(rejected.text).toContain('Places réservées aux préfectures.');
  // His registration's history: who changed what, and when.
  await page.getByRole('link', { name: 'MARTIN Hugo' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hugo Martin');
  await expect(page.getByTestId('history-row')).toHaveCount(4);
  await expect(page.getByTestId('history-row').last()).toContainText(
    'Places réservées aux préfectures.',
  );
  await expectNoAxeViolations(page);

  // Hugo signs in with the same address: his registration is on "Mes inscriptions".
  const hugo = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signInAs(hugo, second);
  await hugo.getByRole('link', { name: 'Mes inscriptions' }).first().click();
  await expect(hugo.getByRole('heading', { level: 1 })).toHaveText('Mes inscriptions');
  await expect(hugo.getByTestId('my-registration')).toHaveCount(1);
  await expect(hugo.getByTestId('status')).toHaveText('Non retenue');
  await hugo.context().close();
});
