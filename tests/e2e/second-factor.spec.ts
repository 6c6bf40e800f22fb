// The second factor of organisers and admins (issue 7): refused without it, enrolment,
// a code at the next sign-in, recovery codes once, an admin reset, and a multi-factor
// ProConnect sign-in going straight in.
import { type Browser, expect, type Page, test } from '@playwright/test';
import { totpAt } from '../../lib/second-factor/totp';
import { expectNoAxeViolations } from '../helpers/axe';
import { appUrl, E2E, oidcIssuer } from '../helpers/e2e-env';
import { enterTotp, requestMagicLink, secondFactorLink, signInAs } from '../helpers/e2e-mail';

const NEW_EVENT = '/fr/organiser/events/new';
const toSecondFactor = /\/fr\/second-factor\?callbackUrl=%2Ffr%2Forganiser%2Fevents%2Fnew$/;

async function fresh(browser: Browser) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  return { context, page: await context.newPage() };
}

/** Signs in by mail and stops there (signInAs would answer the demo accounts' code). */
async function signInByMail(page: Page, email: string) {
  const { link } = await requestMagicLink(page, email);
  await page.goto(link);
  await expect(page.getByRole('link', { name: 'Se déconnecter' })).toBeVisible();
}

async function useRecoveryCode(page: Page, code: string) {
  await page.getByLabel('Code de secours').fill(code);
  await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
}

test.describe
  .serial('an organiser without the second factor', () => {
    const email = `orga.2fa-${E2E.runId}@example.org`;
    let secret = '';
    let codes: string[] = [];

    test('is refused organiser pages, and enrols', async ({ browser }) => {
      test.setTimeout(120_000);
      const person = await fresh(browser);
      await signInAs(person.page, email);
      // The admin makes them an organiser.
      const admin = await fresh(browser);
      await signInAs(admin.page, 'admin@passerelle.test');
      await admin.page.goto('/fr/admin/users');
      const row = admin.page.getByTestId(`user-${email}`);
      await row.getByText(`Attribuer un rôle à ${email}`).click();
      await row.getByLabel('Rôle', { exact: true }).selectOption('organiser');
      await row.getByRole('button', { name: 'Attribuer' }).click();
      await expect(row).toContainText('Organisateur·rice');
      await admin.context.close();

      // Without the second factor: no organiser page, but the way to set it up.
      const { page } = person;
      await page.goto('/fr');
      await expect(secondFactorLink(page)).toBeVisible();
      await page.goto(NEW_EVENT);
      await expect(page).toHaveURL(toSecondFactor);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Double authentification');
      await expect(page.getByRole('img', { name: /Code QR/ })).toBeVisible();
      await expectNoAxeViolations(page);

      secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      // A wrong code: a translated refusal, nothing enrolled.
      const good = totpAt(secret);
      await page.getByLabel('Code à 6 chiffres').fill(good === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: 'Activer la double authentification' }).click();
      await expect(page.locator('.fr-alert--error')).toContainText('Ce code n’est pas valide');
      await page.getByLabel('Code à 6 chiffres').fill(totpAt(secret));
      await page.getByRole('button', { name: 'Activer la double authentification' }).click();
      await expect(page.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
      codes = (await page.getByTestId('recovery-codes').locator('li').allTextContents()).map((c) =>
        c.trim(),
      );
      await expect(page.getByRole('link', { name: /Télécharger les codes/ })).toHaveAttribute(
        'download',
        'passerelle-recovery-codes.txt',
      );
      await expectNoAxeViolations(page);
      await page.getByRole('link', { name: 'Continuer' }).click();
      await expect(page).toHaveURL(appUrl(NEW_EVENT));
      await expect(page.getByRole('button', { name: 'Créer le brouillon' })).toBeVisible();
      await person.context.close();
    });

    test('is asked for a code at the next sign-in, then sent back', async ({ browser }) => {
      test.setTimeout(120_000);
      const { context, page } = await fresh(browser);
      await signInByMail(page, email);
      await page.goto(NEW_EVENT);
      await expect(page).toHaveURL(toSecondFactor);
      await expectNoAxeViolations(page);
      await enterTotp(page, email, 'fr', secret);
      await expect(page).toHaveURL(appUrl(NEW_EVENT));
      await context.close();
    });

    test('passes with a recovery code once', async ({ browser }) => {
      test.setTimeout(120_000);
      const [first = ''] = codes;
      const lost = await fresh(browser);
      await signInByMail(lost.page, email);
      await lost.page.goto(NEW_EVENT);
      await useRecoveryCode(lost.page, first);
      await expect(lost.page).toHaveURL(appUrl(NEW_EVENT));
      await lost.context.close();
      const twice = await fresh(browser);
      await signInByMail(twice.page, email);
      await twice.page.goto(NEW_EVENT);
      await useRecoveryCode(twice.page, first);
      await expect(twice.page.locator('.fr-alert--error')).toContainText(
        'Ce code de secours n’est pas valide ou a déjà servi.',
      );
      await expect(twice.page).toHaveURL(toSecondFactor);
      await twice.context.close();
    });

    test('after an admin reset, their open form is refused with the reason', async ({
      browser,
    }) => {
      test.setTimeout(120_000);
      const { context, page: form } = await fresh(browser);
      await signInByMail(form, email);
      await form.goto(NEW_EVENT);
      await useRecoveryCode(form, codes[1] ?? '');
      await expect(form).toHaveURL(appUrl(NEW_EVENT));
      await form.getByLabel('Titre en français').fill('Atelier refusé');
      await form.getByLabel('Titre en anglais').fill('Refused workshop');
      await form.getByLabel("Identifiant d'adresse").fill(`refuse-${E2E.runId}`);
      await form.getByLabel('Format').selectOption('training');
      await form.getByLabel('Fuseau horaire').selectOption('Europe/Paris');
      await form.getByLabel('Début', { exact: true }).fill('2030-05-14T09:00');
      await form.getByLabel('Fin', { exact: true }).fill('2030-05-14T17:00');
      await form.getByLabel('Lieu', { exact: true }).fill('Hôtel de Beauvau');
      await form.getByLabel('Adresse', { exact: true }).fill('Place Beauvau, 75008 Paris');
      await form.getByLabel('Ville').fill('Paris');
      await form
        .locator('label', { hasText: /^anglais$/ })
        .first()
        .click();
      await form.getByLabel("Mode d'inscription").selectOption('open');
      await form.getByLabel('Jauge (places)').fill('20');

      // A lost phone: the admin resets the factor.
      const admin = await fresh(browser);
      await signInAs(admin.page, 'admin@passerelle.test');
      await admin.page.goto('/fr/admin/users');
      const row = admin.page.getByTestId(`user-${email}`);
      await row
        .getByRole('button', { name: `Réinitialiser la double authentification de ${email}` })
        .click();
      await expect(row).not.toContainText('Double authentification activée.');
      await admin.context.close();

      await form.getByRole('button', { name: 'Créer le brouillon' }).click();
      await expect(
        form.getByText('Cette action demande la double authentification.', { exact: false }),
      ).toBeVisible();
      await expect(form).toHaveURL(appUrl(NEW_EVENT));
      // Their next organiser page asks them to enrol again.
      await form.reload();
      await expect(form).toHaveURL(toSecondFactor);
      await expect(form.getByTestId('totp-secret')).toBeVisible();
      await context.close();
    });
  });

async function signInWithProConnect(page: Page, login: string, multiFactor: boolean) {
  await page.goto(appUrl('/fr/sign-in'));
  await page.getByRole('button', { name: "S'identifier avec ProConnect" }).click();
  await expect(page).toHaveURL(new RegExp(`^${oidcIssuer()}/interaction/`));
  await page.getByLabel('Identifiant').fill(login);
  if (multiFactor) await page.getByLabel('Authentification multifacteur').check();
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(appUrl('/fr'));
}

test('a ProConnect sign-in reporting several factors (amr) goes straight in; one without is asked', async ({
  browser,
}) => {
  const withMfa = await fresh(browser);
  await signInWithProConnect(withMfa.page, 'organisatrice@passerelle.test', true);
  await expect(secondFactorLink(withMfa.page)).toHaveCount(0);
  await withMfa.page.goto('/fr/organiser/events');
  await expect(withMfa.page).toHaveURL(appUrl('/fr/organiser/events'));
  await withMfa.context.close();

  const without = await fresh(browser);
  await signInWithProConnect(without.page, 'organisatrice@passerelle.test', false);
  await expect(secondFactorLink(without.page)).toBeVisible();
  await without.page.goto('/fr/organiser/events');
  await expect(without.page).toHaveURL(/\/fr\/second-factor\?callbackUrl=/);
  await without.context.close();
});
