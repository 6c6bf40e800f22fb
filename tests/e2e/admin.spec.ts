import { expect, test } from '@playwright/test';
import { signInAs } from '../helpers/e2e-mail';

test('an admin grants and revokes a nominator role, and gets errors for bad choices', async ({
  page,
}) => {
  const email = `agent.${Date.now()}@example.org`;
  // The person signs in once, so that they have an account.
  await signInAs(page, email);
  await page.context().clearCookies();

  await signInAs(page, 'admin@passerelle.test');
  await page.goto('/fr/admin/users');
  const row = page.getByTestId(`user-${email}`);
  await expect(row).toContainText('Participant·e uniquement');

  await row.getByText(`Attribuer un rôle à ${email}`).click();
  await row.getByLabel('Rôle', { exact: true }).selectOption('nominator');
  // No organisation chosen: refused with a translated message, nothing granted.
  await row.getByRole('button', { name: 'Attribuer' }).click();
  await expect(
    row.getByText('Un désignataire agit pour une organisation : choisissez-la.'),
  ).toBeVisible();
  await expect(row).toContainText('Participant·e uniquement');

  await row.getByLabel('Organisation (pour les désignataires)').selectOption({
    label: "Ministère de l'Éducation nationale (MENJ)",
  });
  await row.getByRole('button', { name: 'Attribuer' }).click();
  await expect(row).toContainText("Désignataire — Ministère de l'Éducation nationale");

  // The same grant twice is refused.
  await row.getByLabel('Rôle', { exact: true }).selectOption('nominator');
  await row.getByLabel('Organisation (pour les désignataires)').selectOption({
    label: "Ministère de l'Éducation nationale (MENJ)",
  });
  await row.getByRole('button', { name: 'Attribuer' }).click();
  await expect(row.getByText('Cette personne détient déjà ce rôle.')).toBeVisible();

  await row.getByRole('button', { name: `Retirer le rôle Désignataire à ${email}` }).click();
  await expect(row).toContainText('Participant·e uniquement');
});

test('an admin cannot remove their own admin role', async ({ page }) => {
  await signInAs(page, 'admin@passerelle.test');
  await page.goto('/en/admin/users');
  const row = page.getByTestId('user-admin@passerelle.test');
  await row
    .getByRole('button', { name: 'Revoke the Administrator role from admin@passerelle.test' })
    .click();
  await expect(row.getByText('You cannot revoke your own administrator role.')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('user-admin@passerelle.test')).toContainText('Administrator');
});
