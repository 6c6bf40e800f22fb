import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { createOpenEvent } from '../helpers/e2e-events';
import { linkIn, mailsTo, signInAs, waitForSubject } from '../helpers/e2e-mail';

const stamp = Date.now().toString(36);
const TITLE_FR = `Atelier sur désignation ${stamp}`;
const EDUCATION = 'designataire.education@passerelle.test';
const JUSTICE = 'designataire.justice@passerelle.test';

async function nominate(page: Page, first: string, last: string, email: string) {
  await page.getByLabel('Prénom *').fill(first);
  await page.getByLabel('Nom *', { exact: true }).fill(last);
  await page.getByLabel('Adresse électronique *').fill(email);
  await page.getByLabel('Fonction *').fill('Professeur principal');
  await page.getByLabel(/^Motivation/).fill('Anime un atelier d’éducation aux médias.');
  await page.getByRole('button', { name: 'Ajouter aux brouillons' }).click();
  await expect(page.getByText(`${first} ${last} est ajouté·e à vos brouillons.`)).toBeVisible();
}

test('an organiser opens a call with quotas for two ministries; each nominator nominates within quota and sees only their own; the organiser accepts and rejects with a reason', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const eventId = await createOpenEvent(page, {
    slug: `atelier-designation-${stamp}`,
    titleFr: TITLE_FR,
    titleEn: `Workshop by nomination ${stamp}`,
    capacity: 20,
    mode: 'nomination',
  });
  await page.goto(`/fr/organiser/events/${eventId}`);
  await page.getByRole('link', { name: 'Désignations', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Désignations : ${TITLE_FR}`);

  // A call without any organisation is refused, on the form.
  await page.getByLabel('Profil recherché (français) *').fill('Enseignants au contact des jeunes.');
  await page.getByLabel('Profil recherché (anglais) *').fill('Teachers working with young people.');
  await page.getByLabel('Clôture des désignations *').fill('2030-03-01T18:00');
  await page.getByLabel('Confirmation par les personnes désignées *').fill('2030-03-15T18:00');
  await page.getByLabel('Retrait ou remplacement jusqu’au *').fill('2030-04-01T18:00');
  await page.getByRole('button', { name: 'Enregistrer l’appel' }).click();
  await expect(page.getByText('Invitez au moins une organisation à désigner.')).toBeVisible();
  await page.getByLabel("Places pour Ministère de l'Éducation nationale").fill('2');
  await page.getByLabel('Places pour Ministère de la Justice', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Enregistrer l’appel' }).click();
  await expect(page.getByText('L’appel est enregistré.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Ouvrir l’appel' }).click();
  await expect(page.getByTestId('call-status')).toHaveText('Appel ouvert');

  // Each nominator is told by mail, with the way to their page.
  // (Other tests sign this account in too: its mailbox is searched, not counted.)
  const subject = `Appel à désignations : ${TITLE_FR}`;
  await expect
    .poll(async () => (await mailsTo(EDUCATION)).some((m) => m.subject === subject))
    .toBe(true);
  const told = (await mailsTo(EDUCATION)).find((m) => m.subject === subject);
  expect(told?.text).toContain('jusqu’à 2 personne(s)');

  // The education ministry's nominator nominates two people and sends them.
  const education = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signInAs(education, EDUCATION);
  await education.goto('/fr/nominations');
  await expectNoAxeViolations(education);
  await education.getByRole('link', { name: TITLE_FR }).click();
  await education.waitForURL(/\/nominations\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
  await expect(education.getByTestId('quota')).toHaveText(
    'Quota : 0 désignée(s) sur 2, 2 place(s) restante(s)',
  );
  await nominate(education, 'Léa', 'Martin', `lea.${stamp}@example.org`);
  await nominate(education, 'Hugo', 'Bernard', `hugo.${stamp}@example.org`);
  await expectNoAxeViolations(education);
  // Hugo first: the order of priority is the nominator's.
  await education.getByRole('button', { name: 'Monter', exact: true }).click();
  await expect(education.getByTestId('nomination-row').first()).toContainText('Hugo Bernard');
  await education.getByRole('button', { name: 'Envoyer les désignations cochées' }).click();
  await expect(education.getByText('2 désignations envoyées.')).toBeVisible();
  await expect(education.getByTestId('quota')).toHaveText(
    'Quota : 2 désignée(s) sur 2, 0 place(s) restante(s)',
  );
  const educationCall = education.url();

  // The justice ministry's nominator cannot read the other ministry's nominees.
  const justice = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signInAs(justice, JUSTICE);
  await justice.goto(educationCall);
  await expect(justice.getByRole('heading', { name: 'Page non trouvée' })).toBeVisible();
  await expect(justice.getByText(`lea.${stamp}@example.org`)).toHaveCount(0);
  await justice.goto('/fr/nominations');
  await justice.getByRole('link', { name: TITLE_FR }).click();
  await justice.waitForURL(/\/nominations\/[0-9a-f-]{36}\/[0-9a-f-]{36}$/);
  await nominate(justice, 'Yanis', 'Petit', `yanis.${stamp}@example.org`);
  // Someone the other ministry already nominated: refused, said clearly.
  await justice.getByLabel('Prénom *').fill('Léa');
  await justice.getByLabel('Nom *', { exact: true }).fill('Martin');
  await justice.getByLabel('Adresse électronique *').fill(`LEA.${stamp}@example.org`);
  await justice.getByLabel('Fonction *').fill('Éducatrice');
  await justice.getByRole('button', { name: 'Ajouter aux brouillons' }).click();
  // Said on the form, naming the ministry that has her (its nominators are told too).
  await expect(justice.locator('.fr-alert--error')).toHaveText(
    /déjà désignée pour cet événement par Ministère de l'Éducation nationale : une seule désignation est retenue/,
  );
  await expect
    .poll(async () =>
      (await mailsTo(EDUCATION)).some((m) =>
        m.subject.startsWith('Une autre organisation a proposé la même personne'),
      ),
    )
    .toBe(true);
  await justice.getByRole('button', { name: 'Envoyer les désignations cochées' }).click();
  await expect(justice.getByText('1 désignation envoyée.')).toBeVisible();

  // The organiser accepts one, rejects the other with a reason.
  await page.reload();
  const groups = page.getByTestId('organisation-group');
  await expect(groups).toHaveCount(2);
  await expectNoAxeViolations(page);
  await page.getByRole('checkbox', { name: 'Choisir Léa Martin' }).check({ force: true });
  await page.locator('label', { hasText: /^Retenir$/ }).click();
  await page.getByRole('button', { name: 'Appliquer la décision' }).click();
  await expect(page.getByText('1 désignation mise à jour.')).toBeVisible();
  await expect(page.getByText('Places retenues : 1 sur 2')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Choisir Hugo Bernard' }).check({ force: true });
  await page.locator('label', { hasText: /^Ne pas retenir$/ }).click();
  await page.getByRole('button', { name: 'Appliquer la décision' }).click();
  await expect(page.getByText('Indiquez le motif du refus')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Choisir Hugo Bernard' }).check({ force: true });
  await page.locator('label', { hasText: /^Ne pas retenir$/ }).click();
  await page.getByLabel('Motif (obligatoire pour un refus)').fill('Profil déjà représenté.');
  await page.getByRole('button', { name: 'Appliquer la décision' }).click();
  await expect(page.getByText('1 désignation mise à jour.')).toBeVisible();

  // The nominator sees each decision, and the reason.
  await education.reload();
  const rows = education.getByTestId('nomination-row');
  await expect(rows.nth(0)).toContainText('Hugo Bernard');
  await expect(rows.nth(0)).toContainText('Non retenue');
  await expect(rows.nth(0)).toContainText('Motif : Profil déjà représenté.');
  await expect(rows.nth(1)).toContainText('Invitée à s’inscrire');
  // And by mail, once per decision.
  await expect
    .poll(
      async () =>
        (await mailsTo(EDUCATION)).filter(
          (m) => m.subject === `Décisions sur vos désignations : ${TITLE_FR}`,
        ).length,
    )
    .toBe(2);

  // Léa, accepted, gets her personal link, completes the form and is confirmed.
  const lea = `lea.${stamp}@example.org`;
  // She was told when her ministry proposed her, then when she was accepted.
  await waitForSubject(lea, `Vous êtes proposé·e pour « ${TITLE_FR} »`);
  const invited = await waitForSubject(lea, `Vous êtes désigné·e : ${TITLE_FR}`);
  const nominee = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await nominee.goto(linkIn(invited));
  await expect(
    nominee.getByText(/Vous avez été désigné·e par Ministère de l'Éducation nationale/),
  ).toBeVisible();
  await expect(nominee.getByLabel('Adresse électronique *')).toHaveValue(lea);
  await expectNoAxeViolations(nominee);
  await nominee.getByLabel('Fonction *').fill('Professeure principale');
  await nominee.getByLabel('Pays *').selectOption('FR');
  await nominee.getByText('J’ai pris connaissance de la politique').click();
  await nominee.getByRole('button', { name: 'Envoyer mon inscription' }).click();
  await expect(nominee.getByTestId('registration-done')).toContainText(
    'Votre inscription est confirmée.',
  );
  await education.reload();
  await expect(education.getByTestId('nomination-row').nth(1)).toContainText(
    'Inscription confirmée',
  );

  // Yanis, accepted in turn, cannot come: his place is freed and his ministry is told.
  await page.reload();
  await page.getByRole('checkbox', { name: 'Choisir Yanis Petit' }).check({ force: true });
  await page.locator('label', { hasText: /^Retenir$/ }).click();
  await page.getByRole('button', { name: 'Appliquer la décision' }).click();
  await expect(page.getByText('1 désignation mise à jour.')).toBeVisible();
  const yanis = await waitForSubject(
    `yanis.${stamp}@example.org`,
    `Vous êtes désigné·e : ${TITLE_FR}`,
  );
  const declining = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await declining.goto(linkIn(yanis));
  await declining.getByRole('button', { name: 'Je ne pourrai pas participer' }).click();
  await expect(declining.getByText('C’est noté : votre place est libérée.')).toBeVisible();
  await expect
    .poll(async () =>
      (await mailsTo(JUSTICE)).some((m) => m.text.includes('Yanis Petit : Déclinée')),
    )
    .toBe(true);
  // The ministry may nominate someone else in his stead.
  await justice.reload();
  await expect(justice.getByTestId('nomination-row').first()).toContainText('Déclinée');
  await nominate(justice, 'Inès', 'Moreau', `ines.${stamp}@example.org`);
  // …and replace her in one step, before the withdrawal deadline: Karim takes her rank.
  await justice.getByTitle('Remplacer Inès Moreau par une autre personne').click();
  await expect(justice.getByRole('heading', { name: 'Remplacer Inès Moreau' })).toBeVisible();
  await justice.getByLabel('Prénom *').fill('Karim');
  await justice.getByLabel('Nom *', { exact: true }).fill('Haddad');
  await justice.getByLabel('Adresse électronique *').fill(`karim.${stamp}@example.org`);
  await justice.getByLabel('Fonction *').fill('Conseiller pénitentiaire');
  await justice.getByRole('button', { name: 'Remplacer Inès Moreau' }).click();
  await expect(justice.getByText('Karim Haddad remplace la désignation précédente.')).toBeVisible();
  const karim = justice
    .getByTestId('nomination-row')
    .filter({ hasText: `karim.${stamp}@example.org` });
  await expect(karim).toContainText('remplace Inès Moreau');
  await expect(
    justice.getByTestId('nomination-row').filter({ hasText: `ines.${stamp}@example.org` }),
  ).toContainText('Remplacée');
  // Each nomination's history says who did what: Yanis's, declined by the nominee.
  const yanisRow = justice.getByTestId('nomination-row').filter({ hasText: 'Yanis Petit' });
  await yanisRow.getByText('Historique').click();
  await expect(yanisRow.getByTestId('nomination-history')).toContainText(
    'Invitée à s’inscrire → Déclinée, par la personne désignée',
  );
  await expectNoAxeViolations(justice);

  await nominee.context().close();
  await declining.context().close();
  await education.context().close();
  await justice.context().close();
});
