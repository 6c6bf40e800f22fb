// Sign-in through the local ProConnect-shaped OpenID Connect server
// (tests/helpers/oidc-server.ts), driven in Chromium.
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import postgres from 'postgres';
import { appUrl, E2E, oidcIssuer } from '../helpers/e2e-env';

/** What the forged userinfo claims (FORGED_EMAIL in oidc-server.ts): a seeded admin. */
const FORGED_EMAIL = 'admin@passerelle.test';

const signedInAs = (email: string) => `Vous êtes connecté·e en tant que ${email}.`;

async function signInWithProConnect(page: Page, login: string) {
  await page.goto(appUrl('/fr/sign-in'));
  await page.getByRole('button', { name: "S'identifier avec ProConnect" }).click();
  await expect(page).toHaveURL(new RegExp(`^${oidcIssuer()}/interaction/`));
  await page.getByLabel('Identifiant').fill(login);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/** A browser with no cookie at all: neither the app's session nor the provider's. */
async function freshPage(browser: Browser) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  return { context, page: await context.newPage() };
}

async function setForging(request: APIRequestContext, on: boolean) {
  const response = await request.post(`${oidcIssuer()}/__test/forge`, { data: on ? 'on' : 'off' });
  expect(response.ok()).toBe(true);
  expect(await response.text()).toBe(on ? 'on' : 'off');
}

/** Users with this e-mail and their ProConnect links; null when the run is on PGlite. */
async function proConnectLinks(email: string) {
  if (!E2E.databaseUrl) return null;
  const sql = postgres(E2E.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return await sql<{ id: string; links: number }[]>`
      select u.id, count(a.user_id)::int as links
      from users u left join accounts a on a.user_id = u.id and a.provider = 'proconnect'
      where lower(u.email) = ${email.toLowerCase()}
      group by u.id`;
  } finally {
    await sql.end();
  }
}

test('a new agent signs in through ProConnect, and finds the same account next time', async ({
  browser,
}) => {
  const email = `agent.oidc-${E2E.runId}@interieur.gouv.fr`;
  for (const round of [1, 2]) {
    const { context, page } = await freshPage(browser);
    try {
      await signInWithProConnect(page, email);
      await expect(page, `round ${round}`).toHaveURL(appUrl('/fr'));
      await expect(page.getByText(signedInAs(email))).toBeVisible();
      expect((await context.cookies()).some((c) => c.name.endsWith('authjs.session-token'))).toBe(
        true,
      );
    } finally {
      await context.close();
    }
  }
  const links = await proConnectLinks(email);
  if (links) expect(links).toEqual([{ id: expect.any(String), links: 1 }]);
});

test('an e-mail already known from the seed signs in to that account', async ({ page }) => {
  const email = 'organisatrice@passerelle.test';
  const before = await proConnectLinks(email);
  await signInWithProConnect(page, email);
  await expect(page).toHaveURL(appUrl('/fr'));
  await expect(page.getByText(signedInAs(email))).toBeVisible();
  await expect(page.getByText('Vos rôles :')).toContainText('Organisateur·rice');
  const after = await proConnectLinks(email);
  if (before && after) {
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(before[0]?.id);
    expect(after[0]?.links).toBe(1);
  }
});

test('a forged userinfo answer (another e-mail, a key outside the JWKS) is refused', async ({
  browser,
  request,
}) => {
  const email = `agent.victime-${E2E.runId}@interieur.gouv.fr`;
  const adminBefore = await proConnectLinks(FORGED_EMAIL);
  await setForging(request, true);
  try {
    const { context, page } = await freshPage(browser);
    try {
      await signInWithProConnect(page, email);
      await expect(page).toHaveURL(/\/fr\/sign-in\/error(\?|$)/);
      await expect(
        page.getByRole('heading', { level: 1, name: 'Connexion impossible' }),
      ).toBeVisible();
      await page.goto(appUrl('/fr'));
      await expect(page.getByText('Vous êtes connecté·e')).toHaveCount(0);
      await expect(page.getByText(FORGED_EMAIL)).toHaveCount(0);
      expect((await context.cookies()).some((c) => c.name.endsWith('authjs.session-token'))).toBe(
        false,
      );
    } finally {
      await context.close();
    }
  } finally {
    await setForging(request, false);
  }
  const adminAfter = await proConnectLinks(FORGED_EMAIL);
  if (adminBefore && adminAfter) expect(adminAfter).toEqual(adminBefore);

  // With the switch off, the same person signs in as themself: the refusal came from
  // the forgery, not from a broken flow.
  const { context, page } = await freshPage(browser);
  try {
    await signInWithProConnect(page, email);
    await expect(page).toHaveURL(appUrl('/fr'));
    await expect(page.getByText(signedInAs(email))).toBeVisible();
  } finally {
    await context.close();
  }
});
