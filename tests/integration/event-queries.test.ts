import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { programmeSessions, sessionSpeakers, users } from '@/db/schema';
import { seed } from '@/db/seed';
import type { Viewer } from '@/lib/auth/permissions';
import { addSession, cancelEvent, createEvent, publishEvent } from '@/lib/events/mutations';
import {
  type CatalogueFilters,
  getEventPage,
  listCatalogue,
  listManagedEvents,
} from '@/lib/events/queries';
import { eventInputSchema, sessionInputSchema } from '@/lib/events/validation';
import { loadViewer } from '@/lib/people/queries';
import { eventBySlug, eventForm, sessionForm } from '../helpers/events';
import { makeViewer } from '../helpers/fixtures';

// A fixed "now", so that the 2027 demo events stay upcoming whenever the tests run.
const NOW = new Date('2026-11-01T00:00:00Z');

const COLLOQUIUM = 'colloque-international-prevention-radicalisation-2027';
const POLICY_PRACTICE = 'policy-practice-youth-education-2027';
const MENTAL_HEALTH = 'mental-health-working-group-2027';
const GCTF = 'gctf-families-foreign-terrorist-fighters-2027';
const WEBINAR = 'webinaire-francoprev-jeunesse-2027';
const TUNIS = 'visite-etude-tunis-2027';
const COLLOQUIUM_2016 = 'colloque-international-2016';
const RAN_2023 = 'ran-youth-education-meeting-2023';

// Events created here, besides the demo ones.
const DRAFT = 'brouillon-2027';
const CANCELLED = 'formation-annulee-2028';
const UNLISTED_CHATHAM = 'reunion-chatham-non-listee-2027';

let admin: Viewer;
let organiser: Viewer;
let demoOrganiser: Viewer;
let stranger: Viewer;

async function slugs(filters: CatalogueFilters, locale: 'fr' | 'en' = 'en') {
  const { items, total } = await listCatalogue(filters, locale, NOW);
  expect(total).toBe(items.length);
  return items.map((i) => i.slug);
}

beforeAll(async () => {
  await seed();
  admin = await makeViewer([{ role: 'admin' }]);
  organiser = await makeViewer([{ role: 'organiser' }]);
  stranger = await makeViewer([]);
  const [demo] = await getDb()
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'organisatrice@passerelle.test'));
  const loaded = demo && (await loadViewer(demo.id));
  if (!loaded) throw new Error('no demo organiser');
  demoOrganiser = loaded;

  // A listed, public draft: nobody but its organisers may see it.
  await createEvent(
    organiser,
    eventInputSchema.parse(eventForm({ slug: DRAFT, titleEn: 'Draft colloquium' })),
  );
  const fresh = await loadViewer(organiser.id);
  if (!fresh) throw new Error('no organiser');
  organiser = fresh;

  // A published then cancelled training: still listed, with its reason.
  const cancelled = await createEvent(
    admin,
    eventInputSchema.parse(
      eventForm({
        slug: CANCELLED,
        format: 'training',
        workingLanguages: 'en',
        city: 'Lyon',
        startsAt: '2028-02-01T09:00',
        endsAt: '2028-02-01T17:00',
        titleFr: 'Formation annulée',
        titleEn: 'Cancelled training',
      }),
    ),
  );
  await publishEvent(admin, cancelled.id);
  await cancelEvent(admin, cancelled.id, {
    reasonFr: 'Intempéries',
    reasonEn: 'Severe weather',
  });

  // An unlisted meeting under the Chatham House Rule, with a session not flagged itself.
  const chatham = await createEvent(
    admin,
    eventInputSchema.parse(
      eventForm({
        slug: UNLISTED_CHATHAM,
        confidentiality: 'chatham_house',
        visibility: 'unlisted',
        titleEn: 'Unlisted colloquium under the rule',
      }),
    ),
  );
  await addSession(
    admin,
    chatham.id,
    sessionInputSchema.parse(
      sessionForm({ speakers: [{ name: 'Jonas Verbeke', organisation: 'DG HOME' }] }),
    ),
  );
  await publishEvent(admin, chatham.id);
});

describe('listCatalogue', () => {
  it('lists upcoming, listed, public or Chatham House events, soonest first', async () => {
    expect(await slugs({})).toEqual([WEBINAR, GCTF, POLICY_PRACTICE, COLLOQUIUM, CANCELLED]);
    expect(await slugs({ period: 'upcoming' })).toEqual(await slugs({}));
  });

  it('never lists restricted, unlisted or draft events', async () => {
    const all = [...(await slugs({})), ...(await slugs({ period: 'past' }))];
    for (const hidden of [MENTAL_HEALTH, TUNIS, DRAFT, UNLISTED_CHATHAM]) {
      expect(all).not.toContain(hidden);
      expect(await slugs({ q: (await eventBySlug(hidden)).titleEn })).toEqual([]);
    }
    // They exist and are published (but the draft): only the rules keep them out.
    expect((await eventBySlug(MENTAL_HEALTH)).status).toBe('published');
    expect((await eventBySlug(TUNIS)).status).toBe('published');
  });

  it('lists past events, newest first', async () => {
    expect(await slugs({ period: 'past' })).toEqual([RAN_2023, COLLOQUIUM_2016]);
  });

  it('reads titles and summaries in the asked language', async () => {
    const fr = await listCatalogue({ format: 'webinar' }, 'fr', NOW);
    const en = await listCatalogue({ format: 'webinar' }, 'en', NOW);
    expect(fr.items[0]?.title).toMatch(/^Webinaire FrancoPREV — Prévenir/);
    expect(en.items[0]?.title).toMatch(/^FrancoPREV webinar — Preventing/);
    expect(fr.items[0]).toMatchObject({ networkAcronym: expect.any(String), mode: 'online' });
    const policy = await listCatalogue({ workingGroup: 'euhub-y-e' }, 'fr', NOW);
    expect(policy.items[0]?.workingGroupName).toBeTruthy();
  });

  it('filters by network and working group slug', async () => {
    expect(await slugs({ network: 'gctf' })).toEqual([GCTF]);
    // The restricted mental-health meeting shares the network, and stays hidden.
    expect(await slugs({ network: 'eu-knowledge-hub' })).toEqual([POLICY_PRACTICE]);
    expect(await slugs({ workingGroup: 'euhub-y-e' })).toEqual([POLICY_PRACTICE]);
    expect(await slugs({ workingGroup: 'euhub-mental-health' })).toEqual([]);
    expect(await slugs({ workingGroup: 'ran-y-e', period: 'past' })).toEqual([RAN_2023]);
    expect(await slugs({ network: 'no-such-network' })).toEqual([]);
  });

  it('filters by format and mode', async () => {
    expect(await slugs({ format: 'webinar' })).toEqual([WEBINAR]);
    expect(await slugs({ format: 'colloquium' })).toEqual([COLLOQUIUM]);
    expect(await slugs({ format: 'colloquium', period: 'past' })).toEqual([COLLOQUIUM_2016]);
    expect(await slugs({ mode: 'online' })).toEqual([WEBINAR]);
    // The only hybrid event is restricted.
    expect(await slugs({ mode: 'hybrid' })).toEqual([]);
    expect(await slugs({ mode: 'in_person' })).toEqual([
      GCTF,
      POLICY_PRACTICE,
      COLLOQUIUM,
      CANCELLED,
    ]);
  });

  it('filters by working language, not interpretation', async () => {
    expect(await slugs({ language: 'fr' })).toEqual([WEBINAR, GCTF, COLLOQUIUM]);
    expect(await slugs({ language: 'en' })).toEqual([GCTF, POLICY_PRACTICE, COLLOQUIUM, CANCELLED]);
    // Arabic is interpreted at the colloquium and the GCTF meeting; it is no working language.
    expect(await slugs({ language: 'ar' })).toEqual([]);
  });

  it('filters by country and city, ignoring case', async () => {
    expect(await slugs({ country: 'nl' })).toEqual([GCTF]);
    expect(await slugs({ country: 'BE' })).toEqual([POLICY_PRACTICE]);
    expect(await slugs({ country: 'TN' })).toEqual([]);
    expect(await slugs({ city: 'paris' })).toEqual([COLLOQUIUM]);
    expect(await slugs({ city: ' BRUXELLES ' })).toEqual([POLICY_PRACTICE]);
    expect(await slugs({ city: 'den haag' })).toEqual([GCTF]);
    expect(await slugs({ city: 'paris', period: 'past' })).toEqual([COLLOQUIUM_2016]);
  });

  it('filters by date range', async () => {
    expect(await slugs({ from: '2027-02-01', to: '2027-03-31' })).toEqual([GCTF, POLICY_PRACTICE]);
    expect(await slugs({ from: '2027-03-01' })).toEqual([POLICY_PRACTICE, COLLOQUIUM, CANCELLED]);
    expect(await slugs({ to: '2027-02-28' })).toEqual([WEBINAR, GCTF]);
    // An event running on the first day of the range is in it.
    expect(await slugs({ from: '2027-02-24', to: '2027-02-24' })).toEqual([GCTF]);
  });

  it('searches titles and summaries in either language', async () => {
    expect(await slugs({ q: 'colloquium' })).toEqual([COLLOQUIUM]);
    expect(await slugs({ q: 'colloque' })).toEqual([COLLOQUIUM]);
    expect(await slugs({ q: 'COLLOQUE' }, 'fr')).toEqual([COLLOQUIUM]);
    expect(await slugs({ q: 'colloquium', period: 'past' })).toEqual([COLLOQUIUM_2016]);
    expect(await slugs({ q: 'complotistes' })).toEqual([POLICY_PRACTICE]);
    expect(await slugs({ q: 'conspiracy' })).toEqual([POLICY_PRACTICE]);
    expect(await slugs({ q: 'Sénégal' })).toEqual([WEBINAR]);
    expect(await slugs({ q: '  colloquium  ' })).toEqual([COLLOQUIUM]);
  });

  it('treats LIKE wildcards in a search as plain characters', async () => {
    expect(await slugs({ q: '%' })).toEqual([]);
    expect(await slugs({ q: '_' })).toEqual([]);
    expect(await slugs({ q: '\\' })).toEqual([]);
    expect(await slugs({ city: '%' })).toEqual([]);
  });

  it('shows a cancelled event as cancelled', async () => {
    const { items } = await listCatalogue({ format: 'training' }, 'en', NOW);
    expect(items).toEqual([expect.objectContaining({ slug: CANCELLED, status: 'cancelled' })]);
  });
});

describe('getEventPage', () => {
  it('shows a published public event to anyone, in the asked language', async () => {
    const fr = await getEventPage(COLLOQUIUM, null, 'fr');
    const en = await getEventPage(COLLOQUIUM, stranger, 'en');
    expect(fr.access).toBe('ok');
    expect(fr.event).toMatchObject({
      slug: COLLOQUIUM,
      title: 'Colloque international sur la prévention de la radicalisation',
      canManage: false,
      onlineUrl: null,
    });
    expect(en.event?.title).toBe('International Colloquium on Radicalisation Prevention');
    expect(en.event?.sessions.map((s) => s.title).slice(0, 2)).toEqual([
      'Registration and welcome coffee',
      'Opening session',
    ]);
  });

  it('answers not_found for an unknown slug', async () => {
    expect(await getEventPage('no-such-event', admin, 'fr')).toEqual({
      access: 'not_found',
      event: null,
    });
  });

  it('hides a draft from everyone but its organisers', async () => {
    expect(await getEventPage(DRAFT, null, 'fr')).toEqual({ access: 'not_found', event: null });
    expect(await getEventPage(DRAFT, stranger, 'fr')).toEqual({ access: 'not_found', event: null });
    expect(await getEventPage(DRAFT, demoOrganiser, 'fr')).toEqual({
      access: 'not_found',
      event: null,
    });
    const own = await getEventPage(DRAFT, organiser, 'en');
    expect(own).toMatchObject({ access: 'ok', event: { status: 'draft', canManage: true } });
    expect((await getEventPage(DRAFT, admin, 'en')).access).toBe('ok');
  });

  it('asks anonymous visitors to sign in for a restricted event, and hides it from strangers', async () => {
    expect(await getEventPage(MENTAL_HEALTH, null, 'en')).toEqual({
      access: 'sign_in',
      event: null,
    });
    expect(await getEventPage(MENTAL_HEALTH, stranger, 'en')).toEqual({
      access: 'not_found',
      event: null,
    });
    // Another event's organiser is a stranger here.
    expect((await getEventPage(MENTAL_HEALTH, organiser, 'en')).access).toBe('not_found');
    const own = await getEventPage(MENTAL_HEALTH, demoOrganiser, 'en');
    expect(own).toMatchObject({ access: 'ok', event: { slug: MENTAL_HEALTH, canManage: true } });
    // The meeting link is never part of the page.
    expect((await eventBySlug(MENTAL_HEALTH)).onlineUrl).toMatch(/^https:/);
    expect(own.event?.onlineUrl).toBeNull();
    expect((await getEventPage(MENTAL_HEALTH, admin, 'en')).access).toBe('ok');
  });

  it('reaches the unlisted Tunis visit by its slug', async () => {
    expect((await getEventPage(TUNIS, demoOrganiser, 'fr')).event).toMatchObject({
      slug: TUNIS,
      title: 'Visite d’étude à Tunis : la prévention de proximité',
    });
    // It is restricted too: anonymous visitors are asked to sign in, not told it does not exist.
    expect((await getEventPage(TUNIS, null, 'fr')).access).toBe('sign_in');
    // An unlisted public event is open to anyone who has the link.
    expect((await getEventPage(UNLISTED_CHATHAM, null, 'en')).access).toBe('ok');
  });

  it('hides the speakers of Chatham House sessions', async () => {
    const { event } = await getEventPage(COLLOQUIUM, null, 'en');
    const byTitle = (title: string) => event?.sessions.find((s) => s.title === title);
    expect(byTitle('Opening session')).toMatchObject({
      chathamHouse: false,
      speakers: [
        { name: 'Claire Moreau', function: 'Secrétaire générale', organisation: 'SG-CIPDR' },
        {
          name: 'Jonas Verbeke',
          function: 'Policy officer',
          organisation: 'European Commission — DG HOME',
        },
      ],
    });
    const prison = byTitle('Workshop E — Prison and probation');
    expect(prison).toMatchObject({ chathamHouse: true, speakers: [] });
    // The speaker is stored: only the page leaves them out.
    const stored = await getDb()
      .select({ name: sessionSpeakers.name })
      .from(sessionSpeakers)
      .where(eq(sessionSpeakers.sessionId, prison?.id ?? ''));
    expect(stored).toEqual([{ name: 'Marc Dubois' }]);
  });

  it('hides the speakers of every session of a Chatham House event', async () => {
    const { access, event } = await getEventPage(UNLISTED_CHATHAM, null, 'en');
    expect(access).toBe('ok');
    expect(event?.confidentiality).toBe('chatham_house');
    expect(event?.sessions).toHaveLength(1);
    const [session] = event?.sessions ?? [];
    expect(session).toMatchObject({ chathamHouse: true, speakers: [] });
    const [row] = await getDb()
      .select({ chathamHouse: programmeSessions.chathamHouse })
      .from(programmeSessions)
      .where(eq(programmeSessions.id, session?.id ?? ''));
    expect(row?.chathamHouse).toBe(false);
    const stored = await getDb()
      .select({ name: sessionSpeakers.name })
      .from(sessionSpeakers)
      .where(eq(sessionSpeakers.sessionId, session?.id ?? ''));
    expect(stored).toEqual([{ name: 'Jonas Verbeke' }]);
  });

  it('gives the cancellation reason of a cancelled event in the asked language', async () => {
    expect((await getEventPage(CANCELLED, null, 'fr')).event).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Intempéries',
    });
    expect((await getEventPage(CANCELLED, null, 'en')).event?.cancellationReason).toBe(
      'Severe weather',
    );
    expect((await getEventPage(COLLOQUIUM, null, 'en')).event?.cancellationReason).toBeNull();
  });
});

describe('listManagedEvents', () => {
  it('lists the events a person organises; all of them for an admin', async () => {
    expect(await listManagedEvents(null, 'fr')).toEqual([]);
    expect(await listManagedEvents(stranger, 'fr')).toEqual([]);
    expect((await listManagedEvents(organiser, 'fr')).map((e) => e.slug)).toEqual([DRAFT]);
    const demo = (await listManagedEvents(demoOrganiser, 'fr')).map((e) => e.slug);
    expect(demo).toHaveLength(8);
    expect(demo).not.toContain(DRAFT);
    const all = (await listManagedEvents(admin, 'fr')).map((e) => e.slug);
    expect(all).toHaveLength(11);
    expect(all[0]).toBe(CANCELLED);
  });
});
