import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { DEMO_TOTP_SECRET } from '../../db/seed-data';
import { E2E } from '../helpers/e2e-env';
import {
  enterTotp,
  linkIn,
  mailsTo,
  requestMagicLink,
  signInAs,
  waitForMail,
} from '../helpers/e2e-mail';

const ACCOUNTS = [
  { email: 'admin@passerelle.test', role: 'Administrateur·rice', admin: true },
  { email: 'organisatrice@passerelle.test', role: 'Organisateur·rice', admin: false },
  { email: 'designataire.education@passerelle.test', role: 'Désignataire', admin: false },
  { email: 'participante@passerelle.test', role: 'Participant·e', admin: false },
];

test.describe('sign-in through the mail', () => {
  for (const account of ACCOUNTS) {
    test(`signs in as ${account.email} and sees their roles`, async ({ page }) => {
      await signInAs(page, account.email);
      await expect(
        page.getByText(`Vous êtes connecté·e en tant que ${account.email}.`),
      ).toBeVisible();
      await expect(page.getByText(/Vos rôles :/)).toContainText(account.role);
      const adminLink = page.getByRole('link', { name: 'Administration' });
      if (account.admin) await expect(adminLink).toBeVisible();
      else await expect(adminLink).toHaveCount(0);
    });
  }

  test('the magic link mail is in the language of the page it was asked from', async ({ page }) => {
    const email = 'participante@passerelle.test';
    const fr = await requestMagicLink(page, email, 'fr');
    expect(fr.mail.subject).toBe('Votre lien de connexion à Passerelle');
    const en = await requestMagicLink(page, email, 'en');
    expect(en.mail.subject).toBe('Your sign-in link to Passerelle');
    expect(en.mail.from).toBe('no-reply@passerelle.test');
  });

  test('a new address gets an account as a participant', async ({ page }) => {
    const email = `nouvelle.${Date.now()}@example.org`;
    await signInAs(page, email);
    await expect(page.getByText(/Vos rôles :/)).toHaveText('Vos rôles : Participant·e.');
  });

  test('switches language and keeps the page', async ({ page }) => {
    await page.goto('/fr/legal-notice');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.getByRole('link', { name: 'English', exact: true }).click();
    await expect(page).toHaveURL(/\/en\/legal-notice$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Legal notice');
    await expect(page).toHaveTitle('Legal notice — Passerelle — SG-CIPDR');
    await page.getByRole('link', { name: 'Français', exact: true }).click();
    await expect(page).toHaveURL(/\/fr\/legal-notice$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mentions légales');
    await expect(page).toHaveTitle('Mentions légales — Passerelle — SG-CIPDR');
  });

  test('signs out, and both moves are in the audit log', async ({ page }) => {
    const since = new Date();
    await signInAs(page, 'organisatrice@passerelle.test');
    await page.getByRole('link', { name: 'Se déconnecter' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Se déconnecter');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page).toHaveURL(/\/fr$/);
    await expect(page.getByRole('link', { name: 'Se connecter' }).first()).toBeVisible();
    await page.goto('/fr/admin/organisations');
    await expect(page).toHaveURL(/\/fr\/sign-in\?callbackUrl=/);
    if (E2E.databaseUrl) {
      const sql = postgres(E2E.databaseUrl, { max: 1 });
      const rows = await sql`
        select a.action, a.data from audit_log a join users u on u.id = a.actor_id
        where u.email = 'organisatrice@passerelle.test' and a.created_at >= ${since}
        order by a.created_at`;
      await sql.end();
      expect(rows.map((r) => r.action)).toEqual(['auth.sign_in', 'auth.sign_out']);
      expect(rows[0]?.data).toEqual({ provider: 'email' });
    }
  });
});

test.describe('who may see what', () => {
  test('an anonymous visitor is sent to sign-in, then back to the organiser page', async ({
    page,
  }) => {
    await page.goto('/fr/admin/users');
    await expect(page).toHaveURL(/\/fr\/sign-in\?callbackUrl=%2Ffr%2Fadmin%2Fusers/);
    const email = 'admin@passerelle.test';
    const before = (await mailsTo(email)).length;
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    const mail = await waitForMail(email, before);
    await page.goto(linkIn(mail));
    // An admin page asks for the second factor first, then goes on to it.
    await expect(page).toHaveURL(/\/fr\/second-factor\?callbackUrl=%2Ffr%2Fadmin%2Fusers$/);
    await enterTotp(page, email, 'fr', DEMO_TOTP_SECRET);
    await expect(page).toHaveURL(/\/fr\/admin\/users$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Utilisateurs et rôles');
  });

  test('a participant gets a 403 page on the admin pages', async ({ page }) => {
    await signInAs(page, 'participante@passerelle.test');
    const response = await page.goto('/fr/admin/users');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accès refusé');
    const en = await page.goto('/en/admin/organisations');
    expect(en?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Access denied');
  });

  test('an organiser may list organisations but not users', async ({ page }) => {
    await signInAs(page, 'organisatrice@passerelle.test');
    const orgs = await page.goto('/fr/admin/organisations');
    expect(orgs?.status()).toBe(200);
    await expect(page.getByRole('cell', { name: 'MENJ' })).toBeVisible();
    const users = await page.goto('/fr/admin/users');
    expect(users?.status()).toBe(403);
  });
});

test.describe('bad input', () => {
  test('a malformed e-mail gets a translated error and sends nothing', async ({ page }) => {
    await page.goto('/fr/sign-in');
    await page.getByLabel('Adresse électronique').fill('pas-une-adresse@');
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await expect(page.getByText('Adresse électronique non valide')).toBeVisible();
    await expect(page.getByLabel('Adresse électronique')).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/fr\/sign-in$/);
    expect(await mailsTo('pas-une-adresse@')).toHaveLength(0);

    await page.goto('/en/sign-in');
    await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
    await expect(page.getByText('This field is required.')).toBeVisible();
  });

  test('a used magic link is refused with a translated message', async ({ page, browser }) => {
    const { link } = await requestMagicLink(page, 'participante@passerelle.test');
    await page.goto(link);
    await expect(page.getByRole('link', { name: 'Se déconnecter' })).toBeVisible();
    const other = await browser.newContext({ locale: 'en-GB' });
    const second = await other.newPage();
    const response = await second.goto(link);
    expect(response?.status()).toBeLessThan(500);
    await expect(second).toHaveURL(/\/en\/sign-in\/error\?error=Verification/);
    await expect(
      second.getByText('This sign-in link has expired or has already been used.'),
    ).toBeVisible();
    await expect(second.getByRole('link', { name: 'Sign out' })).toHaveCount(0);
    await other.close();
  });

  test('a garbled token is refused', async ({ page }) => {
    const { link } = await requestMagicLink(page, 'participante@passerelle.test');
    const garbled = new URL(link);
    garbled.searchParams.set('token', 'not-the-token');
    await page.goto(garbled.toString());
    await expect(page).toHaveURL(/\/fr\/sign-in\/error\?error=Verification/);
    await expect(
      page.getByText('Ce lien de connexion a expiré ou a déjà été utilisé.'),
    ).toBeVisible();
  });

  test('an expired magic link is refused', async ({ page }) => {
    test.skip(!E2E.databaseUrl, 'needs the PostgreSQL server to age the token');
    const email = 'designataire.education@passerelle.test';
    const { link } = await requestMagicLink(page, email);
    const sql = postgres(E2E.databaseUrl as string, { max: 1 });
    await sql`update verification_tokens set expires = now() - interval '1 minute' where identifier = ${email}`;
    await sql.end();
    await page.goto(link);
    await expect(page).toHaveURL(/\/fr\/sign-in\/error\?error=Verification/);
  });

  test('a forged callback URL never leaves the site', async ({ page }) => {
    for (const forged of [
      'https://evil.example/steal',
      '//evil.example/steal',
      '/\\evil.example',
    ]) {
      await page.goto(`/fr/sign-in?callbackUrl=${encodeURIComponent(forged)}`);
      const email = 'participante@passerelle.test';
      const before = (await mailsTo(email)).length;
      await page.getByLabel('Adresse électronique').fill(email);
      await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
      const mail = await waitForMail(email, before);
      // Also tamper with the link itself, as an attacker forwarding it would.
      const link = new URL(linkIn(mail));
      link.searchParams.set('callbackUrl', forged);
      await page.goto(link.toString());
      expect(new URL(page.url()).host).toBe(`localhost:${E2E.appPort}`);
      await page.context().clearCookies();
    }
  });

  test('an unknown locale or page gets the translated 404 page', async ({ page }) => {
    const response = await page.goto('/de/veranstaltungen');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page non trouvée');
    const en = await page.goto('/en/no-such-page');
    expect(en?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  });
});
