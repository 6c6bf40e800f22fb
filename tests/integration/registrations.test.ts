import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, events, jobs, registrationChanges, registrations } from '@/db/schema';
import { seed } from '@/db/seed';
import { ActionError, ForbiddenError, NotFoundError } from '@/lib/auth/errors';
import { cancelEvent, updateEvent } from '@/lib/events/mutations';
import { eventInputSchema } from '@/lib/events/validation';
import { registerJobHandlers } from '@/lib/jobs/handlers';
import { runDueJobs } from '@/lib/jobs/worker';
import { MAIL_QUEUE } from '@/lib/mail/outbox';
import { RateLimitedError } from '@/lib/rate-limit';
import {
  acceptOfferByToken,
  cancelByToken,
  cancelRegistration,
  decideRegistrations,
  expireOffer,
  hashToken,
  newManageToken,
  OFFER_EXPIRY_QUEUE,
  OFFER_HOURS,
  register,
} from '@/lib/registrations/mutations';
import {
  listEventRegistrations,
  parseRegistrationListParams,
  type RegistrationListParams,
  registrationDetail,
} from '@/lib/registrations/organiser';
import {
  listMyRegistrations,
  registrationByToken,
  waitlistPosition,
} from '@/lib/registrations/queries';
import { registrationInputSchema } from '@/lib/registrations/validation';
import { eventForm, expectFieldError, uniqueSlug } from '../helpers/events';
import { makeViewer } from '../helpers/fixtures';

const ORIGIN = 'http://passerelle.test';
let counter = 0;

beforeAll(async () => {
  await seed();
});

type EventOverrides = Partial<typeof events.$inferInsert>;

/** A published, open, in-person event with `capacity` seats, registration open now. */
async function makeEvent(overrides: EventOverrides = {}): Promise<string> {
  const n = ++counter;
  const [row] = await getDb()
    .insert(events)
    .values({
      slug: `registration-test-${n}-${Date.now().toString(36)}`,
      status: 'published',
      format: 'policy_practice_workshop',
      mode: 'in_person',
      venueName: 'Hôtel de Beauvau',
      city: 'Paris',
      country: 'FR',
      timeZone: 'Europe/Paris',
      startsAt: new Date('2030-03-10T08:00:00Z'),
      endsAt: new Date('2030-03-10T16:00:00Z'),
      registrationMode: 'open',
      capacity: 2,
      titleFr: `Atelier d’essai ${n}`,
      titleEn: `Test workshop ${n}`,
      ...overrides,
    })
    .returning({ id: events.id });
  return row?.id as string;
}

function input(eventId: string, email: string, extra: Record<string, unknown> = {}) {
  return registrationInputSchema.parse({
    eventId,
    firstName: 'Camille',
    lastName: 'Durand',
    email,
    organisation: 'Ministère de l’Intérieur',
    function: 'Cheffe de bureau',
    country: 'fr',
    locale: 'fr',
    privacyAcknowledged: 'on',
    ...extra,
  });
}

async function statusesOf(eventId: string) {
  return getDb()
    .select({ email: registrations.email, status: registrations.status, seq: registrations.seq })
    .from(registrations)
    .where(eq(registrations.eventId, eventId))
    .orderBy(asc(registrations.seq));
}

async function mailsTo(email: string) {
  const rows = await getDb()
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.queue, MAIL_QUEUE), sql`${jobs.payload}->>'to' = ${email}`))
    .orderBy(asc(jobs.createdAt));
  return rows.map(
    (r) =>
      r.payload as {
        subject: string;
        text: string;
        to: string;
        attachments?: { filename: string; contentType: string; content: string }[];
      },
  );
}

/** The manage link's token, as the registrant reads it in their latest mail. */
async function tokenFromMail(email: string): Promise<string> {
  const mails = await mailsTo(email);
  const text = mails.at(-1)?.text ?? '';
  const match = text.match(/\/registrations\/([A-Za-z0-9_-]{43})/);
  if (!match) throw new Error(`no manage link in: ${text}`);
  return match[1] as string;
}

async function expectRefused(change: () => Promise<unknown>, key: string) {
  const error = await change().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  expect((error as ActionError).messageKey).toBe(key);
}

const unique = (name: string) => `${name}.${++counter}@example.org`;

describe('register', () => {
  it('confirms while seats remain, then waitlists, with a mail for each in their language', async () => {
    const eventId = await makeEvent({ capacity: 2 });
    const [a, b, c] = [unique('a'), unique('b'), unique('c')];
    expect((await register(input(eventId, a), { origin: ORIGIN })).outcome).toBe('registered');
    await register(input(eventId, b, { locale: 'en' }), { origin: ORIGIN });
    await register(input(eventId, c), { origin: ORIGIN });
    expect((await statusesOf(eventId)).map((r) => r.status)).toEqual([
      'confirmed',
      'confirmed',
      'waitlisted',
    ]);
    const [mailA] = await mailsTo(a);
    expect(mailA?.subject).toMatch(/^Inscription confirmée : Atelier d’essai/);
    expect(mailA?.text).toContain(`${ORIGIN}/fr/registrations/`);
    expect(mailA?.text).toContain('heure normale d’Europe centrale');
    // A confirmed seat comes with the event's .ics; a waiting list place does not.
    const [ics] = mailA?.attachments ?? [];
    expect(ics?.contentType).toBe('text/calendar; charset=utf-8');
    expect(ics?.content).toContain('DTSTART:20300310T080000Z');
    expect(ics?.content).toContain('SUMMARY:Atelier d’essai');
    const [mailB] = await mailsTo(b);
    expect(mailB?.subject).toMatch(/^Registration confirmed: Test workshop/);
    const [mailC] = await mailsTo(c);
    expect(mailC?.subject).toMatch(/^Liste d’attente/);
    expect(mailC?.attachments).toBeUndefined();
    const rows = await getDb().select().from(registrations).where(eq(registrations.email, c));
    expect(await waitlistPosition(rows[0]?.id as string)).toBe(1);
    const history = await getDb()
      .select()
      .from(registrationChanges)
      .where(eq(registrationChanges.registrationId, rows[0]?.id as string));
    expect(history.map((h) => [h.fromStatus, h.toStatus])).toEqual([[null, 'waitlisted']]);
    // Only a hash of the link is stored.
    const token = await tokenFromMail(c);
    expect(rows[0]?.manageTokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows[0])).not.toContain(token);
    // What the manage link opens, in the language asked for; other links open nothing.
    const managed = await registrationByToken(token, 'en');
    expect(managed).toMatchObject({ status: 'waitlisted', position: 1, email: c });
    expect(managed?.event.title).toMatch(/^Test workshop/);
    expect(await registrationByToken('not-a-token', 'fr')).toBeNull();
    expect(await registrationByToken(newManageToken().token, 'fr')).toBeNull();
  });

  it('keeps requests pending when the event is on approval, and never limits an open event without capacity', async () => {
    const approval = await makeEvent({ registrationMode: 'approval', capacity: 1 });
    await register(input(approval, unique('p')), { origin: ORIGIN });
    await register(input(approval, unique('q')), { origin: ORIGIN });
    expect((await statusesOf(approval)).map((r) => r.status)).toEqual(['pending', 'pending']);
    const unlimited = await makeEvent({ capacity: null });
    for (let i = 0; i < 5; i++) await register(input(unlimited, unique('u')), { origin: ORIGIN });
    expect((await statusesOf(unlimited)).every((r) => r.status === 'confirmed')).toBe(true);
  });

  it('answers a second attempt with the same e-mail by sending the link again, and writes no row', async () => {
    const eventId = await makeEvent();
    const email = unique('twice');
    await register(input(eventId, email), { origin: ORIGIN });
    const first = await tokenFromMail(email);
    const again = await register(input(eventId, email.toUpperCase(), { firstName: 'Autre' }), {
      origin: ORIGIN,
    });
    expect(again.outcome).toBe('already_registered');
    expect(await statusesOf(eventId)).toHaveLength(1);
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(2);
    expect(mails[1]?.subject).toMatch(/^Votre lien d’inscription/);
    const second = await tokenFromMail(email);
    expect(second).not.toBe(first);
    // The old link is revoked.
    await expect(cancelByToken(first, { origin: ORIGIN })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('counts public registrations arriving together against the rate limits: the sixth try with one e-mail waits', async () => {
    const eventId = await makeEvent({ capacity: 10 });
    const email = unique('eager');
    const results = await Promise.allSettled(
      Array.from({ length: 7 }, (_, i) =>
        register(input(eventId, email), { origin: ORIGIN, clientAddress: `192.0.2.${i}` }),
      ),
    );
    const values = results.map((r) => (r.status === 'fulfilled' ? r.value.outcome : r.reason));
    expect(values.filter((v) => v === 'registered')).toHaveLength(1);
    expect(values.filter((v) => v === 'already_registered')).toHaveLength(4);
    const limited = values.filter((v) => v instanceof RateLimitedError) as RateLimitedError[];
    expect(limited).toHaveLength(2);
    expect(limited.every((e) => e.retryAfter > 500 && e.retryAfter <= 600)).toBe(true);
    // One row, and a mail for each try that was let through.
    expect(await statusesOf(eventId)).toHaveLength(1);
    expect(await mailsTo(email)).toHaveLength(5);
  });

  it('refuses closed, not-yet-open, cancelled, draft, nomination and invitation events, writing nothing', async () => {
    const now = new Date('2030-01-01T12:00:00Z');
    const cases: [EventOverrides, string][] = [
      [{ registrationClosesAt: new Date('2029-12-31T12:00:00Z') }, 'registrations.errors.closed'],
      [
        { registrationOpensAt: new Date('2030-01-02T12:00:00Z') },
        'registrations.errors.notYetOpen',
      ],
      [{ status: 'cancelled' }, 'registrations.errors.notOpen'],
      [{ status: 'draft' }, 'registrations.errors.notOpen'],
      [{ status: 'archived' }, 'registrations.errors.notOpen'],
      [{ registrationMode: 'nomination' }, 'registrations.errors.byNomination'],
      [{ registrationMode: 'invitation' }, 'registrations.errors.byInvitation'],
      [
        { startsAt: new Date('2029-06-01T08:00:00Z'), endsAt: new Date('2029-06-01T16:00:00Z') },
        'registrations.errors.closed',
      ],
    ];
    for (const [overrides, key] of cases) {
      const eventId = await makeEvent(overrides);
      const email = unique('refused');
      await expectRefused(() => register(input(eventId, email), { origin: ORIGIN, now }), key);
      expect(await statusesOf(eventId)).toHaveLength(0);
      expect(await mailsTo(email)).toHaveLength(0);
    }
  });

  it('answers an unknown event with a 404', async () => {
    await expect(
      register(input('00000000-0000-4000-8000-000000000000', unique('x')), { origin: ORIGIN }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('freed seats and offers', () => {
  it('offers a freed seat to the first on the waiting list in the same transaction, who accepts it', async () => {
    const eventId = await makeEvent({ capacity: 1 });
    const [first, second, third] = [unique('first'), unique('second'), unique('third')];
    for (const email of [first, second, third]) {
      await register(input(eventId, email), { origin: ORIGIN });
    }
    const now = new Date();
    await cancelByToken(await tokenFromMail(first), { origin: ORIGIN, now });
    const rows = await statusesOf(eventId);
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'offered', 'waitlisted']);
    const [offered] = await getDb()
      .select()
      .from(registrations)
      .where(eq(registrations.email, second));
    expect(offered?.offerExpiresAt?.getTime()).toBe(now.getTime() + OFFER_HOURS * 3600_000);
    expect((await mailsTo(second)).at(-1)?.subject).toMatch(/^Une place vous est proposée/);
    expect(await waitlistPosition(offered?.id as string)).toBeNull();

    await acceptOfferByToken(await tokenFromMail(second), { origin: ORIGIN });
    expect((await statusesOf(eventId)).map((r) => r.status)).toEqual([
      'cancelled',
      'confirmed',
      'waitlisted',
    ]);
    // A link nobody was given is a 404.
    await expect(cancelByToken(newManageToken().token, { origin: ORIGIN })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('refuses an offer accepted after it expired, and a cancellation of a cancelled registration', async () => {
    const eventId = await makeEvent({ capacity: 1 });
    const [a, b] = [unique('a'), unique('b')];
    await register(input(eventId, a), { origin: ORIGIN });
    await register(input(eventId, b), { origin: ORIGIN });
    const tokenA = await tokenFromMail(a);
    await cancelByToken(tokenA, { origin: ORIGIN });
    await expectRefused(
      () => cancelByToken(tokenA, { origin: ORIGIN }),
      'registrations.errors.notActive',
    );
    const later = new Date(Date.now() + (OFFER_HOURS + 1) * 3600_000);
    await expectRefused(
      () => acceptOfferByToken(tokenA, { origin: ORIGIN }),
      'registrations.errors.offerGone',
    );
    const tokenB = await tokenFromMail(b);
    await expectRefused(
      () => acceptOfferByToken(tokenB, { origin: ORIGIN, now: later }),
      'registrations.errors.offerGone',
    );
    expect((await statusesOf(eventId)).map((r) => r.status)).toEqual(['cancelled', 'offered']);
  });
});

describe('never overbook', () => {
  it('confirms exactly the capacity under concurrent submissions, the rest waitlisted in arrival order', async () => {
    const eventId = await makeEvent({ capacity: 20 });
    const emails = Array.from({ length: 60 }, (_, i) => unique(`burst${i}`));
    const results = await Promise.allSettled(
      emails.map((email) => register(input(eventId, email), { origin: ORIGIN })),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const rows = await statusesOf(eventId);
    expect(rows).toHaveLength(60);
    expect(rows.filter((r) => r.status === 'confirmed')).toHaveLength(20);
    expect(rows.filter((r) => r.status === 'waitlisted')).toHaveLength(40);
    // Arrival order is the order the event lock was taken: the first 20 got the seats.
    expect(rows.slice(0, 20).every((r) => r.status === 'confirmed')).toBe(true);
  });

  it('creates one registration for the same e-mail submitted many times at once', async () => {
    const eventId = await makeEvent({ capacity: 5 });
    const email = unique('double');
    const results = await Promise.all(
      Array.from({ length: 10 }, () => register(input(eventId, email), { origin: ORIGIN })),
    );
    expect(results.filter((r) => r.outcome === 'registered')).toHaveLength(1);
    const [row] = await getDb()
      .select({ n: count() })
      .from(registrations)
      .where(eq(registrations.eventId, eventId));
    expect(row?.n).toBe(1);
  });

  it('settles each of many people arriving together on their own: a refusal, a double click and an earlier registration do not touch the others', async () => {
    const eventId = await makeEvent({ capacity: 3 });
    const earlier = unique('earlier');
    await register(input(eventId, earlier), { origin: ORIGIN });
    const people = Array.from({ length: 6 }, (_, i) => unique(`together${i}`));
    const results = await Promise.allSettled([
      ...people.map((email) => register(input(eventId, email), { origin: ORIGIN })),
      // A session that is not the event's (the form was read before it was deleted).
      register(
        { ...input(eventId, unique('gone')), sessionIds: ['00000000-0000-4000-8000-000000000000'] },
        { origin: ORIGIN },
      ),
      register(input(eventId, people[1] as string), { origin: ORIGIN }),
      register(input(eventId, earlier), { origin: ORIGIN }),
    ]);
    const values = results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason));
    expect([0, 2, 3, 4, 5].every((i) => values[i].outcome === 'registered')).toBe(true);
    expect((values[6] as ActionError).fieldErrors).toEqual({ sessionIds: ['invalidSession'] });
    // The double click: whichever arrived first registered, the other got the link again.
    const pair = [values[1], values[7]];
    expect(pair.map((v) => v.outcome).sort()).toEqual(['already_registered', 'registered']);
    expect(pair[0].id).toBe(pair[1].id);
    expect(values[8]).toMatchObject({ outcome: 'already_registered' });
    const rows = await statusesOf(eventId);
    expect(rows[0]?.email).toBe(earlier);
    expect(rows.map((r) => r.email).sort()).toEqual([earlier, ...people].sort());
    // Seats in arrival order (the order in which they reached the event's lock).
    expect(rows.map((r) => r.status)).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
      'waitlisted',
      'waitlisted',
      'waitlisted',
      'waitlisted',
    ]);
    // Each got the mail of their status; the double click and the earlier one their link again.
    // (Mails written in one transaction share their time: compared as sets.)
    for (const row of rows.slice(1)) {
      const subjects = (await mailsTo(row.email)).map((m) => m.subject.split(' : ')[0]);
      const status = row.status === 'confirmed' ? 'Inscription confirmée' : 'Liste d’attente';
      expect(subjects.sort()).toEqual(
        row.email === people[1] ? [status, 'Votre lien d’inscription'].sort() : [status],
      );
    }
    expect(await mailsTo(earlier)).toHaveLength(2);
    const [changes] = await getDb()
      .select({ n: count() })
      .from(registrationChanges)
      .innerJoin(registrations, eq(registrations.id, registrationChanges.registrationId))
      .where(eq(registrations.eventId, eventId));
    expect(changes?.n).toBe(7);
  });

  it('never lets cancellations and new registrations racing exceed the capacity', async () => {
    const eventId = await makeEvent({ capacity: 5 });
    const firsts = Array.from({ length: 8 }, (_, i) => unique(`race${i}`));
    for (const email of firsts) await register(input(eventId, email), { origin: ORIGIN });
    const tokens = await Promise.all(firsts.slice(0, 5).map((e) => tokenFromMail(e)));
    await Promise.all([
      ...tokens.map((t) => cancelByToken(t, { origin: ORIGIN })),
      ...Array.from({ length: 10 }, (_, i) =>
        register(input(eventId, unique(`late${i}`)), { origin: ORIGIN }),
      ),
    ]);
    const rows = await statusesOf(eventId);
    const holding = rows.filter((r) => r.status === 'confirmed' || r.status === 'offered');
    expect(holding.length).toBeLessThanOrEqual(5);
    // Seats freed went to the waiting list first: the three waitlisted before the race.
    const offered = rows.filter((r) => r.status === 'offered').map((r) => r.email);
    expect(offered).toEqual(expect.arrayContaining(firsts.slice(5)));
  });
});

describe('offers that lapse', () => {
  it('expire through the background job and pass the seat to the next person', async () => {
    const eventId = await makeEvent({ capacity: 1 });
    const [a, b, c] = [unique('a'), unique('b'), unique('c')];
    for (const email of [a, b, c]) await register(input(eventId, email), { origin: ORIGIN });
    await cancelByToken(await tokenFromMail(a), { origin: ORIGIN });
    const [offered] = await getDb().select().from(registrations).where(eq(registrations.email, b));
    // The expiry job was written with the offer, due when the offer lapses.
    const [job] = await getDb()
      .select()
      .from(jobs)
      .where(
        and(
          eq(jobs.queue, OFFER_EXPIRY_QUEUE),
          sql`${jobs.payload}->>'registrationId' = ${offered?.id as string}`,
        ),
      );
    expect(job?.runAt.getTime()).toBe(offered?.offerExpiresAt?.getTime());
    expect(job?.payload).toEqual({ registrationId: offered?.id, origin: ORIGIN });

    // Early, it changes nothing.
    expect(await expireOffer(offered?.id as string, { origin: ORIGIN })).toBe('unchanged');
    // Time passes: the offer and its job fall due, and the worker runs it.
    await getDb()
      .update(registrations)
      .set({ offerExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(registrations.id, offered?.id as string));
    await getDb()
      .update(jobs)
      .set({ runAt: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, job?.id as string));
    registerJobHandlers();
    // Every due job, the earlier tests' mail included, until none is left.
    for (let ran = 1; ran > 0; ) {
      const summary = await runDueJobs(100);
      ran = summary.done + summary.retried + summary.dead;
    }
    expect((await statusesOf(eventId)).map((r) => r.status)).toEqual([
      'cancelled',
      'expired',
      'offered',
    ]);
    expect((await mailsTo(b)).at(-1)?.subject).toMatch(/^Place non acceptée/);
    expect((await mailsTo(c)).at(-1)?.subject).toMatch(/^Une place vous est proposée/);
    // Run again (a retried job): nothing more happens.
    expect(await expireOffer(offered?.id as string, { origin: ORIGIN })).toBe('unchanged');
  });
});

describe('organisers', () => {
  async function pendingEvent(capacity: number | null, emails: string[]) {
    const eventId = await makeEvent({ registrationMode: 'approval', capacity });
    for (const email of emails) await register(input(eventId, email), { origin: ORIGIN });
    const rows = await getDb()
      .select({ id: registrations.id, email: registrations.email })
      .from(registrations)
      .where(eq(registrations.eventId, eventId))
      .orderBy(asc(registrations.seq));
    return { eventId, ids: rows.map((r) => r.id) };
  }

  it('approve within the capacity (the rest waitlisted), reject with a message, and a rejected seat passes on', async () => {
    const emails = [unique('p1'), unique('p2'), unique('p3'), unique('p4')];
    const { eventId, ids } = await pendingEvent(2, emails);
    const organiser = await makeViewer([{ role: 'organiser', eventId }]);
    const approved = await decideRegistrations(organiser, eventId, ids.slice(0, 3), 'approve', {
      origin: ORIGIN,
    });
    expect(approved).toEqual({ changed: 3, skipped: 0 });
    const rejected = await decideRegistrations(organiser, eventId, [ids[3] as string], 'reject', {
      origin: ORIGIN,
      note: 'Le profil ne correspond pas au public visé.',
    });
    expect(rejected).toEqual({ changed: 1, skipped: 0 });
    expect((await statusesOf(eventId)).map((r) => r.status)).toEqual([
      'confirmed',
      'confirmed',
      'waitlisted',
      'rejected',
    ]);
    const mail = (await mailsTo(emails[3] as string)).at(-1);
    expect(mail?.subject).toMatch(/^Inscription non retenue/);
    expect(mail?.text).toContain('Le profil ne correspond pas au public visé.');
    const [change] = await getDb()
      .select()
      .from(registrationChanges)
      .where(
        and(
          eq(registrationChanges.registrationId, ids[3] as string),
          eq(registrationChanges.toStatus, 'rejected'),
        ),
      );
    expect(change).toMatchObject({ actorId: organiser.id, fromStatus: 'pending' });

    // The detail shows who changed what, with the message; the read is audited.
    const detail = await registrationDetail(organiser, eventId, ids[3] as string);
    expect(detail?.history.map((h) => [h.fromStatus, h.toStatus, h.note])).toEqual([
      [null, 'pending', null],
      ['pending', 'rejected', 'Le profil ne correspond pas au public visé.'],
    ]);
    expect(detail?.history[0]?.actor).toBeNull();
    expect(detail?.history[1]?.actor).toBe(organiser.name);
    const [viewed] = await getDb()
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'registration.view'), eq(auditLog.subjectId, ids[3] as string)),
      );
    expect(viewed?.actorId).toBe(organiser.id);
    // Not through another event's address.
    const elsewhere = await makeEvent();
    const other = await makeViewer([{ role: 'organiser', eventId: elsewhere }]);
    expect(await registrationDetail(other, elsewhere, ids[3] as string)).toBeNull();
    await expect(registrationDetail(other, eventId, ids[3] as string)).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    // Approving again is skipped; rejecting a confirmed person offers their seat.
    expect(
      await decideRegistrations(organiser, eventId, [ids[0] as string], 'approve', {
        origin: ORIGIN,
      }),
    ).toEqual({ changed: 0, skipped: 1 });
    await decideRegistrations(organiser, eventId, [ids[0] as string], 'reject', {
      origin: ORIGIN,
    });
    expect((await statusesOf(eventId)).map((r) => r.status)).toEqual([
      'rejected',
      'confirmed',
      'offered',
      'rejected',
    ]);
  });

  it('may decide only for their events, on that event’s registrations, writing nothing otherwise', async () => {
    const { eventId, ids } = await pendingEvent(5, [unique('x1'), unique('x2')]);
    const other = await pendingEvent(5, [unique('y1')]);
    const participant = await makeViewer([]);
    const organiserElsewhere = await makeViewer([{ role: 'organiser', eventId: other.eventId }]);
    for (const viewer of [participant, organiserElsewhere]) {
      await expect(
        decideRegistrations(viewer, eventId, ids, 'approve', { origin: ORIGIN }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listEventRegistrations(viewer, eventId, listParams())).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    const organiser = await makeViewer([{ role: 'organiser', eventId }]);
    await expect(
      decideRegistrations(organiser, eventId, [ids[0] as string, ...other.ids], 'approve', {
        origin: ORIGIN,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect((await statusesOf(eventId)).map((r) => r.status)).toEqual(['pending', 'pending']);
  });

  it('list one page at a time, with counts, filters, search and sorting, each read audited', async () => {
    const emails = Array.from({ length: 7 }, (_, i) => unique(`list${i}`));
    const { eventId, ids } = await pendingEvent(3, emails);
    const organiser = await makeViewer([{ role: 'organiser', eventId }]);
    await decideRegistrations(organiser, eventId, ids.slice(0, 4), 'approve', { origin: ORIGIN });
    await getDb()
      .update(registrations)
      .set({ lastName: 'Zola_100%' })
      .where(eq(registrations.id, ids[6] as string));

    const all = await listEventRegistrations(organiser, eventId, listParams());
    expect(all.total).toBe(7);
    expect(all.counts).toMatchObject({ confirmed: 3, waitlisted: 1, pending: 3, cancelled: 0 });
    expect(all.items.map((r) => r.id)).toEqual(ids);

    const waitlisted = await listEventRegistrations(
      organiser,
      eventId,
      listParams({ status: 'waitlisted' }),
    );
    expect(waitlisted.items.map((r) => r.id)).toEqual([ids[3]]);
    // The search's wildcards are taken literally.
    expect(
      (await listEventRegistrations(organiser, eventId, listParams({ q: '_100%' }))).total,
    ).toBe(1);
    expect((await listEventRegistrations(organiser, eventId, listParams({ q: '%' }))).total).toBe(
      1,
    );
    expect(
      (await listEventRegistrations(organiser, eventId, listParams({ q: 'list3.' }))).total,
    ).toBe(1);
    const byName = await listEventRegistrations(organiser, eventId, listParams({ sort: 'name' }));
    expect(byName.items.at(-1)?.id).toBe(ids[6]);
    // Bad URL values fall back to the defaults.
    expect(parseRegistrationListParams({ status: 'nope', sort: 'x', page: '-3' })).toEqual({
      status: undefined,
      q: undefined,
      sort: 'arrival',
      page: 1,
    });
    const page2 = await listEventRegistrations(organiser, eventId, listParams({ page: 2 }));
    expect(page2.items).toEqual([]);
    expect(page2.total).toBe(7);

    const reads = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'registrations.list'), eq(auditLog.subjectId, eventId)));
    expect(reads.length).toBe(7);
    expect(reads.every((r) => r.actorId === organiser.id)).toBe(true);
  });
});

describe('a long list of registrations', () => {
  it('counts the rows matching on any page, from the page’s own rows or past the last one', async () => {
    const eventId = await makeEvent({ capacity: null });
    const organiser = await makeViewer([{ role: 'organiser', eventId }]);
    await getDb()
      .insert(registrations)
      .values(
        Array.from({ length: 120 }, (_, i) => ({
          eventId,
          email: unique(`long${i + 1}`),
          firstName: 'Camille',
          lastName: `Nom ${String(120 - i).padStart(3, '0')}`,
          organisation: i % 2 ? 'Ministère de la Justice' : 'Préfecture du Rhône',
          function: 'Chargée de mission',
          country: 'FR',
          locale: 'fr' as const,
          status: 'confirmed' as const,
          manageTokenHash: randomBytes(32).toString('hex'),
          privacyAcknowledgedAt: new Date(),
        })),
      );
    const filtered = { status: 'confirmed', organisation: 'ministère', sort: 'name' } as const;
    const second = await listEventRegistrations(
      organiser,
      eventId,
      listParams({ ...filtered, page: 2 }),
    );
    expect(second.total).toBe(60);
    expect(second.items).toHaveLength(10);
    expect(second.items.every((r) => r.organisation === 'Ministère de la Justice')).toBe(true);
    expect(second.items.map((r) => r.lastName)).toEqual(
      [...second.items.map((r) => r.lastName)].sort(),
    );
    expect(second.items[0]).not.toHaveProperty('total');
    const past = await listEventRegistrations(
      organiser,
      eventId,
      listParams({ ...filtered, page: 3 }),
    );
    expect(past).toMatchObject({ items: [], total: 60 });
    const none = await listEventRegistrations(organiser, eventId, listParams({ q: 'personne' }));
    expect(none).toMatchObject({ items: [], total: 0 });
    expect((await listEventRegistrations(organiser, eventId, listParams())).total).toBe(120);
  });
});

function listParams(overrides: Partial<RegistrationListParams> = {}): RegistrationListParams {
  return { sort: 'arrival', page: 1, ...overrides };
}

describe('the event’s capacity and its registrations', () => {
  async function editable(capacity: number, emails: string[]) {
    const slug = uniqueSlug('capacity');
    const eventId = await makeEvent({ slug, capacity });
    for (const email of emails) await register(input(eventId, email), { origin: ORIGIN });
    const admin = await makeViewer([{ role: 'admin' }]);
    const edit = (newCapacity: string) =>
      updateEvent(
        admin,
        eventId,
        eventInputSchema.parse(
          eventForm({
            slug,
            registrationMode: 'open',
            capacity: newCapacity,
            startsAt: '2030-03-10T09:00',
            endsAt: '2030-03-10T17:00',
          }),
        ),
        { origin: ORIGIN },
      );
    return { eventId, edit };
  }

  it('cannot go below the seats already given, and nothing is saved', async () => {
    const { eventId, edit } = await editable(3, [unique('c1'), unique('c2'), unique('c3')]);
    await expectFieldError(() => edit('2'), 'capacity', 'capacityBelowRegistrations');
    const [row] = await getDb().select().from(events).where(eq(events.id, eventId));
    expect(row?.capacity).toBe(3);
    await edit('3');
  });

  it('offers seats it gains to the waiting list, in order, in the same transaction', async () => {
    const emails = [unique('r1'), unique('r2'), unique('r3')];
    const { eventId, edit } = await editable(1, emails);
    await edit('2');
    expect((await statusesOf(eventId)).map((r) => r.status)).toEqual([
      'confirmed',
      'offered',
      'waitlisted',
    ]);
    expect((await mailsTo(emails[1] as string)).at(-1)?.subject).toMatch(/^Une place vous est/);
    await edit('');
    expect((await statusesOf(eventId)).map((r) => r.status)).toEqual([
      'confirmed',
      'offered',
      'offered',
    ]);
  });
});

describe('hostile submissions, end to end below the HTTP layer', () => {
  it('are refused by the schema with nothing written, or stored exactly once', async () => {
    const eventId = await makeEvent({ capacity: 5 });
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom(
        '<b>x</b>',
        "x'); delete from registrations; --",
        'a\u202Eb',
        'x'.repeat(500),
      ),
    );
    const hostile = fc.record({
      firstName: text,
      lastName: text,
      email: fc.oneof(fc.emailAddress(), text),
      organisation: text,
      function: text,
      country: fc.oneof(fc.constantFrom('FR', 'BE', 'XX'), text),
      privacyAcknowledged: fc.oneof(fc.boolean(), text),
    });
    let stored = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (raw) => {
        const before = (await statusesOf(eventId)).length;
        const parsed = registrationInputSchema.safeParse({ ...raw, eventId, locale: 'fr' });
        if (!parsed.success) {
          refused++;
          expect((await statusesOf(eventId)).length).toBe(before);
          return;
        }
        const result = await register(parsed.data, { origin: ORIGIN });
        const after = (await statusesOf(eventId)).length;
        expect(after).toBe(result.outcome === 'registered' ? before + 1 : before);
        if (result.outcome === 'registered') stored++;
      }),
      { numRuns: 150 },
    );
    expect(stored + refused).toBeGreaterThan(0);
    const rows = await statusesOf(eventId);
    expect(rows).toHaveLength(stored);
    expect(rows.filter((r) => r.status === 'confirmed').length).toBeLessThanOrEqual(5);
  });
});

describe('an event cancelled', () => {
  it('tells everyone still registered, in their language, with the reason, in the same transaction', async () => {
    const eventId = await makeEvent({ capacity: 1 });
    const [fr1, en1, gone] = [unique('fr1'), unique('en1'), unique('gone')];
    await register(input(eventId, fr1), { origin: ORIGIN });
    await register(input(eventId, en1, { locale: 'en' }), { origin: ORIGIN });
    await register(input(eventId, gone), { origin: ORIGIN });
    await cancelByToken(await tokenFromMail(gone), { origin: ORIGIN });
    const admin = await makeViewer([{ role: 'admin' }]);
    await cancelEvent(
      admin,
      eventId,
      { reasonFr: 'Grève des transports.', reasonEn: 'Transport strike.' },
      { origin: ORIGIN },
    );
    const frMail = (await mailsTo(fr1)).at(-1);
    expect(frMail?.subject).toMatch(/^Événement annulé : /);
    expect(frMail?.text).toContain('Grève des transports.');
    const enMail = (await mailsTo(en1)).at(-1);
    expect(enMail?.subject).toMatch(/^Event cancelled: /);
    expect(enMail?.text).toContain('Transport strike.');
    expect((await mailsTo(gone)).at(-1)?.subject).toMatch(/^Inscription annulée|^Liste/);
    expect((await mailsTo(gone)).some((m) => m.subject.startsWith('Événement annulé'))).toBe(false);
    const managed = await registrationByToken(await tokenFromMail(en1), 'en');
    expect(managed?.event).toMatchObject({
      cancelled: true,
      cancellationReason: 'Transport strike.',
    });
    // Statuses stay as they were.
    expect((await statusesOf(eventId)).map((r) => r.status)).toEqual([
      'confirmed',
      'waitlisted',
      'cancelled',
    ]);
  });
});

describe('signed in', () => {
  it('one sees and manages one’s own registrations, by account or e-mail, and nobody else’s', async () => {
    const eventId = await makeEvent({ capacity: 1 });
    const email = unique('signed');
    const me = await makeViewer([], email);
    const stranger = await makeViewer([]);
    await register(input(eventId, email.toUpperCase()), { origin: ORIGIN });
    await register(input(eventId, unique('next')), { origin: ORIGIN });
    const mine = await listMyRegistrations(me, 'fr');
    expect(mine.map((r) => r.status)).toEqual(['confirmed']);
    expect(await listMyRegistrations(stranger, 'fr')).toEqual([]);
    const id = mine[0]?.id as string;
    await expect(
      cancelRegistration({ id, viewer: stranger }, { origin: ORIGIN }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await cancelRegistration({ id, viewer: me }, { origin: ORIGIN });
    expect((await statusesOf(eventId)).map((r) => r.status)).toEqual(['cancelled', 'offered']);
  });
});
