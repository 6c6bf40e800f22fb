import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { linkIn, mailsTo, waitForMail } from '../helpers/e2e-mail';

const stamp = Date.now().toString(36);

test('a manage link replaced by a new one opens a translated "revoked" page, from which a new link is sent', async ({
  page,
  request,
}) => {
  const email = `lien.${stamp}@example.org`;
  const answer = await request.post(
    '/api/events/webinaire-francoprev-jeunesse-2027/registrations',
    {
      data: {
        firstName: 'Awa',
        lastName: 'Diop',
        email,
        organisation: 'Ministère de l’Éducation',
        function: 'Inspectrice',
        country: 'SN',
        locale: 'fr',
        privacyAcknowledged: true,
      },
      headers: { 'x-forwarded-for': '192.0.2.77' },
    },
  );
  expect(answer.status()).toBe(201);
  const old = linkIn(await waitForMail(email, 0));
  expect(old).toContain('/fr/registrations/');

  // The person asks for a new link: the one in hand stops working.
  await page.goto(old);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon inscription');
  await page.getByRole('button', { name: 'M’envoyer un nouveau lien' }).click();
  await expect(page.getByText('Un nouveau lien a été envoyé')).toBeVisible();
  const fresh = linkIn(await waitForMail(email, 1));
  expect(fresh).not.toBe(old);

  await page.goto(old);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ce lien a été révoqué');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: 'test-results/link-revoked-fr.png', fullPage: true });
  await page.goto(old.replace('/fr/', '/en/'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link was revoked');
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'test-results/link-revoked-en-390.png', fullPage: true });
  await page.getByRole('button', { name: 'Send me a new link' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('A new link was sent')).toBeVisible();
  await waitForMail(email, 2);
  // The newest link works, in the registration's language.
  const newest = linkIn((await mailsTo(email))[2] as never);
  await page.goto(newest);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon inscription');
});

test('sign-in links asked for too often: the form says "try again in N seconds"; a direct POST gets 429 with Retry-After', async ({
  page,
  request,
}) => {
  const email = `trop.${stamp}@example.org`;
  for (let i = 0; i < 5; i++) {
    await page.goto('/fr/sign-in');
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await expect(page).toHaveURL(/\/fr\/sign-in\/check-email/);
  }
  await page.goto('/fr/sign-in');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
  await expect(page.locator('.fr-alert')).toContainText(
    /Trop de demandes en peu de temps : réessayez dans \d+ secondes/,
  );
  await expect(page).toHaveURL(/\/fr\/sign-in$/);

  // Straight to Auth.js, the same e-mail: refused before any mail is sent.
  const direct = await request.post('/api/auth/signin/email', {
    form: { email, callbackUrl: '/en' },
    headers: { 'accept-language': 'en' },
  });
  expect(direct.status()).toBe(429);
  expect(Number(direct.headers()['retry-after'])).toBeGreaterThan(0);
  expect(await direct.text()).toMatch(/^Too many requests in a short time: try again in \d+/);
  expect(await mailsTo(email)).toHaveLength(5);
});
