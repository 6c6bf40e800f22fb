import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { nominations, programmeSessions, registrationSessions, registrations } from '@/db/schema';
import { scan } from '@/lib/attendance/mutations';
import { scanInputSchema } from '@/lib/attendance/validation';
import { ForbiddenError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { eventDashboard, eventsDashboard, TOP_SHOWN } from '@/lib/dashboard/queries';
import type { NominationStatus } from '@/lib/nominations/enums';
import type { RegistrationStatus } from '@/lib/registrations/enums';
import { makeViewer } from '../helpers/fixtures';
import { makeEvent, next, nominateMany, openedCall } from '../helpers/nominations';

// The dashboards count what the tables hold: registrations per day in the event's time
// zone, per status, organisation and country, nominations against quotas, attendance
// per door; and only the event's organisers and admins may read them.

// The event (helpers/nominations) is in Brussels, on 10–11 June 2030; NOW is after its start.
const NOW = new Date('2030-06-10T12:00:00Z');

async function register(
  eventId: string,
  r: { status: RegistrationStatus; organisation: string; country: string; at: string },
) {
  const n = next();
  const [row] = await getDb()
    .insert(registrations)
    .values({
      eventId,
      email: `dash${n}@example.org`,
      firstName: 'Léa',
      lastName: `Martin ${n}`,
      organisation: r.organisation,
      function: 'Chargée de mission',
      country: r.country,
      locale: 'fr',
      status: r.status,
      offerExpiresAt: r.status === 'offered' ? new Date('2030-06-01T00:00:00Z') : null,
      manageTokenHash: randomBytes(32).toString('hex'),
      privacyAcknowledgedAt: new Date(r.at),
      createdAt: new Date(r.at),
    })
    .returning({ id: registrations.id, ticketCode: registrations.ticketCode });
  return row as { id: string; ticketCode: string };
}

const clientScanId = () => `dash-${next()}-${randomBytes(4).toString('hex')}`;

/**
 * An event on nomination (capacity 10) with a workshop, an open call for two ministries
 * (quotas 2 and 3, and three places for France), registrations and scans.
 */
async function colloquium() {
  const { eventId, organiser, callId, orgA, orgB, nominatorA, nominatorB } = await openedCall(
    2,
    3,
    10,
    { countryQuotas: [{ country: 'FR', quota: 3 }] },
  );
  const [a1, a2, a3] = await nominateMany(nominatorA, callId, orgA, 3);
  const [b1, b2] = await nominateMany(nominatorB, callId, orgB, 2);
  const set = async (ids: (string | undefined)[], status: NominationStatus) =>
    getDb()
      .update(nominations)
      .set({ status })
      .where(inArray(nominations.id, ids as string[]));
  await set([a1], 'accepted');
  await set([a2], 'reserve');
  await set([a3], 'submitted');
  await set([b1], 'confirmed');
  await set([b2], 'rejected');

  // 23:30 and 00:30 in Brussels (UTC+1 in March): two days there, one day in UTC.
  const confirmed1 = await register(eventId, {
    status: 'confirmed',
    organisation: 'Préfecture du Nord',
    country: 'FR',
    at: '2030-03-01T22:30:00Z',
  });
  const confirmed2 = await register(eventId, {
    status: 'confirmed',
    organisation: 'Préfecture du Nord',
    country: 'FR',
    at: '2030-03-01T23:30:00Z',
  });
  await register(eventId, {
    status: 'confirmed',
    organisation: 'Ville de Bruxelles',
    country: 'BE',
    at: '2030-03-04T09:00:00Z',
  });
  await register(eventId, {
    status: 'waitlisted',
    organisation: 'Ministère de l’Intérieur (TN)',
    country: 'TN',
    at: '2030-03-04T10:00:00Z',
  });
  await register(eventId, {
    status: 'cancelled',
    organisation: 'Préfecture du Nord',
    country: 'FR',
    at: '2030-03-04T11:00:00Z',
  });
  // Eight more organisations, one person each, all from Jordan: past the top eight.
  for (let i = 1; i <= 8; i++) {
    await register(eventId, {
      status: 'pending',
      organisation: `Organisation ${i}`,
      country: 'JO',
      at: '2030-03-04T12:00:00Z',
    });
  }

  // A workshop booked by the first two; the first comes to the entrance and the workshop.
  const [session] = await getDb()
    .insert(programmeSessions)
    .values({
      eventId,
      type: 'parallel_workshop',
      titleFr: 'Atelier jeunesse',
      titleEn: 'Youth workshop',
      startsAt: new Date('2030-06-10T09:00:00Z'),
      endsAt: new Date('2030-06-10T10:30:00Z'),
    })
    .returning({ id: programmeSessions.id });
  const sessionId = session?.id as string;
  await getDb()
    .insert(registrationSessions)
    .values([
      { registrationId: confirmed1.id, sessionId },
      { registrationId: confirmed2.id, sessionId },
    ]);
  const staff = await makeViewer([{ role: 'checkin_staff', eventId }]);
  for (const door of [null, sessionId]) {
    await scan(
      staff,
      eventId,
      scanInputSchema.parse({
        clientScanId: clientScanId(),
        code: confirmed1.ticketCode,
        sessionId: door,
      }),
      { now: new Date('2030-06-10T08:55:00Z') },
    );
  }
  return { eventId, organiser, orgA, orgB, nominatorA, staff, sessionId };
}

describe('the dashboard of an event', () => {
  it('counts registrations per day in the event’s time zone, per status, organisation and country', async () => {
    const c = await colloquium();
    const d = await eventDashboard(c.organiser, c.eventId, 'fr', NOW);
    expect(d.timeZone).toBe('Europe/Brussels');
    expect(d.total).toBe(13);
    expect(Object.fromEntries(d.byStatus.map((s) => [s.status, s.count]))).toEqual({
      pending: 8,
      confirmed: 3,
      waitlisted: 1,
      offered: 0,
      expired: 0,
      rejected: 0,
      cancelled: 1,
    });
    expect(d.seats).toBe(3);
    expect(d.fillRate).toBeCloseTo(0.3);
    expect(d.series).toEqual({
      unit: 'day',
      points: [
        { period: '2030-03-01', count: 1, cumulative: 1 },
        { period: '2030-03-02', count: 1, cumulative: 2 },
        { period: '2030-03-03', count: 0, cumulative: 2 },
        { period: '2030-03-04', count: 11, cumulative: 13 },
      ],
    });
    // The cancelled registration is left out: 12 under way, in 11 organisations.
    expect(d.byOrganisation.shown).toHaveLength(TOP_SHOWN);
    expect(d.byOrganisation.shown[0]).toMatchObject({ label: 'Préfecture du Nord', value: 2 });
    expect(d.byOrganisation.others).toBe(3);
    expect(d.byOrganisation.othersCount).toBe(3);
    expect(d.byCountry).toEqual({
      shown: [
        { key: 'JO', label: 'Jordanie', value: 8 },
        { key: 'FR', label: 'France', value: 2 },
        expect.objectContaining({ value: 1 }),
        expect.objectContaining({ value: 1 }),
      ],
      others: null,
      othersCount: 0,
    });
    expect(
      d.byCountry.shown
        .slice(2)
        .map((c) => c.label)
        .sort(),
    ).toEqual(['Belgique', 'Tunisie']);
    const en = await eventDashboard(c.organiser, c.eventId, 'en', NOW);
    expect(en.byCountry.shown[0]?.label).toBe('Jordan');
  });

  it('shows nominations against each quota, and the places given per country', async () => {
    const c = await colloquium();
    const d = await eventDashboard(c.organiser, c.eventId, 'fr', NOW);
    expect(d.nominations?.callStatus).toBe('open');
    const byOrg = Object.fromEntries(
      (d.nominations?.organisations ?? []).map((o) => [
        o.key,
        { quota: o.quota, given: o.given, reserve: o.reserve, pending: o.pending },
      ]),
    );
    expect(byOrg).toEqual({
      [c.orgA]: { quota: 2, given: 1, reserve: 1, pending: 1 },
      [c.orgB]: { quota: 3, given: 1, reserve: 0, pending: 0 },
    });
    expect(d.groupQuotas).toEqual([
      { key: 'FR', kind: 'country', name: 'France', quota: 3, accepted: 2 },
    ]);
  });

  it('gives the attendance rate of the entrance and of each session', async () => {
    const c = await colloquium();
    const d = await eventDashboard(c.organiser, c.eventId, 'en', NOW);
    expect(d.started).toBe(true);
    expect(d.attendance.map((a) => [a.title, a.expected, a.came])).toEqual([
      [null, 3, 1],
      ['Youth workshop', 2, 1],
    ]);
    expect(d.attendance[0]?.rate).toBeCloseTo(1 / 3);
    expect(d.attendance[1]?.rate).toBe(0.5);
  });

  it('is empty, not broken, before anyone registers', async () => {
    const { eventId, organiser } = await makeEvent(null);
    const d = await eventDashboard(organiser, eventId, 'fr', NOW);
    expect(d.total).toBe(0);
    expect(d.fillRate).toBeNull();
    expect(d.series).toEqual({ unit: 'day', points: [] });
    expect(d.byOrganisation).toEqual({ shown: [], others: null, othersCount: 0 });
    expect(d.nominations).toBeNull();
    expect(d.attendance).toEqual([
      expect.objectContaining({ id: null, expected: 0, came: 0, rate: null }),
    ]);
  });

  it('is refused to the organiser of another event, nominators, check-in staff and participants', async () => {
    const c = await colloquium();
    const other = await makeEvent();
    const refused: (Viewer | null)[] = [
      other.organiser,
      c.nominatorA,
      c.staff,
      await makeViewer([]),
      await makeViewer([{ role: 'organiser' }]),
      null,
    ];
    for (const viewer of refused) {
      await expect(eventDashboard(viewer, c.eventId, 'fr', NOW)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
    }
    const admin = await makeViewer([{ role: 'admin' }]);
    expect((await eventDashboard(admin, c.eventId, 'fr', NOW)).total).toBe(13);
    await expect(
      eventDashboard(admin, '00000000-0000-4000-8000-000000000000', 'fr', NOW),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('the dashboard across events', () => {
  it('sums each managed event’s statuses, fill and attendance, and counts days across them', async () => {
    const c = await colloquium();
    const second = await makeEvent(null);
    await register(second.eventId, {
      status: 'confirmed',
      organisation: 'Préfecture du Nord',
      country: 'FR',
      at: '2030-03-04T15:00:00Z',
    });
    const other = await makeEvent(4);
    await register(other.eventId, {
      status: 'confirmed',
      organisation: 'Ailleurs',
      country: 'FR',
      at: '2030-03-04T15:00:00Z',
    });
    const both = await makeViewer([
      { role: 'organiser', eventId: c.eventId },
      { role: 'organiser', eventId: second.eventId },
    ]);
    const d = await eventsDashboard(both, 'fr', NOW);
    expect(d.events.map((e) => e.id).sort()).toEqual([c.eventId, second.eventId].sort());
    const first = d.events.find((e) => e.id === c.eventId);
    expect(first).toMatchObject({
      total: 13,
      capacity: 10,
      seats: 3,
      started: true,
      expected: 3,
      came: 1,
    });
    expect(first?.byStatus).toMatchObject({
      pending: 8,
      confirmed: 3,
      waitlisted: 1,
      cancelled: 1,
    });
    expect(d.events.find((e) => e.id === second.eventId)).toMatchObject({
      total: 1,
      capacity: null,
      fillRate: null,
    });
    expect(d.totals).toMatchObject({
      total: 14,
      seats: 4,
      // Only the event with a capacity is measured for the fill rate.
      capacity: 10,
      fillRate: 0.3,
      expected: 4,
      came: 1,
      attendanceRate: 0.25,
    });
    expect(d.totals.byStatus).toMatchObject({ confirmed: 4, pending: 8 });
    expect(d.series.points.at(-1)).toEqual({ period: '2030-03-04', count: 12, cumulative: 14 });

    // An admin sees every event, the other organiser's too.
    const admin = await makeViewer([{ role: 'admin' }]);
    const all = await eventsDashboard(admin, 'fr', NOW);
    expect(all.events.map((e) => e.id)).toEqual(
      expect.arrayContaining([c.eventId, second.eventId, other.eventId]),
    );
    // The other organiser sees theirs only.
    const mine = await eventsDashboard(other.organiser, 'fr', NOW);
    expect(mine.events.map((e) => e.id)).toEqual([other.eventId]);
    expect(mine.totals).toMatchObject({ total: 1, seats: 1, capacity: 4, fillRate: 0.25 });
  });

  it('is refused to nominators, check-in staff and participants', async () => {
    const c = await colloquium();
    for (const viewer of [c.nominatorA, c.staff, await makeViewer([]), null]) {
      await expect(eventsDashboard(viewer, 'fr', NOW)).rejects.toBeInstanceOf(ForbiddenError);
    }
    // An organiser entrusted with no event yet: an empty dashboard.
    const newcomer = await makeViewer([{ role: 'organiser' }]);
    expect((await eventsDashboard(newcomer, 'fr', NOW)).events).toEqual([]);
  });
});
