import fs from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { expectNoAxeViolations } from '../helpers/axe';
import { createOpenEvent } from '../helpers/e2e-events';
import { signInAs } from '../helpers/e2e-mail';

// An organiser downloads the registrations of their event as CSV and as XLSX from the
// registrations page; a nominator asking for the same file is refused; the admin finds
// the export in the audit log, filtered (a page checked with axe in both languages).

const stamp = Date.now().toString(36);
const TITLE_FR = `Colloque export ${stamp}`;
const ORGANISER = 'organisatrice@passerelle.test';

async function download(page: Page, name: RegExp): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).click(),
  ]);
  return fs.readFileSync((await file.path()) as string);
}

test('an organiser downloads the registrations as CSV and XLSX, a nominator is refused, the admin finds the export in the audit log', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const slug = `colloque-export-${stamp}`;
  const eventId = await createOpenEvent(page, {
    slug,
    titleFr: TITLE_FR,
    titleEn: `Export colloquium ${stamp}`,
    capacity: 10,
  });
  for (const [firstName, lastName] of [
    ['Awa', 'Traoré'],
    ['=HYPERLINK("http://evil.example")', 'Piège'],
  ] as const) {
    const res = await page.request.post(`/api/events/${slug}/registrations`, {
      data: {
        firstName,
        lastName,
        email: `${lastName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}.${stamp}@example.org`,
        organisation: 'Préfecture du Nord',
        function: 'Cheffe de projet',
        country: 'FR',
        locale: 'fr',
        privacyAcknowledged: true,
      },
    });
    expect(res.status()).toBe(201);
  }

  // From the registrations page, with the keyboard: the link takes focus and Enter downloads.
  await page.goto(`/fr/organiser/events/${eventId}/registrations`);
  const csvLink = page.getByRole('link', { name: 'Télécharger Inscriptions au format CSV' });
  await csvLink.focus();
  await expect(csvLink).toBeFocused();
  const [keyboardFile] = await Promise.all([
    page.waitForEvent('download'),
    page.keyboard.press('Enter'),
  ]);
  expect(keyboardFile.suggestedFilename()).toMatch(new RegExp(`^registrations-${slug}-.*\\.csv$`));
  const csv = (await download(page, /Inscriptions au format CSV/)).toString('utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).split('\r\n');
  expect(lines[0]).toContain(`par ${ORGANISER} le `);
  expect(lines[1]).toMatch(/^N° d’arrivée;Statut;Nom;Prénom;Adresse électronique;/);
  expect(lines.find((l) => l.includes('Traoré'))).toMatch(/;Confirmée;Traoré;Awa;/);
  // The formula is written as text, behind an apostrophe.
  expect(lines.find((l) => l.includes('Piège'))).toContain(
    ';"\'=HYPERLINK(""http://evil.example"")";',
  );

  const xlsx = unzipSync(new Uint8Array(await download(page, /Inscriptions au format XLSX/)));
  const sheet = new TextDecoder().decode(xlsx['xl/worksheets/sheet1.xml']);
  const core = new TextDecoder().decode(xlsx['docProps/core.xml']);
  expect(core).toContain(`<dc:creator>${ORGANISER}</dc:creator>`);
  expect(sheet).toContain('<t xml:space="preserve">Traoré</t>');
  expect(sheet).toContain(
    '<t xml:space="preserve">=HYPERLINK(&quot;http://evil.example&quot;)</t>',
  );
  expect(sheet).not.toContain('<f>');

  // A nominator asking for the file is refused, in French.
  const nominator = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signInAs(nominator, 'designataire.education@passerelle.test');
  const refused = await nominator.request.get(
    `/api/events/${eventId}/exports/registrations?format=csv&locale=fr`,
  );
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toBe("Vous n'avez pas les droits nécessaires pour cette action.");

  // The admin finds the organiser's exports in the audit log, from the admin menu.
  const admin = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
  await signInAs(admin, 'admin@passerelle.test');
  await admin.goto('/fr/admin');
  await admin.getByRole('link', { name: 'Journal d’audit' }).click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Journal d’audit');
  await expectNoAxeViolations(admin);
  await admin.getByLabel('Adresse électronique de l’auteur').fill('organisatrice@');
  await admin.getByLabel('Action').selectOption('exports.download');
  await admin.getByLabel('Identifiant de l’objet').fill(eventId);
  await admin.getByRole('button', { name: 'Filtrer' }).click();
  const lines2 = admin.getByTestId('audit-line');
  await expect(lines2).toHaveCount(3);
  await expect(lines2.first()).toContainText('Export d’une liste');
  await expect(lines2.first()).toContainText(ORGANISER);
  await expect(lines2.first()).toContainText('kind : registrations');
  await expect(lines2.first()).toContainText('format : xlsx');
  await expect(lines2.nth(1)).toContainText('format : csv');
  // The organiser's read of the list is there too.
  await admin.goto(`/en/admin/audit?action=registrations.list&subjectId=${eventId}`);
  await expect(admin.getByTestId('audit-line').first()).toContainText('Registrations list read');
  await expectNoAxeViolations(admin);
  // The organiser, not an admin, is refused the audit log.
  const response = await page.goto('/fr/admin/audit');
  expect(response?.status()).toBe(403);
});
