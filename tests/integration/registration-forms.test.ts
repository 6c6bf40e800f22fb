import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  events,
  jobs,
  programmeSessions,
  registrationQuestions,
  registrationSessions,
  registrations,
} from '@/db/schema';
import { seed } from '@/db/seed';
import { ActionError } from '@/lib/auth/errors';
import { duplicateEvent, updateSession } from '@/lib/events/mutations';
import { MAIL_QUEUE } from '@/lib/mail/outbox';
import { registrationFormSchema } from '@/lib/registrations/form';
import { loadFormDefinition } from '@/lib/registrations/form-definition';
import {
  cancelByToken,
  cancelRegistration,
  decideRegistrations,
  placeInSession,
  register,
  updateRegistration,
} from '@/lib/registrations/mutations';
import { listEventRegistrations, parseRegistrationListParams } from '@/lib/registrations/organiser';
import { questionInputSchema } from '@/lib/registrations/question-validation';
import {
  addQuestion,
  deleteQuestion,
  moveQuestion,
  PURGE_NEEDS_QUEUE,
  purgeNeedsAnswers,
  updateQuestion,
} from '@/lib/registrations/questions';
import { parseSubmission } from '@/lib/registrations/submission';
import { makeViewer } from '../helpers/fixtures';

const ORIGIN = 'http://passerelle.test';
let counter = 0;
const unique = (name: string) => `${name}.${++counter}.${Date.now().toString(36)}@example.org`;

beforeAll(async () => {
  await seed();
});

async function makeEvent(overrides: Partial<typeof events.$inferInsert> = {}): Promise<string> {
  const n = ++counter;
  const [row] = await getDb()
    .insert(events)
    .values({
      slug: `form-test-${n}-${Date.now().toString(36)}`,
      status: 'published',
      format: 'colloquium',
      mode: 'in_person',
      venueName: 'Hôtel de Beauvau',
      city: 'Paris',
      country: 'FR',
      timeZone: 'Europe/Paris',
      startsAt: new Date('2030-03-10T08:00:00Z'),
      endsAt: new Date('2030-03-11T16:00:00Z'),
      registrationMode: 'open',
      capacity: 100,
      titleFr: `Colloque d’essai ${n}`,
      titleEn: `Test colloquium ${n}`,
      ...overrides,
    })
    .returning({ id: events.id });
  return row?.id as string;
}

type SessionOverrides = Partial<typeof programmeSessions.$inferInsert>;

async function makeSession(eventId: string, overrides: SessionOverrides = {}): Promise<string> {
  const [row] = await getDb()
    .insert(programmeSessions)
    .values({
      eventId,
      type: 'parallel_workshop',
      titleFr: `Atelier ${++counter}`,
      titleEn: `Workshop ${counter}`,
      startsAt: new Date('2030-03-10T09:00:00Z'),
      endsAt: new Date('2030-03-10T11:00:00Z'),
      capacity: 2,
      ...overrides,
    })
    .returning({ id: programmeSessions.id });
  return row?.id as string;
}

const person = (email: string, extra: Record<string, unknown> = {}) => ({
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

async function submit(eventId: string, email: string, extra: Record<string, unknown> = {}) {
  const submission = await parseSubmission(eventId, person(email, extra));
  return register(submission, { origin: ORIGIN });
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  return (error as ActionError).fieldErrors ?? {};
}

async function rowsOf(eventId: string) {
  return getDb()
    .select({
      id: registrations.id,
      email: registrations.email,
      status: registrations.status,
      answers: registrations.answers,
      offerExpiresAt: registrations.offerExpiresAt,
    })
    .from(registrations)
    .where(eq(registrations.eventId, eventId))
    .orderBy(asc(registrations.seq));
}

async function tokenOf(email: string): Promise<string> {
  const rows = await getDb()
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.queue, MAIL_QUEUE), sql`${jobs.payload}->>'to' = ${email}`))
    .orderBy(asc(jobs.createdAt));
  // The latest mail that carries the link (a trace of a change carries none).
  for (const row of rows.reverse()) {
    const text = (row.payload as { text: string }).text;
    const match = text.match(/\/registrations\/([A-Za-z0-9_-]{43})/);
    if (match) return match[1] as string;
  }
  throw new Error(`no manage link for ${email}`);
}

const question = (input: Record<string, unknown>) =>
  questionInputSchema.parse({ labelFr: 'Question', labelEn: 'Question', ...input });

async function organiserOf(eventId: string) {
  return makeViewer([{ role: 'organiser', eventId }]);
}

describe('the form builder', () => {
  it('adds, reorders, conditions and removes questions, each change audited', async () => {
    const eventId = await makeEvent();
    const viewer = await organiserOf(eventId);
    const visit = await addQuestion(
      viewer,
      eventId,
      question({ kind: 'yes_no', labelFr: 'Visite ?', labelEn: 'Visit?', required: true }),
    );
    const topics = await addQuestion(
      viewer,
      eventId,
      question({
        kind: 'multiple_choice',
        labelFr: 'Thèmes',
        labelEn: 'Topics',
        options: 'Prison | Prison\nÉcole | School\nInternet',
      }),
    );
    const which = await addQuestion(
      viewer,
      eventId,
      question({ kind: 'short_text', showIfQuestionId: visit, showIfValues: ['yes'] }),
    );
    let form = await loadFormDefinition(eventId);
    expect(form.questions.map((q) => q.id)).toEqual([visit, topics, which]);
    expect(form.questions[1]?.options.map((o) => o.labelEn)).toEqual([
      'Prison',
      'School',
      'Internet',
    ]);
    // A question stays after the one it is shown upon; other moves are free.
    await expect(moveQuestion(viewer, which, 'up')).resolves.toBeUndefined();
    form = await loadFormDefinition(eventId);
    expect(form.questions.map((q) => q.id)).toEqual([visit, which, topics]);
    await expect(moveQuestion(viewer, which, 'up')).rejects.toThrow(ActionError);
    // A condition on a later question, or on a text question, is refused.
    const errors = await fieldErrorsOf(
      addQuestion(
        viewer,
        eventId,
        question({ kind: 'short_text', showIfQuestionId: which, showIfValues: ['x'] }),
      ),
    );
    expect(errors.showIfQuestionId).toEqual(['conditionInvalid']);
    // The question others depend on cannot go, nor lose the answer they wait for.
    await expect(deleteQuestion(viewer, visit)).rejects.toThrow(ActionError);
    const broken = await fieldErrorsOf(
      updateQuestion(viewer, visit, question({ kind: 'short_text' })),
    );
    expect(broken.kind).toEqual(['questionHasDependents']);
    // Renaming an option keeps the ids of the others (answers already given still read).
    const before = form.questions.find((q) => q.id === topics)?.options ?? [];
    await updateQuestion(
      viewer,
      topics,
      question({
        kind: 'multiple_choice',
        labelFr: 'Thèmes',
        labelEn: 'Topics',
        options: 'Prison | Prison\nÉcole | Schools\nRéseaux sociaux | Social media',
      }),
    );
    const after = (await loadFormDefinition(eventId)).questions.find((q) => q.id === topics);
    expect(after?.options[0]?.id).toBe(before[0]?.id);
    expect(after?.options[1]?.id).toBe(before[1]?.id);
    expect(after?.options[2]?.id).not.toBe(before[2]?.id);
    await deleteQuestion(viewer, which);
    expect((await loadFormDefinition(eventId)).questions.map((q) => q.id)).toEqual([visit, topics]);
    const audit = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.subjectId, eventId));
    expect(audit.map((a) => a.action).filter((a) => a.startsWith('question.'))).toHaveLength(6);
  });

  it('refuses someone who does not organise the event, and bad questions, writing nothing', async () => {
    const eventId = await makeEvent();
    const other = await makeViewer([{ role: 'organiser', eventId: await makeEvent() }]);
    await expect(addQuestion(other, eventId, question({ kind: 'short_text' }))).rejects.toThrow(
      ActionError,
    );
    for (const bad of [
      { kind: 'single_choice', options: 'Seule' },
      { kind: 'short_text', labelFr: '<script>alert(1)</script>' },
      { kind: 'number', minValue: '10', maxValue: '2' },
      { kind: 'long_text', purpose: 'diet', required: true },
      { kind: 'date', labelEn: '' },
      { kind: 'telepathy' },
    ]) {
      expect(questionInputSchema.safeParse({ labelFr: 'Q', labelEn: 'Q', ...bad }).success).toBe(
        false,
      );
    }
    const rows = await getDb()
      .select()
      .from(registrationQuestions)
      .where(eq(registrationQuestions.eventId, eventId));
    expect(rows).toEqual([]);
  });
});

describe('answers', () => {
  it('checks answers against the event’s questions: required when shown, hidden ones dropped, typed values', async () => {
    const eventId = await makeEvent();
    const viewer = await organiserOf(eventId);
    const visit = await addQuestion(viewer, eventId, question({ kind: 'yes_no', required: true }));
    const which = await addQuestion(
      viewer,
      eventId,
      question({
        kind: 'short_text',
        required: true,
        showIfQuestionId: visit,
        showIfValues: ['yes'],
      }),
    );
    const guests = await addQuestion(
      viewer,
      eventId,
      question({ kind: 'number', minValue: '0', maxValue: '3' }),
    );
    const arrival = await addQuestion(viewer, eventId, question({ kind: 'date' }));
    const from = await addQuestion(viewer, eventId, question({ kind: 'country' }));

    // Shown and required: refused when missing.
    let errors = await fieldErrorsOf(submit(eventId, unique('a'), { answers: { [visit]: 'yes' } }));
    expect(errors[`answers.${which}`]).toEqual(['required']);
    errors = await fieldErrorsOf(submit(eventId, unique('a'), { answers: {} }));
    expect(errors[`answers.${visit}`]).toEqual(['required']);
    // Bad values, one error each.
    errors = await fieldErrorsOf(
      submit(eventId, unique('a'), {
        answers: { [visit]: 'maybe', [guests]: '7', [arrival]: '2030-02-30', [from]: 'XX' },
      }),
    );
    expect(errors).toMatchObject({
      [`answers.${visit}`]: ['invalidChoice'],
      [`answers.${guests}`]: ['numberTooLarge'],
      [`answers.${arrival}`]: ['invalidDate'],
      [`answers.${from}`]: ['invalidCountry'],
    });
    // Another event's question id is refused by name.
    const foreign = await addQuestion(
      await organiserOf(await makeEvent()),
      await makeEvent(),
      question({ kind: 'short_text' }),
    ).catch(() => '7f1f4a0e-0000-4000-8000-000000000000');
    errors = await fieldErrorsOf(
      submit(eventId, unique('a'), { answers: { [visit]: 'no', [foreign]: 'x' } }),
    );
    expect(errors[`answers.${foreign}`]).toEqual(['unknownQuestion']);
    expect(await rowsOf(eventId)).toEqual([]);

    // Hidden answers are not kept; the others are stored typed.
    const email = unique('ok');
    await submit(eventId, email, {
      answers: { [visit]: 'no', [which]: 'secret', [guests]: '2', [from]: 'de' },
    });
    const [row] = await rowsOf(eventId);
    expect(row?.answers).toEqual({ [visit]: 'no', [guests]: 2, [from]: 'DE' });
  });

  it('the same schema runs in the browser: one definition, same verdicts', async () => {
    const eventId = await makeEvent();
    const viewer = await organiserOf(eventId);
    const q = await addQuestion(viewer, eventId, question({ kind: 'long_text', required: true }));
    const schema = registrationFormSchema(await loadFormDefinition(eventId));
    const base = { ...person(unique('s')), eventId };
    expect(schema.safeParse({ ...base, answers: { [q]: 'ligne 1\nligne 2' } }).success).toBe(true);
    for (const bad of ['', 'a\u0000b', 'x'.repeat(4001), '<img src=x onerror=alert(1)>']) {
      expect(schema.safeParse({ ...base, answers: { [q]: bad } }).success).toBe(false);
    }
  });
});

describe('parallel sessions', () => {
  it('gives a seat in a full session to nobody: the next person waits for that session', async () => {
    const eventId = await makeEvent({ capacity: 10 });
    const small = await makeSession(eventId, { capacity: 1 });
    const big = await makeSession(eventId, { capacity: 5, room: 'B' });
    const [a, b, c] = [unique('a'), unique('b'), unique('c')];
    expect(await submit(eventId, a, { sessionIds: [small] })).toMatchObject({
      status: 'confirmed',
    });
    expect(await submit(eventId, b, { sessionIds: [small] })).toMatchObject({
      status: 'waitlisted',
    });
    expect(await submit(eventId, c, { sessionIds: [big] })).toMatchObject({ status: 'confirmed' });
    // One per slot: both parallel sessions at once are refused, nothing written.
    const errors = await fieldErrorsOf(submit(eventId, unique('d'), { sessionIds: [small, big] }));
    expect(errors.sessionIds).toEqual(['oneSessionPerSlot']);
    // The seat in the small session frees: it goes to b, in the same transaction.
    await cancelByToken(await tokenOf(a), { origin: ORIGIN });
    const rows = await rowsOf(eventId);
    expect(rows.map((r) => [r.email, r.status])).toEqual([
      [a, 'cancelled'],
      [b, 'offered'],
      [c, 'confirmed'],
    ]);
  });

  it('passes over someone waiting for a full session when an event seat frees, keeping their place', async () => {
    const eventId = await makeEvent({ capacity: 2 });
    const small = await makeSession(eventId, { capacity: 1 });
    const [a, b, c, d] = [unique('a'), unique('b'), unique('c'), unique('d')];
    await submit(eventId, a, { sessionIds: [small] });
    await submit(eventId, b);
    await submit(eventId, c, { sessionIds: [small] });
    await submit(eventId, d);
    await cancelByToken(await tokenOf(b), { origin: ORIGIN });
    const rows = await rowsOf(eventId);
    expect(rows.map((r) => r.status)).toEqual(['confirmed', 'cancelled', 'waitlisted', 'offered']);
  });

  it('checks access rules, forged and invitation-only sessions', async () => {
    const eventId = await makeEvent();
    const ministries = await makeSession(eventId, {
      access: 'organisation_kinds',
      accessOrganisationKinds: ['ministry'],
    });
    const invited = await makeSession(eventId, {
      access: 'invitation',
      startsAt: new Date('2030-03-10T13:00:00Z'),
      endsAt: new Date('2030-03-10T14:00:00Z'),
    });
    const elsewhere = await makeSession(await makeEvent());
    const form = await loadFormDefinition(eventId);
    expect(form.sessions.map((s) => s.id)).toEqual([ministries]);
    let errors = await fieldErrorsOf(submit(eventId, unique('x'), { sessionIds: [ministries] }));
    expect(errors.sessionIds).toEqual(['organisationKindRequired']);
    errors = await fieldErrorsOf(
      submit(eventId, unique('x'), { sessionIds: [ministries], organisationKind: 'ngo' }),
    );
    expect(errors.sessionIds).toEqual(['sessionReserved']);
    for (const forged of [invited, elsewhere, 'not-a-uuid']) {
      errors = await fieldErrorsOf(submit(eventId, unique('x'), { sessionIds: [forged] }));
      expect(errors.sessionIds).toEqual(['invalidSession']);
    }
    expect(await rowsOf(eventId)).toEqual([]);
    expect(
      await submit(eventId, unique('m'), {
        sessionIds: [ministries],
        organisationKind: 'ministry',
      }),
    ).toMatchObject({ status: 'confirmed' });
  });

  it('never exceeds a session’s capacity under concurrent submissions; the rest wait in arrival order', async () => {
    const eventId = await makeEvent({ capacity: 200 });
    const session = await makeSession(eventId, { capacity: 5 });
    const emails = Array.from({ length: 40 }, (_, i) => unique(`burst${i}`));
    const results = await Promise.allSettled(
      emails.map((email) => submit(eventId, email, { sessionIds: [session] })),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const rows = await rowsOf(eventId);
    expect(rows.map((r) => r.status)).toEqual([
      ...Array(5).fill('confirmed'),
      ...Array(35).fill('waitlisted'),
    ]);
    const [held] = await getDb()
      .select({ n: sql<number>`count(*)::int` })
      .from(registrationSessions)
      .innerJoin(registrations, eq(registrations.id, registrationSessions.registrationId))
      .where(
        and(eq(registrationSessions.sessionId, session), eq(registrations.status, 'confirmed')),
      );
    expect(Number(held?.n)).toBe(5);
  });

  it('keeps offers racing with new registrations within the session’s seats, first waiting first served', async () => {
    const eventId = await makeEvent({ capacity: 200 });
    const session = await makeSession(eventId, { capacity: 4 });
    const firsts = Array.from({ length: 7 }, (_, i) => unique(`first${i}`));
    for (const email of firsts) await submit(eventId, email, { sessionIds: [session] });
    const tokens = await Promise.all(firsts.slice(0, 3).map(tokenOf));
    await Promise.all([
      ...tokens.map((token) => cancelByToken(token, { origin: ORIGIN })),
      ...Array.from({ length: 12 }, (_, i) =>
        submit(eventId, unique(`late${i}`), { sessionIds: [session] }),
      ),
    ]);
    const rows = await rowsOf(eventId);
    const holding = rows.filter((r) => r.status === 'confirmed' || r.status === 'offered');
    expect(holding).toHaveLength(4);
    // The three freed seats went to those who waited before the race.
    expect(rows.filter((r) => r.status === 'offered').map((r) => r.email)).toEqual(
      firsts.slice(4, 7),
    );
  });

  it('refuses to lower a session’s capacity below its seats given; raising it offers them', async () => {
    const eventId = await makeEvent({ status: 'draft' });
    const session = await makeSession(eventId, { capacity: 1, titleFr: 'A', titleEn: 'A' });
    await getDb().update(events).set({ status: 'published' }).where(eq(events.id, eventId));
    const [a, b] = [unique('a'), unique('b')];
    await submit(eventId, a, { sessionIds: [session] });
    await submit(eventId, b, { sessionIds: [session] });
    const viewer = await organiserOf(eventId);
    const values = {
      type: 'parallel_workshop' as const,
      titleFr: 'A',
      titleEn: 'A',
      descriptionFr: '',
      descriptionEn: '',
      room: null,
      startsAt: '2030-03-10T10:00',
      endsAt: '2030-03-10T12:00',
      access: 'everyone' as const,
      accessOrganisationKinds: [],
      chathamHouse: false,
      speakers: [],
    };
    const errors = await fieldErrorsOf(updateSession(viewer, session, { ...values, capacity: 0 }));
    expect(errors.capacity).toEqual(['capacityBelowRegistrations']);
    await updateSession(viewer, session, { ...values, capacity: 2 });
    expect((await rowsOf(eventId)).map((r) => r.status)).toEqual(['confirmed', 'offered']);
  });
});

describe('changing a registration', () => {
  it('changes sessions where a seat is free, passes the seat left to the waiting list, refuses a full one', async () => {
    const eventId = await makeEvent({ capacity: 10, offerHoldHours: 12 });
    const morning = await makeSession(eventId, { capacity: 1 });
    const other = await makeSession(eventId, { capacity: 1, room: 'B' });
    const [a, b, c] = [unique('a'), unique('b'), unique('c')];
    await submit(eventId, a, { sessionIds: [morning] });
    await submit(eventId, b, { sessionIds: [morning] });
    await submit(eventId, c, { sessionIds: [other] });
    const token = await tokenOf(a);
    const changes = { ...person(a), locale: 'fr' as const, answers: {} };
    // The other session is full: nothing changes.
    const errors = await fieldErrorsOf(
      updateRegistration({ token }, { ...changes, sessionIds: [other] }, { origin: ORIGIN }),
    );
    expect(errors.sessionIds).toEqual(['registrations.errors.sessionFull']);
    // Leaving the session frees its seat for b, held for the event's 12 hours.
    const now = new Date();
    await updateRegistration(
      { token },
      { ...changes, firstName: 'Camila', sessionIds: [] },
      { origin: ORIGIN, now },
    );
    const rows = await rowsOf(eventId);
    expect(rows.map((r) => r.status)).toEqual(['confirmed', 'offered', 'confirmed']);
    expect(rows[1]?.offerExpiresAt?.getTime()).toBe(now.getTime() + 12 * 3600_000);
    const [renamed] = await getDb()
      .select({ firstName: registrations.firstName })
      .from(registrations)
      .where(eq(registrations.email, a));
    expect(renamed?.firstName).toBe('Camila');
    // A written trace of the change, without a new link (the one in use keeps working).
    const [mail] = await getDb()
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(
        and(
          eq(jobs.queue, MAIL_QUEUE),
          sql`${jobs.payload}->>'to' = ${a}`,
          sql`${jobs.payload}->>'subject' like 'Inscription modifiée%'`,
        ),
      );
    const text = (mail?.payload as { text?: string } | undefined)?.text ?? '';
    expect(text).toContain('Bonjour Camila');
    expect(text).not.toContain('/registrations/');
    expect(await tokenOf(a)).toBe(token);
  });

  it('is refused after the modification deadline, and for someone else’s registration', async () => {
    const eventId = await makeEvent({ modificationDeadline: new Date('2030-01-01T00:00:00Z') });
    const email = unique('late');
    await submit(eventId, email);
    const token = await tokenOf(email);
    const changes = { ...person(email), locale: 'fr' as const, answers: {}, sessionIds: [] };
    await expect(
      updateRegistration({ token }, changes, {
        origin: ORIGIN,
        now: new Date('2030-01-02T00:00:00Z'),
      }),
    ).rejects.toMatchObject({ messageKey: 'registrations.errors.modificationClosed' });
    const [row] = await rowsOf(eventId);
    const stranger = await makeViewer();
    await expect(
      updateRegistration({ id: row?.id as string, viewer: stranger }, changes, {
        origin: ORIGIN,
      }),
    ).rejects.toMatchObject({ messageKey: 'actions.notFound' });
    await expect(
      cancelRegistration({ id: row?.id as string, viewer: stranger }, { origin: ORIGIN }),
    ).rejects.toMatchObject({ messageKey: 'actions.notFound' });
  });
});

describe('needs (diet, access)', () => {
  it('are erased the day after the event, other answers kept, and the purge waits until then', async () => {
    const eventId = await makeEvent();
    const viewer = await organiserOf(eventId);
    const diet = await addQuestion(
      viewer,
      eventId,
      question({ kind: 'long_text', purpose: 'diet' }),
    );
    const topic = await addQuestion(viewer, eventId, question({ kind: 'short_text' }));
    const [job] = await getDb()
      .select({ runAt: jobs.runAt })
      .from(jobs)
      .where(and(eq(jobs.queue, PURGE_NEEDS_QUEUE), sql`${jobs.payload}->>'eventId' = ${eventId}`));
    expect(job?.runAt.toISOString()).toBe('2030-03-12T16:00:00.000Z');
    await submit(eventId, unique('n'), { answers: { [diet]: 'Sans gluten', [topic]: 'Prisons' } });
    expect(await purgeNeedsAnswers(eventId, new Date('2030-03-12T10:00:00Z'))).toBe(0);
    expect((await rowsOf(eventId))[0]?.answers).toEqual({
      [diet]: 'Sans gluten',
      [topic]: 'Prisons',
    });
    expect(await purgeNeedsAnswers(eventId, new Date('2030-03-12T16:00:00Z'))).toBe(1);
    expect((await rowsOf(eventId))[0]?.answers).toEqual({ [topic]: 'Prisons' });
  });
});

describe('duplicating an event', () => {
  it('copies its form, conditions pointing at the copied questions', async () => {
    const eventId = await makeEvent();
    const viewer = await makeViewer([{ role: 'organiser', eventId }, { role: 'admin' }]);
    const yes = await addQuestion(viewer, eventId, question({ kind: 'yes_no' }));
    await addQuestion(
      viewer,
      eventId,
      question({ kind: 'short_text', showIfQuestionId: yes, showIfValues: ['yes'] }),
    );
    const copy = await duplicateEvent(viewer, eventId, {
      slug: `copy-${++counter}-${Date.now().toString(36)}`,
      startDate: '2031-03-10',
    });
    const questions = (await loadFormDefinition(copy.id)).questions;
    expect(questions).toHaveLength(2);
    expect(questions[0]?.id).not.toBe(yes);
    expect(questions[1]?.showIf).toEqual({ questionId: questions[0]?.id, values: ['yes'] });
  });
});

describe('the organisers’ table', () => {
  it('filters by session, organisation, country and answer, and counts seats per session', async () => {
    const eventId = await makeEvent({ capacity: 10 });
    const viewer = await organiserOf(eventId);
    const alpha = await makeSession(eventId, { capacity: 2 });
    const beta = await makeSession(eventId, { capacity: 2, room: 'B' });
    const dinner = await addQuestion(viewer, eventId, question({ kind: 'yes_no' }));
    const topics = await addQuestion(
      viewer,
      eventId,
      question({ kind: 'multiple_choice', options: 'École\nPrison\nFamilles' }),
    );
    const [school, prison] = (await loadFormDefinition(eventId)).questions[1]?.options ?? [];
    await submit(eventId, unique('a'), {
      sessionIds: [alpha],
      answers: { [dinner]: 'yes', [topics]: [school?.id] },
    });
    await submit(eventId, unique('b'), {
      sessionIds: [alpha],
      country: 'BE',
      organisation: 'Ville de Bruxelles',
      answers: { [dinner]: 'no', [topics]: [school?.id, prison?.id] },
    });
    await submit(eventId, unique('c'), { sessionIds: [alpha] });
    await submit(eventId, unique('d'), { sessionIds: [beta] });
    const list = (extra: Record<string, string>) =>
      listEventRegistrations(viewer, eventId, parseRegistrationListParams(extra));
    expect((await list({ session: alpha })).total).toBe(3);
    expect((await list({ country: 'be' })).total).toBe(1);
    expect((await list({ organisation: 'bruxelles' })).total).toBe(1);
    expect((await list({ answer: `${dinner}:yes` })).total).toBe(1);
    expect((await list({ answer: `${topics}:${school?.id}` })).total).toBe(2);
    expect((await list({ answer: `${topics}:${prison?.id}`, country: 'FR' })).total).toBe(0);
    // A garbled filter is dropped, not an error.
    expect((await list({ session: 'nope', answer: 'x' })).total).toBe(4);
    const { sessions } = await list({});
    expect(sessions.map((s) => [s.id, s.capacity, s.held, s.waitlisted])).toEqual([
      [alpha, 2, 2, 1],
      [beta, 2, 1, 0],
    ]);
  });

  it('moves people to the waiting list, their seat going to the next who waits, not back to them', async () => {
    const eventId = await makeEvent({ capacity: 2 });
    const viewer = await organiserOf(eventId);
    const [a, b, c] = [unique('a'), unique('b'), unique('c')];
    for (const email of [a, b, c]) await submit(eventId, email);
    const rows = await rowsOf(eventId);
    const result = await decideRegistrations(viewer, eventId, [rows[0]?.id as string], 'waitlist', {
      origin: ORIGIN,
    });
    expect(result).toEqual({ changed: 1, skipped: 0 });
    expect((await rowsOf(eventId)).map((r) => r.status)).toEqual([
      'waitlisted',
      'confirmed',
      'offered',
    ]);
    // Taking someone off the waiting list needs a seat: none is free, nothing changes.
    const again = await decideRegistrations(viewer, eventId, [rows[0]?.id as string], 'approve', {
      origin: ORIGIN,
    });
    expect(again).toEqual({ changed: 0, skipped: 1 });
  });
});

describe('organisers placing people in sessions', () => {
  it('places in an invitation-only session within its seats, one session per slot, and a seat left goes on', async () => {
    const eventId = await makeEvent({ capacity: 10 });
    const organiser = await organiserOf(eventId);
    const invited = await makeSession(eventId, { access: 'invitation', capacity: 1 });
    const parallel = await makeSession(eventId, { capacity: 5, room: 'B' });
    const later = await makeSession(eventId, {
      capacity: 5,
      startsAt: new Date('2030-03-10T13:00:00Z'),
      endsAt: new Date('2030-03-10T14:00:00Z'),
    });
    const [a, b] = [unique('a'), unique('b')];
    await submit(eventId, a, { sessionIds: [parallel] });
    await submit(eventId, b);
    const [ra, rb] = await rowsOf(eventId);
    const place = (id: string, session: string, yes = true) =>
      placeInSession(organiser, eventId, id, session, yes, { origin: ORIGIN });
    // Not at the same time as the workshop already chosen.
    await expect(place(ra?.id as string, invited)).rejects.toMatchObject({
      messageKey: 'validation.oneSessionPerSlot',
    });
    expect(await place(ra?.id as string, later)).toEqual({ changed: true });
    expect(await place(rb?.id as string, invited)).toEqual({ changed: true });
    expect(await place(rb?.id as string, invited)).toEqual({ changed: false });
    // The invitation-only session has one seat: taken.
    await place(ra?.id as string, parallel, false);
    await expect(place(ra?.id as string, invited)).rejects.toMatchObject({
      messageKey: 'registrations.errors.sessionFull',
    });
    // Another event's organiser, or another event's session: refused, nothing written.
    const stranger = await organiserOf(await makeEvent());
    await expect(
      placeInSession(stranger, eventId, ra?.id as string, later, false, { origin: ORIGIN }),
    ).rejects.toThrow(ActionError);
    await expect(
      place(ra?.id as string, await makeSession(await makeEvent())),
    ).rejects.toMatchObject({ messageKey: 'actions.notFound' });
    const chosen = await getDb()
      .select({ r: registrationSessions.registrationId, s: registrationSessions.sessionId })
      .from(registrationSessions)
      .where(inArray(registrationSessions.registrationId, [ra?.id as string, rb?.id as string]));
    expect(chosen).toHaveLength(2);
    expect(chosen).toEqual(
      expect.arrayContaining([
        { r: ra?.id, s: later },
        { r: rb?.id, s: invited },
      ]),
    );
  });
});
