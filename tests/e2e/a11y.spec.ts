import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { signInAs } from '../helpers/e2e-mail';

const PUBLIC_PAGES = [
  '',
  '/sign-in',
  '/sign-in/check-email',
  '/sign-in/error?error=Verification',
  '/sign-out',
  '/accessibility',
  '/legal-notice',
  '/personal-data',
  '/dev/mailbox',
  '/no-such-page',
  '/events',
  '/events?period=past',
  '/events?format=colloquium&page=abc',
  '/events/colloque-international-prevention-radicalisation-2027',
  '/events/gctf-families-foreign-terrorist-fighters-2027',
  '/events/webinaire-francoprev-jeunesse-2027/register',
  '/events/colloque-international-prevention-radicalisation-2027/register',
  '/events/policy-practice-youth-education-2027/register',
];

for (const locale of ['fr', 'en'] as const) {
  test.describe(`axe, ${locale}`, () => {
    for (const path of PUBLIC_PAGES) {
      test(`anonymous ${path || '/'}`, async ({ page }) => {
        await page.goto(`/${locale}${path}`);
        await expect(page.locator('html')).toHaveAttribute('lang', locale);
        await expectNoAxeViolations(page);
      });
    }

    test('registration form showing its errors', async ({ page }) => {
      await page.goto(`/${locale}/events/webinaire-francoprev-jeunesse-2027/register`);
      await page.locator('form button[type=submit]').last().click();
      await expect(page.locator('.fr-error-text').first()).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('sign-in form showing an error', async ({ page }) => {
      await page.goto(`/${locale}/sign-in`);
      await page.locator('input[name=email]').fill('bad@');
      await page.locator('form button[type=submit]').last().click();
      await expect(page.locator('.fr-error-text')).toBeVisible();
      await expectNoAxeViolations(page);
    });

    test('signed-in admin pages', async ({ page }) => {
      await signInAs(page, 'admin@passerelle.test');
      for (const path of [
        '',
        '/admin/users',
        '/admin/organisations',
        '/sign-out',
        '/registrations',
      ]) {
        await page.goto(`/${locale}${path}`);
        await expectNoAxeViolations(page);
      }
    });

    test('organiser pages: list, new event, event editor, session editor', async ({ page }) => {
      await signInAs(page, 'organisatrice@passerelle.test');
      await page.goto(`/${locale}/organiser/events`);
      await expectNoAxeViolations(page);
      const edit = (await page
        .getByRole('table')
        .getByRole('link')
        .first()
        .getAttribute('href')) as string;
      await page.goto(`/${locale}/organiser/events/new`);
      await expectNoAxeViolations(page);
      await page.goto(edit);
      // Open every collapsed part so that its fields are checked too.
      for (const summary of await page.locator('details > summary').all()) await summary.click();
      await expectNoAxeViolations(page);
      const session = page.getByTestId('programme-session').first().getByRole('link');
      if ((await session.count()) > 0) {
        await page.goto((await session.getAttribute('href')) as string);
        await expectNoAxeViolations(page);
      }
      // The form builder, with a question being edited, and the invitations.
      await page.goto(`${edit}/form`);
      await expectNoAxeViolations(page);
      const editQuestion = page.getByTestId('questions').getByRole('link').first();
      if ((await editQuestion.count()) > 0) {
        await page.goto((await editQuestion.getAttribute('href')) as string);
        await expectNoAxeViolations(page);
      }
      await page.goto(`${edit}/invitations`);
      await expectNoAxeViolations(page);
      // The call for nominations, and the check-in desk with a search.
      await page.goto(`${edit}/nominations`);
      await expectNoAxeViolations(page);
      const eventId = edit.split('/').at(-1) as string;
      await page.goto(`/${locale}/checkin/${eventId}?q=ab`);
      await expectNoAxeViolations(page);
      await page.goto(`/${locale}/checkin/${eventId}/attendance`);
      await expectNoAxeViolations(page);
    });

    test('nominator pages: calls, rosters', async ({ page }) => {
      await signInAs(page, 'designataire.education@passerelle.test');
      for (const path of ['/nominations', '/nominations/rosters']) {
        await page.goto(`/${locale}${path}`);
        await expectNoAxeViolations(page);
      }
    });

    test('403 page', async ({ page }) => {
      await signInAs(page, 'participante@passerelle.test');
      await page.goto(`/${locale}/admin/users`);
      await expectNoAxeViolations(page);
    });
  });
}

test.describe('phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('home and sign-in pass axe, and the menu opens', async ({ page }) => {
    for (const path of [
      '/fr',
      '/en/sign-in',
      '/fr/events',
      '/en/events/colloque-international-prevention-radicalisation-2027',
      '/fr/events/colloque-international-prevention-radicalisation-2027/register',
    ]) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    await page.goto('/fr');
    const menu = page.getByRole('button', { name: 'Menu' });
    await expect(menu).toBeVisible();
    await menu.click();
    const dialog = page.locator('#header-menu-modal');
    await expect(dialog.getByRole('link', { name: 'Se connecter' })).toBeVisible();
    await expect(dialog.getByRole('link', { name: 'English' })).toBeVisible();
  });
});

test.describe('keyboard', () => {
  test('skip link, then sign-in with the keyboard only', async ({ page }) => {
    await page.goto('/fr/sign-in');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Contenu' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#content$/);
    const email = page.getByLabel('Adresse électronique');
    // Tab from the main landmark reaches the e-mail field.
    for (let i = 0; i < 10 && !(await email.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(email).toBeFocused();
    await page.keyboard.type('participante@passerelle.test');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/fr\/sign-in\/check-email/);
  });
});
