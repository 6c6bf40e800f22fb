import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { createOpenEvent } from '../helpers/e2e-events';
import { waitForMail } from '../helpers/e2e-mail';

const stamp = Date.now().toString(36);
const slug = `reunion-invitation-${stamp}`;
const TITLE_FR = `Réunion sur invitation ${stamp}`;

test('an organiser imports invitations from a CSV (errors first, nothing sent), the invitee registers through the personal link, others cannot', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const eventId = await createOpenEvent(page, {
    slug,
    titleFr: TITLE_FR,
    titleEn: `Meeting by invitation ${stamp}`,
    capacity: 10,
    mode: 'invitation',
  });
  await page.goto(`/fr/organiser/events/${eventId}/invitations`);
  const nadia = `nadia.${stamp}@example.org`;
  const csv = (rows: string) => ({
    name: 'invites.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFFcourriel;prénom;nom;langue\n${rows}`),
  });
  // A file with a bad address: each error shown by line, nothing imported.
  await page
    .locator('input[type=file]')
    .setInputFiles(csv(`${nadia};Nadia;Haddad;fr\npas-une-adresse;Jean;Roux;en\n`));
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(page.getByText('1 ligne comporte une erreur')).toBeVisible();
  await expectNoAxeViolations(page);
  // The corrected file, checked, then sent.
  await page
    .locator('input[type=file]')
    .setInputFiles(csv(`${nadia};Nadia;Haddad;fr\njean.${stamp}@example.org;Jean;Roux;en\n`));
  await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
  await expect(page.getByText('2 invitations sont prêtes à être envoyées.')).toBeVisible();
  await page.getByRole('button', { name: 'Envoyer 2 invitations' }).click();
  await expect(page.getByText('2 invitations envoyées.')).toBeVisible();
  await expect(page.getByText('Invitées : 2')).toBeVisible();

  // Without the link, the form is not there.
  const stranger = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await stranger.goto(`/fr/events/${slug}/register`);
  await expect(stranger.getByText('Cet événement est sur invitation uniquement.')).toBeVisible();
  await expect(stranger.getByRole('button', { name: 'Envoyer mon inscription' })).toHaveCount(0);

  // Nadia's personal link: the form is filled in, her address cannot be changed.
  const invitation = await waitForMail(nadia, 0);
  expect(invitation.subject).toBe(`Invitation : ${TITLE_FR}`);
  const link = invitation.text.match(/https?:\/\/\S+\?invitation=\S+/)?.[0] as string;
  const invitee = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await invitee.goto(link);
  await expect(invitee.getByLabel('Prénom *')).toHaveValue('Nadia');
  await expect(invitee.getByLabel('Adresse électronique *')).toHaveValue(nadia);
  await expect(invitee.getByLabel('Adresse électronique *')).toHaveAttribute('readonly', '');
  await invitee.getByLabel('Organisation *').fill('Ministère de la Justice');
  await invitee.getByLabel('Fonction *').fill('Psychologue');
  await invitee.getByLabel('Pays *').selectOption('FR');
  await invitee.getByText('J’ai pris connaissance de la politique').click();
  await invitee.getByRole('button', { name: 'Envoyer mon inscription' }).click();
  await expect(invitee.getByTestId('registration-done')).toContainText(
    'Votre inscription est confirmée.',
  );
  await page.reload();
  await expect(page.getByText('Inscrites : 1').first()).toBeVisible();
  await stranger.context().close();
  await invitee.context().close();
});
