import fs from 'node:fs';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { signInAs } from '../helpers/e2e-mail';
import { icsDate, parseIcs } from '../helpers/ics-parse';

const COLLOQUIUM = 'colloque-international-prevention-radicalisation-2027';
const COLLOQUIUM_FR = 'Colloque international sur la prévention de la radicalisation';
const COLLOQUIUM_EN = 'International Colloquium on Radicalisation Prevention';
const GCTF = 'gctf-families-foreign-terrorist-fighters-2027';
const MENTAL_HEALTH = 'mental-health-working-group-2027';
const TUNIS = 'visite-etude-tunis-2027';

const results = (page: Page) => page.locator('section[aria-labelledby="results-title"]');
const resultTitles = (page: Page) => results(page).locator('.fr-card__title');
const session = (page: Page, title: string | RegExp) =>
  page.getByTestId('session').filter({ has: page.getByRole('heading', { name: title }) });

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not visible');
  return b;
}

async function expectNotFound(page: Page, path: string, title = 'Page non trouvée') {
  const response = await page.goto(path);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('a visitor finds the colloquium by format and by English text, reads it, switches language and downloads the .ics', async ({
  page,
}) => {
  // Hydration mismatches (the visitor's time zone is added in the browser) would show here.
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/fr/events');
  await expect(page.getByRole('heading', { level: 1, name: 'Événements' })).toBeVisible();
  // Upcoming, soonest first.
  await expect(resultTitles(page).first()).toContainText('Webinaire FrancoPREV');
  await expect(resultTitles(page)).toContainText([
    'Webinaire FrancoPREV',
    'GCTF',
    'Policy & Practice',
    COLLOQUIUM_FR,
  ]);

  // Filter by format: a GET form, so the URL can be shared.
  await page.getByLabel('Format', { exact: true }).selectOption({ label: 'Colloque' });
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await expect(page).toHaveURL(/[?&]format=colloquium(&|$)/);
  await expect(page.getByRole('heading', { name: '1 événement' })).toBeVisible();
  await expect(resultTitles(page)).toHaveText([COLLOQUIUM_FR]);
  const card = results(page).locator('.fr-card');
  await expect(card).toContainText('13 avril 2027 à 08:30');
  await expect(card).toContainText('Europe/Paris, UTC+2');
  await expect(card).toContainText('Paris, France');
  await expect(card).toContainText('Inscription soumise à validation');
  // The shared URL gives the same result.
  await page.goto(page.url());
  await expect(resultTitles(page)).toHaveText([COLLOQUIUM_FR]);

  // Text search in English, in the English interface; a French word finds it too.
  await page.goto('/en/events');
  await page.getByLabel('Search').fill('Colloquium');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]q=Colloquium(&|$)/);
  await expect(resultTitles(page)).toHaveText([COLLOQUIUM_EN]);
  await page.goto('/en/events?q=prévention');
  await expect(resultTitles(page)).toHaveText([COLLOQUIUM_EN]);
  await page.goto('/en/events?q=nothing-like-this');
  await expect(page.getByRole('heading', { name: 'No events' })).toBeVisible();

  // The event page, in English.
  await page.goto('/en/events?q=Colloquium');
  await page.getByRole('link', { name: COLLOQUIUM_EN }).click();
  await expect(page).toHaveURL(new RegExp(`/en/events/${COLLOQUIUM}$`));
  await expect(page).toHaveTitle(new RegExp(`^${COLLOQUIUM_EN}`));
  await expect(page.getByRole('heading', { level: 1, name: COLLOQUIUM_EN })).toBeVisible();
  await expect(page.getByTestId('event-dates')).toHaveText(
    'April 13, 2027 at 8:30 AM – April 14, 2027 at 5:30 PM',
  );
  await expect(page.getByText('Europe/Paris, UTC+2').first()).toBeVisible();
  await expect(page.getByText('École militaire')).toBeVisible();
  await expect(page.getByText('Registration subject to approval')).toBeVisible();

  // Day 1 holds the three parallel workshops, side by side on a wide screen.
  const day1 = page.getByRole('region', { name: 'Tuesday, April 13, 2027' });
  await expect(day1).toBeVisible();
  const slot = day1.getByTestId('timetable-slot').filter({ hasText: '3 parallel sessions' });
  await expect(slot.getByRole('heading', { level: 4 })).toHaveText([
    'Workshop A — Prevention at school',
    'Workshop B — Minors returning from conflict zones',
    'Workshop C — Mental health and radicalisation',
  ]);
  const [a, b, c] = await Promise.all(
    ['Workshop A', 'Workshop B', 'Workshop C'].map((t) => box(session(page, new RegExp(t)))),
  );
  expect(Math.abs((a?.y ?? 0) - (b?.y ?? 1))).toBeLessThan(2);
  expect(a?.x).toBeLessThan(b?.x ?? 0);
  expect(b?.x).toBeLessThan(c?.x ?? 0);
  await expect(page.getByRole('region', { name: 'Wednesday, April 14, 2027' })).toContainText(
    'Reserved: Ministry',
  );
  // A session under the Chatham House Rule names nobody; the others name their speakers.
  await expect(session(page, /Workshop A/)).toContainText('Nadia Benali');
  await expect(session(page, /Workshop E/)).toContainText('Chatham House');
  await expect(session(page, /Workshop E/)).not.toContainText('Speakers');
  await expect(page.getByText('Marc Dubois')).toHaveCount(0);

  // Switching language keeps the page.
  await page.getByRole('link', { name: 'Français' }).first().click();
  await expect(page).toHaveURL(new RegExp(`/fr/events/${COLLOQUIUM}$`));
  await expect(page.getByRole('heading', { level: 1, name: COLLOQUIUM_FR })).toBeVisible();
  await expect(page.getByRole('region', { name: 'mardi 13 avril 2027' })).toContainText(
    '3 sessions en parallèle',
  );
  await expect(page.getByTestId('event-dates')).toHaveText(
    '13 avril 2027 à 08:30 – 14 avril 2027 à 17:30',
  );

  // The event's .ics, in French.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: `Ajouter à mon agenda (.ics) — ${COLLOQUIUM_FR}` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${COLLOQUIUM}.ics`);
  const text = fs.readFileSync((await download.path()) ?? '', 'utf8');
  expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  const { events } = parseIcs(text);
  expect(events).toHaveLength(1);
  const [event] = events;
  expect(event?.SUMMARY).toBe(COLLOQUIUM_FR);
  // Doors open at 08:30 in Paris, which is UTC+2 in April.
  expect(event?.DTSTART).toBe('20270413T063000Z');
  expect(icsDate(event?.DTSTART ?? '').toISOString()).toBe('2027-04-13T06:30:00.000Z');
  expect(icsDate(event?.DTEND ?? '').toISOString()).toBe('2027-04-14T15:30:00.000Z');
  expect(event?.UID).toMatch(/^[0-9a-f-]{36}@passerelle$/);
  expect(event?.LOCATION).toContain('École militaire');
  expect(event?.URL).toMatch(new RegExp(`/fr/events/${COLLOQUIUM}$`));

  // A session's .ics.
  const sessionLink = session(page, /Atelier A/).getByRole('link', {
    name: /Ajouter à mon agenda/,
  });
  const href = await sessionLink.getAttribute('href');
  expect(href).toMatch(
    new RegExp(`^/api/events/${COLLOQUIUM}/sessions/[0-9a-f-]{36}/ics\\?lang=fr$`),
  );
  const response = await page.request.get(href ?? '');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(response.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.ics"$/);
  const [workshop] = parseIcs(await response.text()).events;
  expect(workshop?.SUMMARY).toBe(`Atelier A — La prévention en milieu scolaire — ${COLLOQUIUM_FR}`);
  expect(workshop?.DTSTART).toBe('20270413T090000Z');
  expect(workshop?.DTEND).toBe('20270413T103000Z');
  expect(workshop?.LOCATION).toMatch(/^Salle Lyautey, École militaire/);
  expect(workshop?.UID).not.toBe(event?.UID);
  // The opening session, 09:00 in Paris.
  const opening = await page.request.get(
    (await session(page, "Séance d'ouverture")
      .getByRole('link', { name: /Ajouter à mon agenda/ })
      .getAttribute('href')) ?? '',
  );
  const [openingEvent] = parseIcs(await opening.text()).events;
  expect(icsDate(openingEvent?.DTSTART ?? '').toISOString()).toBe('2027-04-13T07:00:00.000Z');
  // English on request.
  const english = await page.request.get(href?.replace('lang=fr', 'lang=en') ?? '');
  expect(parseIcs(await english.text()).events[0]?.SUMMARY).toBe(
    `Workshop A — Prevention at school — ${COLLOQUIUM_EN}`,
  );
  expect(errors).toEqual([]);
});

test('the archive shows past events, the upcoming list does not', async ({ page }) => {
  await page.goto('/fr/events');
  await expect(resultTitles(page).first()).toBeVisible();
  await expect(page.getByText('(2016)')).toHaveCount(0);
  await page.getByRole('link', { name: 'Archives' }).click();
  await expect(page).toHaveURL(/\/fr\/events\?period=past$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Événements passés' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Archives' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  // Most recent first.
  await expect(resultTitles(page)).toHaveText([
    'Réunion du groupe RAN Jeunesse et éducation (2023)',
    'Colloque international sur la prévention de la radicalisation (2016)',
  ]);
  // Filters apply to the archive too, and keep it.
  await page.getByLabel('Rechercher').fill('colloque');
  await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
  await expect(page).toHaveURL(/period=past/);
  await expect(resultTitles(page)).toHaveText([
    'Colloque international sur la prévention de la radicalisation (2016)',
  ]);
  await page
    .getByRole('link', {
      name: 'Colloque international sur la prévention de la radicalisation (2016)',
    })
    .click();
  await expect(page.getByText('Le programme détaillé sera publié prochainement.')).toBeVisible();
});

test('bad filter values are ignored, never a server error', async ({ page }) => {
  for (const query of [
    'format=colloque&page=abc',
    'page=-3',
    'page=99999',
    'from=2027-02-30&to=demain',
    'language=xx&mode=partout&country=FRA&network=%27%3B--',
    'q=%25%25%25&city=_',
    'period=past&page=1e9',
  ]) {
    const response = await page.goto(`/fr/events?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await page.goto('/fr/events?format=colloque&page=abc');
  // The unknown format is dropped: every upcoming event is listed.
  await expect(resultTitles(page)).toHaveCount(4);
  await expect(page.getByLabel('Format', { exact: true })).toHaveValue('');
  await page.goto('/fr/events?q=%25');
  await expect(page.getByRole('heading', { name: 'Aucun événement' })).toBeVisible();
});

test('restricted and unlisted events: sign-in for visitors, 404 for people they do not admit', async ({
  page,
}) => {
  for (const period of ['', '?period=past']) {
    await page.goto(`/fr/events${period}`);
    await expect(page.locator('h2#results-title')).toBeVisible();
    await expect(resultTitles(page).first()).toBeVisible();
    await expect(results(page).getByText('Santé mentale')).toHaveCount(0);
    await expect(results(page).getByText('Visite d’étude à Tunis')).toHaveCount(0);
  }
  // Words of the Tunis visit's title find nothing (the FrancoPREV webinar mentions Tunisia).
  await page.goto('/en/events?q=community-based');
  await expect(page.getByRole('heading', { name: 'No events' })).toBeVisible();

  for (const slug of [MENTAL_HEALTH, TUNIS]) {
    await page.goto(`/fr/events/${slug}`);
    await expect(page).toHaveURL(
      new RegExp(`/fr/sign-in\\?callbackUrl=${encodeURIComponent(`/fr/events/${slug}`)}$`),
    );
    const ics = await page.request.get(`/api/events/${slug}/ics`);
    expect(ics.status()).toBe(404);
  }

  await signInAs(page, 'participante@passerelle.test');
  for (const slug of [MENTAL_HEALTH, TUNIS]) {
    await expectNotFound(page, `/fr/events/${slug}`);
    expect((await page.request.get(`/api/events/${slug}/ics`)).status()).toBe(404);
  }
  // Public events still open for them.
  await page.goto(`/fr/events/${COLLOQUIUM}`);
  await expect(page.getByRole('heading', { level: 1, name: COLLOQUIUM_FR })).toBeVisible();
});

test('unknown events and sessions are a 404', async ({ page }) => {
  await expectNotFound(page, '/fr/events/no-such-event');
  await expectNotFound(page, '/en/events/no-such-event', 'Page not found');
  expect((await page.request.get('/api/events/no-such-event/ics')).status()).toBe(404);
  expect(
    (await page.request.get(`/api/events/${COLLOQUIUM}/sessions/not-a-uuid/ics`)).status(),
  ).toBe(404);
  // A session of another event.
  await page.goto(`/fr/events/${GCTF}`);
  const href = await page
    .getByTestId('session')
    .first()
    .getByRole('link', { name: /Ajouter à mon agenda/ })
    .getAttribute('href');
  const sessionId = href?.match(/sessions\/([0-9a-f-]{36})\//)?.[1];
  expect(sessionId).toBeTruthy();
  expect((await page.request.get(`/api/events/${GCTF}/sessions/${sessionId}/ics`)).status()).toBe(
    200,
  );
  expect(
    (await page.request.get(`/api/events/${COLLOQUIUM}/sessions/${sessionId}/ics`)).status(),
  ).toBe(404);
});

test('a Chatham House event shows the rule and names no speaker', async ({ page }) => {
  await page.goto(`/en/events/${GCTF}`);
  const banner = page.getByTestId('chatham-banner');
  await expect(banner.getByRole('heading', { name: 'Chatham House Rule' })).toBeVisible();
  await expect(banner).toContainText('neither the identity nor the affiliation');
  await expect(page.getByTestId('session')).toHaveCount(4);
  for (const card of await page.getByTestId('session').all()) {
    await expect(card).toContainText('Chatham House');
  }
  await expect(page.getByText('Speakers', { exact: true })).toHaveCount(0);
  await page.goto(`/fr/events/${GCTF}`);
  await expect(page.getByTestId('chatham-banner')).toContainText('Règle de Chatham House');
  await expect(page.getByText('Intervenants', { exact: true })).toHaveCount(0);
});

test.describe('phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('the timetable stacks parallel sessions', async ({ page }) => {
    await page.goto(`/fr/events/${COLLOQUIUM}`);
    const a = await box(session(page, /Atelier A/));
    const b = await box(session(page, /Atelier B/));
    expect(Math.abs(a.x - b.x)).toBeLessThan(2);
    expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
    expect(a.width).toBeGreaterThan(300);
    // Nothing wider than the screen.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('a visitor in New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('sees the event times in their own zone too', async ({ page }) => {
    await page.goto(`/en/events/${COLLOQUIUM}`);
    await expect(page.getByTestId('visitor-time')).toHaveText(
      'In your time zone (America/New_York): April 13, 2027 at 2:30 AM – April 14, 2027 at 11:30 AM',
    );
    // The programme stays in the event's zone.
    await expect(page.getByRole('region', { name: 'Tuesday, April 13, 2027' })).toContainText(
      '9:00 AM – 10:30 AM',
    );
  });
});

test.describe('a visitor in Paris', () => {
  test.use({ timezoneId: 'Europe/Paris' });

  test('sees the times once', async ({ page }) => {
    await page.goto(`/fr/events/${COLLOQUIUM}`);
    await expect(page.getByTestId('event-dates')).toBeVisible();
    // Give the client component the time to run.
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('visitor-time')).toHaveCount(0);
  });
});

test('every visitor gets a page rendered for the request (its script nonce is fresh); signed-in people get their own', async ({
  page,
}) => {
  // Public pages are not kept in Next's cache: their scripts carry the request's nonce.
  for (const path of [`/fr/events/${COLLOQUIUM}`, '/en/events', '/fr', '/fr/legal-notice']) {
    const res = await page.request.get(path);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['x-nextjs-cache'], path).toBeUndefined();
    expect(res.headers()['content-security-policy'], path).toMatch(/'nonce-[^']+'/);
  }
  const filtered = await page.request.get('/fr/events?format=colloquium');
  expect(filtered.headers()['cache-control']).toContain('no-store');
  // The former cached renderings have no address.
  const direct = await page.request.get(`/fr/cached/events/${COLLOQUIUM}`);
  expect(direct.status()).toBe(404);

  await signInAs(page, 'organisatrice@passerelle.test');
  const own = await page.request.get(`/fr/events/${COLLOQUIUM}`);
  expect(own.headers()['cache-control']).toContain('private');
  await page.goto(`/fr/events/${COLLOQUIUM}`);
  await expect(page.getByRole('link', { name: 'Se déconnecter' }).first()).toBeAttached();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toHaveCount(0);
});
