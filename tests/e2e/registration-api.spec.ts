import { expect, test } from '@playwright/test';
import { addSession, createOpenEvent } from '../helpers/e2e-events';
import { linkIn, waitForMail } from '../helpers/e2e-mail';

const stamp = Date.now().toString(36);
const slug = `colloque-affluence-${stamp}`;

const person = (i: number, extra: Record<string, unknown> = {}) => ({
  firstName: `Personne ${i}`,
  lastName: 'Test',
  email: `burst.${stamp}.${i}@example.org`,
  organisation: 'Ministère de l’Intérieur',
  function: 'Chargée de mission',
  country: 'FR',
  locale: 'fr',
  privacyAcknowledged: true,
  ...extra,
});

test('200 simultaneous registrations over HTTP for 20 seats: exactly 20 confirmed, 180 waitlisted in arrival order, no error', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const eventId = await createOpenEvent(page, {
    slug,
    titleFr: `Colloque affluence ${stamp}`,
    titleEn: `Busy colloquium ${stamp}`,
    capacity: 20,
  });
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      request.post(`/api/events/${slug}/registrations`, {
        data: person(i),
        // Each from its own address, as 200 people would be: the load balancer appends the
        // address it saw after whatever the client sent (here the same forged one).
        headers: { 'x-forwarded-for': `10.0.0.1, 198.51.100.${i % 250}` },
      }),
    ),
  );
  const codes = answers.map((a) => a.status());
  expect(codes.filter((c) => c >= 500)).toEqual([]);
  expect(codes.every((c) => c === 201)).toBe(true);
  const statuses = await Promise.all(answers.map(async (a) => (await a.json()).status));
  expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(20);
  expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(180);

  // The organiser's table agrees, and in arrival order the first 20 hold the seats.
  await page.goto(`/fr/organiser/events/${eventId}/registrations`);
  await expect(page.getByTestId('counts')).toContainText('Confirmée : 20');
  await expect(page.getByTestId('counts')).toContainText('Sur liste d’attente : 180');
  const rows = page.getByTestId('registration-row');
  await expect(rows).toHaveCount(50);
  for (let i = 0; i < 20; i++) await expect(rows.nth(i)).toContainText('Confirmée');
  for (let i = 20; i < 50; i++) await expect(rows.nth(i)).toContainText('Sur liste d’attente');

  // The same people again, all at once: no second registration.
  const again = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      request.post(`/api/events/${slug}/registrations`, {
        data: person(i),
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      }),
    ),
  );
  expect(again.map((a) => a.status())).toEqual(Array(20).fill(200));
  await page.reload();
  await expect(page.getByTestId('result-count')).toHaveText('200 inscriptions');
});

test('200 simultaneous registrations over HTTP for a workshop of 20 seats: 20 get it, 180 wait in arrival order; a forged session is refused', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const workshopSlug = `atelier-affluence-${stamp}`;
  const eventId = await createOpenEvent(page, {
    slug: workshopSlug,
    titleFr: `Atelier affluence ${stamp}`,
    titleEn: `Busy workshop ${stamp}`,
    capacity: 300,
  });
  await addSession(page, {
    fr: 'Atelier très demandé',
    en: 'Popular workshop',
    room: 'Salle 1',
    type: 'parallel_workshop',
    start: '2030-05-14T10:00',
    end: '2030-05-14T12:00',
    capacity: 20,
  });
  const href = (await page
    .getByTestId('programme-session')
    .first()
    .getByRole('link')
    .getAttribute('href')) as string;
  const sessionId = href.split('/').at(-1) as string;
  const who = (i: number) => person(1000 + i, { sessionIds: [sessionId] });
  const answers = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      request.post(`/api/events/${workshopSlug}/registrations`, {
        data: who(i),
        headers: { 'x-forwarded-for': `10.0.0.2, 198.51.100.${i % 250}` },
      }),
    ),
  );
  expect(answers.map((a) => a.status()).filter((c) => c !== 201)).toEqual([]);
  const statuses = await Promise.all(answers.map(async (a) => (await a.json()).status));
  expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(20);
  expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(180);
  await page.goto(`/fr/organiser/events/${eventId}/registrations?session=${sessionId}`);
  await expect(page.getByTestId('session-counts')).toContainText('Atelier très demandé');
  await expect(page.getByTestId('result-count')).toHaveText('200 inscriptions');
  const rows = page.getByTestId('registration-row');
  for (let i = 0; i < 20; i++) await expect(rows.nth(i)).toContainText('Confirmée');
  for (let i = 20; i < 50; i++) await expect(rows.nth(i)).toContainText('Sur liste d’attente');

  // A session of another event, or not a session at all: 400, in the person's language.
  const forged = await request.post(`/api/events/${workshopSlug}/registrations`, {
    data: person(2000, { sessionIds: ['00000000-0000-4000-8000-000000000000'], locale: 'en' }),
    headers: { 'x-forwarded-for': '198.51.100.251' },
  });
  expect(forged.status()).toBe(400);
  expect((await forged.json()).fieldErrors.sessionIds).toEqual([
    'This session is not offered as a choice for this event.',
  ]);
});

test('seats freed while newcomers register over HTTP go to the waiting list, in order, never beyond the capacity', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const raceSlug = `colloque-desistements-${stamp}`;
  const eventId = await createOpenEvent(page, {
    slug: raceSlug,
    titleFr: `Colloque désistements ${stamp}`,
    titleEn: `Withdrawals colloquium ${stamp}`,
    capacity: 10,
  });
  const url = `/api/events/${raceSlug}/registrations`;
  const who = (i: number) => person(3000 + i);
  // Ten seats taken, five people waiting.
  for (let i = 0; i < 15; i++) {
    const answer = await request.post(url, {
      data: who(i),
      headers: { 'x-forwarded-for': `198.18.0.${i}` },
    });
    expect((await answer.json()).status).toBe(i < 10 ? 'confirmed' : 'waitlisted');
  }
  // Five of the confirmed open their manage link, each in their own browser.
  const leaving = await Promise.all(
    [0, 2, 4, 6, 8].map(async (i) => {
      const link = linkIn(await waitForMail(who(i).email as string, 0));
      const visitor = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
      await visitor.goto(link);
      await visitor.getByText('Annuler mon inscription', { exact: true }).first().click();
      return visitor;
    }),
  );
  // They cancel while forty newcomers register.
  const [, answers] = await Promise.all([
    Promise.all(
      leaving.map(async (visitor) => {
        await visitor.getByRole('button', { name: 'Annuler mon inscription' }).click();
        await expect(visitor.getByTestId('status')).toHaveText('Annulée');
      }),
    ),
    Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request.post(url, {
          data: who(100 + i),
          headers: { 'x-forwarded-for': `198.18.1.${i}` },
        }),
      ),
    ),
  ]);
  expect(answers.map((a) => a.status()).filter((c) => c !== 201)).toEqual([]);
  // A newcomer never takes a freed seat: the seats are offered to those who waited.
  const statuses = await Promise.all(answers.map(async (a) => (await a.json()).status));
  expect(statuses.every((s) => s === 'waitlisted')).toBe(true);
  await page.goto(`/fr/organiser/events/${eventId}/registrations`);
  const counts = page.getByTestId('counts');
  await expect(counts).toContainText('Confirmée : 5');
  await expect(counts).toContainText('Place proposée : 5');
  await expect(counts).toContainText('Annulée : 5');
  await expect(counts).toContainText('Sur liste d’attente : 40');
  const rows = page.getByTestId('registration-row');
  for (let i = 10; i < 15; i++) await expect(rows.nth(i)).toContainText('Place proposée');
  for (let i = 15; i < 50; i++) await expect(rows.nth(i)).toContainText('Sur liste d’attente');
  // Each of the five who waited is told by mail.
  for (let i = 10; i < 15; i++) {
    expect((await waitForMail(who(i).email as string, 1)).subject).toMatch(
      /^Une place vous est proposée/,
    );
  }
  await Promise.all(leaving.map((visitor) => visitor.context().close()));
});

test('bad requests get a clear, translated answer and write nothing', async ({ request }) => {
  const url = `/api/events/webinaire-francoprev-jeunesse-2027/registrations`;
  const from = (n: number) => ({ 'x-forwarded-for': `192.0.2.${n}` });

  const wrongType = await request.post(url, {
    data: 'firstName=x',
    headers: { ...from(1), 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(wrongType.status()).toBe(415);

  // Four times the 16 KB limit: refused from its declared length. (A 10 MB body was
  // refused as well, but the server's early answer could close the connection while
  // the client was still writing: EPIPE on the client's side, now and then.)
  const huge = await request.post(url, {
    data: person(1, { firstName: 'x'.repeat(64 * 1024) }),
    headers: from(2),
  });
  expect(huge.status()).toBe(413);

  const garbled = await request.post(url, {
    data: '{"firstName": ',
    headers: { ...from(3), 'content-type': 'application/json' },
  });
  expect(garbled.status()).toBe(400);

  const hostile = await request.post(url, {
    data: person(2, {
      locale: 'en',
      firstName: '<script>alert(1)</script>',
      lastName: 'Robert\u202Eexe.txt',
      email: 'jеan@example.org', // a Cyrillic "е"
      country: 'XX',
      privacyAcknowledged: false,
      extra: "'; drop table registrations; --",
    }),
    headers: from(4),
  });
  expect(hostile.status()).toBe(400);
  const body = await hostile.json();
  expect(body.fieldErrors).toEqual({
    firstName: [expect.stringContaining('HTML is not accepted')],
    lastName: ['This field contains invisible or control characters.'],
    email: [expect.stringContaining('Not a valid e-mail address')],
    country: [expect.stringContaining('country')],
    privacyAcknowledged: ['You must read the personal data notice to register.'],
    extra: ['This field is not expected.'],
  });

  const unknown = await request.post('/api/events/no-such-event/registrations', {
    data: person(3),
    headers: from(5),
  });
  expect(unknown.status()).toBe(404);

  const nomination = await request.post(
    '/api/events/policy-practice-youth-education-2027/registrations',
    { data: person(4), headers: from(6) },
  );
  expect(nomination.status()).toBe(409);
  expect((await nomination.json()).error).toContain('désignation');

  // One e-mail address, again and again: the sixth attempt in ten minutes waits.
  const same = person(5, { email: `limited.${stamp}@example.org` });
  const tries: number[] = [];
  for (let i = 0; i < 6; i++) {
    tries.push((await request.post(url, { data: same, headers: from(10 + i) })).status());
  }
  expect(tries).toEqual([201, 200, 200, 200, 200, 429]);
  const limited = await request.post(url, { data: same, headers: from(20) });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0);
  expect((await limited.json()).error).toMatch(
    /^Trop de demandes en peu de temps : réessayez dans \d+ secondes?\.$/,
  );
});
