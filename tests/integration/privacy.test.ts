import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, selectRows } from '@/db/client';
import {
  auditLog,
  checkinScans,
  designationRosterEntries,
  designationRosters,
  erasureRequests,
  events,
  invitations,
  jobs,
  networks,
  programmeSessions,
  registrationSessions,
  registrations,
  sessions,
  users,
} from '@/db/schema';
import { seed } from '@/db/seed';
import { recordAudit } from '@/lib/audit/mutations';
import { ActionError } from '@/lib/auth/errors';
import { MAIL_QUEUE } from '@/lib/mail/outbox';
import { nominate } from '@/lib/nominations/mutations';
import { personalDataOf, registrationDataByToken } from '@/lib/privacy/access';
import {
  erasePerson,
  eraseRequested,
  listErasureRequests,
  requestErasure,
} from '@/lib/privacy/erasure';
import { retentionCounts, runRetention } from '@/lib/privacy/retention';
import { register } from '@/lib/registrations/mutations';
import { registrationByToken } from '@/lib/registrations/queries';
import { questionInputSchema } from '@/lib/registrations/question-validation';
import { addQuestion, deleteQuestion } from '@/lib/registrations/questions';
import { parseSubmission } from '@/lib/registrations/submission';
import { listRosters, rostersToReview } from '@/lib/rosters/queries';
import { makeViewer } from '../helpers/fixtures';
import { BEFORE, person as nominee, openedCall } from '../helpers/nominations';

const ORIGIN = 'http://passerelle.test';
let counter = 0;
const unique = (name: string) => `${name}.${++counter}.${Date.now().toString(36)}@example.org`;

beforeAll(async () => {
  await seed();
});

async function makeEvent(overrides: Partial<typeof events.$inferInsert> = {}) {
  const n = ++counter;
  const [row] = await getDb()
    .insert(events)
    .values({
      slug: `privacy-${n}-${Date.now().toString(36)}`,
      status: 'published',
      format: 'colloquium',
      mode: 'in_person',
      city: 'Paris',
      country: 'FR',
      timeZone: 'Europe/Paris',
      startsAt: new Date('2030-03-10T08:00:00Z'),
      endsAt: new Date('2030-03-11T16:00:00Z'),
      registrationMode: 'open',
      capacity: 100,
      retentionDays: 30,
      titleFr: `Colloque ${n}`,
      titleEn: `Colloquium ${n}`,
      ...overrides,
    })
    .returning({ id: events.id });
  const eventId = row?.id as string;
  const organiser = await makeViewer([{ role: 'organiser', eventId }]);
  return { eventId, organiser };
}

const question = (input: Record<string, unknown>) =>
  questionInputSchema.parse({ labelFr: 'Question', labelEn: 'Question', ...input });

async function signUp(
  eventId: string,
  email: string,
  extra: Record<string, unknown> = {},
  userId: string | null = null,
  now?: Date,
) {
  const submission = await parseSubmission(eventId, {
    firstName: 'Camille',
    lastName: 'Durand',
    email,
    organisation: 'Ministère de l’Intérieur',
    function: 'Cheffe de bureau',
    country: 'FR',
    locale: 'fr',
    privacyAcknowledged: true,
    ...extra,
  });
  const result = await register(submission, { origin: ORIGIN, userId, now });
  const [row] = await getDb()
    .select({ id: registrations.id, status: registrations.status })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.email, email)));
  return { result, id: row?.id as string, status: row?.status };
}

async function tokenOf(email: string): Promise<string> {
  const rows = await getDb()
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.queue, MAIL_QUEUE), sql`${jobs.payload}->>'to' = ${email}`));
  for (const row of rows.reverse()) {
    const match = (row.payload as { text: string }).text.match(
      /\/registrations\/([A-Za-z0-9_-]{43})/,
    );
    if (match) return match[1] as string;
  }
  throw new Error(`no manage link for ${email}`);
}

/** Rows of every text, varchar and jsonb column of the app's tables that contain `term`. */
async function findAnywhere(term: string): Promise<string[]> {
  const db = getDb();
  const columns = await selectRows<{ table_name: string; column_name: string }>(
    db,
    sql`select table_name, column_name from information_schema.columns
      where table_schema = 'public'
        and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'character')`,
  );
  const found: string[] = [];
  for (const c of columns) {
    const rows = await selectRows<{ n: number | string }>(
      db,
      sql`select count(*) as n from ${sql.identifier(c.table_name)}
        where ${sql.identifier(c.column_name)}::text ilike ${`%${term}%`}`,
    );
    if (Number(rows[0]?.n) > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

describe('the retention job', () => {
  it('anonymises an event’s people once its retention period is over, counts and statistics kept', async () => {
    const { eventId, organiser } = await makeEvent();
    const [session] = await getDb()
      .insert(programmeSessions)
      .values({
        eventId,
        type: 'parallel_workshop',
        titleFr: 'Atelier',
        titleEn: 'Workshop',
        startsAt: new Date('2030-03-10T09:00:00Z'),
        endsAt: new Date('2030-03-10T11:00:00Z'),
      })
      .returning({ id: programmeSessions.id });
    const topic = await addQuestion(organiser, eventId, question({ kind: 'short_text' }));
    const alice = unique('alice');
    const bob = unique('bob');
    const a = await signUp(eventId, alice, {
      firstName: 'Aliénor',
      lastName: 'Retentionnaire',
      answers: { [topic]: 'Prisons et sortants' },
      sessionIds: [session?.id],
    });
    await signUp(eventId, bob, { lastName: 'Conservé' });
    const token = await tokenOf(alice);
    await getDb()
      .insert(checkinScans)
      .values({
        eventId,
        registrationId: a.id,
        kind: 'in',
        scannedAt: new Date('2030-03-10T08:05:00Z'),
        clientScanId: crypto.randomUUID(),
      });
    await recordAudit(getDb(), {
      actorId: organiser.id,
      action: 'checkin.search',
      subjectType: 'event',
      subjectId: eventId,
      data: { q: 'Retentionnaire', sessionId: null, count: 1 },
    });
    await getDb()
      .insert(invitations)
      .values({
        eventId,
        email: unique('invited'),
        firstName: 'Invitée',
        lastName: 'Retentionnaire',
        locale: 'fr',
        tokenHash: crypto.randomBytes(32).toString('hex'),
        sentAt: new Date('2030-01-01T00:00:00Z'),
      });
    const later = await makeEvent({
      startsAt: new Date('2031-03-10T08:00:00Z'),
      endsAt: new Date('2031-03-11T16:00:00Z'),
    });
    const kept = await signUp(later.eventId, unique('kept'), { lastName: 'Pasencore' });

    // Not yet: 30 days after the end is 2030-04-10T16:00Z.
    const early = await runRetention({ now: new Date('2030-04-10T15:59:00Z') });
    expect(early.events.find((e) => e.id === eventId)).toBeUndefined();

    const now = new Date('2030-05-01T00:00:00Z');
    const before = await retentionCounts(now);
    const dry = await runRetention({ now, dryRun: true });
    expect(dry.events.find((e) => e.id === eventId)?.counts.registrations).toBe(2);
    expect(await retentionCounts(now)).toEqual(before);

    const run = await runRetention({ now });
    const mine = run.events.find((e) => e.id === eventId);
    expect(mine?.counts).toMatchObject({ registrations: 2, invitations: 1, searchTraces: 1 });
    expect(mine?.counts.mails).toBeGreaterThanOrEqual(2);
    const after = await retentionCounts(now);
    expect(after['events anonymised']).toBe((before['events anonymised'] ?? 0) + run.events.length);
    expect(after['events past retention, not anonymised']).toBe(0);
    expect(after['registrations naming someone']).toBe(
      (before['registrations naming someone'] ?? 0) - run.totals.registrations,
    );
    // Statistics stay.
    expect(after['registrations (kept)']).toBe(before['registrations (kept)']);
    expect(after['registrations confirmed (kept)']).toBe(before['registrations confirmed (kept)']);
    expect(after['check-in scans (kept)']).toBe(before['check-in scans (kept)']);
    expect(after['session choices (kept)']).toBe(before['session choices (kept)']);

    const [row] = await getDb().select().from(registrations).where(eq(registrations.id, a.id));
    expect(row).toMatchObject({
      firstName: '',
      lastName: '',
      organisation: '',
      function: '',
      answers: {},
      status: 'confirmed',
      country: 'FR',
      userId: null,
    });
    expect(row?.email).toMatch(/@anonymised\.invalid$/);
    expect(await registrationByToken(token, 'fr')).toBeNull();
    expect(
      await getDb()
        .select()
        .from(registrationSessions)
        .where(eq(registrationSessions.registrationId, a.id)),
    ).toHaveLength(1);
    expect(await findAnywhere(alice)).toEqual([]);
    expect(await findAnywhere('Retentionnaire')).toEqual([]);
    const [event] = await getDb().select().from(events).where(eq(events.id, eventId));
    expect(event?.anonymisedAt?.toISOString()).toBe(now.toISOString());
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'retention.anonymise'), eq(auditLog.subjectId, eventId)));
    expect(audit?.data).toMatchObject({ registrations: 2, invitations: 1 });
    // The later event is untouched.
    const [other] = await getDb().select().from(registrations).where(eq(registrations.id, kept.id));
    expect(other?.lastName).toBe('Pasencore');

    // Idempotent: a second run finds nothing to do.
    const again = await runRetention({ now });
    expect(again.events.find((e) => e.id === eventId)).toBeUndefined();
  });
});

describe('the needs purge', () => {
  it('erases needs answers with their question when it is removed', async () => {
    const { eventId, organiser } = await makeEvent();
    const diet = await addQuestion(
      organiser,
      eventId,
      question({ kind: 'long_text', purpose: 'diet' }),
    );
    const topic = await addQuestion(organiser, eventId, question({ kind: 'short_text' }));
    const a = await signUp(eventId, unique('needs'), {
      answers: { [diet]: 'Sans gluten', [topic]: 'Prisons' },
    });
    await deleteQuestion(organiser, diet);
    const [row] = await getDb().select().from(registrations).where(eq(registrations.id, a.id));
    expect(row?.answers).toEqual({ [topic]: 'Prisons' });
  });

  it('catches up with an event moved earlier than its purge job', async () => {
    const { eventId, organiser } = await makeEvent({ retentionDays: 3650 });
    const access = await addQuestion(
      organiser,
      eventId,
      question({ kind: 'long_text', purpose: 'access' }),
    );
    const a = await signUp(eventId, unique('moved'), { answers: { [access]: 'Fauteuil' } });
    // Moved a month earlier: its purge job still waits for the old date.
    await getDb()
      .update(events)
      .set({
        startsAt: new Date('2030-02-10T08:00:00Z'),
        endsAt: new Date('2030-02-11T16:00:00Z'),
      })
      .where(eq(events.id, eventId));
    const run = await runRetention({ now: new Date('2030-02-13T00:00:00Z') });
    expect(run.needsPurged).toBeGreaterThanOrEqual(1);
    const [row] = await getDb().select().from(registrations).where(eq(registrations.id, a.id));
    expect(row?.answers).toEqual({});
  });
});

async function setUpPerson(email: string) {
  const admin = await makeViewer([{ role: 'admin' }]);
  const viewer = await makeViewer([], email);
  await getDb().update(users).set({ name: 'Ondine Quastorf' }).where(eq(users.id, viewer.id));
  const who = { firstName: 'Ondine', lastName: 'Quastorf' };
  // A past event, attended.
  const past = await makeEvent({
    startsAt: new Date('2026-01-10T08:00:00Z'),
    endsAt: new Date('2026-01-11T16:00:00Z'),
    retentionDays: 3650,
  });
  const attended = await signUp(
    past.eventId,
    email,
    who,
    viewer.id,
    new Date('2026-01-01T00:00:00Z'),
  );
  // A future event, full, someone waiting.
  const future = await makeEvent({
    startsAt: new Date('2031-05-10T08:00:00Z'),
    endsAt: new Date('2031-05-11T16:00:00Z'),
    capacity: 1,
  });
  const seat = await signUp(future.eventId, email, who, viewer.id);
  const waiting = await signUp(future.eventId, unique('waiting'), { lastName: 'Attente' });
  // A nomination and a roster entry of their ministry.
  const { callId, orgA, nominatorA } = await openedCall();
  await nominate(nominatorA, callId, orgA, nominee(email, who), BEFORE);
  const [network] = await getDb().select({ id: networks.id }).from(networks).limit(1);
  const [roster] = await getDb()
    .insert(designationRosters)
    .values({ organisationId: orgA, year: 2030, networkId: network?.id as string })
    .returning({ id: designationRosters.id });
  await getDb()
    .insert(designationRosterEntries)
    .values({
      rosterId: roster?.id as string,
      email,
      ...who,
      function: 'Inspectrice',
      locale: 'fr',
    });
  await getDb()
    .insert(sessions)
    .values({
      sessionToken: crypto.randomUUID(),
      userId: viewer.id,
      expires: new Date('2099-01-01T00:00:00Z'),
    });
  return { admin, viewer, attended, seat, waiting, future };
}

describe('erasure', () => {
  it('erases a person everywhere: no trace of their e-mail or name, the seat offered on', async () => {
    const email = unique('ondine');
    const { admin, viewer, attended, seat, waiting } = await setUpPerson(email);
    expect(seat.status).toBe('confirmed');
    expect(waiting.status).toBe('waitlisted');
    expect(await findAnywhere(email)).not.toEqual([]);

    await requestErasure(viewer);
    await requestErasure(viewer);
    const pending = await listErasureRequests(admin);
    const request = pending.find((r) => r.email === email);
    expect(pending.filter((r) => r.email === email)).toHaveLength(1);

    const counts = await eraseRequested(admin, request?.id as string, { origin: ORIGIN });
    expect(counts).toMatchObject({
      registrations: 2,
      cancelled: 1,
      nominations: 1,
      rosterEntries: 1,
      sessions: 1,
      account: 1,
    });
    expect(await findAnywhere(email)).toEqual([]);
    expect(await findAnywhere('Quastorf')).toEqual([]);
    // The future seat was cancelled through the cancellation path and offered on.
    const statusOf = async (id: string) =>
      (await getDb().select().from(registrations).where(eq(registrations.id, id)))[0]?.status;
    expect(await statusOf(seat.id)).toBe('cancelled');
    expect(await statusOf(waiting.id)).toBe('offered');
    // The past one keeps its status for the statistics.
    expect(await statusOf(attended.id)).toBe('confirmed');
    expect(await getDb().select().from(sessions).where(eq(sessions.userId, viewer.id))).toEqual([]);
    const [request2] = await getDb()
      .select()
      .from(erasureRequests)
      .where(eq(erasureRequests.userId, viewer.id));
    expect(request2?.erasedAt).not.toBeNull();
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'privacy.erase'), eq(auditLog.subjectId, viewer.id)));
    expect(audit?.actorId).toBe(admin.id);
    expect(audit?.data).toMatchObject({ registrations: 2 });
  });

  it('refuses an unknown address, a non-admin and oneself, writing nothing', async () => {
    const admin = await makeViewer([{ role: 'admin' }]);
    const someone = await makeViewer();
    const audits = async () => (await getDb().select().from(auditLog)).length;
    const before = await audits();
    const refusal = async (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e,
      );
    const nobody = await refusal(erasePerson(admin, unique('nobody'), { origin: ORIGIN }));
    expect((nobody as ActionError).messageKey).toBe('dataRights.errors.nobody');
    const self = await refusal(erasePerson(admin, admin.email, { origin: ORIGIN }));
    expect((self as ActionError).messageKey).toBe('dataRights.errors.self');
    const forbidden = await refusal(erasePerson(someone, admin.email, { origin: ORIGIN }));
    expect((forbidden as ActionError).messageKey).toBe('actions.forbidden');
    expect(await audits()).toBe(before);
  });

  it('is all or nothing: a failure at its last step leaves everything as it was', async () => {
    const email = unique('halfway');
    const { admin, seat, waiting } = await setUpPerson(email);
    const db = getDb();
    // A real database refusal at the very end (the account's update), no mock.
    await db.execute(sql`create or replace function refuse_user_update() returns trigger
      language plpgsql as $$ begin raise exception 'refused for the test'; end $$`);
    await db.execute(sql`create trigger refuse_user_update before update on users
      for each row execute function refuse_user_update()`);
    try {
      await expect(erasePerson(admin, email, { origin: ORIGIN })).rejects.toThrow();
    } finally {
      await db.execute(sql`drop trigger refuse_user_update on users`);
    }
    const [row] = await db.select().from(registrations).where(eq(registrations.id, seat.id));
    expect(row).toMatchObject({ email, status: 'confirmed', lastName: 'Quastorf' });
    const [other] = await db.select().from(registrations).where(eq(registrations.id, waiting.id));
    expect(other?.status).toBe('waitlisted');
    expect(await findAnywhere(email)).toContain('designation_roster_entries.email');
  });
});

describe('the right of access', () => {
  it('gives a person everything held on them, and nothing of anyone else', async () => {
    const email = unique('access');
    const { viewer, future } = await setUpPerson(email);
    const other = unique('other');
    await signUp(future.eventId, other, { firstName: 'Autrui', lastName: 'Étranger' });
    const data = await personalDataOf(viewer);
    const text = JSON.stringify(data);
    expect(text).toContain(email);
    expect(data.registrations).toHaveLength(2);
    expect(data.nominations).toHaveLength(1);
    expect(data.rosterEntries).toHaveLength(1);
    expect(data.mails.length).toBeGreaterThan(0);
    expect(data.registrations[0]?.history.length).toBeGreaterThan(0);
    expect(text).not.toContain(other);
    expect(text).not.toContain('Étranger');
    expect(text).not.toContain('Attente');
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'privacy.export'), eq(auditLog.subjectId, viewer.id)));
    expect(audit?.actorId).toBe(viewer.id);

    const token = await tokenOf(other);
    const one = await registrationDataByToken(token);
    expect(one?.registration?.email).toBe(other);
    expect(JSON.stringify(one)).not.toContain(email);
    expect(await registrationDataByToken('not-a-token')).toBeNull();
  });
});

describe('rosters over two years old', () => {
  it('are flagged to their nominators and listed for admins only', async () => {
    const { orgA, nominatorA } = await openedCall();
    const [network] = await getDb().select({ id: networks.id }).from(networks).limit(1);
    const [old] = await getDb()
      .insert(designationRosters)
      .values({ organisationId: orgA, year: 2021, networkId: network?.id as string })
      .returning({ id: designationRosters.id });
    await getDb()
      .insert(designationRosters)
      .values({ organisationId: orgA, year: 2026, networkId: network?.id as string });
    const now = new Date('2026-06-01T00:00:00Z');
    const mine = await listRosters(nominatorA, 'fr');
    expect(mine.find((r) => r.year === 2021)?.toReview).toBe(true);
    expect(mine.find((r) => r.year === 2026)?.toReview).toBe(false);
    const admin = await makeViewer([{ role: 'admin' }]);
    const listed = await rostersToReview(admin, 'fr', now);
    expect(listed.map((r) => r.id)).toContain(old?.id);
    expect(listed.every((r) => r.year <= 2023)).toBe(true);
    await expect(rostersToReview(nominatorA, 'fr', now)).rejects.toBeInstanceOf(ActionError);
  });
});
