import { count, eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { caughtMail, jobs } from '@/db/schema';
import { catalogues } from '@/lib/i18n/catalogue';
import { registerJobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/worker';
import { listCaughtMail } from '@/lib/mail/mailbox';
import { MAIL_MAX_ATTEMPTS, MAIL_QUEUE, queueMail } from '@/lib/mail/outbox';
import { magicLinkMail } from '@/lib/mail/templates';
import { pickPort, waitForPort } from '../helpers/ports';
import { startSmtpSink } from '../helpers/smtp-sink';

const ENV_KEYS = ['SMTP_URL', 'MAIL_FROM', 'NODE_ENV', 'PASSERELLE_DEMO', 'MAIL_CATCHER'] as const;
type EnvKey = (typeof ENV_KEYS)[number];

// NODE_ENV is typed read-only by Next; the tests switch it on purpose.
function setEnv(key: EnvKey, value: string | undefined) {
  const env = process.env as Record<string, string | undefined>;
  if (value === undefined) delete env[key];
  else env[key] = value;
}

async function jobRow(id: string) {
  const [row] = await getDb().select().from(jobs).where(eq(jobs.id, id));
  if (!row) throw new Error(`job ${id} is gone`);
  return row;
}

async function caughtCount() {
  const [row] = await getDb().select({ c: count() }).from(caughtMail);
  return row?.c ?? 0;
}

let saved: Record<EnvKey, string | undefined>;
let sink: ReturnType<typeof startSmtpSink> | undefined;

beforeAll(() => {
  registerJobHandlers();
});

beforeEach(() => {
  saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]])) as typeof saved;
  setEnv('MAIL_FROM', 'Passerelle test <no-reply@passerelle.test>');
});

afterEach(async () => {
  for (const key of ENV_KEYS) setEnv(key, saved[key]);
  await sink?.close();
  sink = undefined;
});

async function startSink(smtpPort?: number) {
  const port = smtpPort ?? (await pickPort());
  sink = startSmtpSink(port, await pickPort());
  await waitForPort(port);
  return { port, sink };
}

describe('mail outbox over a real SMTP server', () => {
  it('delivers a queued message', async () => {
    const { port, sink } = await startSink();
    setEnv('SMTP_URL', `smtp://127.0.0.1:${port}`);
    const id = await queueMail(getDb(), {
      to: 'alice@example.test',
      subject: 'Bienvenue à Passerelle',
      text: 'Première ligne.\nDeuxième ligne, accentuée : éàç.',
    });
    expect((await jobRow(id)).queue).toBe(MAIL_QUEUE);
    expect(sink.messages).toHaveLength(0);

    expect(await runDueJobs()).toEqual({ done: 1, retried: 0, dead: 0 });

    expect(sink.messages).toHaveLength(1);
    const [mail] = sink.messages;
    expect(mail?.to).toEqual(['alice@example.test']);
    expect(mail?.from).toBe('no-reply@passerelle.test');
    expect(mail?.subject).toBe('Bienvenue à Passerelle');
    expect(mail?.text.trim()).toBe('Première ligne.\nDeuxième ligne, accentuée : éàç.');
    expect(mail?.headers['x-passerelle-job']).toBe(id);
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 1, lastError: null });
    expect(await caughtCount()).toBe(0);
  });

  it('keeps the job and retries while SMTP is down, then delivers it exactly once', async () => {
    const port = await pickPort();
    setEnv('SMTP_URL', `smtp://127.0.0.1:${port}`);
    const id = await queueMail(getDb(), {
      to: 'bob@example.test',
      subject: 'Sent after the outage',
      text: 'Still here.',
    });

    const before = Date.now();
    expect(await runDueJobs()).toEqual({ done: 0, retried: 1, dead: 0 });
    const failed = await jobRow(id);
    expect(failed.status).toBe('queued');
    expect(failed.attempts).toBe(1);
    // Mail is retried for weeks, not given up after a day of outage.
    expect(failed.maxAttempts).toBe(MAIL_MAX_ATTEMPTS);
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(failed.runAt.getTime()).toBeGreaterThan(before + 5_000);

    // Not due yet: nothing happens on the next tick.
    expect(await runDueJobs()).toEqual({ done: 0, retried: 0, dead: 0 });

    const { sink } = await startSink(port);
    await getDb().update(jobs).set({ runAt: sql`now()` }).where(eq(jobs.id, id));
    expect(await runDueJobs()).toEqual({ done: 1, retried: 0, dead: 0 });
    expect(await runDueJobs()).toEqual({ done: 0, retried: 0, dead: 0 });

    expect(sink.messages.map((m) => [m.to, m.subject, m.text.trim()])).toEqual([
      [['bob@example.test'], 'Sent after the outage', 'Still here.'],
    ]);
    expect(await jobRow(id)).toMatchObject({ status: 'done', attempts: 2, lastError: null });
  });

  it('sends the magic-link template with its URL intact', async () => {
    const { port, sink } = await startSink();
    setEnv('SMTP_URL', `smtp://127.0.0.1:${port}`);
    const url =
      'http://localhost:3000/api/auth/callback/email?callbackUrl=http%3A%2F%2Flocalhost%3A3000%2Fen%2Fadmin&token=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef&email=carol%40example.test';
    await queueMail(getDb(), magicLinkMail('carol@example.test', url, 'en'));
    expect(await runDueJobs()).toEqual({ done: 1, retried: 0, dead: 0 });
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]?.subject).toBe(catalogues.en.mail.magicLinkSubject);
    expect(sink.messages[0]?.text).toContain(url);
  });
});

describe('mail without SMTP', () => {
  it('keeps the message in the catcher outside production', async () => {
    setEnv('SMTP_URL', undefined);
    setEnv('NODE_ENV', 'development');
    setEnv('PASSERELLE_DEMO', undefined);
    setEnv('MAIL_CATCHER', undefined);
    const before = await caughtCount();
    const id = await queueMail(getDb(), {
      to: 'dave@example.test',
      subject: 'Caught',
      text: 'Kept in the catcher.',
      html: '<p>Kept in the catcher.</p>',
    });
    expect(await runDueJobs()).toEqual({ done: 1, retried: 0, dead: 0 });
    expect(await caughtCount()).toBe(before + 1);
    const [row] = await getDb().select().from(caughtMail).where(eq(caughtMail.jobId, id));
    expect(row).toMatchObject({
      to: 'dave@example.test',
      subject: 'Caught',
      text: 'Kept in the catcher.',
      html: '<p>Kept in the catcher.</p>',
    });
    const listed = await listCaughtMail();
    expect(listed.find((m) => m.id === row?.id)).toEqual({
      id: row?.id,
      to: 'dave@example.test',
      subject: 'Caught',
      text: 'Kept in the catcher.',
      createdAt: row?.createdAt,
    });
    expect(await jobRow(id)).toMatchObject({ status: 'done' });
  });

  it('in production, keeps the job queued with an error instead of losing it', async () => {
    setEnv('SMTP_URL', undefined);
    setEnv('NODE_ENV', 'production');
    setEnv('PASSERELLE_DEMO', undefined);
    setEnv('MAIL_CATCHER', undefined);
    const before = await caughtCount();
    const id = await queueMail(getDb(), {
      to: 'erin@example.test',
      subject: 'Waiting for SMTP',
      text: 'Not lost.',
    });
    expect(await runDueJobs()).toEqual({ done: 0, retried: 1, dead: 0 });
    const row = await jobRow(id);
    expect(row.status).toBe('queued');
    expect(row.attempts).toBe(1);
    expect(row.lastError).toMatch(/SMTP_URL/);
    expect(row.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(await caughtCount()).toBe(before);
    // The test mailbox does not exist in production.
    expect(await listCaughtMail()).toEqual([]);
  });

  it('in production, uses the catcher only when MAIL_CATCHER=1 says so', async () => {
    setEnv('SMTP_URL', undefined);
    setEnv('NODE_ENV', 'production');
    setEnv('PASSERELLE_DEMO', undefined);
    setEnv('MAIL_CATCHER', '1');
    const id = await queueMail(getDb(), { to: 'fay@example.test', subject: 'S', text: 'T' });
    expect(await runDueJobs()).toEqual({ done: 1, retried: 0, dead: 0 });
    const rows = await getDb().select().from(caughtMail).where(eq(caughtMail.jobId, id));
    expect(rows).toHaveLength(1);
  });

  it('refuses a malformed message before queueing anything', async () => {
    const [before] = await getDb().select({ c: count() }).from(jobs);
    await expect(
      queueMail(getDb(), { to: 'not-an-address', subject: 'S', text: 'T' }),
    ).rejects.toThrow();
    await expect(
      queueMail(getDb(), { to: 'ok@example.test', subject: '', text: 'T' }),
    ).rejects.toThrow();
    const [after] = await getDb().select({ c: count() }).from(jobs);
    expect(after?.c).toBe(before?.c);
  });
});

describe('magic-link template', () => {
  const url = 'http://localhost:3000/api/auth/callback/email?token=abc&email=a%40b.test';

  it('is written in French and in English, each with the link', () => {
    const fr = magicLinkMail('a@b.test', url, 'fr');
    const en = magicLinkMail('a@b.test', url, 'en');
    expect(fr.subject).toBe('Votre lien de connexion à Passerelle');
    expect(en.subject).toBe('Your sign-in link to Passerelle');
    expect(en.subject).not.toBe(fr.subject);
    expect(fr.text).toContain(url);
    expect(en.text).toContain(url);
    expect(fr.text).not.toBe(en.text);
    expect(fr).toMatchObject({ to: 'a@b.test', locale: 'fr' });
    expect(en).toMatchObject({ to: 'a@b.test', locale: 'en' });
  });
});

afterAll(async () => {
  await sink?.close();
});
