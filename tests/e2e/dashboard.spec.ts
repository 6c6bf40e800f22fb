import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { createOpenEvent } from '../helpers/e2e-events';
import { signInAs } from '../helpers/e2e-mail';

// The dashboards: an organiser's event with four registrations (three seats, so one on
// the waiting list), read through the tables under the charts, in both languages; the
// dashboard across events links to it; others are refused both.

const stamp = Date.now().toString(36);
const TITLE_FR = `Séminaire tableau ${stamp}`;
const TITLE_EN = `Dashboard seminar ${stamp}`;

const PEOPLE = [
  { firstName: 'Awa', lastName: 'Traoré', organisation: 'Préfecture du Nord', country: 'FR' },
  { firstName: 'Jean', lastName: 'Morel', organisation: 'Préfecture du Nord', country: 'FR' },
  { firstName: 'Lotte', lastName: 'Peeters', organisation: 'Ville de Bruxelles', country: 'BE' },
  {
    firstName: 'Sami',
    lastName: 'Ben Ali',
    organisation: 'Ministère de l’Intérieur',
    country: 'TN',
  },
];

/** The rows of the table behind a chart's disclosure, each as its cells' text. */
async function tableOf(page: Page, testId: string) {
  const figure = page.getByTestId(testId);
  await figure.locator('summary').click();
  const rows = figure.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  return (await rows.evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' ')),
    ),
  )) as string[][];
}

test('an organiser reads the dashboard of an event and across events; others are refused', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const slug = `seminaire-tableau-${stamp}`;
  const eventId = await createOpenEvent(page, {
    slug,
    titleFr: TITLE_FR,
    titleEn: TITLE_EN,
    capacity: 3,
  });
  for (const [i, p] of PEOPLE.entries()) {
    const answer = await page.request.post(`/api/events/${slug}/registrations`, {
      data: {
        ...p,
        email: `dashboard.${i}.${stamp}@example.org`,
        function: 'Chargé·e de mission',
        locale: 'fr',
        privacyAcknowledged: true,
      },
    });
    expect(answer.status()).toBe(201);
  }

  // From the event's page to its dashboard.
  await page.goto(`/fr/organiser/events/${eventId}`);
  await page.getByRole('link', { name: 'Tableau de bord', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/fr/organiser/events/${eventId}/dashboard$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tableau de bord : ${TITLE_FR}`);
  await expect(page.getByTestId('figure-total')).toContainText('4');
  await expect(page.getByTestId('figure-fill')).toContainText('100 %');
  await expect(page.getByTestId('figure-fill')).toContainText('3 places prises sur 3');
  await expect(page.getByTestId('figure-attendance')).toContainText('pas encore commencé');
  await expect(page.getByRole('img', { name: /^Inscriptions par statut : / })).toBeVisible();

  const today = new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'medium',
    timeZone: 'Europe/Paris',
  }).format(new Date());
  expect(await tableOf(page, 'chart-over-time')).toEqual([[today, '4', '4']]);
  expect(await tableOf(page, 'chart-by-status')).toEqual([
    ['En attente de validation', '0'],
    ['Confirmée', '3'],
    ['Sur liste d’attente', '1'],
    ['Place proposée', '0'],
    ['Offre expirée', '0'],
    ['Non retenue', '0'],
    ['Annulée', '0'],
    ['Total', '4'],
  ]);
  const organisations = await tableOf(page, 'chart-by-organisation');
  expect(organisations[0]).toEqual(['Préfecture du Nord', '2']);
  expect(organisations.slice(1).sort()).toEqual([
    ['Ministère de l’Intérieur', '1'],
    ['Ville de Bruxelles', '1'],
  ]);
  const countries = await tableOf(page, 'chart-by-country');
  expect(countries[0]).toEqual(['France', '2']);
  expect(countries.slice(1).sort()).toEqual([
    ['Belgique', '1'],
    ['Tunisie', '1'],
  ]);
  expect(await tableOf(page, 'chart-attendance')).toEqual([
    ['Entrée de l’événement', '3', '0', '0 %'],
  ]);
  await expectNoAxeViolations(page);

  // The same in English.
  await page.goto(`/en/organiser/events/${eventId}/dashboard`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dashboard: ${TITLE_EN}`);
  expect((await tableOf(page, 'chart-by-status')).at(-1)).toEqual(['Total', '4']);
  expect((await tableOf(page, 'chart-by-country'))[0]).toEqual(['France', '2']);
  await expectNoAxeViolations(page);

  // Across events, from the list of events; a row per event, linking to its dashboard.
  await page.goto('/fr/organiser/events');
  const dashboardLink = page
    .getByRole('row', { name: TITLE_FR })
    .getByRole('link', { name: 'Tableau de bord', exact: true });
  await expect(dashboardLink).toHaveAttribute('href', `/fr/organiser/events/${eventId}/dashboard`);
  // The event's own link keeps its name alone (other tests find it by the title).
  await expect(page.getByRole('link', { name: TITLE_FR })).toHaveCount(1);
  await page.getByRole('link', { name: 'Tableau de bord de mes événements' }).click();
  await expect(page).toHaveURL(/\/fr\/organiser\/dashboard$/);
  const row = page.getByTestId('dashboard-event').filter({ hasText: TITLE_FR });
  const cells = (await row.locator('th, td').allTextContents()).map((c) => c.replace(/\s+/g, ' '));
  expect(cells.slice(2)).toEqual([
    '4',
    '3',
    '0',
    '1',
    '0',
    '0',
    '100 % (3 sur 3)',
    'pas encore commencé',
  ]);
  await expect(page.getByTestId('dashboard-totals')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/en/organiser/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboard of my events');
  await expect(
    page.getByTestId('dashboard-event').filter({ hasText: TITLE_EN }).locator('td').nth(7),
  ).toHaveText('100% (3 of 3)');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: TITLE_EN }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Dashboard: ${TITLE_EN}`);

  // The event's check-in staff, a nominator and a participant: the 403 page, for both.
  const staff = `accueil.${stamp}@example.org`;
  await page.goto(`/fr/checkin/${eventId}`);
  await page.getByLabel('Adresse électronique *').fill(staff);
  await page.getByRole('button', { name: 'Inviter à l’accueil' }).click();
  await expect(page.getByText(`${staff} est invité·e à l’accueil`)).toBeVisible();
  for (const email of [
    staff,
    'designataire.education@passerelle.test',
    'participante@passerelle.test',
  ]) {
    const other = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signInAs(other, email);
    for (const path of [`/fr/organiser/events/${eventId}/dashboard`, '/fr/organiser/dashboard']) {
      const answer = await other.goto(path);
      expect(answer?.status(), `${email} on ${path}`).toBe(403);
      await expect(other.getByRole('heading', { level: 1 })).not.toContainText('Tableau de bord');
    }
    await other.context().close();
  }
});
