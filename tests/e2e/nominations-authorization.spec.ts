import { expect, type Page, test } from '@playwright/test';
import { createOpenEvent } from '../helpers/e2e-events';
import { signInAs } from '../helpers/e2e-mail';

// The nominations pages over HTTP, for each role that can sign in today: what each is
// shown, refused (403) or told does not exist (404); and a nominator who forges another
// ministry's id in a form is refused with nothing written. (Every role, check-in staff
// and a second event's organiser included, is in tests/integration/
// nominations-authorization.test.ts, on the functions these pages and actions call.)

const stamp = Date.now().toString(36);
const TITLE_FR = `Atelier droits ${stamp}`;
const ROLES = {
  anonymous: null,
  participant: 'participante@passerelle.test',
  nominatorA: 'designataire.education@passerelle.test',
  nominatorB: 'designataire.justice@passerelle.test',
  organiserX: 'organisatrice@passerelle.test',
  admin: 'admin@passerelle.test',
} as const;
type Role = keyof typeof ROLES;
type Seen = 200 | 403 | 404 | 'sign-in';

async function seen(page: Page, path: string): Promise<Seen> {
  const response = await page.goto(path);
  if (new URL(page.url()).pathname.endsWith('/sign-in')) return 'sign-in';
  return response?.status() as Seen;
}

test('each role is shown, refused or told "not found" the nominations pages, and a forged organisation id is refused', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  // Event X with a call open to the education (A) and justice (B) ministries.
  const eventId = await createOpenEvent(page, {
    slug: `atelier-droits-${stamp}`,
    titleFr: TITLE_FR,
    titleEn: `Rights workshop ${stamp}`,
    capacity: 10,
    mode: 'nomination',
  });
  await page.goto(`/fr/organiser/events/${eventId}/nominations`);
  await page.getByLabel('Profil recherché (français) *').fill('Enseignants.');
  await page.getByLabel('Profil recherché (anglais) *').fill('Teachers.');
  await page.getByLabel('Clôture des désignations *').fill('2030-03-01T18:00');
  await page.getByLabel('Confirmation par les personnes désignées *').fill('2030-03-15T18:00');
  await page.getByLabel('Retrait ou remplacement jusqu’au *').fill('2030-04-01T18:00');
  await page.getByLabel("Places pour Ministère de l'Éducation nationale").fill('2');
  await page.getByLabel('Places pour Ministère de la Justice', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Enregistrer l’appel' }).click();
  await expect(page.getByText('L’appel est enregistré.')).toBeVisible();
  await page.getByRole('button', { name: 'Ouvrir l’appel' }).click();
  await expect(page.getByTestId('call-status')).toHaveText('Appel ouvert');

  const pages: Record<Role, Page | null> = {
    anonymous: await (await browser.newContext({ locale: 'fr-FR' })).newPage(),
    participant: null,
    nominatorA: null,
    nominatorB: null,
    organiserX: page,
    admin: null,
  };
  for (const role of ['participant', 'nominatorA', 'nominatorB', 'admin'] as const) {
    const p = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
    await signInAs(p, ROLES[role]);
    pages[role] = p;
  }
  const a = pages.nominatorA as Page;
  await a.goto('/fr/nominations');
  await a.getByRole('link', { name: TITLE_FR }).click();
  await a.waitForURL(/\/nominations\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
  const callOfA = new URL(a.url()).pathname;
  const orgA = callOfA.split('/')[4];
  const b = pages.nominatorB as Page;
  await b.goto('/fr/nominations');
  await b.getByRole('link', { name: TITLE_FR }).click();
  await b.waitForURL(/\/nominations\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
  const callOfB = new URL(b.url()).pathname;
  const orgB = callOfB.split('/')[4] as string;
  expect(orgB).not.toBe(orgA);

  const urls = {
    home: '/fr/nominations',
    callOfA,
    organiser: `/fr/organiser/events/${eventId}/nominations`,
  };
  const expected: Record<Role, Record<keyof typeof urls, Seen>> = {
    anonymous: { home: 'sign-in', callOfA: 'sign-in', organiser: 'sign-in' },
    participant: { home: 403, callOfA: 403, organiser: 403 },
    nominatorA: { home: 200, callOfA: 200, organiser: 403 },
    nominatorB: { home: 200, callOfA: 404, organiser: 403 },
    organiserX: { home: 403, callOfA: 403, organiser: 200 },
    admin: { home: 200, callOfA: 200, organiser: 200 },
  };
  const actual: Record<string, Record<string, Seen>> = {};
  for (const role of Object.keys(ROLES) as Role[]) {
    actual[role] = {};
    for (const [name, url] of Object.entries(urls)) {
      actual[role][name] = await seen(pages[role] as Page, url);
    }
  }
  expect(actual).toEqual(expected);

  // B's nominate form, its hidden organisation id forged to A's: refused, nothing added.
  await b.goto(callOfB);
  const form = b.locator('form', {
    has: b.getByRole('button', { name: 'Ajouter aux brouillons' }),
  });
  const refusal = form.locator('.fr-alert--error');
  await form.locator('input[name="organisationId"]').evaluate((input, id) => {
    (input as HTMLInputElement).value = id;
  }, orgA as string);
  await b.getByLabel('Prénom *').fill('Intrus');
  await b.getByLabel('Nom *', { exact: true }).fill('Forgé');
  await b.getByLabel('Adresse électronique *').fill(`intrus.${stamp}@example.org`);
  await b.getByLabel('Fonction *').fill('Agent');
  await b.getByRole('button', { name: 'Ajouter aux brouillons' }).click();
  await expect(refusal).toHaveText("Vous n'avez pas les droits nécessaires pour cette action.");
  await a.goto(callOfA);
  await expect(a.getByText(`intrus.${stamp}@example.org`)).toHaveCount(0);
  await b.reload();
  await expect(b.getByText(`intrus.${stamp}@example.org`)).toHaveCount(0);
  // The same with a call id that does not exist: nothing either.
  await form.locator('input[name="callId"]').evaluate((input) => {
    (input as HTMLInputElement).value = '00000000-0000-4000-8000-000000000000';
  });
  await b.getByLabel('Prénom *').fill('Intrus');
  await b.getByLabel('Nom *', { exact: true }).fill('Forgé');
  await b.getByLabel('Adresse électronique *').fill(`intrus.${stamp}@example.org`);
  await b.getByLabel('Fonction *').fill('Agent');
  await b.getByRole('button', { name: 'Ajouter aux brouillons' }).click();
  await expect(refusal).toHaveText("L'élément demandé n'existe pas ou plus.");
  await b.reload();
  await expect(b.getByText(`intrus.${stamp}@example.org`)).toHaveCount(0);

  for (const role of ['anonymous', 'participant', 'nominatorA', 'nominatorB', 'admin'] as const) {
    await pages[role]?.context().close();
  }
});
