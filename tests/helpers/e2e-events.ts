import { expect, type Page } from '@playwright/test';
import { signInAs } from './e2e-mail';

/**
 * An organiser creates a published, unlisted (off the catalogue, so the other tests'
 * counts hold) in-person event taking open registrations, through the editor.
 */
export async function createOpenEvent(
  page: Page,
  e: {
    slug: string;
    titleFr: string;
    titleEn: string;
    capacity: number;
    mode?: 'open' | 'approval' | 'invitation' | 'nomination';
  },
) {
  await signInAs(page, 'organisatrice@passerelle.test');
  await page.goto('/fr/organiser/events/new');
  await page.getByLabel('Titre en français').fill(e.titleFr);
  await page.getByLabel('Titre en anglais').fill(e.titleEn);
  await page.getByLabel("Identifiant d'adresse").fill(e.slug);
  await page.getByLabel('Format').selectOption('training');
  await page.getByLabel('Fuseau horaire').selectOption('Europe/Paris');
  await page.getByLabel('Début', { exact: true }).fill('2030-05-14T09:00');
  await page.getByLabel('Fin', { exact: true }).fill('2030-05-14T17:00');
  await page.getByLabel('Lieu', { exact: true }).fill('Hôtel de Beauvau');
  await page.getByLabel('Adresse', { exact: true }).fill('Place Beauvau, 75008 Paris');
  await page.getByLabel('Ville').fill('Paris');
  // DSFR draws its own box over the native checkbox: click the label, as a person does.
  await page
    .locator('label', { hasText: /^anglais$/ })
    .first()
    .click();
  await expect(page.getByRole('checkbox', { name: 'anglais' }).first()).toBeChecked();
  await page.locator('label', { hasText: 'Accessible par lien seulement' }).click();
  await page.getByLabel("Mode d'inscription").selectOption(e.mode ?? 'open');
  await page.getByLabel('Jauge (places)').fill(String(e.capacity));
  await page.getByRole('button', { name: 'Créer le brouillon' }).click();
  await expect(page).toHaveURL(/\/fr\/organiser\/events\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Publier' }).click();
  await expect(page.getByText('Publié', { exact: true })).toBeVisible();
  return page.url().split('/').at(-1) as string;
}

/** Adds a session through the event editor's "add a session" form (the editor is open). */
export async function addSession(
  page: Page,
  s: {
    fr: string;
    en: string;
    room: string;
    start: string;
    end: string;
    type?: string;
    capacity?: number;
  },
) {
  const form = page.locator('details', { hasText: 'Ajouter une session' }).last();
  if (!(await form.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await form.locator('summary').click();
  }
  await form.getByLabel('Titre en français').fill(s.fr);
  await form.getByLabel('Titre en anglais').fill(s.en);
  if (s.type) await form.getByLabel('Type de session').selectOption(s.type);
  await form.getByLabel('Salle').fill(s.room);
  await form.getByLabel('Début').fill(s.start);
  await form.getByLabel('Fin').fill(s.end);
  if (s.capacity !== undefined) await form.getByLabel('Places').fill(String(s.capacity));
  await form.getByRole('button', { name: 'Ajouter au programme' }).click();
}
