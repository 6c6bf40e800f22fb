import crypto from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  organisations,
  programmeSessions,
  roleGrants,
  sessionSpeakers,
} from '@/db/schema';
import { seed } from '@/db/seed';
import { DEMO_EVENTS } from '@/db/seed-events';
import { ActionError, ForbiddenError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import {
  addSession,
  archiveEvent,
  cancelEvent,
  createEvent,
  deleteSession,
  duplicateEvent,
  publishEvent,
  updateEvent,
  updateSession,
} from '@/lib/events/mutations';
import { utcToZonedLocal } from '@/lib/events/time';
import {
  cancelEventSchema,
  duplicateEventSchema,
  eventInputSchema,
  sessionInputSchema,
} from '@/lib/events/validation';
import { loadViewer } from '@/lib/people/queries';
import {
  demoEventForm,
  demoSessionForm,
  eventById,
  eventBySlug,
  eventForm,
  expectFieldError,
  networkId,
  refused,
  rowCounts,
  sessionForm,
  uniqueSlug,
  workingGroupId,
} from '../helpers/events';
import { makeViewer } from '../helpers/fixtures';

// Ids of seeded rows, read once the seed has run.
let seededOrganisation: string;
let seededEventId: string;
let gctf: string;
let gctfFtf: string;
let admin: Viewer;
let organiser: Viewer;
let otherOrganiser: Viewer;

// Parse like the server action does, then call the mutation.
const create = (viewer: Viewer | null, form: Record<string, unknown> = {}) =>
  createEvent(viewer, eventInputSchema.parse(eventForm(form)));
const update = (viewer: Viewer | null, id: string, form: Record<string, unknown>) =>
  updateEvent(viewer, id, eventInputSchema.parse(eventForm(form)));
const add = (viewer: Viewer | null, eventId: string, form: Record<string, unknown> = {}) =>
  addSession(viewer, eventId, sessionInputSchema.parse(sessionForm(form)));
const edit = (viewer: Viewer | null, sessionId: string, form: Record<string, unknown> = {}) =>
  updateSession(viewer, sessionId, sessionInputSchema.parse(sessionForm(form)));

/** The viewer as the next request would load it, with the grants written since. */
async function reload(viewer: Viewer): Promise<Viewer> {
  const fresh = await loadViewer(viewer.id);
  if (!fresh) throw new Error('viewer vanished');
  return fresh;
}

/** An event created by `organiser` (who then manages it), with its form. */
async function organisersEvent(form: Record<string, unknown> = {}) {
  const full = eventForm(form);
  const { id, slug } = await createEvent(organiser, eventInputSchema.parse(full));
  organiser = await reload(organiser);
  return { id, slug, form: full };
}

function sessionsOf(eventId: string) {
  return getDb()
    .select()
    .from(programmeSessions)
    .where(eq(programmeSessions.eventId, eventId))
    .orderBy(asc(programmeSessions.startsAt), asc(programmeSessions.room));
}

function auditOf(eventId: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(eq(auditLog.subjectId, eventId))
    .orderBy(asc(auditLog.createdAt));
}

beforeAll(async () => {
  await seed();
  admin = await makeViewer([{ role: 'admin' }]);
  organiser = await makeViewer([{ role: 'organiser' }]);
  otherOrganiser = await makeViewer([{ role: 'organiser' }]);
  const [org] = await getDb().select({ id: organisations.id }).from(organisations).limit(1);
  if (!org) throw new Error('no organisation');
  seededOrganisation = org.id;
  seededEventId = (await eventBySlug('colloque-international-prevention-radicalisation-2027')).id;
  gctf = await networkId('gctf');
  gctfFtf = await workingGroupId('gctf-ftf');
});

describe('createEvent', () => {
  it('lets an organiser create a draft, with an organiser grant on it and one audit line', async () => {
    const before = await rowCounts();
    const slug = uniqueSlug('created');
    const { id } = await create(organiser, {
      slug,
      capacity: '120',
      interpretationLanguages: 'ar',
    });

    expect(await rowCounts()).toEqual({
      ...before,
      events: before.events + 1,
      grants: before.grants + 1,
      audit: before.audit + 1,
    });
    expect(await eventById(id)).toMatchObject({
      slug,
      status: 'draft',
      format: 'colloquium',
      mode: 'in_person',
      venueName: 'École militaire',
      city: 'Paris',
      country: 'FR',
      onlineUrl: null,
      capacity: 120,
      workingLanguages: ['fr', 'en'],
      interpretationLanguages: ['ar'],
      retentionDays: 365,
      createdBy: organiser.id,
      publishedAt: null,
    });
    const grants = await getDb().select().from(roleGrants).where(eq(roleGrants.eventId, id));
    expect(grants).toEqual([
      expect.objectContaining({ userId: organiser.id, role: 'organiser', organisationId: null }),
    ]);
    expect(await auditOf(id)).toEqual([
      expect.objectContaining({
        actorId: organiser.id,
        action: 'event.create',
        subjectType: 'event',
        data: { slug },
      }),
    ]);
    // The grant lets the creator manage the event on the next request.
    organiser = await reload(organiser);
    await expect(publishEvent(organiser, id)).resolves.toBeUndefined();
  });

  it('stores wall-clock times typed in the event zone as UTC instants', async () => {
    const { id: tunis } = await create(admin, {
      timeZone: 'Africa/Tunis',
      city: 'Tunis',
      country: 'TN',
      startsAt: '2027-06-08T09:00',
      endsAt: '2027-06-10T13:00',
      registrationClosesAt: '2027-06-01T18:00',
    });
    expect(await eventById(tunis)).toMatchObject({
      timeZone: 'Africa/Tunis',
      startsAt: new Date('2027-06-08T08:00:00Z'),
      endsAt: new Date('2027-06-10T12:00:00Z'),
      registrationClosesAt: new Date('2027-06-01T17:00:00Z'),
    });
    const { id: paris } = await create(admin, {
      startsAt: '2027-07-06T09:00',
      endsAt: '2027-07-06T18:00',
    });
    expect(await eventById(paris)).toMatchObject({
      startsAt: new Date('2027-07-06T07:00:00Z'),
      endsAt: new Date('2027-07-06T16:00:00Z'),
    });
    // Sessions are typed in the event's zone too.
    const sessionId = await add(admin, tunis, {
      startsAt: '2027-06-09T09:00',
      endsAt: '2027-06-09T12:30',
    });
    const [session] = await getDb()
      .select()
      .from(programmeSessions)
      .where(eq(programmeSessions.id, sessionId));
    expect(session).toMatchObject({
      startsAt: new Date('2027-06-09T08:00:00Z'),
      endsAt: new Date('2027-06-09T11:30:00Z'),
    });
  });

  it('drops the venue of an online event and the link of an in-person one', async () => {
    const { id: online } = await create(admin, {
      mode: 'online',
      onlineUrl: 'https://meet.example.eu/x',
      venueName: 'Ignored',
    });
    expect(await eventById(online)).toMatchObject({
      venueName: null,
      city: null,
      country: null,
      onlineUrl: 'https://meet.example.eu/x',
    });
    const { id: inPerson } = await create(admin, { onlineUrl: 'https://meet.example.eu/y' });
    expect((await eventById(inPerson)).onlineUrl).toBeNull();
  });

  it.each([
    ['a nominator', () => makeViewer([{ role: 'nominator', organisationId: seededOrganisation }])],
    ['a participant', () => makeViewer([])],
    ['an anonymous visitor', async () => null],
    ['check-in staff', async () => makeViewer([{ role: 'checkin_staff', eventId: seededEventId }])],
  ])('refuses %s and writes nothing', async (_who, viewer) => {
    const who = await viewer();
    const before = await rowCounts();
    const error = await refused(() => create(who));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a slug already taken, whatever its case', async () => {
    const slug = uniqueSlug('taken');
    await create(organiser, { slug });
    await expectFieldError(
      () => create(organiser, { slug: slug.toUpperCase() }),
      'slug',
      'slugTaken',
    );
    // A demo event's slug too.
    await expectFieldError(
      () => create(admin, { slug: 'colloque-international-2016' }),
      'slug',
      'slugTaken',
    );
  });

  it('refuses a working group not valid on the event dates', async () => {
    const ran = await networkId('ran');
    const youth = await workingGroupId('ran-y-e');
    await expectFieldError(
      () => create(organiser, { networkId: ran, workingGroupId: youth }),
      'workingGroupId',
      'workingGroupNotValid',
    );
    // Ending the day after the group's last day (31 May 2024) is not valid either…
    await expectFieldError(
      () =>
        create(organiser, {
          networkId: ran,
          workingGroupId: youth,
          startsAt: '2024-05-31T09:00',
          endsAt: '2024-06-01T13:00',
        }),
      'workingGroupId',
      'workingGroupNotValid',
    );
    // …nor starting before its first day.
    await expectFieldError(
      () =>
        create(organiser, {
          networkId: ran,
          workingGroupId: youth,
          startsAt: '2020-12-31T09:00',
          endsAt: '2021-01-01T13:00',
        }),
      'workingGroupId',
      'workingGroupNotValid',
    );
    // Its last day, in the event's zone, is fine.
    const { id } = await create(organiser, {
      networkId: ran,
      workingGroupId: youth,
      timeZone: 'Pacific/Kiritimati',
      startsAt: '2024-05-31T09:00',
      endsAt: '2024-05-31T23:30',
    });
    expect((await eventById(id)).workingGroupId).toBe(youth);
  });

  it('refuses a working group of another network', async () => {
    const ran = await networkId('ran');
    await expectFieldError(
      () =>
        create(organiser, {
          networkId: ran,
          workingGroupId: gctfFtf,
        }),
      'workingGroupId',
      'workingGroupNotInNetwork',
    );
  });

  it('refuses an unknown network or working group', async () => {
    await expectFieldError(
      () => create(organiser, { networkId: crypto.randomUUID() }),
      'networkId',
      'invalidChoice',
    );
    await expectFieldError(
      () => create(organiser, { networkId: gctf, workingGroupId: crypto.randomUUID() }),
      'workingGroupId',
      'invalidChoice',
    );
  });

  it('accepts a working group of its network on valid dates', async () => {
    const { id } = await create(organiser, { networkId: gctf, workingGroupId: gctfFtf });
    expect(await eventById(id)).toMatchObject({ networkId: gctf, workingGroupId: gctfFtf });
  });
});

describe('who may manage an event', () => {
  it('refuses the organiser of another event, and lets an admin', async () => {
    const { id } = await organisersEvent();
    const sessionId = await add(organiser, id);
    const other = await create(otherOrganiser);
    otherOrganiser = await reload(otherOrganiser);
    // otherOrganiser manages `other`, not `id`.
    await expect(publishEvent(otherOrganiser, other.id)).resolves.toBeUndefined();

    const attempts: [string, () => Promise<unknown>][] = [
      ['update', () => update(otherOrganiser, id, { titleFr: 'Pris' })],
      ['publish', () => publishEvent(otherOrganiser, id)],
      ['add a session', () => add(otherOrganiser, id, { room: 'Autre salle' })],
      ['edit a session', () => edit(otherOrganiser, sessionId, { titleFr: 'Pris' })],
      ['delete a session', () => deleteSession(otherOrganiser, sessionId)],
      ['cancel', () => cancelEvent(otherOrganiser, id, { reasonFr: 'x', reasonEn: 'x' })],
      ['archive', () => archiveEvent(otherOrganiser, id)],
      [
        'duplicate',
        () => duplicateEvent(otherOrganiser, id, { slug: uniqueSlug(), startDate: '2028-01-10' }),
      ],
    ];
    for (const [what, attempt] of attempts) {
      expect(await refused(attempt), what).toBeInstanceOf(ForbiddenError);
    }

    // A platform-wide organiser grant creates events; it does not manage everyone's.
    const newcomer = await makeViewer([{ role: 'organiser' }]);
    expect(await refused(() => publishEvent(newcomer, id))).toBeInstanceOf(ForbiddenError);
    // Check-in staff of the event cannot change it either.
    const staff = await makeViewer([{ role: 'checkin_staff', eventId: id }]);
    expect(await refused(() => update(staff, id, { titleFr: 'Pris' }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await refused(() => add(null, id))).toBeInstanceOf(ForbiddenError);

    await update(admin, id, { titleFr: 'Modifié par l’admin' });
    await add(admin, id, { room: 'Salle Gallieni' });
    await publishEvent(admin, id);
    expect(await eventById(id)).toMatchObject({
      titleFr: 'Modifié par l’admin',
      status: 'published',
    });
    expect(await sessionsOf(id)).toHaveLength(2);
  });

  it('answers NotFoundError for an unknown event or session', async () => {
    const unknown = crypto.randomUUID();
    const attempts: [string, () => Promise<unknown>][] = [
      ['update', () => update(admin, unknown, {})],
      ['publish', () => publishEvent(admin, unknown)],
      ['cancel', () => cancelEvent(admin, unknown, { reasonFr: 'x', reasonEn: 'x' })],
      ['archive', () => archiveEvent(admin, unknown)],
      [
        'duplicate',
        () => duplicateEvent(admin, unknown, { slug: uniqueSlug(), startDate: '2028-01-10' }),
      ],
      ['add a session', () => add(admin, unknown)],
      ['edit a session', () => edit(admin, unknown)],
      ['delete a session', () => deleteSession(admin, unknown)],
    ];
    for (const [what, attempt] of attempts) {
      expect(await refused(attempt), what).toBeInstanceOf(NotFoundError);
    }
  });
});

describe('programme rules', () => {
  it('refuses a session outside the event', async () => {
    const { id } = await organisersEvent();
    for (const [startsAt, endsAt] of [
      ['2027-09-14T08:30', '2027-09-14T10:00'],
      ['2027-09-15T17:00', '2027-09-15T18:00'],
      ['2027-09-20T10:00', '2027-09-20T12:00'],
    ]) {
      await expectFieldError(
        () => add(organiser, id, { startsAt, endsAt }),
        'startsAt',
        'sessionOutsideEvent',
      );
    }
    // The very first and last minutes are inside.
    await add(organiser, id, { startsAt: '2027-09-14T09:00', endsAt: '2027-09-14T09:30' });
    await add(organiser, id, { startsAt: '2027-09-15T17:00', endsAt: '2027-09-15T17:30' });
  });

  it('refuses two sessions in one room at once, whatever the case and spacing of its name', async () => {
    const { id } = await organisersEvent();
    const first = await add(organiser, id, {
      room: 'Salle Lyautey',
      startsAt: '2027-09-14T10:00',
      endsAt: '2027-09-14T12:00',
    });
    for (const room of ['Salle Lyautey', 'salle lyautey', '  SALLE LYAUTEY  ']) {
      await expectFieldError(
        () =>
          add(organiser, id, { room, startsAt: '2027-09-14T11:00', endsAt: '2027-09-14T13:00' }),
        'room',
        'roomOverlap',
      );
    }
    // Inside, around, and at the same times.
    for (const [startsAt, endsAt] of [
      ['2027-09-14T10:30', '2027-09-14T11:00'],
      ['2027-09-14T09:00', '2027-09-14T13:00'],
      ['2027-09-14T10:00', '2027-09-14T12:00'],
    ]) {
      await expectFieldError(
        () => add(organiser, id, { room: 'Salle Lyautey', startsAt, endsAt }),
        'room',
        'roomOverlap',
      );
    }
    // Another room, back-to-back sessions, and sessions without a room are fine.
    await add(organiser, id, {
      room: 'Salle Gallieni',
      startsAt: '2027-09-14T10:00',
      endsAt: '2027-09-14T12:00',
    });
    await add(organiser, id, {
      room: 'Salle Lyautey',
      startsAt: '2027-09-14T12:00',
      endsAt: '2027-09-14T13:00',
    });
    await add(organiser, id, {
      room: 'salle lyautey',
      startsAt: '2027-09-14T09:00',
      endsAt: '2027-09-14T10:00',
    });
    await add(organiser, id, {
      room: '',
      startsAt: '2027-09-14T10:00',
      endsAt: '2027-09-14T12:00',
    });
    await add(organiser, id, {
      room: '',
      startsAt: '2027-09-14T10:00',
      endsAt: '2027-09-14T12:00',
    });

    // Updating a session does not clash with itself…
    await edit(organiser, first, {
      room: 'SALLE LYAUTEY',
      startsAt: '2027-09-14T10:15',
      endsAt: '2027-09-14T11:45',
      titleFr: 'Atelier déplacé',
    });
    // …but does with the others.
    await expectFieldError(
      () =>
        edit(organiser, first, {
          room: 'Salle Gallieni',
          startsAt: '2027-09-14T10:15',
          endsAt: '2027-09-14T11:45',
        }),
      'room',
      'roomOverlap',
    );
    // The same room on another event is another room.
    const other = await organisersEvent();
    await add(organiser, other.id, { room: 'Salle Lyautey' });
    expect(await sessionsOf(id)).toHaveLength(6);
  });

  it('refuses a session with more seats than the event', async () => {
    const { id } = await organisersEvent({ capacity: '100' });
    await expectFieldError(
      () => add(organiser, id, { capacity: '101' }),
      'capacity',
      'sessionCapacityAboveEvent',
    );
    const sessionId = await add(organiser, id, { capacity: '100' });
    await expectFieldError(
      () => edit(organiser, sessionId, { capacity: '150' }),
      'capacity',
      'sessionCapacityAboveEvent',
    );
    // An event without a limit takes any session.
    const open = await organisersEvent({ capacity: '' });
    await add(organiser, open.id, { capacity: '5000' });
  });

  it("refuses an event capacity below a session's", async () => {
    const { id, form } = await organisersEvent({ capacity: '100' });
    await add(organiser, id, { capacity: '80' });
    await expectFieldError(
      () => update(organiser, id, { ...form, capacity: '79' }),
      'capacity',
      'capacityBelowSessions',
    );
    await update(organiser, id, { ...form, capacity: '80' });
    await update(organiser, id, { ...form, capacity: '' });
    expect((await eventById(id)).capacity).toBeNull();
  });

  it('refuses new event dates that would leave sessions outside', async () => {
    const { id, form } = await organisersEvent();
    await add(organiser, id, { startsAt: '2027-09-15T14:00', endsAt: '2027-09-15T16:00' });
    for (const dates of [
      { startsAt: '2027-09-14T09:00', endsAt: '2027-09-14T18:00' },
      { startsAt: '2027-09-15T15:00', endsAt: '2027-09-15T18:00' },
      { startsAt: '2027-10-14T09:00', endsAt: '2027-10-15T17:30' },
      // Same wall-clock times in another zone are other instants.
      { timeZone: 'Asia/Tokyo' },
    ]) {
      await expectFieldError(
        () => update(organiser, id, { ...form, ...dates }),
        'startsAt',
        'sessionsOutsideEvent',
      );
    }
    await update(organiser, id, {
      ...form,
      startsAt: '2027-09-15T08:00',
      endsAt: '2027-09-15T16:00',
    });
  });

  it('refuses to move an event out of its working group period', async () => {
    const ran = await networkId('ran');
    const youth = await workingGroupId('ran-y-e');
    const { id, form } = await organisersEvent({
      networkId: ran,
      workingGroupId: youth,
      startsAt: '2024-03-12T09:00',
      endsAt: '2024-03-13T13:00',
    });
    await expectFieldError(
      () =>
        update(organiser, id, {
          ...form,
          startsAt: '2027-03-12T09:00',
          endsAt: '2027-03-13T13:00',
        }),
      'workingGroupId',
      'workingGroupNotValid',
    );
    await expectFieldError(
      () => update(organiser, id, { ...form, networkId: gctf }),
      'workingGroupId',
      'workingGroupNotInNetwork',
    );
  });

  it('refuses a slug taken by another event but keeps its own', async () => {
    const { id, form } = await organisersEvent();
    const other = await create(organiser);
    await expectFieldError(
      () => update(organiser, id, { ...form, slug: other.slug }),
      'slug',
      'slugTaken',
    );
    await update(organiser, id, { ...form, titleEn: 'Renamed' });
    expect(await eventById(id)).toMatchObject({ slug: form.slug, titleEn: 'Renamed' });
  });

  it('writes, replaces and deletes speakers with their session', async () => {
    const { id } = await organisersEvent();
    const speakers = [
      { name: 'Claire Moreau', function: 'Secrétaire générale', organisation: 'SG-CIPDR' },
      { name: 'Jonas Verbeke', function: '', organisation: '' },
    ];
    const sessionId = await add(organiser, id, { speakers });
    const speakersOf = () =>
      getDb()
        .select({
          name: sessionSpeakers.name,
          position: sessionSpeakers.position,
          fn: sessionSpeakers.function,
        })
        .from(sessionSpeakers)
        .where(eq(sessionSpeakers.sessionId, sessionId))
        .orderBy(asc(sessionSpeakers.position));
    expect(await speakersOf()).toEqual([
      { name: 'Claire Moreau', position: 0, fn: 'Secrétaire générale' },
      { name: 'Jonas Verbeke', position: 1, fn: null },
    ]);
    // A refused edit keeps the old speakers.
    await expectFieldError(
      () => edit(organiser, sessionId, { speakers: [{ name: 'X' }], capacity: '1000' }),
      'capacity',
      'sessionCapacityAboveEvent',
    );
    await edit(organiser, sessionId, { speakers: [{ name: 'Nadia Benali' }] });
    expect(await speakersOf()).toEqual([{ name: 'Nadia Benali', position: 0, fn: null }]);
    await deleteSession(organiser, sessionId);
    expect(await speakersOf()).toEqual([]);
    expect(await sessionsOf(id)).toEqual([]);
  });

  it('keeps access kinds only for an organisation_kinds rule', async () => {
    const { id } = await organisersEvent();
    const restricted = await add(organiser, id, {
      access: 'organisation_kinds',
      accessOrganisationKinds: ['ministry', 'prefecture'],
      chathamHouse: 'on',
    });
    const open = await add(organiser, id, {
      room: 'Salle Gallieni',
      access: 'everyone',
      accessOrganisationKinds: ['ministry'],
    });
    const rows = await getDb()
      .select()
      .from(programmeSessions)
      .where(eq(programmeSessions.eventId, id));
    expect(rows.find((r) => r.id === restricted)).toMatchObject({
      access: 'organisation_kinds',
      accessOrganisationKinds: ['ministry', 'prefecture'],
      chathamHouse: true,
    });
    expect(rows.find((r) => r.id === open)).toMatchObject({
      access: 'everyone',
      accessOrganisationKinds: [],
      chathamHouse: false,
    });
  });
});

describe('status', () => {
  it('goes draft → published → cancelled → archived, with stamps, reasons and audit lines', async () => {
    const { id } = await organisersEvent();
    await publishEvent(organiser, id);
    expect(await eventById(id)).toMatchObject({
      status: 'published',
      publishedAt: expect.any(Date),
    });
    await cancelEvent(
      organiser,
      id,
      cancelEventSchema.parse({ reasonFr: 'Grève des transports', reasonEn: 'Transport strike' }),
    );
    expect(await eventById(id)).toMatchObject({
      status: 'cancelled',
      cancelledAt: expect.any(Date),
      cancellationReasonFr: 'Grève des transports',
      cancellationReasonEn: 'Transport strike',
    });
    await archiveEvent(organiser, id);
    expect(await eventById(id)).toMatchObject({ status: 'archived', archivedAt: expect.any(Date) });
    expect((await auditOf(id)).map((a) => [a.action, a.data])).toEqual([
      ['event.create', { slug: expect.any(String) }],
      ['event.publish', { from: 'draft' }],
      ['event.cancel', { from: 'published' }],
      ['event.archive', { from: 'cancelled' }],
    ]);
  });

  it('refuses archived → published, draft → archived and other jumps, writing nothing', async () => {
    const invalidTransition = async (change: () => Promise<unknown>) => {
      const error = await refused(change);
      expect(error).toBeInstanceOf(ActionError);
      expect(error).toMatchObject({ messageKey: 'events.errors.invalidTransition' });
    };
    const draft = await organisersEvent();
    await invalidTransition(() => archiveEvent(organiser, draft.id));

    const archived = await organisersEvent();
    await publishEvent(organiser, archived.id);
    await invalidTransition(() => publishEvent(organiser, archived.id));
    await archiveEvent(organiser, archived.id);
    await invalidTransition(() => publishEvent(organiser, archived.id));
    await invalidTransition(() =>
      cancelEvent(organiser, archived.id, { reasonFr: 'x', reasonEn: 'x' }),
    );

    const cancelled = await organisersEvent();
    await cancelEvent(organiser, cancelled.id, { reasonFr: 'Annulé', reasonEn: 'Cancelled' });
    await invalidTransition(() => publishEvent(organiser, cancelled.id));
  });

  it('refuses any change to an archived event or its programme', async () => {
    const { id, form } = await organisersEvent();
    const sessionId = await add(organiser, id);
    await publishEvent(organiser, id);
    await archiveEvent(organiser, id);
    for (const change of [
      () => update(organiser, id, { ...form, titleFr: 'Trop tard' }),
      () => add(organiser, id, { room: 'Salle Gallieni' }),
      () => edit(organiser, sessionId, { titleFr: 'Trop tard' }),
      () => deleteSession(organiser, sessionId),
    ]) {
      const error = await refused(change);
      expect(error).toBeInstanceOf(ActionError);
      expect(error).toMatchObject({ messageKey: 'events.errors.archived' });
    }
  });
});

describe('duplicateEvent', () => {
  it('copies the programme and speakers as a draft, every date moved by the same days, wall clock kept across DST', async () => {
    const { id, slug } = await organisersEvent({
      capacity: '150',
      startsAt: '2027-03-16T09:00',
      endsAt: '2027-03-17T17:00',
      registrationOpensAt: '2027-02-01T09:00',
      registrationClosesAt: '2027-03-10T18:00',
      modificationDeadline: '2027-03-12T12:00',
      confidentiality: 'chatham_house',
    });
    await add(organiser, id, {
      room: 'Amphithéâtre Foch',
      startsAt: '2027-03-16T09:30',
      endsAt: '2027-03-16T11:00',
      capacity: '150',
      chathamHouse: 'on',
      speakers: [
        { name: 'Claire Moreau', function: 'Secrétaire générale', organisation: 'SG-CIPDR' },
        { name: 'Amira Trabelsi', function: 'Directrice', organisation: 'CNLCT' },
      ],
    });
    await add(organiser, id, {
      room: 'Salle Lyautey',
      startsAt: '2027-03-17T14:00',
      endsAt: '2027-03-17T16:00',
      access: 'organisation_kinds',
      accessOrganisationKinds: ['ministry'],
    });
    await publishEvent(organiser, id);
    const source = await eventById(id);
    const before = await rowCounts();

    // Paris changes to summer time on 28 March 2027: 3 weeks later, same wall-clock times.
    const target = duplicateEventSchema.parse({
      slug: uniqueSlug('copie'),
      startDate: '2027-04-06',
    });
    const copy = await duplicateEvent(organiser, id, target);

    expect(copy.slug).toBe(target.slug);
    expect(await rowCounts()).toEqual({
      events: before.events + 1,
      sessions: before.sessions + 2,
      speakers: before.speakers + 2,
      grants: before.grants + 1,
      audit: before.audit + 1,
    });
    const row = await eventById(copy.id);
    expect(row).toMatchObject({
      slug: target.slug,
      status: 'draft',
      publishedAt: null,
      duplicatedFromId: id,
      createdBy: organiser.id,
      capacity: 150,
      titleFr: source.titleFr,
      confidentiality: 'chatham_house',
      startsAt: new Date('2027-04-06T07:00:00Z'),
      endsAt: new Date('2027-04-07T15:00:00Z'),
      registrationOpensAt: new Date('2027-02-22T08:00:00Z'),
      registrationClosesAt: new Date('2027-03-31T16:00:00Z'),
      modificationDeadline: new Date('2027-04-02T10:00:00Z'),
    });
    const local = (d: Date | null) => (d ? utcToZonedLocal(d, 'Europe/Paris') : null);
    expect([row.startsAt, row.endsAt].map(local)).toEqual(['2027-04-06T09:00', '2027-04-07T17:00']);

    const sessions = await sessionsOf(copy.id);
    expect(
      sessions.map((s) => [
        s.room,
        local(s.startsAt),
        local(s.endsAt),
        s.capacity,
        s.chathamHouse,
        s.access,
        s.accessOrganisationKinds,
      ]),
    ).toEqual([
      ['Amphithéâtre Foch', '2027-04-06T09:30', '2027-04-06T11:00', 150, true, 'everyone', []],
      [
        'Salle Lyautey',
        '2027-04-07T14:00',
        '2027-04-07T16:00',
        null,
        false,
        'organisation_kinds',
        ['ministry'],
      ],
    ]);
    const speakers = await getDb()
      .select({
        name: sessionSpeakers.name,
        position: sessionSpeakers.position,
        organisation: sessionSpeakers.organisation,
      })
      .from(sessionSpeakers)
      .where(eq(sessionSpeakers.sessionId, sessions[0]?.id ?? ''))
      .orderBy(asc(sessionSpeakers.position));
    expect(speakers).toEqual([
      { name: 'Claire Moreau', position: 0, organisation: 'SG-CIPDR' },
      { name: 'Amira Trabelsi', position: 1, organisation: 'CNLCT' },
    ]);
    // The source is untouched and keeps its own programme.
    expect(await eventById(id)).toEqual(source);
    expect(await sessionsOf(id)).toHaveLength(2);
    // The duplicator organises the copy.
    const grants = await getDb().select().from(roleGrants).where(eq(roleGrants.eventId, copy.id));
    expect(grants.map((g) => [g.userId, g.role])).toEqual([[organiser.id, 'organiser']]);
    expect(await auditOf(copy.id)).toEqual([
      expect.objectContaining({ action: 'event.duplicate', data: { from: id, days: 21 } }),
    ]);
    expect(slug).not.toBe(copy.slug);
  });

  it('moves an event backwards and across the autumn change too', async () => {
    const { id } = await organisersEvent({
      startsAt: '2027-10-26T09:00',
      endsAt: '2027-10-26T18:00',
    });
    const copy = await duplicateEvent(admin, id, { slug: uniqueSlug(), startDate: '2027-10-19' });
    expect(await eventById(copy.id)).toMatchObject({
      startsAt: new Date('2027-10-19T07:00:00Z'),
      endsAt: new Date('2027-10-19T16:00:00Z'),
    });
  });

  it('refuses a taken slug', async () => {
    const { id } = await organisersEvent();
    await expectFieldError(
      () =>
        duplicateEvent(
          organiser,
          id,
          duplicateEventSchema.parse({
            slug: 'colloque-international-2016',
            startDate: '2028-01-10',
          }),
        ),
      'slug',
      'slugTaken',
    );
  });

  it('refuses a date on which the working group no longer exists', async () => {
    const ran = await networkId('ran');
    const youth = await workingGroupId('ran-y-e');
    const { id } = await organisersEvent({
      networkId: ran,
      workingGroupId: youth,
      startsAt: '2024-03-12T09:00',
      endsAt: '2024-03-13T13:00',
    });
    await expectFieldError(
      () => duplicateEvent(organiser, id, { slug: uniqueSlug(), startDate: '2024-09-10' }),
      'startDate',
      'workingGroupNotValid',
    );
    // Still valid on 30–31 May 2024.
    const copy = await duplicateEvent(organiser, id, {
      slug: uniqueSlug(),
      startDate: '2024-05-30',
    });
    expect((await eventById(copy.id)).workingGroupId).toBe(youth);
  });
});

describe('the demo events', () => {
  it.each(DEMO_EVENTS.map((e) => [e.slug, e] as const))(
    '%s satisfies the rules',
    async (_slug, demo) => {
      const form = await demoEventForm(demo, `${demo.slug}-copy`);
      const parsed = eventInputSchema.safeParse(form);
      expect(parsed.error?.issues ?? []).toEqual([]);
      const { id } = await createEvent(admin, eventInputSchema.parse(form));
      for (const s of demo.sessions) {
        const input = sessionInputSchema.safeParse(demoSessionForm(s));
        expect(input.error?.issues ?? [], s.titleEn).toEqual([]);
        await addSession(admin, id, sessionInputSchema.parse(demoSessionForm(s))).catch(
          (error: unknown) => {
            throw new Error(
              `${s.titleEn}: ${JSON.stringify(error instanceof ActionError ? error.fieldErrors : error)}`,
            );
          },
        );
      }
      if (demo.status === 'published') await publishEvent(admin, id);
      // The copy is stored as the seed stored the original.
      const seeded = await eventBySlug(demo.slug);
      const copy = await eventById(id);
      for (const key of [
        'startsAt',
        'endsAt',
        'registrationClosesAt',
        'capacity',
        'status',
      ] as const) {
        expect(copy[key], key).toEqual(seeded[key]);
      }
      expect(await sessionsOf(id)).toHaveLength(demo.sessions.length);
    },
  );
});

describe('concurrency', () => {
  // Opens the pool's connections beforehand, so that the calls below really run at once
  // instead of queueing behind connection set-up.
  const warmPool = () =>
    Promise.all(Array.from({ length: 8 }, () => getDb().execute(sql`select pg_sleep(0.05)`)));

  it.runIf(process.env.TEST_ENGINE === 'postgres')(
    'lets only one of several simultaneous sessions take a room',
    async () => {
      const { id } = await organisersEvent();
      await warmPool();
      const attempts = Array.from({ length: 8 }, (_, i) =>
        add(organiser, id, {
          room: 'Salle Foch',
          titleFr: `Atelier ${i}`,
          startsAt: `2027-09-14T10:${String(i * 5).padStart(2, '0')}`,
          endsAt: '2027-09-14T12:00',
        }),
      );
      const results = await Promise.allSettled(attempts);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(7);
      for (const error of lost) {
        expect(error).toBeInstanceOf(ActionError);
        expect(error).toMatchObject({ fieldErrors: { room: ['roomOverlap'] } });
      }
      expect(await sessionsOf(id)).toHaveLength(1);
    },
  );

  it.runIf(process.env.TEST_ENGINE === 'postgres')(
    'gives the slug to one of two organisers creating events at once, and a field error to the other',
    async () => {
      const slug = uniqueSlug('race');
      await warmPool();
      const results = await Promise.allSettled([
        create(organiser, { slug }),
        create(otherOrganiser, { slug }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(lost[0]).toBeInstanceOf(ActionError);
      expect(lost[0]).toMatchObject({ fieldErrors: { slug: ['slugTaken'] } });
    },
  );

  it.runIf(process.env.TEST_ENGINE === 'postgres')(
    'never leaves a session with more seats than the event, when both change at once',
    async () => {
      for (let round = 0; round < 5; round++) {
        const { id, form } = await organisersEvent({ capacity: '100' });
        await warmPool();
        await Promise.allSettled([
          update(organiser, id, { ...form, capacity: '50' }),
          add(organiser, id, { capacity: '80' }),
        ]);
        const event = await eventById(id);
        const seats = (await sessionsOf(id)).map((s) => s.capacity ?? 0);
        expect(Math.max(0, ...seats)).toBeLessThanOrEqual(
          event.capacity ?? Number.POSITIVE_INFINITY,
        );
      }
    },
  );
});
