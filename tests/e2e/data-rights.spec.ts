import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from '../helpers/axe';
import { signInAs } from '../helpers/e2e-mail';

const stamp = Date.now().toString(36);

test('a person downloads their data and asks for erasure; an admin erases them', async ({
  page,
  browser,
}) => {
  // Two people, five pages with axe: generous on a loaded machine.
  test.setTimeout(240_000);
  const email = `effacement.${stamp}@example.org`;
  const person = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signInAs(person, email);
  await person.goto('/fr/registrations');
  await person.getByRole('link', { name: /Mes données personnelles/ }).click();
  await expect(person.getByRole('heading', { level: 1 })).toHaveText('Mes données personnelles');
  await expectNoAxeViolations(person);

  // The right of access: a JSON file holding the account and the sign-in mails.
  const [download] = await Promise.all([
    person.waitForEvent('download'),
    person.getByTestId('download-my-data').click(),
  ]);
  const data = JSON.parse(fs.readFileSync((await download.path()) as string, 'utf8'));
  expect(data.account.email).toBe(email);
  expect(data.mails.length).toBeGreaterThan(0);

  // The request needs its box ticked: refused with a translated message first.
  const request = person.getByTestId('erasure-request');
  await request.getByRole('button', { name: 'Demander l’effacement' }).click();
  await expect(
    request.getByText('Cochez la case pour confirmer : l’effacement est définitif.'),
  ).toBeVisible();
  await expectNoAxeViolations(person);
  await request.getByText('Je demande l’effacement définitif').click();
  await request.getByRole('button', { name: 'Demander l’effacement' }).click();
  // The page shows the request as pending, then and after a reload.
  await expect(person.getByTestId('erasure-pending')).toContainText('en attente de traitement');
  await person.reload();
  await expect(person.getByTestId('erasure-pending')).toBeVisible();

  // The admin sees the request and carries it out.
  await signInAs(page, 'admin@passerelle.test', 'en');
  await page.goto('/en/admin/users');
  await page.getByRole('link', { name: /Erase a person \(\d+ requests? waiting\)/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Erasure of personal data');
  const row = page.getByTestId(`erasure-request-${email}`);
  await expect(row).toBeVisible();
  await expectNoAxeViolations(page);
  await row.getByText(`I confirm the erasure of ${email} for good.`).click();
  await row.getByRole('button', { name: 'Erase' }).click();
  await expect(page.getByTestId(`erasure-request-${email}`)).toHaveCount(0);

  // Erased again by e-mail: nothing is tied to the address any more.
  const form = page.getByTestId('erase-person');
  await form.getByLabel('E-mail address').fill(email);
  await form.getByText('I confirm the erasure of this person, everywhere, for good.').click();
  await form.getByRole('button', { name: 'Erase this person' }).click();
  await expect(
    form.getByText('No data is tied to this e-mail address. Nothing was erased.'),
  ).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Rosters to review' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Designation rosters to review');
  await expectNoAxeViolations(page);

  // The person's sessions went with the account.
  await person.goto('/fr/my-data');
  await expect(person).toHaveURL(/\/fr\/sign-in/);
});
