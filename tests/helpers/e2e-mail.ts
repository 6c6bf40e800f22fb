import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { DEMO_TOTP_SECRET } from '../../db/seed-data';
import { stepAt, totpAt } from '../../lib/second-factor/totp';
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

/**
 * Signs in through the real mail: asks for a link, reads it from the SMTP sink, opens it.
 * An organiser or admin of the seed then passes the second factor with the demo secret.
 */
export async function signInAs(page: Page, email: string, locale: 'fr' | 'en' = 'fr') {
  const { link } = await requestMagicLink(page, email, locale);
  await page.goto(link);
  await expect(
    page.getByRole('link', { name: locale === 'fr' ? 'Se déconnecter' : 'Sign out' }),
  ).toBeVisible();
  await passSecondFactorIfAsked(page, email, locale);
}

/** The home page's link to the second factor, shown while a session has not passed it. */
export const secondFactorLink = (page: Page, locale: 'fr' | 'en' = 'fr') =>
  page.getByRole('link', { name: locale === 'fr' ? 'Saisir mon code' : 'Enter my code' });

/** When the home page asks for the second factor, follows it and enters a demo code. */
export async function passSecondFactorIfAsked(
  page: Page,
  email: string,
  locale: 'fr' | 'en' = 'fr',
  secret = DEMO_TOTP_SECRET,
) {
  if ((await secondFactorLink(page, locale).count()) === 0) return;
  await secondFactorLink(page, locale).click();
  await expect(page).toHaveURL(/\/second-factor/);
  await enterTotp(page, email, locale, secret);
  await expect(secondFactorLink(page, locale)).toHaveCount(0);
}

// The server takes each account's time steps in increasing order, each once. Spec files
// run two at a time, in two processes, and may sign in as the same demo account together:
// the last step each account used is kept in a file of the run, and an account's code is
// typed by one process at a time (a lock folder per account, made atomically).
const stepsDir = path.join(os.tmpdir(), `passerelle-e2e-totp-${E2E.runId}`);

function lastStepOf(email: string): number {
  try {
    return Number(fs.readFileSync(path.join(stepsDir, `${email}.step`), 'utf8')) || 0;
  } catch {
    return 0;
  }
}

async function withAccountLock<T>(email: string, work: () => Promise<T>): Promise<T> {
  fs.mkdirSync(stepsDir, { recursive: true });
  const lock = path.join(stepsDir, `${email}.lock`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`the second factor of ${email} stayed locked`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Types a current code of `secret` on the second-factor page until it is taken. */
export async function enterTotp(page: Page, email: string, locale: 'fr' | 'en', secret: string) {
  const label = locale === 'fr' ? 'Code à 6 chiffres' : '6-digit code';
  const submit = locale === 'fr' ? 'Valider le code' : 'Check the code';
  await withAccountLock(email, async () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const current = stepAt(Date.now());
      const step = Math.max(current, lastStepOf(email) + 1);
      if (step > current + 1) {
        // Both steps around now are spent: wait for the next one.
        await page.waitForTimeout((step - 1) * 30_000 - Date.now() + 200);
        continue;
      }
      fs.writeFileSync(path.join(stepsDir, `${email}.step`), String(step));
      // A fresh form: no refusal of the last attempt left on screen.
      if (attempt > 0) await page.reload();
      await page.getByLabel(label).fill(totpAt(secret, step * 30_000));
      await page.getByRole('button', { name: submit }).click();
      // The form's refusal (not Next's route announcer, also an alert).
      const refused = page.locator('.fr-alert--error');
      await expect(async () => {
        const away = !/\/second-factor/.test(page.url());
        expect(away || (await refused.count()) > 0).toBe(true);
      }).toPass({ timeout: 15_000 });
      if (!/\/second-factor/.test(page.url())) return;
    }
    throw new Error(`the second factor of ${email} was not accepted`);
  });
}
