import { expect, type Page } from '@playwright/test';
import { E2E } from './e2e-env';
import type { SunkMail } from './smtp-sink';

const api = () => `http://localhost:${E2E.smtpApiPort}`;

export async function mailsTo(address: string): Promise<SunkMail[]> {
  const res = await fetch(`${api()}/messages?to=${encodeURIComponent(address)}`);
  return (await res.json()) as SunkMail[];
}

/** Waits for a new message to `address` (after `since` messages) and returns it. */
export async function waitForMail(address: string, since: number): Promise<SunkMail> {
  let found: SunkMail | undefined;
  await expect
    .poll(
      async () => {
        const all = await mailsTo(address);
        found = all[since];
        return all.length;
      },
      { timeout: 15_000, intervals: [200, 300, 500] },
    )
    .toBeGreaterThan(since);
  if (!found) throw new Error('no mail');
  return found;
}

/** Waits for a message to `address` whose subject starts with `subject`, and returns it. */
export async function waitForSubject(address: string, subject: string): Promise<SunkMail> {
  let found: SunkMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailsTo(address)).find((m) => m.subject.startsWith(subject));
        return Boolean(found);
      },
      { timeout: 15_000, intervals: [200, 300, 500] },
    )
    .toBe(true);
  if (!found) throw new Error('no mail');
  return found;
}

export function linkIn(mail: SunkMail): string {
  const match = mail.text.match(/https?:\/\/\S+/);
  if (!match) throw new Error(`no link in: ${mail.text}`);
  return match[0];
}

/** Asks for a magic link on the sign-in page and returns it (not yet opened). */
export async function requestMagicLink(page: Page, email: string, locale: 'fr' | 'en' = 'fr') {
  const before = (await mailsTo(email)).length;
  await page.goto(`/${locale}/sign-in`);
  await page.getByLabel(locale === 'fr' ? 'Adresse électronique' : 'E-mail address').fill(email);
  await page
    .getByRole('button', {
      name: locale === 'fr' ? 'Recevoir un lien de connexion' : 'Send me a sign-in link',
    })
    .click();
  await expect(page).toHaveURL(new RegExp(`/${locale}/sign-in/check-email`));
  // The first sign-in mail after those already there: other mails to the same person (a
  // call for nominations, a decision) may be delivered in between.
  let mail: SunkMail | undefined;
  await expect
    .poll(
      async () => {
        mail = (await mailsTo(email))
          .slice(before)
          .find((m) => m.text.includes('/api/auth/callback/'));
        return Boolean(mail);
      },
      { timeout: 15_000, intervals: [200, 300, 500] },
    )
    .toBe(true);
  if (!mail) throw new Error('no sign-in mail');
  return { mail, link: linkIn(mail) };
}

/** Signs in through the real mail: asks for a link, reads it from the SMTP sink, opens it. */
export async function signInAs(page: Page, email: string, locale: 'fr' | 'en' = 'fr') {
  const { link } = await requestMagicLink(page, email, locale);
  await page.goto(link);
  await expect(
    page.getByRole('link', { name: locale === 'fr' ? 'Se déconnecter' : 'Sign out' }),
  ).toBeVisible();
}
