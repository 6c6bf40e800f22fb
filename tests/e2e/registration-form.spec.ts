import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { addSession, createOpenEvent } from '../helpers/e2e-events';
import { linkIn, signInAs, waitForMail } from '../helpers/e2e-mail';

const stamp = Date.now().toString(36);
const slug = `atelier-formulaire-${stamp}`;
const TITLE_FR = `Atelier formulaire ${stamp}`;

async function addQuestion(
  page: Page,
  q: {
    kind: string;
    fr: string;
    en: string;
    required?: boolean;
    options?: string;
    showIf?: { question: string; value: string };
  },
) {
  const form = page.getByTestId('question-editor');
  await form.getByLabel('Type de réponse').selectOption(q.kind);
  await form.getByLabel('Intitulé en français *').fill(q.fr);
  await form.getByLabel('Intitulé en anglais *').fill(q.en);
  if (q.options) await form.getByLabel('Choix proposés *').fill(q.options);
  if (q.required) await form.locator('label', { hasText: 'Réponse obligatoire' }).click();
  if (q.showIf) {
    await form.getByLabel('Afficher seulement si…').selectOption({ label: q.showIf.question });
    await form.locator('label', { hasText: new RegExp(`^${q.showIf.value}$`) }).click();
  }
  await form.getByRole('button', { name: 'Ajouter la question' }).click();
  await expect(page.getByText('La question est ajoutée au formulaire.')).toBeVisible();
}

async function fillIdentity(page: Page, email: string, firstName: string) {
  await page.getByLabel('Prénom *').fill(firstName);
  await page.getByLabel('Nom *', { exact: true }).fill('Lefèvre');
  await page.getByLabel('Adresse électronique *').fill(email);
  await page.getByLabel('Organisation *').fill('Direction de la PJJ');
  await page.getByLabel('Fonction *').fill('Éducatrice');
  await page.getByLabel('Pays *').selectOption('FR');
}

test('a registration in French with a conditional question and a workshop; the mail, its ticket, a change of session, a cancellation, and the offer accepted', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);
  const eventId = await createOpenEvent(page, {
    slug,
    titleFr: TITLE_FR,
    titleEn: `Form workshop ${stamp}`,
    capacity: 1,
  });
  // Two workshops side by side, one seat each.
  for (const [fr, en, room] of [
    ['Atelier Alpha', 'Workshop Alpha', 'Salle A'],
    ['Atelier Bêta', 'Workshop Beta', 'Salle B'],
  ]) {
    await addSession(page, {
      fr: fr as string,
      en: en as string,
      room: room as string,
      type: 'parallel_workshop',
      start: '2030-05-14T10:00',
      end: '2030-05-14T12:00',
      capacity: 1,
    });
    await expect(page.getByText('Session ajoutée au programme.')).toBeVisible();
  }

  // The form: a yes/no question, and a question shown only upon "yes".
  await page.getByRole('link', { name: 'Formulaire d’inscription' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Formulaire d’inscription');
  await addQuestion(page, {
    kind: 'yes_no',
    fr: 'Avez-vous besoin d’un hébergement ?',
    en: 'Do you need accommodation?',
    required: true,
  });
  await addQuestion(page, {
    kind: 'single_choice',
    fr: 'Combien de nuits ?',
    en: 'How many nights?',
    required: true,
    options: 'Une | One\nDeux | Two',
    showIf: { question: 'Avez-vous besoin d’un hébergement ?', value: 'Oui' },
  });
  await expect(page.getByTestId('questions').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('questions')).toContainText(
    'Affichée si « Avez-vous besoin d’un hébergement ? » = Oui',
  );
  await expectNoAxeViolations(page);

  // Inès registers: the nights question appears with "yes" and is then required.
  const ines = `ines.${stamp}@example.org`;
  const visitor = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await visitor.goto(`/fr/events/${slug}/register`);
  await fillIdentity(visitor, ines, 'Inès');
  const sessions = visitor.getByTestId('session-choices');
  await expect(sessions).toContainText('Atelier Alpha — Salle A · 1 place restante');
  await sessions.locator('label', { hasText: 'Atelier Alpha' }).click();
  const questions = visitor.getByTestId('questions');
  await expect(questions.getByText('Combien de nuits ?')).toHaveCount(0);
  await questions
    .getByRole('group', { name: 'Avez-vous besoin d’un hébergement ? *' })
    .locator('label', { hasText: 'Oui' })
    .click();
  await expect(questions.getByText('Combien de nuits ? *')).toBeVisible();
  await visitor.getByText('J’ai pris connaissance de la politique').click();
  await visitor.getByRole('button', { name: 'Envoyer mon inscription' }).click();
  await expect(
    questions
      .getByRole('group', { name: /Combien de nuits/ })
      .getByText('Ce champ est obligatoire.'),
  ).toBeVisible();
  await questions.locator('label', { hasText: /^Deux$/ }).click();
  await visitor.getByRole('button', { name: 'Envoyer mon inscription' }).click();
  await expect(visitor.getByTestId('registration-done')).toContainText(
    'Votre inscription est confirmée.',
  );

  // The mail, read from the SMTP server: the .ics and the ticket's QR code.
  const confirmation = await waitForMail(ines, 0);
  expect(confirmation.subject).toBe(`Inscription confirmée : ${TITLE_FR}`);
  expect(confirmation.attachments.map((a) => a.filename)).toEqual([`${slug}.ics`, 'billet.png']);
  expect(confirmation.text).toContain('Votre billet (code QR) est joint à ce message');

  // Hugo wants a seat too: the event is full, he waits.
  const hugo = `hugo.${stamp}@example.org`;
  const other = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await other.goto(`/fr/events/${slug}/register`);
  await fillIdentity(other, hugo, 'Hugo');
  await other.getByTestId('session-choices').locator('label', { hasText: 'Atelier Bêta' }).click();
  await other
    .getByRole('group', { name: 'Avez-vous besoin d’un hébergement ? *' })
    .locator('label', { hasText: 'Non' })
    .click();
  await other.getByText('J’ai pris connaissance de la politique').click();
  await other.getByRole('button', { name: 'Envoyer mon inscription' }).click();
  await expect(other.getByTestId('registration-done')).toContainText('liste d’attente');

  // Inès opens her link: her ticket, her answers, and she changes workshop.
  await visitor.goto(linkIn(confirmation));
  await expect(visitor.getByTestId('status')).toHaveText('Confirmée');
  await expect(
    visitor.getByTestId('ticket').getByRole('img', { name: 'Code QR de votre billet' }),
  ).toBeVisible();
  await expect(visitor.getByTestId('sessions-chosen')).toContainText('Atelier Alpha');
  await expectNoAxeViolations(visitor);
  const edit = visitor.locator('section', { hasText: 'Modifier mon inscription' });
  await expect(edit.getByRole('radio', { name: /^Deux/ })).toBeChecked();
  await edit.locator('label', { hasText: 'Atelier Bêta' }).click();
  await edit.getByRole('button', { name: 'Enregistrer mes modifications' }).click();
  await expect(visitor.getByTestId('registration-saved')).toBeVisible();
  await expect(visitor.getByTestId('sessions-chosen')).toContainText('Atelier Bêta');

  // Then she cancels: her seat goes to Hugo, first on the waiting list.
  await visitor.getByText('Annuler mon inscription', { exact: true }).first().click();
  await visitor.getByRole('button', { name: 'Annuler mon inscription' }).click();
  await expect(visitor.getByTestId('status')).toHaveText('Annulée');
  const offer = await waitForMail(hugo, 1);
  expect(offer.subject).toBe(`Une place vous est proposée : ${TITLE_FR}`);
  await other.goto(linkIn(offer));
  await other.getByRole('button', { name: 'Accepter la place' }).click();
  await expect(other.getByTestId('status')).toHaveText('Confirmée');
  await expect(other.getByTestId('ticket')).toBeVisible();
  const confirmed = await waitForMail(hugo, 2);
  expect(confirmed.subject).toBe(`Inscription confirmée : ${TITLE_FR}`);
  expect(confirmed.attachments.map((a) => a.contentType)).toContain('image/png');

  // The organiser sees the answers on the registration's page, and moves Hugo between
  // workshops from there.
  await page.goto(`/fr/organiser/events/${eventId}/registrations`);
  await expect(page.getByTestId('registration-row')).toHaveCount(2);
  await page.getByRole('link', { name: 'LEFÈVRE Hugo' }).click();
  await expect(page.getByTestId('detail-answers')).toContainText('Non');
  await expect(page.getByTestId('detail-sessions')).toContainText('Atelier Bêta');
  await page.getByRole('button', { name: /^Retirer de la session Atelier Bêta/ }).click();
  await expect(page.getByText('Sessions mises à jour.')).toBeVisible();
  await expect(page.getByText('Aucune session choisie.')).toBeVisible();
  await page.getByLabel('Placer dans une session').selectOption({ label: 'Atelier Alpha' });
  await page.getByRole('button', { name: 'Placer dans la session' }).click();
  await expect(page.getByTestId('detail-sessions')).toContainText('Atelier Alpha');
  await expectNoAxeViolations(page);

  await visitor.context().close();
  await other.context().close();

  // Signed in with the same address, Hugo finds it under "Mes inscriptions", ticket included.
  const signedIn = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signInAs(signedIn, hugo);
  await signedIn.goto('/fr/registrations');
  await signedIn
    .getByRole('link', { name: 'Ouvrir mon inscription (billet, modifications)' })
    .click();
  await expect(signedIn.getByTestId('ticket')).toBeVisible();
  // In the workshop the organiser moved him to.
  await expect(signedIn.getByTestId('sessions-chosen')).toContainText('Atelier Alpha');
  await expectNoAxeViolations(signedIn);
  // Someone else's registration id shows nothing.
  const stranger = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signInAs(stranger, `quelqu.un.${stamp}@example.org`);
  await stranger.goto(signedIn.url());
  await expect(stranger.getByRole('heading', { name: 'Page non trouvée' })).toBeVisible();
  await signedIn.context().close();
  await stranger.context().close();
});
