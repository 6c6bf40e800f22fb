import crypto from 'node:crypto';
import { expect, test } from '@playwright/test';
import { appUrl } from '../helpers/e2e-env';
import { closeE2eSql, e2eSql, sessionFor } from '../helpers/e2e-sessions';
import { actionIds, callAction, fill, urlPattern } from '../helpers/surface';
import { surfaceFixtures } from '../helpers/surface-fixtures';

// Text carrying script, stored where the app accepts free text (a registration's names,
// organisation and answers through the public API; a nominee through the nominate action;
// an event's description, which organisers write in markdown), then shown in Chromium on
// the pages that display it: nothing runs (a flag the payloads would set stays unset, and
// no dialog opens).

test.skip(
  !process.env.TEST_DATABASE_URL,
  'needs real Postgres (sessions are made in the database)',
);

const RUN = 'window.__pwned=1';
// Names and answers refuse HTML (a translated error): there the links are tried.
const LINKS = [
  `[lien](javascript:${RUN})`,
  `javascript:${RUN}`,
  `[a](data:text/html;base64,PHNjcmlwdD4=)`,
];
const PAYLOADS = [
  `<script>${RUN}</script>`,
  `<img src=x onerror="${RUN}">`,
  `<svg onload=${RUN}>`,
  `[lien](javascript:${RUN})`,
  `javascript:${RUN}`,
  `"><iframe src="javascript:${RUN}">`,
];

test('stored script payloads are shown as text and never run', async ({ browser }) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString(36);
  const fx = await surfaceFixtures(`s${stamp}`);
  const sql = e2eSql();

  // 1. A registration on the open webinar, through the public API.
  const open = 'webinaire-francoprev-jeunesse-2027';
  const [webinar] = await sql<{ id: string }[]>`select id from events where slug = ${open}`;
  const questions = await sql<{ id: string; kind: string }[]>`
    select id, kind from registration_questions where event_id = ${webinar?.id as string}`;
  const answers = Object.fromEntries(
    questions.filter((q) => q.kind.endsWith('_text')).map((q) => [q.id, LINKS.join(' ')]),
  );
  const email = `xss.${stamp}@example.org`;
  const res = await fetch(appUrl(`/api/events/${open}/registrations`), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      eventId: webinar?.id,
      firstName: LINKS[0],
      lastName: LINKS[1],
      email,
      organisation: LINKS[2],
      function: LINKS[1],
      country: 'FR',
      locale: 'fr',
      privacyAcknowledged: true,
      answers,
    }),
  });
  expect(res.status, await res.text()).toBe(201);
  const [registration] = await sql<{ id: string }[]>`
    select id from registrations where email = ${email}`;
  // Its manage link (sent by e-mail): a token of ours, its hash in place of the mailed one.
  const token = crypto.randomBytes(32).toString('base64url');
  const tokenHash = crypto.createHash('sha256').update(token).digest('hex');
  await sql`update registrations set manage_token_hash = ${tokenHash} where email = ${email}`;

  // 2. A nominee, through the nominate action as nominator A.
  const nominatorA = await sessionFor(fx.users.nominatorA);
  const nominate = actionIds()['lib/nominations/actions.ts#nominateAction'];
  if (!nominate) throw new Error('nominateAction is not in the build');
  const params = { locale: 'fr', id: fx.eventX.id, callId: fx.callId, organisationId: fx.orgA };
  const reply = await callAction(
    appUrl(),
    { id: nominate.id, url: fill(urlPattern(`${nominate.worker}.tsx`), params) },
    {
      kind: 'json',
      input: {
        callId: fx.callId,
        organisationId: fx.orgA,
        firstName: LINKS[0],
        lastName: LINKS[1],
        email: `xss.nominee.${stamp}@example.org`,
        function: LINKS[2],
        justification: LINKS.join('\n'),
        locale: 'fr',
      },
    },
    nominatorA,
  );
  expect(reply.result).toMatchObject({ ok: true });

  // 3. The organisers' markdown: event X's description (the editor takes the same text).
  await sql`update events set description_fr = ${PAYLOADS.join('\n\n')},
    summary_fr = ${PAYLOADS[1] as string} where id = ${fx.eventX.id}`;

  const admin = await sessionFor(fx.users.admin);
  const pages: { url: string; cookie?: { name: string; value: string }; shows: string }[] = [
    { url: `/fr/events/${fx.eventX.slug}`, shows: 'onerror' },
    { url: `/fr/registrations/${token}`, shows: 'javascript:' },
    {
      url: `/fr/organiser/events/${webinar?.id}/registrations`,
      cookie: admin,
      shows: 'javascript:',
    },
    {
      url: `/fr/organiser/events/${webinar?.id}/registrations/${registration?.id}`,
      cookie: admin,
      shows: 'javascript:',
    },
    { url: `/fr/nominations/${fx.callId}/${fx.orgA}`, cookie: nominatorA, shows: 'javascript:' },
    {
      // Drafts stay with the nominator: the organiser's page shows the event, not this nominee.
      url: `/fr/organiser/events/${fx.eventX.id}/nominations`,
      cookie: admin,
      shows: 'Policy',
    },
  ];
  for (const { url, cookie, shows } of pages) {
    const context = await browser.newContext({ locale: 'fr-FR' });
    if (cookie) await context.addCookies([{ ...cookie, url: appUrl() }]);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    // The payload is on the page, as text.
    await expect(page.locator('body'), url).toContainText(shows);
    // Follow every link a payload could have become.
    const hrefs = await page.locator('a[href^="javascript:" i]').count();
    expect(hrefs, `${url}: a javascript: link`).toBe(0);
    await page.waitForLoadState('networkidle');
    expect(
      await page.evaluate(() => (window as { __pwned?: number }).__pwned),
      url,
    ).toBeUndefined();
    expect(dialogs, url).toEqual([]);
    await context.close();
  }
  await closeE2eSql();
});
