import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  checkinScans,
  events,
  jobs,
  programmeSessions,
  registrationSessions,
  registrations,
} from '@/db/schema';
import { inviteCheckinStaff, scan, undoScan } from '@/lib/attendance/mutations';
import { attendanceBoard, doorCount, doorCounts } from '@/lib/attendance/queries';
import { scanInputSchema, staffSchema } from '@/lib/attendance/validation';
import { type ActionError, ForbiddenError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { MAIL_QUEUE } from '@/lib/mail/outbox';
import { loadViewer } from '@/lib/people/queries';
import type { RegistrationStatus } from '@/lib/registrations/enums';
import { ticketPayload } from '@/lib/registrations/ticket';
import { grantsOf, makeViewer } from '../helpers/fixtures';

let counter = 0;
const NOW = new Date('2030-06-10T08:00:00Z');

/** A published event with one workshop, its organiser, and check-in staff of it and of another. */
async function door(confidentiality: 'public' | 'restricted' = 'restricted') {
  const event = async () => {
    const n = ++counter;
    const [row] = await getDb()
      .insert(events)
      .values({
        slug: `door-${n}-${Date.now().toString(36)}`,
        status: 'published',
        format: 'colloquium',
        mode: 'in_person',
        city: 'Paris',
        country: 'FR',
        timeZone: 'Europe/Paris',
        startsAt: new Date('2030-06-10T07:00:00Z'),
        endsAt: new Date('2030-06-10T16:00:00Z'),
        registrationMode: 'open',
        confidentiality,
        titleFr: `Colloque ${n}`,
        titleEn: `Colloquium ${n}`,
        publishedAt: new Date(),
      })
      .returning({ id: events.id });
    return row?.id as string;
  };
  const eventId = await event();
  const otherEventId = await event();
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
  return {
    eventId,
    otherEventId,
    sessionId: session?.id as string,
    organiser: await makeViewer([{ role: 'organiser', eventId }]),
    staff: await makeViewer([{ role: 'checkin_staff', eventId }]),
    otherStaff: await makeViewer([{ role: 'checkin_staff', eventId: otherEventId }]),
  };
}

async function registered(
  eventId: string,
  status: RegistrationStatus = 'confirmed',
  sessionIds: string[] = [],
) {
  const n = ++counter;
  const [row] = await getDb()
    .insert(registrations)
    .values({
      eventId,
      email: `guest${n}@example.org`,
      firstName: 'Amina',
      lastName: `Diallo ${n}`,
      organisation: 'Préfecture du Nord',
      function: 'Cheffe de projet',
      country: 'FR',
      locale: 'fr',
      status,
      manageTokenHash: randomBytes(32).toString('hex'),
      privacyAcknowledgedAt: new Date(),
    })
    .returning({ id: registrations.id, ticketCode: registrations.ticketCode });
  for (const sessionId of sessionIds) {
    await getDb()
      .insert(registrationSessions)
      .values({ registrationId: row?.id as string, sessionId });
  }
  return row as { id: string; ticketCode: string };
}

const clientId = () => `scan-${++counter}-${randomBytes(4).toString('hex')}`;
const input = (fields: Record<string, unknown>) =>
  scanInputSchema.parse({ clientScanId: clientId(), ...fields });

async function scansOf(registrationId: string) {
  return getDb().select().from(checkinScans).where(eq(checkinScans.registrationId, registrationId));
}

describe('scanning at the door', () => {
  it('lets a confirmed person in once, then says since when; out, and not out twice', async () => {
    const d = await door();
    const guest = await registered(d.eventId);
    const at = (minutes: number) => ({ now: new Date(NOW.getTime() + minutes * 60_000) });
    const first = await scan(
      d.staff,
      d.eventId,
      input({ code: ticketPayload(guest.ticketCode) }),
      at(0),
    );
    expect(first).toMatchObject({
      outcome: 'checked_in',
      person: { firstName: 'Amina', organisation: null },
    });
    const again = await scan(d.organiser, d.eventId, input({ code: guest.ticketCode }), at(2));
    expect(again).toMatchObject({ outcome: 'already_in', since: NOW });
    expect(
      await scan(
        d.staff,
        d.eventId,
        input({ code: guest.ticketCode.slice(0, 8).toUpperCase(), direction: 'out' }),
        at(5),
      ),
    ).toMatchObject({ outcome: 'checked_out' });
    expect(
      await scan(d.staff, d.eventId, input({ code: guest.ticketCode, direction: 'out' }), at(6)),
    ).toMatchObject({ outcome: 'not_in' });
    // Picked by name: the same answers.
    expect(
      await scan(d.staff, d.eventId, input({ registrationId: guest.id }), at(7)),
    ).toMatchObject({
      outcome: 'checked_in',
    });
    const rows = await scansOf(guest.id);
    expect(rows.map((r) => r.kind).sort()).toEqual(['in', 'in', 'out']);
    expect(new Set(rows.map((r) => r.scannedBy))).toEqual(new Set([d.staff.id]));
  });

  it('answers every refusal clearly and writes nothing', async () => {
    const d = await door();
    const pending = await registered(d.eventId, 'pending');
    const cancelled = await registered(d.eventId, 'cancelled');
    const elsewhere = await registered(d.otherEventId);
    const notBooked = await registered(d.eventId);
    const cases: [Record<string, unknown>, string][] = [
      [{ code: 'https://example.org/not-a-ticket' }, 'garbled'],
      [{ code: `PASSERELLE-TICKET:${'0'.repeat(31)}g` }, 'garbled'],
      [{ code: ticketPayload('f'.repeat(32)) }, 'unknown'],
      [{ code: ticketPayload(elsewhere.ticketCode) }, 'other_event'],
      // Its printed number is looked up among this event's tickets only.
      [{ code: elsewhere.ticketCode.slice(0, 8).toUpperCase() }, 'unknown'],
      [{ code: 'ABCD12' }, 'garbled'],
      [{ code: pending.ticketCode }, 'not_confirmed'],
      [{ code: cancelled.ticketCode }, 'cancelled'],
      [{ code: notBooked.ticketCode, sessionId: d.sessionId }, 'not_for_session'],
    ];
    for (const [fields, outcome] of cases) {
      expect((await scan(d.staff, d.eventId, input(fields), { now: NOW })).outcome).toBe(outcome);
    }
    // A ticket of another event tells nothing of its holder.
    expect(
      await scan(d.staff, d.eventId, input({ code: elsewhere.ticketCode }), { now: NOW }),
    ).toEqual({ outcome: 'other_event' });
    // Staff of another event, anyone without a grant: refused.
    for (const who of [d.otherStaff, await makeViewer([]), null]) {
      await expect(
        scan(who, d.eventId, input({ code: notBooked.ticketCode }), { now: NOW }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
    // A session of another event, a clock far off: refused on their field.
    const [foreign] = await getDb()
      .insert(programmeSessions)
      .values({
        eventId: d.otherEventId,
        type: 'plenary',
        titleFr: 'Plénière',
        titleEn: 'Plenary',
        startsAt: new Date('2030-06-10T09:00:00Z'),
        endsAt: new Date('2030-06-10T10:00:00Z'),
      })
      .returning({ id: programmeSessions.id });
    const bad = await scan(
      d.staff,
      d.eventId,
      input({ code: notBooked.ticketCode, sessionId: foreign?.id }),
      { now: NOW },
    ).catch((e: unknown) => e);
    expect((bad as ActionError).fieldErrors).toEqual({ sessionId: ['invalidChoice'] });
    const future = await scan(
      d.staff,
      d.eventId,
      input({ code: notBooked.ticketCode, scannedAt: '2030-06-10T09:00:00Z' }),
      { now: NOW },
    ).catch((e: unknown) => e);
    expect((future as ActionError).fieldErrors).toEqual({ scannedAt: ['attendance.errors.clock'] });
    expect(
      await getDb().select().from(checkinScans).where(eq(checkinScans.eventId, d.eventId)),
    ).toEqual([]);
    expect(scanInputSchema.safeParse({ clientScanId: 'x' }).success).toBe(false);
  });

  it('checks people in per session, and shows the organisation only where the event allows', async () => {
    const d = await door('public');
    const guest = await registered(d.eventId, 'confirmed', [d.sessionId]);
    const inSession = await scan(
      d.staff,
      d.eventId,
      input({ code: guest.ticketCode, sessionId: d.sessionId }),
      { now: NOW },
    );
    expect(inSession).toMatchObject({
      outcome: 'checked_in',
      person: { organisation: 'Préfecture du Nord' },
    });
    // The entrance is another door: in there too, once.
    expect(
      (await scan(d.staff, d.eventId, input({ code: guest.ticketCode }), { now: NOW })).outcome,
    ).toBe('checked_in');
  });

  it('stores a scan sent twice once, and undoes a scan made by mistake', async () => {
    const d = await door();
    const guest = await registered(d.eventId);
    const once = input({ code: guest.ticketCode });
    const first = await scan(d.staff, d.eventId, once, { now: NOW });
    expect(await scan(d.staff, d.eventId, once, { now: NOW })).toMatchObject({
      outcome: 'replayed',
      scanId: first.scanId,
    });
    expect(await scansOf(guest.id)).toHaveLength(1);
    await undoScan(d.staff, d.eventId, first.scanId as string, clientId(), { now: NOW });
    // Not in any more: in again, anew.
    expect(
      (await scan(d.staff, d.eventId, input({ code: guest.ticketCode }), { now: NOW })).outcome,
    ).toBe('checked_in');
    const twice = await undoScan(d.staff, d.eventId, first.scanId as string, clientId(), {
      now: NOW,
    }).catch((e: unknown) => e);
    expect((twice as ActionError).messageKey).toBe('attendance.errors.alreadyUndone');
    await expect(
      undoScan(d.otherStaff, d.eventId, first.scanId as string, clientId(), { now: NOW }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('answers a scan with its door’s count, the same as the desk page counts it', async () => {
    const d = await door();
    const [a, b] = [
      await registered(d.eventId, 'confirmed', [d.sessionId]),
      await registered(d.eventId),
    ];
    await registered(d.eventId, 'pending');
    const first = await scan(d.staff, d.eventId, input({ code: a.ticketCode }), { now: NOW });
    await scan(d.staff, d.eventId, input({ code: b.ticketCode }), { now: NOW });
    await scan(d.staff, d.eventId, input({ code: a.ticketCode, sessionId: d.sessionId }), {
      now: NOW,
    });
    const page = await doorCounts(d.staff, d.eventId);
    expect(await doorCount(d.staff, d.eventId, null)).toEqual({
      sessionId: null,
      present: 2,
      expected: 2,
    });
    expect(page.entrance).toEqual({ present: 2, expected: 2 });
    expect(await doorCount(d.staff, d.eventId, d.sessionId)).toEqual({
      sessionId: d.sessionId,
      ...page.sessions[d.sessionId],
      present: 1,
      expected: 1,
    });
    // An exit, and an entry undone, count out.
    await scan(d.staff, d.eventId, input({ code: b.ticketCode, direction: 'out' }), {
      now: new Date(NOW.getTime() + 1000),
    });
    await undoScan(d.staff, d.eventId, first.scanId as string, clientId(), { now: NOW });
    expect(await doorCount(d.staff, d.eventId, null)).toMatchObject({ present: 0, expected: 2 });
    expect((await doorCounts(d.staff, d.eventId)).entrance.present).toBe(0);
    await expect(doorCount(d.otherStaff, d.eventId, null)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('decides who is in by the time of the scans, when a device sends what it queued offline', async () => {
    const d = await door();
    const guest = await registered(d.eventId);
    const t = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();
    // Online: in at 9:10, out at 9:40. Then a device that was offline sends an entry of 9:00.
    await scan(d.staff, d.eventId, input({ code: guest.ticketCode, scannedAt: t(10) }), {
      now: new Date(t(60)),
    });
    await scan(
      d.staff,
      d.eventId,
      input({ code: guest.ticketCode, direction: 'out', scannedAt: t(40) }),
      {
        now: new Date(t(60)),
      },
    );
    // At 9:00 the person was not in yet: the queued entry is kept, the exit still last.
    expect(
      (
        await scan(d.staff, d.eventId, input({ code: guest.ticketCode, scannedAt: t(0) }), {
          now: new Date(t(60)),
        })
      ).outcome,
    ).toBe('checked_in');
    // An entry queued at 9:20, while the person was in: already in since 9:10.
    expect(
      await scan(d.staff, d.eventId, input({ code: guest.ticketCode, scannedAt: t(20) }), {
        now: new Date(t(60)),
      }),
    ).toMatchObject({ outcome: 'already_in', since: new Date(t(10)) });
    // Now (after the 9:40 exit) they are out: a new entry lets them in.
    expect(
      (await scan(d.staff, d.eventId, input({ code: guest.ticketCode }), { now: new Date(t(60)) }))
        .outcome,
    ).toBe('checked_in');
  });

  it('lets one person in once when several doors scan the same ticket at the same moment', async () => {
    const d = await door();
    const guest = await registered(d.eventId);
    const doors: Viewer[] = [d.staff, d.organiser, d.staff, d.organiser, d.staff, d.staff];
    const results = await Promise.all(
      doors.map((who) => scan(who, d.eventId, input({ code: guest.ticketCode }), { now: NOW })),
    );
    expect(results.filter((r) => r.outcome === 'checked_in')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'already_in')).toHaveLength(doors.length - 1);
    expect(await scansOf(guest.id)).toHaveLength(1);
  });
});

describe('check-in staff', () => {
  it('are invited by the event’s organisers, for that event only, told by mail, and scan there only', async () => {
    const d = await door();
    const email = `Porte.${++counter}@Example.org`;
    const { userId } = await inviteCheckinStaff(
      d.organiser,
      d.eventId,
      staffSchema.parse({ email, name: 'Jules Porte', locale: 'en' }),
      { origin: 'http://passerelle.test' },
    );
    expect((await grantsOf(userId)).map((g) => [g.role, g.eventId, g.organisationId])).toEqual([
      ['checkin_staff', d.eventId, null],
    ]);
    const [mail] = await getDb()
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.queue, MAIL_QUEUE), sql`${jobs.payload}->>'to' = ${email.toLowerCase()}`));
    const payload = mail?.payload as { subject: string; text: string } | undefined;
    expect(payload?.subject).toMatch(/^You are on the check-in desk/);
    expect(payload?.text).toContain(
      `callbackUrl=${encodeURIComponent(`/en/checkin/${d.eventId}`)}`,
    );
    const staff = await loadViewer(userId);
    const guest = await registered(d.eventId);
    expect(
      (await scan(staff, d.eventId, input({ code: guest.ticketCode }), { now: NOW })).outcome,
    ).toBe('checked_in');
    const elsewhere = await registered(d.otherEventId);
    await expect(
      scan(staff, d.otherEventId, input({ code: elsewhere.ticketCode }), { now: NOW }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    // Twice: said so. By check-in staff themselves, or another event's organiser: refused.
    const again = await inviteCheckinStaff(
      d.organiser,
      d.eventId,
      staffSchema.parse({ email, locale: 'fr' }),
      { origin: 'http://passerelle.test' },
    ).catch((e: unknown) => e);
    expect((again as ActionError).fieldErrors).toEqual({
      email: ['attendance.errors.alreadyStaff'],
    });
    const otherOrganiser = await makeViewer([{ role: 'organiser', eventId: d.otherEventId }]);
    for (const who of [staff, otherOrganiser, d.otherStaff]) {
      await expect(
        inviteCheckinStaff(
          who,
          d.eventId,
          staffSchema.parse({ email: 'x@example.org', locale: 'fr' }),
          {
            origin: 'http://passerelle.test',
          },
        ),
      ).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe('live attendance', () => {
  it('counts per door the people expected, in now, come, late, and the no-shows once a session is over', async () => {
    const d = await door();
    const onTime = await registered(d.eventId, 'confirmed', [d.sessionId]);
    const late = await registered(d.eventId, 'confirmed', [d.sessionId]);
    await registered(d.eventId, 'confirmed', [d.sessionId]);
    await registered(d.eventId, 'pending', [d.sessionId]);
    // The workshop runs 9:00–10:30 UTC: one in at 9:02, one at 9:25, one never.
    const at = (iso: string) => ({ now: new Date(iso) });
    await scan(d.staff, d.eventId, input({ code: onTime.ticketCode }), at('2030-06-10T08:50:00Z'));
    for (const [guest, time] of [
      [onTime, '2030-06-10T09:02:00Z'],
      [late, '2030-06-10T09:25:00Z'],
    ] as const) {
      await scan(
        d.staff,
        d.eventId,
        input({ code: guest.ticketCode, sessionId: d.sessionId }),
        at(time),
      );
    }
    await scan(
      d.staff,
      d.eventId,
      input({ code: late.ticketCode, sessionId: d.sessionId, direction: 'out' }),
      at('2030-06-10T10:00:00Z'),
    );
    const during = await attendanceBoard(
      d.staff,
      d.eventId,
      'fr',
      new Date('2030-06-10T10:05:00Z'),
    );
    const [entrance, workshop] = during.doors;
    expect(entrance).toMatchObject({ id: null, expected: 3, present: 1, came: 1, noShows: null });
    expect(workshop).toMatchObject({
      id: d.sessionId,
      expected: 3,
      present: 1,
      came: 2,
      late: 1,
      noShows: null,
    });
    const after = await attendanceBoard(d.staff, d.eventId, 'fr', new Date('2030-06-10T11:00:00Z'));
    expect(after.doors[1]?.noShows).toBe(1);
    await expect(attendanceBoard(d.otherStaff, d.eventId, 'fr')).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});
