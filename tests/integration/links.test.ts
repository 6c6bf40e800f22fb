import { and, asc, eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Executor, getDb } from '@/db/client';
import { events, jobs, rateLimits, registrations } from '@/db/schema';
import { seed } from '@/db/seed';
import { ActionError, ForbiddenError, NotFoundError } from '@/lib/auth/errors';
import { clearMagicLinkLimit, limitMagicLink } from '@/lib/auth/sign-in-limits';
import { MAIL_QUEUE } from '@/lib/mail/outbox';
import { decideNominations, nominate, submitNominations } from '@/lib/nominations/mutations';
import { nominationForRegistration, nomineeLinkExpired } from '@/lib/nominations/queries';
import { decisionSchema } from '@/lib/nominations/validation';
import { countHits, enforce, LIMITS, limitOn, RateLimitedError } from '@/lib/rate-limit';
import {
  invitationForRegistration,
  invitationLinkRevoked,
} from '@/lib/registrations/invitation-queries';
import { inviteeSchema } from '@/lib/registrations/invitation-validation';
import { addInvitation, revokeInvitation } from '@/lib/registrations/invitations';
import { limitPersonalLink } from '@/lib/registrations/link-limits';
import {
  manageLinkState,
  reissueManageLink,
  revokeManageLink,
} from '@/lib/registrations/manage-link';
import { cancelRegistration, register } from '@/lib/registrations/mutations';
import { registrationByToken } from '@/lib/registrations/queries';
import { registrationInputSchema } from '@/lib/registrations/validation';
import { makeViewer } from '../helpers/fixtures';
import { BEFORE, openedCall, person } from '../helpers/nominations';

const ORIGIN = 'http://passerelle.test';
let counter = 0;
const unique = (name: string) => `${name}.${++counter}.${Date.now().toString(36)}@example.org`;
const engine = process.env.TEST_ENGINE;

beforeAll(async () => {
  await seed();
});

async function refusal(fn: () => Promise<unknown>): Promise<RateLimitedError | null> {
  return fn().then(
    () => null,
    (e: unknown) => {
      if (e instanceof RateLimitedError) return e;
      throw e;
    },
  );
}

async function refusedWith(fn: () => Promise<unknown>): Promise<unknown> {
  return fn().then(
    () => null,
    (e: unknown) => e,
  );
}

async function mailsTo(email: string) {
  const rows = await getDb()
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.queue, MAIL_QUEUE), sql`${jobs.payload}->>'to' = ${email}`))
    .orderBy(asc(jobs.createdAt));
  return rows.map((r) => r.payload as { subject: string; text: string });
}

async function linkIn(email: string, pattern: RegExp): Promise<string> {
  const text = (await mailsTo(email)).at(-1)?.text ?? '';
  const match = text.match(pattern);
  if (!match) throw new Error(`no link in: ${text}`);
  return match[1] as string;
}
const manageLink = (email: string) => linkIn(email, /\/registrations\/([A-Za-z0-9_-]{43})/);
const registerLink = (email: string) => linkIn(email, /\/register\?invitation=([A-Za-z0-9_-]{43})/);

async function makeEvent(overrides: Partial<typeof events.$inferInsert> = {}) {
  const n = ++counter;
  const [row] = await getDb()
    .insert(events)
    .values({
      slug: `links-test-${n}-${Date.now().toString(36)}`,
      status: 'published',
      format: 'working_group_meeting',
      mode: 'in_person',
      city: 'Paris',
      country: 'FR',
      timeZone: 'Europe/Paris',
      startsAt: new Date('2030-03-10T08:00:00Z'),
      endsAt: new Date('2030-03-10T16:00:00Z'),
      registrationMode: 'open',
      capacity: 10,
      titleFr: `Atelier liens ${n}`,
      titleEn: `Links workshop ${n}`,
      ...overrides,
    })
    .returning({ id: events.id });
  return row?.id as string;
}

/** A registration on an open event; answers its id and its manage link's token. */
async function registered(eventId?: string) {
  const event = eventId ?? (await makeEvent());
  const email = unique('holder');
  const done = await register(
    registrationInputSchema.parse({
      eventId: event,
      firstName: 'Inès',
      lastName: 'Moreau',
      email,
      organisation: 'Préfecture',
      function: 'Chargée de mission',
      country: 'FR',
      locale: 'fr',
      privacyAcknowledged: true,
    }),
    { origin: ORIGIN },
  );
  return { eventId: event, email, id: (done as { id: string }).id, token: await manageLink(email) };
}

describe('rate limits of the table', () => {
  it('count magic links per e-mail whatever the address, and a used link starts the e-mail afresh', async () => {
    const email = unique('signin');
    const { limit } = LIMITS.signInEmail;
    for (let i = 0; i < limit; i++) await limitMagicLink(email, `192.0.2.${i}`);
    const refused = await refusal(() => limitMagicLink(email.toUpperCase(), '192.0.2.200'));
    expect(refused?.retryAfter).toBeGreaterThan(LIMITS.signInEmail.windowSeconds - 10);
    // Another e-mail from the same address is not held up.
    expect(await refusal(() => limitMagicLink(unique('other'), '192.0.2.200'))).toBeNull();
    await clearMagicLinkLimit(email);
    expect(await refusal(() => limitMagicLink(email, '192.0.2.201'))).toBeNull();
  });

  it('count every personal link from one address, unknown ones too, and each link on its own', async () => {
    const address = `198.51.100.${++counter}`;
    const { token } = await registered();
    for (let i = 0; i < LIMITS.linkToken.limit; i++) {
      await limitPersonalLink(token, `203.0.113.${i}`);
    }
    expect(await refusal(() => limitPersonalLink(token, '203.0.113.250'))).toBeInstanceOf(
      RateLimitedError,
    );
    // Guessing: made-up tokens count against the address.
    for (let i = 0; i < LIMITS.linkAddress.limit; i++) {
      await limitPersonalLink(`guess-${counter}-${i}`, address);
    }
    const refused = await refusal(() => limitPersonalLink(`guess-${counter}-last`, address));
    expect(refused?.retryAfter).toBeGreaterThan(0);
    expect(refused?.retryAfter).toBeLessThanOrEqual(LIMITS.linkAddress.windowSeconds);
  });

  it('start again once the window has passed', async () => {
    const user = `user-${++counter}`;
    const scan = limitOn('deskSearchUser', user);
    const stretch = { ...scan, limit: 2 };
    await enforce(stretch);
    await enforce(stretch);
    expect(await refusal(() => enforce(stretch))).toBeInstanceOf(RateLimitedError);
    await getDb()
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '61 seconds'` })
      .where(eq(rateLimits.key, scan.key));
    expect(await refusal(() => enforce(stretch))).toBeNull();
  });

  it.skipIf(engine !== 'postgres')(
    'hold across two app instances (two connections to the database)',
    async () => {
      const url = process.env.DATABASE_URL as string;
      const client = postgres(url, { max: 4, onnotice: () => {} });
      // A second pool, as another app instance would have.
      const other = drizzle(client) as unknown as Executor;
      try {
        const key = limitOn('scanUser', `staff-${++counter}`);
        const l = { ...key, limit: 10 };
        const waits = await Promise.all(
          Array.from({ length: 24 }, (_, i) => countHits(i % 2 ? getDb() : other, [l])),
        );
        const flat = waits.map((w) => w[0]);
        expect(flat.filter((w) => w === null)).toHaveLength(10);
        expect(flat.filter((w) => typeof w === 'number')).toHaveLength(14);
      } finally {
        await client.end();
      }
    },
  );
});

describe('a manage link', () => {
  it('expires: its page and its actions refuse it, and a new one can be sent to the registered e-mail', async () => {
    const { id, email, token } = await registered();
    expect(await manageLinkState(token)).toEqual({ state: 'valid', registrationId: id });
    await getDb()
      .update(registrations)
      .set({ manageTokenExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(registrations.id, id));
    expect(await registrationByToken(token, 'fr')).toBeNull();
    expect(await manageLinkState(token)).toMatchObject({ state: 'expired' });
    const refused = await refusedWith(() => cancelRegistration({ token }, { origin: ORIGIN }));
    expect(refused).toBeInstanceOf(ActionError);
    expect((refused as ActionError).messageKey).toBe('registrations.manage.link.expired');
    const [kept] = await getDb().select().from(registrations).where(eq(registrations.id, id));
    expect(kept?.status).toBe('confirmed');

    await reissueManageLink(token, { origin: ORIGIN });
    const fresh = await manageLink(email);
    expect(fresh).not.toBe(token);
    expect((await mailsTo(email)).at(-1)?.subject).toMatch(
      /^Votre lien d’inscription : Atelier liens/,
    );
    expect(await registrationByToken(fresh, 'fr')).toMatchObject({ id, email });
    // The expired one is now a revoked one; the new one runs at least thirty days.
    expect(await manageLinkState(token)).toMatchObject({ state: 'revoked' });
    const [row] = await getDb().select().from(registrations).where(eq(registrations.id, id));
    expect(row?.manageTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 29 * 86400_000);
  });

  it('is revoked by an organiser (no one else): it opens the "revoked" page, and a new link goes to the registered e-mail only', async () => {
    const { eventId, id, email, token } = await registered();
    const stranger = await makeViewer([{ role: 'organiser', eventId: await makeEvent() }]);
    expect(await refusedWith(() => revokeManageLink(stranger, eventId, id))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await refusedWith(() => revokeManageLink(null, eventId, id))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await manageLinkState(token)).toMatchObject({ state: 'valid' });
    const organiser = await makeViewer([{ role: 'organiser', eventId }]);
    await revokeManageLink(organiser, eventId, id);
    expect(await manageLinkState(token)).toEqual({ state: 'revoked', registrationId: id });
    expect(await registrationByToken(token, 'fr')).toBeNull();
    expect(
      await refusedWith(() => cancelRegistration({ token }, { origin: ORIGIN })),
    ).toBeInstanceOf(NotFoundError);
    const mailsBefore = (await mailsTo(email)).length;
    await reissueManageLink(token, { origin: ORIGIN });
    expect((await mailsTo(email)).length).toBe(mailsBefore + 1);
    const fresh = await manageLink(email);
    expect(await manageLinkState(fresh)).toMatchObject({ state: 'valid' });
    // Asked again and again: three new links an hour, then "try again later".
    await reissueManageLink(fresh, { origin: ORIGIN });
    await reissueManageLink(await manageLink(email), { origin: ORIGIN });
    expect(
      await refusal(() => manageLink(email).then((t) => reissueManageLink(t, { origin: ORIGIN }))),
    ).toBeInstanceOf(RateLimitedError);
    // An unknown link sends nothing.
    expect(
      await refusedWith(() => reissueManageLink('x'.repeat(43), { origin: ORIGIN })),
    ).toBeInstanceOf(NotFoundError);
  });
});

describe('each kind of link works only for its own page', () => {
  it('a manage, an invitation and a nominee token are refused by the other kinds’ pages; revoked and expired ones say so', async () => {
    // A manage link.
    const open = await registered();
    // An invitation link.
    const invitationEvent = await makeEvent({ registrationMode: 'invitation' });
    const organiser = await makeViewer([{ role: 'organiser', eventId: invitationEvent }]);
    const invitee = unique('invitee');
    const { id: invitationId } = await addInvitation(
      organiser,
      invitationEvent,
      inviteeSchema.parse({ email: invitee, firstName: 'Jean', lastName: 'Dupont', locale: 'fr' }),
      { origin: ORIGIN },
    );
    const invitation = await registerLink(invitee);
    // A nominee link.
    const call = await openedCall(2, 2, 10);
    const nominee = unique('nominee');
    const { id: nominationId } = await nominate(
      call.nominatorA,
      call.callId,
      call.orgA,
      person(nominee),
      BEFORE,
    );
    await submitNominations(call.nominatorA, call.callId, call.orgA, [nominationId], BEFORE);
    await decideNominations(
      call.organiser,
      call.eventId,
      decisionSchema.parse({ ids: [nominationId], decision: 'accept' }),
      { origin: ORIGIN },
    );
    const nomination = await registerLink(nominee);

    // Each opens its own page.
    expect(await registrationByToken(open.token, 'fr')).not.toBeNull();
    expect(await invitationForRegistration(invitationEvent, invitation)).not.toBeNull();
    expect(await nominationForRegistration(call.eventId, nomination, 'fr')).not.toBeNull();
    // And nothing else, even on the same event.
    for (const wrong of [invitation, nomination]) {
      expect(await registrationByToken(wrong, 'fr')).toBeNull();
      expect(await manageLinkState(wrong)).toBeNull();
    }
    for (const wrong of [open.token, nomination]) {
      expect(await invitationForRegistration(invitationEvent, wrong)).toBeNull();
      expect(await invitationLinkRevoked(invitationEvent, wrong)).toBe(false);
    }
    for (const wrong of [open.token, invitation]) {
      expect(await nominationForRegistration(call.eventId, wrong, 'fr')).toBeNull();
      expect(await nomineeLinkExpired(call.eventId, wrong)).toBe(false);
    }
    const walkIn = await refusedWith(() =>
      register(
        registrationInputSchema.parse({
          eventId: invitationEvent,
          firstName: 'Inès',
          lastName: 'Moreau',
          email: open.email,
          organisation: 'Préfecture',
          function: 'Chargée de mission',
          country: 'FR',
          locale: 'fr',
          privacyAcknowledged: true,
          invitationToken: open.token,
        }),
        { origin: ORIGIN },
      ),
    );
    expect(walkIn).toBeInstanceOf(ActionError);

    // An invitation revoked by the organisers says so.
    await revokeInvitation(organiser, invitationEvent, invitationId);
    expect(await invitationForRegistration(invitationEvent, invitation)).toBeNull();
    expect(await invitationLinkRevoked(invitationEvent, invitation)).toBe(true);

    // A nominee link expires at the call's confirmation deadline.
    expect(await nomineeLinkExpired(call.eventId, nomination)).toBe(false);
    await getDb().execute(
      sql`update nomination_calls set confirmation_deadline = now() - interval '1 minute',
        withdrawal_deadline = now(), nominations_close_at = now() - interval '2 minutes'
        where id = ${call.callId}`,
    );
    expect(await nominationForRegistration(call.eventId, nomination, 'fr')).toBeNull();
    expect(await nomineeLinkExpired(call.eventId, nomination)).toBe(true);
  });
});
