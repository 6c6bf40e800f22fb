import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  certificateMailings,
  certificateMails,
  checkinScans,
  events,
  jobs,
  programmeSessions,
  registrationSessions,
  registrations,
} from '@/db/schema';
import { ActionError, ForbiddenError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { MAIL_QUEUE } from '@/lib/mail/outbox';
import { badgesOf } from '@/lib/outputs/badges';
import { badgeSheetPdf, PER_SHEET } from '@/lib/outputs/badges-pdf';
import {
  CERTIFICATE_MAILING_QUEUE,
  certificateMailingOf,
  requestCertificateMailing,
  runCertificateMailing,
} from '@/lib/outputs/certificate-mailing';
import { certificateOf } from '@/lib/outputs/certificates';
import { certificatePdf } from '@/lib/outputs/certificates-pdf';
import { outputsOverview } from '@/lib/outputs/queries';
import type { Locale } from '@/lib/people/enums';
import type { RegistrationStatus } from '@/lib/registrations/enums';
import { makeViewer } from '../helpers/fixtures';
import { makeOrganisation } from '../helpers/nominations';
import { pdfPages, pdfText } from '../helpers/pdf-text';

let counter = 0;
type Confidentiality = 'public' | 'restricted' | 'chatham_house';

/** An event (over by default) with two sessions, and the people around it. */
async function setting(options: { confidentiality?: Confidentiality; over?: boolean } = {}) {
  const over = options.over ?? true;
  const starts = over ? new Date('2025-03-10T08:00:00Z') : new Date('2030-03-10T08:00:00Z');
  const make = async () => {
    const n = ++counter;
    const [row] = await getDb()
      .insert(events)
      .values({
        slug: `outputs-${n}-${Date.now().toString(36)}`,
        status: 'published',
        format: 'colloquium',
        mode: 'in_person',
        venueName: 'Centre de conférences Pierre Mendès France',
        city: 'Paris',
        country: 'FR',
        timeZone: 'Europe/Paris',
        startsAt: starts,
        endsAt: new Date(starts.getTime() + 32 * 3600_000),
        registrationMode: 'open',
        confidentiality: options.confidentiality ?? 'public',
        titleFr: `Colloque sur la prévention ${n}`,
        titleEn: `Prevention colloquium ${n}`,
        publishedAt: new Date(),
      })
      .returning({ id: events.id });
    return row?.id as string;
  };
  const eventId = await make();
  const otherEventId = await make();
  const sessions = await getDb()
    .insert(programmeSessions)
    .values([
      {
        eventId,
        type: 'parallel_workshop',
        titleFr: 'Atelier jeunesse',
        titleEn: 'Youth workshop',
        startsAt: new Date(starts.getTime() + 3600_000),
        endsAt: new Date(starts.getTime() + 2 * 3600_000),
      },
      {
        eventId,
        type: 'visit',
        titleFr: 'Visite de la préfecture',
        titleEn: 'Visit to the prefecture',
        startsAt: new Date(starts.getTime() + 26 * 3600_000),
        endsAt: new Date(starts.getTime() + 28 * 3600_000),
      },
    ])
    .returning({ id: programmeSessions.id });
  const organisationId = await makeOrganisation('Ministère');
  return {
    eventId,
    otherEventId,
    workshopId: sessions[0]?.id as string,
    visitId: sessions[1]?.id as string,
    starts,
    organiser: await makeViewer([{ role: 'organiser', eventId }]),
    admin: await makeViewer([{ role: 'admin' }]),
    staff: await makeViewer([{ role: 'checkin_staff', eventId }]),
    outsiders: {
      otherOrganiser: await makeViewer([{ role: 'organiser', eventId: otherEventId }]),
      otherStaff: await makeViewer([{ role: 'checkin_staff', eventId: otherEventId }]),
      nominator: await makeViewer([{ role: 'nominator', organisationId }]),
      participant: await makeViewer([]),
      // A platform-wide organiser grant creates events; it manages none of anyone else's.
      creator: await makeViewer([{ role: 'organiser' }]),
    },
  };
}

async function person(
  eventId: string,
  fields: {
    firstName?: string;
    lastName?: string;
    organisation?: string;
    status?: RegistrationStatus;
    locale?: Locale;
    sessions?: string[];
  } = {},
) {
  const n = ++counter;
  const [row] = await getDb()
    .insert(registrations)
    .values({
      eventId,
      email: `outputs${n}@example.org`,
      firstName: fields.firstName ?? 'Amina',
      lastName: fields.lastName ?? `Diallo ${n}`,
      organisation: fields.organisation ?? 'Préfecture du Nord',
      function: 'Cheffe de projet',
      country: 'FR',
      locale: fields.locale ?? 'fr',
      status: fields.status ?? 'confirmed',
      manageTokenHash: randomBytes(32).toString('hex'),
      privacyAcknowledgedAt: new Date(),
    })
    .returning({
      id: registrations.id,
      email: registrations.email,
      ticketCode: registrations.ticketCode,
    });
  for (const sessionId of fields.sessions ?? []) {
    await getDb()
      .insert(registrationSessions)
      .values({ registrationId: row?.id as string, sessionId });
  }
  return row as { id: string; email: string; ticketCode: string };
}

/** A scan as the desk writes it (the desk itself is tested in attendance.test.ts). */
async function scanned(
  eventId: string,
  registrationId: string,
  at: Date,
  sessionId: string | null = null,
  kind: 'in' | 'out' = 'in',
) {
  const [row] = await getDb()
    .insert(checkinScans)
    .values({
      eventId,
      registrationId,
      sessionId,
      kind,
      scannedAt: at,
      clientScanId: `scan-${++counter}-${randomBytes(4).toString('hex')}`,
    })
    .returning({ id: checkinScans.id });
  return row?.id as string;
}

async function undone(eventId: string, scan: { id: string; registrationId: string; at: Date }) {
  await getDb()
    .insert(checkinScans)
    .values({
      eventId,
      registrationId: scan.registrationId,
      kind: 'undo',
      undoesId: scan.id,
      scannedAt: scan.at,
      clientScanId: `undo-${++counter}`,
    });
}

const auditOf = (eventId: string, action: string) =>
  getDb()
    .select({ actorId: auditLog.actorId, data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, eventId), eq(auditLog.action, action)));

async function refusedWith<E>(run: () => Promise<unknown>, type: new () => E) {
  await expect(run()).rejects.toBeInstanceOf(type);
}

async function refusedKey(run: () => Promise<unknown>, key: string) {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  expect((error as ActionError).messageKey).toBe(key);
}

describe('badges', () => {
  it('prints the confirmed participants, by name, for the organisers, admins and check-in staff of the event, each print in the audit log', async () => {
    const s = await setting();
    await person(s.eventId, { lastName: 'Zola' });
    const first = await person(s.eventId, { lastName: 'Abdi', locale: 'en' });
    await person(s.eventId, { lastName: 'Waiting', status: 'waitlisted' });
    await person(s.eventId, { lastName: 'Gone', status: 'cancelled' });
    for (const viewer of [s.organiser, s.admin, s.staff]) {
      const { badges } = await badgesOf(viewer, s.eventId);
      expect(badges.map((b) => b.lastName)).toEqual(['Abdi', 'Zola']);
      // The QR code carries the ticket the door scans; the title is in the holder's language.
      expect(badges[0]).toMatchObject({
        ticketCode: first.ticketCode,
        eventTitle: expect.stringMatching(/^Prevention colloquium/),
      });
    }
    const audit = await auditOf(s.eventId, 'badges.printed');
    expect(audit.map((a) => a.actorId).sort()).toEqual(
      [s.organiser.id, s.admin.id, s.staff.id].sort(),
    );
    expect(audit[0]?.data).toMatchObject({ count: 2 });
  });

  it('refuses the organiser and staff of another event, a nominator, a participant and an event creator, writing nothing', async () => {
    const s = await setting();
    await person(s.eventId);
    for (const viewer of Object.values(s.outsiders) as Viewer[]) {
      await refusedWith(() => badgesOf(viewer, s.eventId), ForbiddenError);
    }
    await refusedWith(() => badgesOf(null, s.eventId), ForbiddenError);
    expect(await auditOf(s.eventId, 'badges.printed')).toEqual([]);
  });

  it('shows the organisation at a public event only, not at a restricted or Chatham House one', async () => {
    for (const [confidentiality, shown] of [
      ['public', true],
      ['restricted', false],
      ['chatham_house', false],
    ] as const) {
      const s = await setting({ confidentiality });
      await person(s.eventId, {
        firstName: 'Ελένη',
        lastName: 'Παπαδοπούλου',
        organisation: 'Министерство внутренних дел',
      });
      const { badges, title } = await badgesOf(s.organiser, s.eventId);
      expect(badges[0]?.organisation ?? null).toBe(shown ? 'Министерство внутренних дел' : null);
      const text = await pdfText(await badgeSheetPdf(badges, title.fr, 'fr'));
      expect(text).toContain('Ελένη Παπαδοπούλου');
      expect(text).toContain(badges[0]?.ticketCode.slice(0, 8).toUpperCase());
      expect(text.includes('Министерство внутренних дел')).toBe(shown);
    }
  });

  it('puts eight badges on a page, filters by session, and prints one person', async () => {
    const s = await setting();
    const people = [];
    for (let i = 0; i < PER_SHEET + 1; i++) {
      people.push(await person(s.eventId, { sessions: i < 3 ? [s.workshopId] : [] }));
    }
    const all = await badgesOf(s.organiser, s.eventId);
    const pages = await pdfPages(await badgeSheetPdf(all.badges, all.title.fr, 'fr'));
    expect(pages).toHaveLength(2);
    expect((await badgesOf(s.staff, s.eventId, { sessionId: s.workshopId })).badges).toHaveLength(
      3,
    );
    const one = await badgesOf(s.staff, s.eventId, { registrationId: people[4]?.id });
    expect(one.badges.map((b) => b.ticketCode)).toEqual([people[4]?.ticketCode]);
    // A session or a person of another event is not found here.
    const stranger = await person(s.otherEventId);
    await refusedWith(
      () => badgesOf(s.organiser, s.eventId, { registrationId: stranger.id }),
      NotFoundError,
    );
    const [otherSession] = await getDb()
      .insert(programmeSessions)
      .values({
        eventId: s.otherEventId,
        type: 'plenary',
        titleFr: 'P',
        titleEn: 'P',
        startsAt: s.starts,
        endsAt: new Date(s.starts.getTime() + 3600_000),
      })
      .returning({ id: programmeSessions.id });
    await refusedWith(
      () => badgesOf(s.organiser, s.eventId, { sessionId: otherSession?.id }),
      NotFoundError,
    );
  });
});

describe('certificates of attendance', () => {
  it('states the person, the event, its dates and place, and the sessions they were checked in to', async () => {
    const s = await setting();
    const guest = await person(s.eventId, {
      firstName: 'Анастасия',
      lastName: 'Константинопольская',
      sessions: [s.workshopId, s.visitId],
    });
    await scanned(s.eventId, guest.id, s.starts);
    await scanned(s.eventId, guest.id, new Date(s.starts.getTime() + 3600_000), s.workshopId);
    const fr = await pdfText(await certificatePdf(await certificateOf(guest.id)));
    expect(fr).toContain('ATTESTATION DE PRÉSENCE');
    expect(fr).toContain('Анастасия Константинопольская');
    expect(fr).toMatch(/Colloque sur la prévention \d+/);
    expect(fr).toContain('10 mars 2025');
    expect(fr).toContain('Lieu : Centre de conférences Pierre Mendès France, Paris, France');
    expect(fr).toContain('Sessions suivies');
    expect(fr).toContain('Atelier jeunesse');
    // Booked for the visit, never checked in there.
    expect(fr).not.toContain('Visite de la préfecture');
    const en = await pdfText(await certificatePdf(await certificateOf(guest.id, { locale: 'en' })));
    expect(en).toContain('CERTIFICATE OF ATTENDANCE');
    expect(en).toMatch(/Prevention colloquium \d+/);
    expect(en).toContain('March 10, 2025');
    expect(en).toContain('Youth workshop');
  });

  it('is refused before the event ends, and to whoever was never let in (an entry undone counts for nothing)', async () => {
    const early = await setting({ over: false });
    const inside = await person(early.eventId);
    await scanned(early.eventId, inside.id, early.starts);
    await refusedKey(() => certificateOf(inside.id), 'certificates.errors.notEnded');

    const s = await setting();
    const absent = await person(s.eventId);
    await refusedKey(() => certificateOf(absent.id), 'certificates.errors.notAttended');
    const mistaken = await person(s.eventId);
    const id = await scanned(s.eventId, mistaken.id, s.starts);
    await undone(s.eventId, { id, registrationId: mistaken.id, at: s.starts });
    await refusedKey(() => certificateOf(mistaken.id), 'certificates.errors.notAttended');
  });
});

describe('sending the certificates', () => {
  const mailJobs = (to: string) =>
    getDb()
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.queue, MAIL_QUEUE), sql`${jobs.payload}->>'to' = ${to}`));
  const mailingJobs = (eventId: string) =>
    getDb()
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(
        and(
          eq(jobs.queue, CERTIFICATE_MAILING_QUEUE),
          sql`${jobs.payload}->>'eventId' = ${eventId}`,
        ),
      );

  it('mails each attendee once, in their language with the PDF attached; a second press and a retried job send nothing', async () => {
    const s = await setting();
    const fr = await person(s.eventId, { firstName: 'Élodie' });
    const en = await person(s.eventId, { firstName: 'Ζωή', locale: 'en', sessions: [s.visitId] });
    const absent = await person(s.eventId);
    await scanned(s.eventId, fr.id, s.starts);
    await scanned(s.eventId, en.id, new Date(s.starts.getTime() + 26 * 3600_000), s.visitId);

    await requestCertificateMailing(s.organiser, s.eventId);
    const [job] = await mailingJobs(s.eventId);
    expect(job).toBeDefined();
    await runCertificateMailing(job?.payload);

    const [toFr] = await mailJobs(fr.email);
    const [toEn] = await mailJobs(en.email);
    expect(await mailJobs(absent.email)).toEqual([]);
    const frMail = toFr?.payload as {
      subject: string;
      attachments: { filename: string; content: string; encoding: string }[];
    };
    const enMail = toEn?.payload as typeof frMail;
    expect(frMail.subject).toMatch(/^Votre attestation de présence : Colloque/);
    expect(enMail.subject).toMatch(/^Your certificate of attendance: Prevention colloquium/);
    expect(frMail.attachments[0]).toMatchObject({
      filename: 'attestation-de-presence.pdf',
      encoding: 'base64',
    });
    const pdf = Buffer.from(enMail.attachments[0]?.content ?? '', 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Ζωή');
    expect(text).toContain('Visit to the prefecture');

    await refusedKey(
      () => requestCertificateMailing(s.organiser, s.eventId),
      'certificates.errors.alreadySent',
    );
    await runCertificateMailing(job?.payload);
    expect(await mailJobs(fr.email)).toHaveLength(1);
    expect(await mailJobs(en.email)).toHaveLength(1);
    expect(await mailingJobs(s.eventId)).toHaveLength(1);
    const status = await certificateMailingOf(s.organiser, s.eventId);
    expect(status).toMatchObject({
      attendees: 2,
      mailing: { sent: 2, by: s.organiser.name, completedAt: expect.any(Date) },
    });
    expect(await auditOf(s.eventId, 'certificates.mailed')).toHaveLength(1);
    expect(await outputsOverview(s.organiser, s.eventId, 'en')).toMatchObject({
      confidentiality: 'public',
      confirmed: 3,
      ended: true,
      sessions: [
        { title: 'Youth workshop', booked: 0 },
        { title: 'Visit to the prefecture', booked: 1 },
      ],
      certificates: { attendees: 2, mailing: { sent: 2 } },
    });
    await refusedWith(() => outputsOverview(s.staff, s.eventId, 'en'), ForbiddenError);
  });

  it('is refused before the end and to anyone who does not manage the event, with nothing written', async () => {
    const early = await setting({ over: false });
    const inside = await person(early.eventId);
    await scanned(early.eventId, inside.id, early.starts);
    await refusedKey(
      () => requestCertificateMailing(early.organiser, early.eventId),
      'certificates.errors.notEnded',
    );
    const s = await setting();
    for (const viewer of [s.staff, ...(Object.values(s.outsiders) as Viewer[])]) {
      await refusedWith(() => requestCertificateMailing(viewer, s.eventId), ForbiddenError);
    }
    for (const eventId of [early.eventId, s.eventId]) {
      expect(
        await getDb()
          .select()
          .from(certificateMailings)
          .where(eq(certificateMailings.eventId, eventId)),
      ).toEqual([]);
      expect(await mailingJobs(eventId)).toEqual([]);
      expect(
        await getDb().select().from(certificateMails).where(eq(certificateMails.eventId, eventId)),
      ).toEqual([]);
    }
    expect(await mailJobs(inside.email)).toEqual([]);
  });
});
