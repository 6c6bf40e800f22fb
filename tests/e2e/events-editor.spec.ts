import fs from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { addSession } from '../helpers/e2e-events';
import { signInAs } from '../helpers/e2e-mail';
import { icsDate, parseIcs } from '../helpers/ics-parse';

const stamp = Date.now().toString(36);
const slug = `atelier-demonstration-${stamp}`;

async function fillEvent(page: Page) {
  await page.getByLabel('Titre en français').fill(`Atelier démonstration ${stamp}`);
  await page.getByLabel('Titre en anglais').fill(`Demonstration workshop ${stamp}`);
  await page.getByLabel("Identifiant d'adresse").fill(slug);
  await page.getByLabel('Résumé en français').fill('Un atelier de démonstration.');
  await page.getByLabel('Résumé en anglais').fill('A demonstration workshop.');
  await page
    .getByLabel('Description en français')
    .fill('Trois sessions, dont **deux ateliers** en parallèle.');
  await page
    .getByLabel('Description en anglais')
    .fill('Three sessions, **two workshops** side by side.');
  await page.getByLabel('Format').selectOption('policy_practice_workshop');
  await page.getByLabel('Fuseau horaire').selectOption('Europe/Paris');
  await page.getByLabel('Début', { exact: true }).fill('2027-09-14T09:00');
  await page.getByLabel('Fin', { exact: true }).fill('2027-09-14T17:00');
  await page.getByLabel('Lieu', { exact: true }).fill('Hôtel de Beauvau');
  await page.getByLabel('Adresse', { exact: true }).fill('Place Beauvau, 75008 Paris');
  await page.getByLabel('Ville').fill('Paris');
  // DSFR draws its own box over the native checkbox: click the label, as a person does.
  await page
    .locator('label', { hasText: /^anglais$/ })
    .first()
    .click();
  await expect(page.getByRole('checkbox', { name: 'anglais' }).first()).toBeChecked();
  await page.getByLabel('Jauge (places)').fill('60');
}

test('an organiser creates a bilingual event with three sessions and publishes it; a visitor finds it by filter, switches language and downloads the .ics', async ({
  page,
  browser,
}) => {
  await signInAs(page, 'organisatrice@passerelle.test');
  await page.getByRole('link', { name: 'Mes événements' }).first().click();
  await page.getByRole('link', { name: 'Créer un événement' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer un événement');

  await fillEvent(page);
  // End before start: refused on the field, nothing created.
  await page.getByLabel('Fin', { exact: true }).fill('2027-09-13T17:00');
  await page.getByRole('button', { name: 'Créer le brouillon' }).click();
  await expect(page.getByText('La fin doit être postérieure au début.')).toBeVisible();
  await page.getByLabel('Fin', { exact: true }).fill('2027-09-14T17:00');
  // Script in a title: refused.
  await page.getByLabel('Titre en français').fill('<script>alert(1)</script>');
  await page.getByRole('button', { name: 'Créer le brouillon' }).click();
  await expect(page.getByText("Le HTML n'est pas accepté", { exact: false }).first()).toBeVisible();
  await page.getByLabel('Titre en français').fill(`Atelier démonstration ${stamp}`);

  await page.getByRole('button', { name: 'Créer le brouillon' }).click();
  await expect(page).toHaveURL(/\/fr\/organiser\/events\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Atelier démonstration ${stamp}`,
  );
  await expect(page.getByText('Brouillon', { exact: true })).toBeVisible();

  await addSession(page, {
    fr: 'Plénière d’ouverture',
    en: 'Opening plenary',
    room: 'Salle A',
    start: '2027-09-14T09:00',
    end: '2027-09-14T10:30',
    type: 'plenary',
  });
  await expect(page.getByTestId('programme-session')).toHaveCount(1);
  await page.reload();
  await addSession(page, {
    fr: 'Atelier école',
    en: 'School workshop',
    room: 'Salle A',
    start: '2027-09-14T11:00',
    end: '2027-09-14T12:30',
    type: 'parallel_workshop',
  });
  await expect(page.getByTestId('programme-session')).toHaveCount(2);
  await page.reload();
  // The same room at the same time: refused with a translated message.
  await addSession(page, {
    fr: 'Atelier prison',
    en: 'Prison workshop',
    room: ' salle a ',
    start: '2027-09-14T11:30',
    end: '2027-09-14T12:30',
    type: 'parallel_workshop',
  });
  await expect(
    page.getByText('Cette salle est déjà occupée par une autre session à ce moment-là.'),
  ).toBeVisible();
  // Outside the event: refused.
  const form = page.locator('details', { hasText: 'Ajouter une session' }).last();
  await form.getByLabel('Salle').fill('Salle B');
  await form.getByLabel('Début').fill('2027-09-15T11:00');
  await form.getByLabel('Fin').fill('2027-09-15T12:30');
  await form.getByRole('button', { name: 'Ajouter au programme' }).click();
  await expect(page.getByText("La session doit se tenir pendant l'événement.")).toBeVisible();
  await form.getByLabel('Début').fill('2027-09-14T11:00');
  await form.getByLabel('Fin').fill('2027-09-14T12:30');
  await form.getByRole('button', { name: 'Ajouter au programme' }).click();
  await expect(page.getByTestId('programme-session')).toHaveCount(3);

  await page.getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByText('Publié', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Voir la page publique' })).toHaveAttribute(
    'href',
    `/fr/events/${slug}`,
  );

  // A visitor, signed out, finds it in the catalogue by its format and a word of its title.
  const visitor = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await visitor.goto('/fr/events');
  await visitor
    .getByLabel('Format', { exact: true })
    .selectOption({ label: 'Atelier « Policy & Practice »' });
  await visitor.getByLabel('Rechercher').fill(stamp);
  await visitor.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await expect(visitor).toHaveURL(/[?&]format=policy_practice_workshop(&|$)/);
  await visitor.getByRole('link', { name: `Atelier démonstration ${stamp}` }).click();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(
    `Atelier démonstration ${stamp}`,
  );
  await expect(visitor.getByRole('heading', { name: 'Atelier école' })).toBeVisible();
  await expect(visitor.getByRole('heading', { name: 'Atelier prison' })).toBeVisible();

  // Switches language: the same event, in English.
  await visitor.getByRole('link', { name: 'English', exact: true }).click();
  await expect(visitor).toHaveURL(new RegExp(`/en/events/${slug}$`));
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(
    `Demonstration workshop ${stamp}`,
  );
  await expect(visitor.getByRole('heading', { name: 'School workshop' })).toBeVisible();

  // Downloads the event's .ics and reads it: 09:00 in Paris in September is 07:00 UTC.
  const downloading = visitor.waitForEvent('download');
  await visitor
    .getByRole('link', { name: `Add to my calendar (.ics) — Demonstration workshop ${stamp}` })
    .click();
  const download = await downloading;
  const ics = parseIcs(fs.readFileSync((await download.path()) ?? '', 'utf8'));
  expect(ics.events).toHaveLength(1);
  const [event] = ics.events;
  expect(event?.SUMMARY).toBe(`Demonstration workshop ${stamp}`);
  expect(icsDate(event?.DTSTART ?? '').toISOString()).toBe('2027-09-14T07:00:00.000Z');
  expect(icsDate(event?.DTEND ?? '').toISOString()).toBe('2027-09-14T15:00:00.000Z');
  expect(event?.LOCATION).toContain('Hôtel de Beauvau');

  // The organiser renames the event and the visitor sees the new name on the next load.
  const details = page.locator('section[aria-labelledby="details-title"]');
  await details.getByLabel('Titre en anglais').fill(`Demonstration workshop ${stamp} II`);
  await details.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByText('Modifications enregistrées.')).toBeVisible();
  await visitor.reload();
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText(
    `Demonstration workshop ${stamp} II`,
  );

  // Duplicating under the same address name, or cancelling without reasons: field errors.
  await page.locator('summary', { hasText: 'Dupliquer (nouvelle édition)' }).click();
  const duplicate = page.locator('details', { hasText: 'Dupliquer (nouvelle édition)' });
  await duplicate.getByLabel("Identifiant d'adresse").fill(slug);
  await duplicate.getByLabel('Premier jour de la nouvelle édition').fill('2028-09-12');
  await duplicate.getByRole('button', { name: 'Dupliquer' }).click();
  await expect(
    duplicate.getByText("Cet identifiant d'adresse est déjà pris par un autre événement."),
  ).toBeVisible();
  await expect(duplicate.getByLabel("Identifiant d'adresse")).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await page.locator('summary', { hasText: "Annuler l'événement" }).click();
  const cancel = page.locator('details', { hasText: "Annuler l'événement" });
  await cancel.getByRole('button', { name: "Annuler l'événement" }).click();
  await expect(cancel.getByText('Ce champ est obligatoire.')).toHaveCount(2);
  await expect(page.getByText('Publié', { exact: true })).toBeVisible();

  // Archived, it leaves the catalogue (and the other tests' counts).
  await page.getByRole('button', { name: 'Archiver' }).click();
  await expect(page.getByText('Archivé', { exact: true })).toBeVisible();
  await visitor.goto(`/fr/events?q=${stamp}`);
  await expect(visitor.getByRole('link', { name: `Atelier démonstration ${stamp}` })).toHaveCount(
    0,
  );
  await visitor.context().close();
});

test('the organiser pages are refused to a participant, and a garbled id is a 404', async ({
  page,
}) => {
  await signInAs(page, 'admin@passerelle.test');
  await page.goto('/fr/organiser/events');
  const first = page.getByRole('table').getByRole('link').first();
  const href = (await first.getAttribute('href')) as string;
  await page.context().clearCookies();
  // A participant is refused the organiser pages; the nominator too.
  await signInAs(page, 'participante@passerelle.test');
  expect((await page.goto(href))?.status()).toBe(403);
  expect((await page.goto('/fr/organiser/events/not-a-uuid'))?.status()).toBe(404);
});
