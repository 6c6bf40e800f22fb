import { type APIResponse, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { createOpenEvent } from '../helpers/e2e-events';
import { linkIn, waitForSubject } from '../helpers/e2e-mail';

// The hardened HTTP answers (issue 7): the headers of each kind of response, then real
// Chromium using the pages under their Content-Security-Policy without one violation.

const COLLOQUIUM = 'colloque-international-prevention-radicalisation-2027';
const stamp = Date.now().toString(36);

/** The policy as a map of directive → sources. */
function directives(policy: string | undefined): Map<string, string[]> {
  expect(policy, 'Content-Security-Policy').toBeTruthy();
  return new Map(
    (policy ?? '').split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name as string, sources];
    }),
  );
}

/** The headers every response carries, pages, route handlers and static files alike. */
function expectBaseHeaders(response: APIResponse, referrer = 'strict-origin-when-cross-origin') {
  const h = response.headers();
  expect(h['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe(referrer);
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['cross-origin-opener-policy']).toBe('same-origin');
  const permissions = h['permissions-policy']?.split(/,\s*/) ?? [];
  expect(permissions).toContain('camera=(self)');
  expect(permissions).toEqual(expect.arrayContaining(['microphone=()', 'geolocation=()']));
  expect(permissions.filter((p) => !p.endsWith('=()'))).toEqual(['camera=(self)']);
}

/** A page's policy: its scripts need this response's nonce; the page can be framed by no one. */
async function expectPagePolicy(response: APIResponse): Promise<string> {
  const csp = directives(response.headers()['content-security-policy']);
  const scripts = csp.get('script-src') ?? [];
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'unsafe-eval'");
  expect(scripts).toContain("'strict-dynamic'");
  expect(scripts).toContain("'wasm-unsafe-eval'");
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  expect(csp.get('connect-src')).toEqual(["'self'"]);
  expect(csp.get('form-action')?.[0]).toBe("'self'");
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice(7, -1) ?? '';
  expect(nonce.length).toBeGreaterThanOrEqual(22);
  // Every script of the page carries that nonce.
  const html = await response.text();
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  return nonce;
}

function expectPrivate(response: APIResponse) {
  const cacheControl = response.headers()['cache-control'] ?? '';
  expect(cacheControl).toContain('private');
  expect(cacheControl).toContain('no-store');
}

test('every kind of response carries its security headers', async ({ page }) => {
  // A public page, twice: a fresh nonce each time, so no shared cache may keep it.
  const home = await page.request.get('/fr');
  expect(home.status()).toBe(200);
  expectBaseHeaders(home);
  const nonce = await expectPagePolicy(home);
  const again = await page.request.get('/fr');
  expect(await expectPagePolicy(again)).not.toBe(nonce);
  expect(home.headers()['x-nextjs-cache']).toBeUndefined();

  // The public event page (once cached for anonymous visitors): rendered for its request.
  const event = await page.request.get(`/en/events/${COLLOQUIUM}`);
  expect(event.status()).toBe(200);
  expectBaseHeaders(event);
  await expectPagePolicy(event);

  // A route handler (the public calendar file) and the desk's decoder, kept by browsers.
  const ics = await page.request.get(`/api/events/${COLLOQUIUM}/ics`);
  expect(ics.status()).toBe(200);
  expectBaseHeaders(ics);
  const decoder = await page.request.get('/api/checkin/decoder?v=test');
  expectBaseHeaders(decoder);
  expect(decoder.headers()['cache-control']).toContain('immutable');
  // A JSON answer of the registration API, even a refusal, is never kept.
  const refused = await page.request.post(`/api/events/${COLLOQUIUM}/registrations`, {
    data: { email: 'not an address' },
  });
  expect(refused.status()).toBeGreaterThanOrEqual(400);
  expectBaseHeaders(refused);
  expectPrivate(refused);
  // Auth.js's session answer.
  const session = await page.request.get('/api/auth/session');
  expectBaseHeaders(session);
  expect(session.headers()['cache-control']).toContain('no-store');

  // A static file: one of the page's own scripts.
  const script = (await again.text()).match(/\/_next\/static\/[^"]+\.js/)?.[0];
  expect(script).toBeTruthy();
  const asset = await page.request.get(script as string);
  expect(asset.status()).toBe(200);
  expectBaseHeaders(asset);

  // An address that carries a token sends no Referer, whatever the token's worth.
  const manage = await page.request.get('/fr/registrations/no-such-token');
  expectBaseHeaders(manage, 'no-referrer');
  expectPrivate(manage);
  const invited = await page.request.get(`/fr/events/${COLLOQUIUM}/register?invitation=abc`);
  expectBaseHeaders(invited, 'no-referrer');
});

/**
 * Collects the Content-Security-Policy violations of every page of a context, across
 * navigations: the browser's own console reports, and the violation events, which the
 * page reports to the console as they happen.
 */
async function watchViolations(context: BrowserContext): Promise<() => string[]> {
  const reported: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  context.on('page', (p: Page) =>
    p.on('console', (m) => {
      if (/Content[ -]Security[ -]Policy/i.test(m.text())) reported.push(`${p.url()}: ${m.text()}`);
    }),
  );
  return () => reported;
}

test('the pages work under their policy: no violation from home to the check-in desk', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const organiserContext = await browser.newContext({ locale: 'fr-FR' });
  const organiserViolations = await watchViolations(organiserContext);
  const organiser = await organiserContext.newPage();

  // The organiser signs in and creates an event through the editor (client components).
  const slug = `atelier-csp-${stamp}`;
  const title = `Atelier CSP ${stamp}`;
  const eventId = await createOpenEvent(organiser, {
    slug,
    titleFr: title,
    titleEn: `CSP workshop ${stamp}`,
    capacity: 10,
  });
  // Its session cookie: HttpOnly, SameSite=Lax (Secure over HTTPS: see the integration test).
  const cookies = await organiserContext.cookies();
  const sessionCookie = cookies.find((c) => c.name.endsWith('authjs.session-token'));
  expect(sessionCookie?.httpOnly).toBe(true);
  expect(sessionCookie?.sameSite).toBe('Lax');
  for (const c of cookies.filter((c) => c.name === 'NEXT_LOCALE')) expect(c.httpOnly).toBe(true);

  // An organiser page: private, with its own policy.
  const list = await organiser.request.get('/fr/organiser/events');
  expect(list.status()).toBe(200);
  expectBaseHeaders(list);
  expectPrivate(list);
  await expectPagePolicy(list);
  await organiser.goto(`/fr/organiser/events/${eventId}`);
  await expect(organiser.getByRole('heading', { level: 1 })).toContainText(title);

  // The check-in desk: its client component runs (the search box answers).
  await organiser.goto(`/fr/checkin/${eventId}`);
  await expect(organiser.getByRole('textbox', { name: 'Adresse électronique' })).toBeVisible();
  await organiser.waitForLoadState('networkidle');
  expect(organiserViolations()).toEqual([]);

  // A visitor: home, an event page, the registration form sent (react-hook-form, a server
  // action), then the manage link from the mail.
  const visitorContext = await browser.newContext({ locale: 'fr-FR' });
  const visitorViolations = await watchViolations(visitorContext);
  const visitor = await visitorContext.newPage();
  await visitor.goto('/fr');
  await visitor.goto(`/fr/events/${COLLOQUIUM}`);
  await expect(visitor.getByRole('heading', { level: 1 })).toBeVisible();
  await visitor.goto(`/fr/events/${slug}/register`);
  const email = `csp.${stamp}@example.org`;
  await visitor.getByLabel('Prénom *').fill('Inès');
  await visitor.getByLabel('Nom *', { exact: true }).fill('Martin');
  await visitor.getByLabel('Adresse électronique *').fill(email);
  await visitor.getByLabel('Organisation *').fill('Préfecture du Nord');
  await visitor.getByLabel('Fonction *').fill('Référente radicalisation');
  await visitor.getByLabel('Pays *').selectOption('FR');
  await visitor.getByText('J’ai pris connaissance de la politique').click();
  await visitor.getByRole('button', { name: 'Envoyer mon inscription' }).click();
  await expect(visitor.getByTestId('registration-done')).toContainText(
    'Votre inscription est confirmée.',
  );
  const link = linkIn(await waitForSubject(email, `Inscription confirmée : ${title}`));
  const manage = await visitor.request.get(link);
  expect(manage.status()).toBe(200);
  expectBaseHeaders(manage, 'no-referrer');
  expectPrivate(manage);
  await expectPagePolicy(manage);
  await visitor.goto(link);
  await expect(visitor.getByTestId('ticket')).toBeVisible();
  await visitor.waitForLoadState('networkidle');
  expect(visitorViolations()).toEqual([]);

  await organiserContext.close();
  await visitorContext.close();
});
