import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  events,
  programmeSessions,
  registrationQuestions,
  registrationSessions,
  registrations,
} from '@/db/schema';
import { scan, undoScan } from '@/lib/attendance/mutations';
import { attendanceBoard, findAtDesk } from '@/lib/attendance/queries';
import { scanInputSchema } from '@/lib/attendance/validation';
import { submitNominations } from '@/lib/nominations/mutations';
import { callReview } from '@/lib/nominations/queries';
import { EXPORT_KINDS, exportFile } from '@/lib/outputs/exports';
import { listEventRegistrations, parseRegistrationListParams } from '@/lib/registrations/organiser';
import { auditOf, bulkRegistrations, csvRecords, xlsxContent } from '../helpers/exports';
import { makeViewer } from '../helpers/fixtures';
import { BEFORE, makeOrganisation, nominateMany, openedCall } from '../helpers/nominations';

let counter = 0;
const NOW = new Date('2030-06-10T08:00:00Z');

/** A published event with a workshop and two questions, its organiser, and people around it. */
async function exportedEvent() {
  const n = ++counter;
  const [event] = await getDb()
    .insert(events)
    .values({
      slug: `export-${n}-${Date.now().toString(36)}`,
      status: 'published',
      format: 'colloquium',
      mode: 'in_person',
      city: 'Paris',
      country: 'FR',
      timeZone: 'Europe/Paris',
      startsAt: new Date('2030-06-10T07:00:00Z'),
      endsAt: new Date('2030-06-10T16:00:00Z'),
      registrationMode: 'open',
      titleFr: `Colloque export ${n}`,
      titleEn: `Export colloquium ${n}`,
      publishedAt: new Date(),
    })
    .returning({ id: events.id });
  const eventId = event?.id as string;
  const [session] = await getDb()
    .insert(programmeSessions)
    .values({
      eventId,
      type: 'parallel_workshop',
      titleFr: 'Atelier prisons',
      titleEn: 'Prisons workshop',
      startsAt: new Date('2030-06-10T09:00:00Z'),
      endsAt: new Date('2030-06-10T10:30:00Z'),
    })
    .returning({ id: programmeSessions.id });
  const [choice, yesNo] = await getDb()
    .insert(registrationQuestions)
    .values([
      {
        eventId,
        position: 1,
        kind: 'single_choice',
        labelFr: 'Atelier préféré',
        labelEn: 'Favourite workshop',
        options: [
          { id: 'a', labelFr: 'Prisons', labelEn: 'Prisons' },
          { id: 'b', labelFr: 'Jeunesse', labelEn: 'Youth' },
        ],
      },
      { eventId, position: 2, kind: 'yes_no', labelFr: 'Première venue', labelEn: 'First time' },
    ])
    .returning({ id: registrationQuestions.id });
  const otherEvent = await getDb()
    .insert(events)
    .values({
      slug: `export-other-${n}-${Date.now().toString(36)}`,
      status: 'published',
      format: 'webinar',
      mode: 'online',
      timeZone: 'Europe/Paris',
      startsAt: new Date('2030-06-10T07:00:00Z'),
      endsAt: new Date('2030-06-10T16:00:00Z'),
      registrationMode: 'open',
      titleFr: 'Autre',
      titleEn: 'Other',
    })
    .returning({ id: events.id });
  const otherEventId = otherEvent[0]?.id as string;
  return {
    eventId,
    sessionId: session?.id as string,
    questions: { choice: choice?.id as string, yesNo: yesNo?.id as string },
    organiser: await makeViewer([{ role: 'organiser', eventId }]),
    admin: await makeViewer([{ role: 'admin' }]),
    staff: await makeViewer([{ role: 'checkin_staff', eventId }]),
    otherOrganiser: await makeViewer([{ role: 'organiser', eventId: otherEventId }]),
    participant: await makeViewer([]),
    nominator: await makeViewer([
      { role: 'nominator', organisationId: await makeOrganisation('Ministère') },
    ]),
  };
}

async function registered(
  eventId: string,
  person: { firstName: string; lastName: string; organisation?: string },
  extra: { sessionIds?: string[]; answers?: Record<string, unknown>; status?: 'confirmed' } = {},
) {
  const n = ++counter;
  const [row] = await getDb()
    .insert(registrations)
    .values({
      eventId,
      email: `guest${n}@example.org`,
      firstName: person.firstName,
      lastName: person.lastName,
      organisation: person.organisation ?? 'Préfecture du Nord',
      function: 'Cheffe de projet',
      country: 'SN',
      organisationKind: 'prefecture',
      locale: 'fr',
      status: extra.status ?? 'confirmed',
      answers: extra.answers ?? {},
      manageTokenHash: randomBytes(32).toString('hex'),
      privacyAcknowledgedAt: new Date(),
    })
    .returning({ id: registrations.id, ticketCode: registrations.ticketCode });
  for (const sessionId of extra.sessionIds ?? []) {
    await getDb()
      .insert(registrationSessions)
      .values({ registrationId: row?.id as string, sessionId });
  }
  return row as { id: string; ticketCode: string };
}

const exportLines = async () =>
  (await getDb().select().from(auditLog)).filter((l) => l.action === 'exports.download');

describe('who may export an event’s lists', () => {
  it('its organisers and the admins get each list in each format; the others are refused and nothing is logged', async () => {
    const e = await exportedEvent();
    await registered(e.eventId, { firstName: 'Awa', lastName: 'Ndiaye' });
    const before = (await exportLines()).length;
    for (const kind of EXPORT_KINDS) {
      for (const [viewer, status] of [
        [null, 401],
        [e.participant, 403],
        [e.nominator, 403],
        [e.staff, 403],
        [e.otherOrganiser, 403],
      ] as const) {
        const res = await exportFile(viewer, e.eventId, kind, 'csv', 'en');
        expect(res.status, `${kind} ${viewer?.email ?? 'anonymous'}`).toBe(status);
        expect(await res.text()).toMatch(/session|rights/);
      }
    }
    expect((await exportLines()).length).toBe(before);
    for (const kind of EXPORT_KINDS) {
      for (const viewer of [e.organiser, e.admin]) {
        for (const format of ['csv', 'xlsx']) {
          const res = await exportFile(viewer, e.eventId, kind, format, 'fr');
          expect(res.status).toBe(200);
          expect(res.headers.get('content-disposition')).toContain(`${kind}-export-`);
          await res.arrayBuffer();
        }
      }
    }
    const lines = await auditOf('exports.download', e.eventId);
    expect(lines).toHaveLength(EXPORT_KINDS.length * 4);
    expect(lines.map((l) => l.actorId).sort()).toEqual(
      [
        ...Array(EXPORT_KINDS.length * 2).fill(e.organiser.id),
        ...Array(EXPORT_KINDS.length * 2).fill(e.admin.id),
      ].sort(),
    );
    expect(lines.map((l) => l.data)).toContainEqual({
      kind: 'nominations',
      format: 'xlsx',
      locale: 'fr',
    });
  });

  it('answers bad addresses with a translated 400 or 404 and logs nothing', async () => {
    const e = await exportedEvent();
    const before = (await exportLines()).length;
    const cases = [
      [e.eventId, 'people', 'csv', 404, 'There is no such list'],
      [e.eventId, 'registrations', 'pdf', 400, 'Unknown format'],
      [e.eventId, 'registrations', null, 400, 'Unknown format'],
      ['not-an-id', 'registrations', 'csv', 404, 'does not exist'],
      ['00000000-0000-4000-8000-000000000000', 'registrations', 'csv', 404, 'does not exist'],
    ] as const;
    for (const [eventId, kind, format, status, text] of cases) {
      const res = await exportFile(e.admin, eventId, kind, format, 'en');
      expect(res.status).toBe(status);
      expect(await res.text()).toContain(text);
    }
    const fr = await exportFile(e.organiser, e.eventId, 'registrations', 'ods', 'fr');
    expect(await fr.text()).toContain('Format inconnu');
    expect((await exportLines()).length).toBe(before);
  });
});

describe('what the files hold', () => {
  it('registrations as CSV: marked, one person a line with their sessions and answers, formulas guarded', async () => {
    const e = await exportedEvent();
    await registered(
      e.eventId,
      { firstName: 'Awa', lastName: 'Ndiaye' },
      {
        sessionIds: [e.sessionId],
        answers: { [e.questions.choice]: 'b', [e.questions.yesNo]: 'yes' },
      },
    );
    await registered(e.eventId, {
      firstName: '=HYPERLINK("http://evil.example","x")',
      lastName: 'Martin; "Jr"',
      organisation: '+33 1 23',
    });
    const res = await exportFile(e.organiser, e.eventId, 'registrations', 'csv', 'fr', {
      now: NOW,
    });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [marker, header, ...rows] = await csvRecords(res);
    expect(marker?.[0]).toContain(e.organiser.email);
    expect(marker?.[0]).toContain('2030-06-10 10:00');
    expect(header).toEqual([
      'N° d’arrivée',
      'Statut',
      'Nom',
      'Prénom',
      'Adresse électronique',
      'Organisation',
      'Fonction',
      'Pays',
      'Type d’organisation',
      'Langue',
      'Inscrit le',
      'Sessions choisies',
      'Atelier préféré',
      'Première venue',
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]?.slice(1, 5)).toEqual([
      'Confirmée',
      'Ndiaye',
      'Awa',
      expect.stringMatching(/@/),
    ]);
    expect(rows[0]?.[7]).toBe('Sénégal');
    expect(rows[0]?.slice(11)).toEqual(['Atelier prisons', 'Jeunesse', 'oui']);
    // A cell a spreadsheet would run as a formula starts with an apostrophe.
    expect(rows[1]?.[3]).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(rows[1]?.[2]).toBe('Martin; "Jr"');
    expect(rows[1]?.[5]).toBe("'+33 1 23");
    expect(rows[1]?.slice(11)).toEqual(['', '', '']);
  });

  it('registrations as XLSX: a workbook whose cells, properties and marker are right', async () => {
    const e = await exportedEvent();
    await registered(
      e.eventId,
      { firstName: 'Awa', lastName: 'Ndiaye <&>' },
      { answers: { [e.questions.choice]: 'a' } },
    );
    await registered(e.eventId, { firstName: '=1+1', lastName: 'Formule' });
    const res = await exportFile(e.admin, e.eventId, 'registrations', 'xlsx', 'en', { now: NOW });
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const x = await xlsxContent(res);
    expect(x.files).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
        'docProps/core.xml',
      ]),
    );
    expect(x.core).toContain(`<dc:creator>${e.admin.email}</dc:creator>`);
    expect(x.core).toContain('2030-06-10T08:00:00Z');
    expect(x.rows[0]?.A).toContain(`by ${e.admin.email} on 2030-06-10 10:00`);
    expect(x.rows[1]?.C).toBe('Last name');
    expect(x.rows[1]?.M).toBe('Favourite workshop');
    expect(x.rows[2]).toMatchObject({ B: 'Confirmed', C: 'Ndiaye <&>', D: 'Awa', H: 'Senegal' });
    expect(x.rows[2]?.M).toBe('Prisons');
    expect(x.rows[2]?.I).toBe('Prefecture');
    // Text cells are inline strings: never formulas.
    expect(x.rows[3]?.D).toBe('=1+1');
    expect(x.sheet).not.toContain('<f>');
    expect(x.rows).toHaveLength(4);
  });

  it('attendance per door: who was expected, first in and last out, attended or not', async () => {
    const e = await exportedEvent();
    const came = await registered(
      e.eventId,
      { firstName: 'Awa', lastName: 'Ndiaye' },
      { sessionIds: [e.sessionId] },
    );
    await registered(
      e.eventId,
      { firstName: 'Léo', lastName: 'Absent' },
      { sessionIds: [e.sessionId] },
    );
    const at = (minutes: number) => ({ now: new Date(NOW.getTime() + minutes * 60_000) });
    const input = (fields: Record<string, unknown>) =>
      scanInputSchema.parse({ clientScanId: `scan-${++counter}-abcdef`, ...fields });
    await scan(e.staff, e.eventId, input({ code: came.ticketCode }), at(0));
    await scan(
      e.staff,
      e.eventId,
      input({ code: came.ticketCode, sessionId: e.sessionId }),
      at(65),
    );
    await scan(
      e.staff,
      e.eventId,
      input({ code: came.ticketCode, sessionId: e.sessionId, direction: 'out' }),
      at(140),
    );
    const [, header, ...rows] = await csvRecords(
      await exportFile(e.organiser, e.eventId, 'attendance', 'csv', 'en'),
    );
    expect(header?.slice(0, 3)).toEqual(['Door', 'Starts', 'Arrival no.']);
    expect(header?.slice(-3)).toEqual(['First in', 'Last out', 'Attended']);
    const line = (door: string, name: string) =>
      rows.find((r) => r[0] === door && r[3] === name)?.slice(-3);
    expect(rows).toHaveLength(4);
    expect(line('Event entrance', 'Ndiaye')).toEqual(['2030-06-10 10:00', '', 'yes']);
    expect(line('Event entrance', 'Absent')).toEqual(['', '', 'no']);
    expect(line('Prisons workshop', 'Ndiaye')).toEqual([
      '2030-06-10 11:05',
      '2030-06-10 12:20',
      'yes',
    ]);
    expect(line('Prisons workshop', 'Absent')).toEqual(['', '', 'no']);
  });

  it('nominations per organisation in rank order, drafts left out', async () => {
    const q = await openedCall(3, 2);
    const a = await nominateMany(q.nominatorA, q.callId, q.orgA, 3);
    await submitNominations(q.nominatorA, q.callId, q.orgA, a.slice(0, 2), BEFORE);
    const b = await nominateMany(q.nominatorB, q.callId, q.orgB, 1);
    await submitNominations(q.nominatorB, q.callId, q.orgB, b, BEFORE);
    const [, header, ...rows] = await csvRecords(
      await exportFile(q.organiser, q.eventId, 'nominations', 'csv', 'fr'),
    );
    expect(header?.slice(0, 5)).toEqual([
      'Organisation',
      'Pays de l’organisation',
      'Rang',
      'État',
      'Hors délai',
    ]);
    // Organisation by organisation (in the database's order of their names), by rank.
    const lines = rows.map((r) => [r[0]?.replace(/ \d+$/, ''), r[2], r[3], r[4]].join('|'));
    const education = 'Ministère de l’Éducation nationale';
    const justice = 'Ministère de la Justice';
    expect([...lines].sort()).toEqual(
      [
        `${education}|1|Soumise|non`,
        `${education}|2|Soumise|non`,
        `${justice}|1|Soumise|non`,
      ].sort(),
    );
    expect(lines.indexOf(`${education}|2|Soumise|non`)).toBe(
      lines.indexOf(`${education}|1|Soumise|non`) + 1,
    );
    expect(rows[0]?.[1]).toBe('France');
    // The nominator of another organisation gets nothing.
    expect((await exportFile(q.nominatorA, q.eventId, 'nominations', 'csv', 'fr')).status).toBe(
      403,
    );
  });
});

describe('the audit log of participant lists and of the door', () => {
  it('logs each read of a list, each desk search, each live board, each scan and undo', async () => {
    const e = await exportedEvent();
    const guest = await registered(e.eventId, { firstName: 'Awa', lastName: 'Ndiaye' });
    await listEventRegistrations(e.organiser, e.eventId, parseRegistrationListParams({ q: 'Nd' }));
    expect(await auditOf('registrations.list', e.eventId)).toHaveLength(1);
    const found = await findAtDesk(e.staff, e.eventId, null, 'Ndiaye');
    expect(found).toHaveLength(1);
    const [search] = await auditOf('checkin.search', e.eventId);
    expect(search).toMatchObject({ actorId: e.staff.id, data: { q: 'Ndiaye', count: 1 } });
    // Fewer than two letters reads nothing, and logs nothing.
    await findAtDesk(e.staff, e.eventId, null, 'N');
    expect(await auditOf('checkin.search', e.eventId)).toHaveLength(1);
    await attendanceBoard(e.organiser, e.eventId, 'fr', NOW);
    expect(await auditOf('attendance.board', e.eventId)).toHaveLength(1);
    const result = await scan(
      e.staff,
      e.eventId,
      scanInputSchema.parse({ clientScanId: `scan-${++counter}-abcdef`, code: guest.ticketCode }),
      { now: NOW },
    );
    const [scanned] = await auditOf('checkin.scan', guest.id);
    expect(scanned).toMatchObject({
      actorId: e.staff.id,
      subjectType: 'registration',
      data: { eventId: e.eventId, scanId: result.scanId, direction: 'in', sessionId: null },
    });
    // A refused scan (already in) writes no scan, and no line.
    await scan(
      e.staff,
      e.eventId,
      scanInputSchema.parse({ clientScanId: `scan-${++counter}-abcdef`, code: guest.ticketCode }),
      { now: NOW },
    );
    expect(await auditOf('checkin.scan', guest.id)).toHaveLength(1);
    await undoScan(e.staff, e.eventId, result.scanId as string, `undo-${++counter}-abcdef`, {
      now: NOW,
    });
    expect(await auditOf('checkin.undo', guest.id)).toHaveLength(1);
    // Someone refused at the door reads nothing and leaves no line.
    await expect(findAtDesk(e.otherOrganiser, e.eventId, null, 'Ndiaye')).rejects.toThrow();
    await expect(attendanceBoard(e.nominator, e.eventId, 'fr')).rejects.toThrow();
    expect(await auditOf('checkin.search', e.eventId)).toHaveLength(1);
    expect(await auditOf('attendance.board', e.eventId)).toHaveLength(1);
  });

  it('logs the nominations review', async () => {
    const q = await openedCall();
    await callReview(q.organiser, q.eventId, 'fr');
    const lines = await auditOf('nominations.list', q.eventId);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.actorId).toBe(q.organiser.id);
  });
});

describe('a large export', () => {
  it('streams 50,000 registrations as CSV and as XLSX, every row there', async () => {
    const e = await exportedEvent();
    await bulkRegistrations(e.eventId, 50_000);
    const [{ n } = { n: 0 }] = (
      await getDb()
        .select({ n: sql<number>`count(*)::int` })
        .from(registrations)
        .where(sql`${registrations.eventId} = ${e.eventId}`)
    ).map((r) => ({ n: Number(r.n) }));
    expect(n).toBe(50_000);
    const res = await exportFile(e.organiser, e.eventId, 'registrations', 'csv', 'en');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let lines = 0;
    let chunks = 0;
    let last = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks++;
      const text = last + decoder.decode(value, { stream: true });
      const parts = text.split('\r\n');
      last = parts.pop() ?? '';
      lines += parts.length;
    }
    expect(lines).toBe(50_000 + 2);
    // Written batch by batch, not in one piece.
    expect(chunks).toBeGreaterThan(40);
    const x = await xlsxContent(
      await exportFile(e.organiser, e.eventId, 'registrations', 'xlsx', 'en'),
    );
    expect(x.rows).toHaveLength(50_000 + 2);
    expect(x.rows[50_001]?.C).toBe('Nom 50000');
  }, 300_000);
});
