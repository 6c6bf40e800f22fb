import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { createOpenEvent } from '../helpers/e2e-events';
import { signInAs } from '../helpers/e2e-mail';

const stamp = Date.now().toString(36);
const TITLE_FR = `Atelier avec liste ${stamp}`;
const EDUCATION = 'designataire.education@passerelle.test';
const JUSTICE = 'designataire.justice@passerelle.test';
const lea = `lea.${stamp}@example.org`;
const hugo = `hugo.${stamp}@example.org`;

const csv = (rows: string) => ({
  name: 'liste.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(
    `\uFEFFCourriel;Prénom;Nom;Fonction;Service;Groupe de travail;Langue\r\n${rows}`,
  ),
});

test('a nominator keeps a roster: a CSV with an error writes nothing, the fixed one imports, exports, and prefills a nomination', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  // An open call for the education ministry.
  const eventId = await createOpenEvent(page, {
    slug: `atelier-liste-${stamp}`,
    titleFr: TITLE_FR,
    titleEn: `Workshop with roster ${stamp}`,
    capacity: 20,
    mode: 'nomination',
  });
  await page.goto(`/fr/organiser/events/${eventId}/nominations`);
  await page.getByLabel('Profil recherché (français) *').fill('Enseignants au contact des jeunes.');
  await page.getByLabel('Profil recherché (anglais) *').fill('Teachers working with young people.');
  await page.getByLabel('Clôture des désignations *').fill('2030-03-01T18:00');
  await page.getByLabel('Confirmation par les personnes désignées *').fill('2030-03-15T18:00');
  await page.getByLabel('Retrait ou remplacement jusqu’au *').fill('2030-04-01T18:00');
  await page.getByLabel("Places pour Ministère de l'Éducation nationale").fill('2');
  await page.getByRole('button', { name: 'Enregistrer l’appel' }).click();
  await expect(page.getByText('L’appel est enregistré.')).toBeVisible();
  await page.getByRole('button', { name: 'Ouvrir l’appel' }).click();
  await expect(page.getByTestId('call-status')).toHaveText('Appel ouvert');

  // The nominator creates the year's roster for a working group.
  const education = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signInAs(education, EDUCATION);
  await education.goto('/fr/nominations');
  await education
    .getByRole('link', { name: 'Listes de désignation de votre organisation' })
    .click();
  await expect(education.getByRole('heading', { level: 1 })).toHaveText('Listes de désignation');
  await expectNoAxeViolations(education);
  await education.getByLabel('Année *').fill('2027');
  await education.getByLabel(/^Réseau ou groupe de travail/).selectOption({
    label: 'RAN — Jeunesse et éducation',
  });
  await education.getByRole('button', { name: 'Créer la liste' }).click();
  await expect(education.getByRole('heading', { level: 1 })).toHaveText(
    '2027 — RAN — Jeunesse et éducation',
  );
  await expect(education.getByTestId('roster-count')).toHaveText(
    'Personne n’est encore sur cette liste.',
  );
  await expectNoAxeViolations(education);

  // A file with a bad address and a repeated one: shown by line, nothing written.
  const upload = education.locator('input[type=file]');
  await upload.setInputFiles(
    csv(
      `${lea};Léa;Martin;Professeure;Lycée Hoche;;fr\r\n` +
        `pas-une-adresse;Jean;Roux;CPE;;;fr\r\n` +
        `${hugo.toUpperCase()};Hugo;Bernard;Inspecteur;;Police;en\r\n` +
        `${lea};Léa;Martin;Professeure;;;fr\r\n`,
    ),
  );
  await education.getByRole('button', { name: 'Vérifier le fichier' }).click();
  const preview = education.getByTestId('import-preview');
  await expect(preview.getByText('2 lignes comportent des erreurs sur 4')).toBeVisible();
  await expect(preview.getByTestId('preview-row')).toHaveCount(2);
  await expect(preview.getByTestId('preview-row').nth(0)).toContainText(
    'Adresse électronique : Adresse électronique non valide.',
  );
  await expect(preview.getByTestId('preview-row').nth(1)).toContainText(
    'Adresse déjà présente ligne 2.',
  );
  await expect(education.getByRole('button', { name: /^Importer/ })).toHaveCount(0);
  await expectNoAxeViolations(education);
  await education.reload();
  await expect(education.getByTestId('roster-count')).toHaveText(
    'Personne n’est encore sur cette liste.',
  );

  // The fixed file: checked, then imported.
  await education
    .locator('input[type=file]')
    .setInputFiles(
      csv(
        `${lea};Léa;Martin;Professeure;Lycée Hoche;;fr\r\n` +
          `${hugo.toUpperCase()};Hugo;Bernard;Inspecteur;;Police;en\r\n`,
      ),
    );
  await education.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(
    education.getByText('2 lignes sont prêtes : 2 à ajouter, 0 à mettre à jour.'),
  ).toBeVisible();
  await education.getByRole('button', { name: 'Importer 2 lignes' }).click();
  await expect(
    education.getByText('Import terminé : 2 personnes ajoutées, aucune mise à jour.'),
  ).toBeVisible();
  await expect(education.getByTestId('roster-count')).toHaveText('2 personnes sur cette liste.');
  const rows = education.getByTestId('entry-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Hugo Bernard');
  await expect(rows.nth(0)).toContainText('Police');
  await expect(rows.nth(1)).toContainText('Jeunesse et éducation');
  await expectNoAxeViolations(education);
  const rosterUrl = education.url();

  // The export: UTF-8 with its BOM, the header in French, the people.
  const [download] = await Promise.all([
    education.waitForEvent('download'),
    education.getByRole('link', { name: 'Exporter la liste (CSV)' }).click(),
  ]);
  const exported = fs.readFileSync((await download.path()) as string, 'utf8');
  expect(exported.startsWith('\uFEFFAdresse électronique;Prénom;Nom;Fonction;')).toBe(true);
  expect(exported).toContain(`${hugo};Hugo;Bernard;Inspecteur;;Police;en`);
  expect(exported).toContain(`${lea};Léa;Martin;Professeure;Lycée Hoche;Jeunesse et éducation;fr`);

  // The other ministry's nominator reaches neither the roster nor its export.
  const justice = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signInAs(justice, JUSTICE);
  await justice.goto(rosterUrl);
  await expect(justice.getByRole('heading', { name: 'Page non trouvée' })).toBeVisible();
  await expect(justice.getByText(lea)).toHaveCount(0);
  const stolen = await justice.request.get(`/api/rosters/${rosterUrl.split('/').at(-1)}/export`);
  expect(stolen.status()).toBe(404);
  expect(await stolen.text()).toBe("L'élément demandé n'existe pas ou plus.");
  const garbled = await justice.request.get('/api/rosters/not-a-roster/export?locale=en');
  expect([garbled.status(), await garbled.text()]).toEqual([
    404,
    'The item you asked for does not exist any more.',
  ]);

  // On the call, Léa is picked from the roster: the form is prefilled.
  await education.goto('/fr/nominations');
  await education.getByRole('link', { name: TITLE_FR }).click();
  // This roster's two people (other specs may have added people to the ministry's rosters).
  const picks = education.getByTestId('roster-pick').filter({ hasText: /Léa Martin|Hugo Bernard/ });
  await expect(picks).toHaveCount(2);
  await expectNoAxeViolations(education);
  await education.getByRole('link', { name: 'Préremplir le formulaire avec Léa Martin' }).click();
  await expect(education.getByTestId('prefilled')).toContainText(
    'Formulaire prérempli avec Léa Martin',
  );
  await expect(education.getByLabel('Prénom *')).toHaveValue('Léa');
  await expect(education.getByLabel('Nom *', { exact: true })).toHaveValue('Martin');
  await expect(education.getByLabel('Adresse électronique *')).toHaveValue(lea);
  await expect(education.getByLabel('Fonction *')).toHaveValue('Professeure');
  await expect(education.getByLabel('Service ou unité')).toHaveValue('Lycée Hoche');
  await education.getByLabel(/^Motivation/).fill('Anime un atelier d’éducation aux médias.');
  await education.getByRole('button', { name: 'Ajouter aux brouillons' }).click();
  await expect(education.getByText('Léa Martin est ajouté·e à vos brouillons.')).toBeVisible();
  await expect(education.getByTestId('nomination-row')).toHaveCount(1);
  await education.reload();
  await expect(picks).toHaveCount(1);
  await expect(picks).toContainText('Hugo Bernard');
  await expect(education.getByTestId('prefilled')).toHaveCount(0);

  // The roster is deleted, once confirmed; Léa's nomination stays.
  await education.goto(rosterUrl);
  await education.getByRole('button', { name: 'Supprimer la liste' }).click();
  await expect(education.getByText('Cochez la case pour confirmer la suppression.')).toBeVisible();
  await education.getByText('Je supprime cette liste et les 2 personnes qui y figurent').click();
  await education.getByRole('button', { name: 'Supprimer la liste' }).click();
  await education.waitForURL(/\/fr\/nominations\/rosters$/);
  await education.goto(rosterUrl);
  await expect(education.getByRole('heading', { name: 'Page non trouvée' })).toBeVisible();
  await education.goto('/fr/nominations');
  await education.getByRole('link', { name: TITLE_FR }).click();
  await expect(education.getByTestId('nomination-row')).toContainText('Léa Martin');
  await justice.context().close();
  await education.context().close();
});
