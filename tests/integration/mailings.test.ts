import { randomBytes } from 'node:crypto';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  checkinScans,
  jobs,
  mailingRecipients,
  mailings,
  programmeSessions,
  registrationSessions,
  registrations,
} from '@/db/schema';
import { ActionError, ForbiddenError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { registerJobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/worker';
import { MAIL_QUEUE } from '@/lib/mail/outbox';
import { FANOUT_BATCH, MAILING_FANOUT_QUEUE, runMailingFanout } from '@/lib/mailings/fanout';
import { previewMailing, sendMailing, sendTestMailing } from '@/lib/mailings/mutations';
import { listMailings, segmentOptions } from '@/lib/mailings/queries';
import { mailingInputSchema } from '@/lib/mailings/validation';
import type { RegistrationStatus } from '@/lib/registrations/enums';
import { hashToken } from '@/lib/registrations/tokens';
import { makeViewer } from '../helpers/fixtures';
import { makeEvent, makeOrganisation, next, ORIGIN } from '../helpers/nominations';

// Messages to a segment of an event's people: the segment's filters, the template's
// checks, one mail per person in their language, a fan-out that mails nobody twice, and
// nobody but the event's organisers and admins.

beforeAll(() => registerJobHandlers());

type Person = {
  status?: RegistrationStatus;
  organisation?: string;
  country?: string;
  locale?: 'fr' | 'en';
  sessions?: string[];
};

async function registered(eventId: string, p: Person = {}) {
  const n = next();
  const [row] = await getDb()
    .insert(registrations)
    .values({
      eventId,
      email: `person${n}.${Date.now().toString(36)}@example.org`,
      firstName: `Prénom${n}`,
      lastName: `Nom${n}`,
      organisation: p.organisation ?? 'Préfecture du Nord',
      function: 'Chargée de mission',
      country: p.country ?? 'FR',
      locale: p.locale ?? 'fr',
      status: p.status ?? 'confirmed',
      manageTokenHash: randomBytes(32).toString('hex'),
      privacyAcknowledgedAt: new Date(),
    })
    .returning({ id: registrations.id, email: registrations.email });
  const r = row as { id: string; email: string };
  for (const sessionId of p.sessions ?? []) {
    await getDb().insert(registrationSessions).values({ registrationId: r.id, sessionId });
  }
  return r;
}

async function checkedIn(eventId: string, registrationId: string, sessionId: string | null) {
  const [row] = await getDb()
    .insert(checkinScans)
    .values({
      eventId,
      registrationId,
      sessionId,
      kind: 'in',
      scannedAt: new Date(),
      clientScanId: `scan-${next()}-${randomBytes(4).toString('hex')}`,
    })
    .returning({ id: checkinScans.id });
  return row?.id as string;
}

async function undone(eventId: string, registrationId: string, scanId: string) {
  await getDb()
    .insert(checkinScans)
    .values({
      eventId,
      registrationId,
      kind: 'undo',
      undoesId: scanId,
      scannedAt: new Date(),
      clientScanId: `undo-${next()}-${randomBytes(4).toString('hex')}`,
    });
}

const input = (fields: Record<string, unknown> = {}) =>
  mailingInputSchema.parse({
    statuses: ['confirmed'],
    subjectFr: 'Rappel : {eventTitle}',
    subjectEn: 'Reminder: {eventTitle}',
    bodyFr: 'Bonjour {firstName} {lastName},\n\nÀ bientôt, le {eventDates}.\n\n{manageLink}',
    bodyEn: 'Hello {firstName} {lastName},\n\nSee you on {eventDates}.\n\n{manageLink}',
    ...fields,
  });

const key = () => `key-${next()}-${randomBytes(6).toString('hex')}`;

/** An event with a workshop, its organiser, and seven people of every kind. */
async function event() {
  const { eventId, organiser } = await makeEvent(null);
  const [session] = await getDb()
    .insert(programmeSessions)
    .values({
      eventId,
      type: 'parallel_workshop',
      titleFr: 'Atelier A',
      titleEn: 'Workshop A',
      startsAt: new Date('2030-06-10T09:00:00Z'),
      endsAt: new Date('2030-06-10T10:30:00Z'),
    })
    .returning({ id: programmeSessions.id });
  const sessionId = session?.id as string;
  const people = {
    // Confirmed, French, in the workshop, came to the event and to the workshop.
    awa: await registered(eventId, { sessions: [sessionId] }),
    // Confirmed, English, from Tunisia, in the workshop, came to the event only.
    ben: await registered(eventId, {
      locale: 'en',
      country: 'TN',
      organisation: 'Ministry of Interior',
      sessions: [sessionId],
    }),
    // Confirmed, French, never came (a scan undone).
    chloe: await registered(eventId),
    // Confirmed, English, from Senegal, never came.
    dan: await registered(eventId, { locale: 'en', country: 'SN' }),
    pending: await registered(eventId, { status: 'pending' }),
    waitlisted: await registered(eventId, { status: 'waitlisted', locale: 'en' }),
    cancelled: await registered(eventId, { status: 'cancelled' }),
  };
  await checkedIn(eventId, people.awa.id, null);
  await checkedIn(eventId, people.awa.id, sessionId);
  await checkedIn(eventId, people.ben.id, null);
  await undone(eventId, people.chloe.id, await checkedIn(eventId, people.chloe.id, null));
  return { eventId, organiser, sessionId, people };
}

async function writes() {
  const db = getDb();
  const [m] = await db.select({ n: count() }).from(mailings);
  const [r] = await db.select({ n: count() }).from(mailingRecipients);
  const [j] = await db.select({ n: count() }).from(jobs);
  const [a] = await db.select({ n: count() }).from(auditLog);
  const [h] = await db
    .select({ h: sql<string>`md5(string_agg(manage_token_hash, ',' order by id))` })
    .from(registrations);
  return { mailings: m?.n, recipients: r?.n, jobs: j?.n, audit: a?.n, tokens: h?.h };
}

type Mail = { to: string; subject: string; text: string; locale: string };

async function mailsOfRecipients(mailingId: string): Promise<Mail[]> {
  const rows = await getDb()
    .select({ payload: jobs.payload })
    .from(mailingRecipients)
    .innerJoin(jobs, eq(jobs.id, mailingRecipients.jobId))
    .where(eq(mailingRecipients.mailingId, mailingId));
  return rows.map((r) => r.payload as Mail);
}

async function mailsTo(emails: string[]): Promise<Mail[]> {
  const rows = await getDb()
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.queue, MAIL_QUEUE), inArray(sql`${jobs.payload}->>'to'`, emails)));
  return rows.map((r) => r.payload as Mail);
}

const countOf = async (viewer: Viewer, eventId: string, fields: Record<string, unknown>) =>
  (await previewMailing(viewer, eventId, input(fields), { origin: ORIGIN })).count;

describe('the segment', () => {
  it('counts the people each filter matches, combined', async () => {
    const e = await event();
    const c = (fields: Record<string, unknown>) => countOf(e.organiser, e.eventId, fields);
    expect(await c({})).toBe(4);
    expect(await c({ statuses: ['pending', 'waitlisted'] })).toBe(2);
    expect(await c({ statuses: ['confirmed', 'cancelled'] })).toBe(5);
    expect(await c({ sessionId: e.sessionId })).toBe(2);
    expect(await c({ organisation: 'Ministry of Interior' })).toBe(1);
    expect(await c({ country: 'SN' })).toBe(1);
    expect(await c({ country: 'FR' })).toBe(2);
    // Attended: an entry not undone, anywhere at the event; at the session when one is chosen.
    expect(await c({ attendance: 'attended' })).toBe(2);
    expect(await c({ attendance: 'absent' })).toBe(2);
    expect(await c({ attendance: 'attended', sessionId: e.sessionId })).toBe(1);
    expect(await c({ attendance: 'absent', sessionId: e.sessionId })).toBe(1);
    expect(await c({ attendance: 'absent', country: 'FR' })).toBe(1);
    expect(await c({ attendance: 'attended', country: 'SN' })).toBe(0);
    // Another event's people are never counted.
    const other = await event();
    expect(await c({})).toBe(4);
    expect(await countOf(other.organiser, other.eventId, { statuses: ['pending'] })).toBe(1);
    // The filters' choices: this event's sessions, organisations and countries.
    const options = await segmentOptions(e.organiser, e.eventId, 'en');
    expect(options.sessions).toEqual([{ value: e.sessionId, label: 'Workshop A' }]);
    expect(options.organisations.map((o) => o.value)).toEqual([
      'Ministry of Interior',
      'Préfecture du Nord',
    ]);
    expect(options.countries.map((o) => o.label)).toEqual(['France', 'Senegal', 'Tunisia']);
  });

  it('previews the message for one matching person in both languages, writing nothing', async () => {
    const e = await event();
    const before = await writes();
    const preview = await previewMailing(
      e.organiser,
      e.eventId,
      input({ attendance: 'absent', country: 'SN' }),
      { origin: ORIGIN },
    );
    expect(preview.count).toBe(1);
    expect(preview.name).toMatch(/^Prénom\d+ Nom\d+$/);
    expect(preview.fr?.subject).toMatch(/^Rappel : Atelier RAN \d+$/);
    expect(preview.en?.subject).toMatch(/^Reminder: RAN workshop \d+$/);
    expect(preview.fr?.text).toContain('le 10 juin 2030');
    expect(preview.en?.text).toContain(`${ORIGIN}/en/registrations/apercu-preview`);
    const nobody = await previewMailing(e.organiser, e.eventId, input({ country: 'JP' }), {
      origin: ORIGIN,
    });
    expect(nobody).toEqual({ count: 0, name: null, fr: null, en: null });
    expect(await writes()).toEqual(before);
  });
});

describe('a test send', () => {
  it('sends the organiser the message in both languages, and nobody else', async () => {
    const e = await event();
    const everyone = Object.values(e.people).map((p) => p.email);
    const { email } = await sendTestMailing(e.organiser, e.eventId, input(), { origin: ORIGIN });
    expect(email).toBe(e.organiser.email);
    const mails = await mailsTo([e.organiser.email]);
    expect(mails.map((m) => m.subject.split(' ')[0]).sort()).toEqual(['[Essai]', '[Test]']);
    expect(mails.find((m) => m.locale === 'en')?.text).toMatch(/^Hello Prénom\d+/);
    expect(await mailsTo(everyone)).toEqual([]);
    expect(
      await getDb().select({ n: count() }).from(mailings).where(eq(mailings.eventId, e.eventId)),
    ).toEqual([{ n: 0 }]);
  });
});

describe('sending', () => {
  it('writes the mailing, audits it, and the job mails each person once, alone, in their language', async () => {
    const e = await event();
    const sent = await sendMailing(e.organiser, e.eventId, input(), {
      origin: ORIGIN,
      clientKey: key(),
      expectedCount: 4,
    });
    expect(sent.count).toBe(4);
    const [mailing] = await getDb().select().from(mailings).where(eq(mailings.id, sent.mailingId));
    expect(mailing).toMatchObject({
      eventId: e.eventId,
      sentBy: e.organiser.id,
      recipientCount: 4,
      queuedAt: null,
      segment: { statuses: ['confirmed'], attendance: 'any', sessionId: null },
    });
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'mailings.send'), eq(auditLog.subjectId, e.eventId)));
    expect(audit).toMatchObject({
      actorId: e.organiser.id,
      data: { mailingId: sent.mailingId, recipientCount: 4 },
    });
    // The fan-out is a job of its own; run twice (a retry), then by the worker: once each.
    const [fanout] = await getDb()
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(
        and(
          eq(jobs.queue, MAILING_FANOUT_QUEUE),
          sql`${jobs.payload}->>'mailingId' = ${sent.mailingId}`,
        ),
      );
    await runMailingFanout(fanout?.payload);
    await runMailingFanout(fanout?.payload);
    // Queued, not sent yet; one refused by the mail server, to be tried again.
    const progress = async () => {
      const [m] = await listMailings(e.organiser, e.eventId, 'fr');
      return m && { queued: m.queued, sent: m.sent, failed: m.failed, inProgress: m.inProgress };
    };
    expect(await progress()).toEqual({ queued: 4, sent: 0, failed: 0, inProgress: true });
    const [first] = await getDb()
      .select({ jobId: mailingRecipients.jobId })
      .from(mailingRecipients)
      .where(eq(mailingRecipients.mailingId, sent.mailingId))
      .limit(1);
    await getDb()
      .update(jobs)
      .set({ lastError: 'SMTP 451: try again later' })
      .where(eq(jobs.id, first?.jobId as string));
    expect(await progress()).toEqual({ queued: 3, sent: 0, failed: 1, inProgress: true });
    while ((await runDueJobs(50)).done > 0) {}
    const { awa, ben, chloe, dan, pending, waitlisted, cancelled } = e.people;
    const mails = await mailsTo(Object.values(e.people).map((p) => p.email));
    expect(mails.map((m) => m.to).sort()).toEqual(
      [awa.email, ben.email, chloe.email, dan.email].sort(),
    );
    expect(await mailsOfRecipients(sent.mailingId)).toHaveLength(4);
    for (const p of [pending, waitlisted, cancelled]) {
      expect(mails.some((m) => m.to === p.email)).toBe(false);
    }
    const of = (email: string) => mails.find((m) => m.to === email) as Mail;
    expect(of(ben.email)).toMatchObject({
      locale: 'en',
      subject: expect.stringMatching(/^Reminder: RAN workshop/),
    });
    expect(of(ben.email).text).toMatch(/^Hello Prénom\d+ Nom\d+,\n\nSee you on June 10, 2030/);
    expect(of(awa.email)).toMatchObject({
      locale: 'fr',
      subject: expect.stringMatching(/^Rappel : Atelier RAN/),
    });
    // Each link is the person's own, fresh manage link.
    for (const p of [awa, ben]) {
      const token = of(p.email).text.match(/\/registrations\/([A-Za-z0-9_-]{43})$/)?.[1] ?? '';
      const [row] = await getDb()
        .select({ id: registrations.id })
        .from(registrations)
        .where(eq(registrations.manageTokenHash, hashToken(token)));
      expect(row?.id).toBe(p.id);
    }
    // Progress, from the outbox: all sent; the mailing is queued.
    const [listed] = await listMailings(e.organiser, e.eventId, 'fr');
    expect(listed).toMatchObject({
      id: sent.mailingId,
      subject: 'Rappel : {eventTitle}',
      recipientCount: 4,
      queued: 0,
      sent: 4,
      failed: 0,
      inProgress: false,
    });
  });

  it('queues a large segment in batches, never twice, and leaves out who registered later', async () => {
    const { eventId, organiser } = await makeEvent(null);
    const n = FANOUT_BATCH + 5;
    await getDb()
      .insert(registrations)
      .values(
        Array.from({ length: n }, (_, i) => ({
          eventId,
          email: `bulk${i}.${next()}@example.org`,
          firstName: 'Bulk',
          lastName: `N${i}`,
          organisation: 'Org',
          function: 'F',
          country: 'FR',
          locale: i % 2 ? ('en' as const) : ('fr' as const),
          status: 'confirmed' as const,
          manageTokenHash: randomBytes(32).toString('hex'),
          privacyAcknowledgedAt: new Date(),
        })),
      );
    const template = input({ bodyFr: 'Bonjour {firstName}', bodyEn: 'Hello {firstName}' });
    const tokens = async () =>
      (
        await getDb()
          .select({ id: registrations.id, hash: registrations.manageTokenHash })
          .from(registrations)
          .where(eq(registrations.eventId, eventId))
          .orderBy(registrations.id)
      ).filter((r) => r.id !== late?.id);
    let late: { id: string; email: string } | undefined;
    const tokensBefore = await tokens();
    const sent = await sendMailing(organiser, eventId, template, {
      origin: ORIGIN,
      clientKey: key(),
    });
    late = await registered(eventId);
    const payload = { mailingId: sent.mailingId, origin: ORIGIN };
    await Promise.all([runMailingFanout(payload), runMailingFanout(payload)]);
    await runMailingFanout(payload);
    const mails = await mailsOfRecipients(sent.mailingId);
    expect(mails).toHaveLength(n);
    expect(new Set(mails.map((m) => m.to)).size).toBe(n);
    expect(mails.filter((m) => m.text.startsWith('Hello')).length).toBe(Math.floor(n / 2));
    expect(await mailsTo([late?.email ?? ''])).toEqual([]);
    const [all] = await getDb()
      .select({ n: count() })
      .from(jobs)
      .where(and(eq(jobs.queue, MAIL_QUEUE), sql`${jobs.payload}->>'to' like 'bulk%'`));
    expect(all?.n).toBe(n);
    // Without {manageLink}, nobody's link changes.
    expect(await tokens()).toEqual(tokensBefore);
    const [mailing] = await getDb().select().from(mailings).where(eq(mailings.id, sent.mailingId));
    expect(mailing?.queuedAt).not.toBeNull();
    expect(mailing?.recipientCount).toBe(n);
  });

  it('makes one mailing of a send clicked twice; refuses an empty segment or a changed count', async () => {
    const e = await event();
    const clientKey = key();
    const [a, b] = await Promise.all([
      sendMailing(e.organiser, e.eventId, input(), { origin: ORIGIN, clientKey }),
      sendMailing(e.organiser, e.eventId, input(), { origin: ORIGIN, clientKey }),
    ]);
    expect(a.mailingId).toBe(b.mailingId);
    expect(
      await getDb().select({ n: count() }).from(mailings).where(eq(mailings.eventId, e.eventId)),
    ).toEqual([{ n: 1 }]);
    const before = await writes();
    const nobody = await sendMailing(e.organiser, e.eventId, input({ country: 'JP' }), {
      origin: ORIGIN,
      clientKey: key(),
    }).catch((x: unknown) => x);
    expect((nobody as ActionError).messageKey).toBe('mailings.errors.nobody');
    const changed = await sendMailing(e.organiser, e.eventId, input(), {
      origin: ORIGIN,
      clientKey: key(),
      expectedCount: 3,
    }).catch((x: unknown) => x);
    expect(changed).toMatchObject({
      messageKey: 'mailings.errors.countChanged',
      params: { count: 4 },
    });
    expect(await writes()).toEqual(before);
  });
});

describe('refusals', () => {
  it('refuses a bad template, naming the problem, and writes nothing', async () => {
    const e = await event();
    const before = await writes();
    const cases: [Record<string, string>, string, string, string?][] = [
      [{ bodyEn: 'Hello {firstname}' }, 'unknownPlaceholder', 'bodyEn', '{firstname}'],
      [{ subjectFr: 'Rappel {eventTitle' }, 'unbalancedBrace', 'subjectFr'],
      [{ bodyFr: 'Bonjour }' }, 'unbalancedBrace', 'bodyFr'],
      [{ bodyFr: '<script>alert(1)</script>' }, 'markup', 'bodyFr'],
      [{ subjectEn: 'Hi <b>there</b>' }, 'markup', 'subjectEn'],
    ];
    for (const [fields, problem, field, name] of cases) {
      for (const run of [
        () => previewMailing(e.organiser, e.eventId, input(fields), { origin: ORIGIN }),
        () => sendTestMailing(e.organiser, e.eventId, input(fields), { origin: ORIGIN }),
        () =>
          sendMailing(e.organiser, e.eventId, input(fields), { origin: ORIGIN, clientKey: key() }),
      ]) {
        const error = (await run().catch((x: unknown) => x)) as ActionError;
        expect(error).toBeInstanceOf(ActionError);
        expect(error.messageKey).toBe(`mailings.errors.${problem}`);
        expect(error.fieldErrors).toEqual({ [field]: [`mailings.fieldErrors.${problem}`] });
        if (name) expect(error.params?.name).toBe(name);
      }
    }
    expect(await writes()).toEqual(before);
    // A session of another event: refused on its field.
    const other = await event();
    const beforeForeign = await writes();
    const foreign = (await sendMailing(
      e.organiser,
      e.eventId,
      input({ sessionId: other.sessionId }),
      {
        origin: ORIGIN,
        clientKey: key(),
      },
    ).catch((x: unknown) => x)) as ActionError;
    expect(foreign.fieldErrors).toEqual({ sessionId: ['invalidChoice'] });
    expect(await writes()).toEqual(beforeForeign);
  });

  it('lets only the event’s organisers and admins read, preview, test or send; others get nothing written', async () => {
    const e = await event();
    const other = await makeEvent(null);
    const org = await makeOrganisation('Ministère');
    const strangers = [
      await makeViewer([{ role: 'nominator', organisationId: org }]),
      await makeViewer([]),
      await makeViewer([{ role: 'checkin_staff', eventId: e.eventId }]),
      other.organiser,
      // An organiser with a platform-wide grant manages no one else's event.
      await makeViewer([{ role: 'organiser' }]),
      null,
    ];
    const before = await writes();
    for (const who of strangers) {
      for (const run of [
        () => previewMailing(who, e.eventId, input(), { origin: ORIGIN }),
        () => sendTestMailing(who, e.eventId, input(), { origin: ORIGIN }),
        () => sendMailing(who, e.eventId, input(), { origin: ORIGIN, clientKey: key() }),
        () => listMailings(who, e.eventId, 'fr'),
        () => segmentOptions(who, e.eventId, 'fr'),
      ]) {
        await expect(run()).rejects.toBeInstanceOf(ForbiddenError);
      }
    }
    expect(await writes()).toEqual(before);
    const admin = await makeViewer([{ role: 'admin' }]);
    const sent = await sendMailing(admin, e.eventId, input(), { origin: ORIGIN, clientKey: key() });
    expect(sent.count).toBe(4);
    expect((await listMailings(e.organiser, e.eventId, 'fr')).map((m) => m.id)).toEqual([
      sent.mailingId,
    ]);
  });
});
