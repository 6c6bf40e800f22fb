import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb } from '@/db/client';
import { events, jobs, nominations, organisations } from '@/db/schema';
import { ActionError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { MAIL_QUEUE } from '@/lib/mail/outbox';
import { nominate, openCall, saveCall } from '@/lib/nominations/mutations';
import { type CallFormInput, callInputSchema, nomineeSchema } from '@/lib/nominations/validation';
import { makeViewer } from './fixtures';

// Fixtures of the nominations integration tests: organisations, an event on nomination
// with its organiser, an open call for two ministries with their nominators.

export const ORIGIN = 'http://passerelle.test';
let counter = 0;
/** A number never given twice in a test file. */
export const next = () => ++counter;
export const unique = (name: string) =>
  `${name}.${++counter}.${Date.now().toString(36)}@example.org`;

export async function makeOrganisation(name: string): Promise<string> {
  const n = ++counter;
  const [row] = await getDb()
    .insert(organisations)
    .values({
      slug: `org-${n}-${Date.now().toString(36)}`,
      nameFr: `${name} ${n}`,
      nameEn: `${name} ${n} (en)`,
      kind: 'ministry',
      country: 'FR',
    })
    .returning({ id: organisations.id });
  return row?.id as string;
}

/** A published event on nomination, with `capacity` seats, and its organiser. */
export async function makeEvent(capacity: number | null = 10) {
  const n = ++counter;
  const [row] = await getDb()
    .insert(events)
    .values({
      slug: `nomination-test-${n}-${Date.now().toString(36)}`,
      status: 'published',
      format: 'policy_practice_workshop',
      mode: 'in_person',
      city: 'Bruxelles',
      country: 'BE',
      timeZone: 'Europe/Brussels',
      startsAt: new Date('2030-06-10T07:00:00Z'),
      endsAt: new Date('2030-06-11T15:00:00Z'),
      registrationMode: 'nomination',
      capacity,
      titleFr: `Atelier RAN ${n}`,
      titleEn: `RAN workshop ${n}`,
      publishedAt: new Date(),
    })
    .returning({ id: events.id });
  const eventId = row?.id as string;
  const organiser = await makeViewer([{ role: 'organiser', eventId }]);
  return { eventId, organiser };
}

export const callForm = (
  quotas: { organisationId: string; quota: number }[],
  extra: Partial<CallFormInput> = {},
) =>
  callInputSchema.parse({
    profileFr: 'Enseignants et inspecteurs au contact des jeunes.',
    profileEn: 'Teachers and inspectors working with young people.',
    nominationsCloseAt: '2030-04-01T18:00',
    confirmationDeadline: '2030-04-15T18:00',
    withdrawalDeadline: '2030-05-01T18:00',
    quotas,
    ...extra,
  });

export const person = (email: string, extra: Record<string, unknown> = {}) =>
  nomineeSchema.parse({
    firstName: 'Nadia',
    lastName: 'Lefèvre',
    email,
    function: 'Inspectrice',
    locale: 'fr',
    ...extra,
  });

/** An event with an open call: two ministries with their nominators (`extra`: more of the call). */
export async function openedCall(
  quotaA = 2,
  quotaB = 2,
  capacity: number | null = 10,
  extra: Partial<CallFormInput> = {},
) {
  const { eventId, organiser } = await makeEvent(capacity);
  const orgA = await makeOrganisation('Ministère de l’Éducation nationale');
  const orgB = await makeOrganisation('Ministère de la Justice');
  const nominatorA = await makeViewer([{ role: 'nominator', organisationId: orgA }]);
  const nominatorB = await makeViewer([{ role: 'nominator', organisationId: orgB }]);
  const { id: callId } = await saveCall(
    organiser,
    eventId,
    callForm(
      [
        { organisationId: orgA, quota: quotaA },
        { organisationId: orgB, quota: quotaB },
      ],
      extra,
    ),
  );
  await openCall(organiser, eventId, { origin: ORIGIN, now: new Date('2030-01-01T00:00:00Z') });
  return { eventId, organiser, callId, orgA, orgB, nominatorA, nominatorB };
}

export const BEFORE = { now: new Date('2030-03-01T00:00:00Z') };

export async function nominateMany(
  viewer: Viewer,
  callId: string,
  organisationId: string,
  n: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(
      (await nominate(viewer, callId, organisationId, person(unique('nominee')), BEFORE)).id,
    );
  }
  return ids;
}

export async function mailsTo(email: string) {
  const rows = await getDb()
    .select({ payload: jobs.payload })
    .from(jobs)
    .where(and(eq(jobs.queue, MAIL_QUEUE), sql`${jobs.payload}->>'to' = ${email}`))
    .orderBy(asc(jobs.createdAt), asc(jobs.id));
  return rows.map((r) => r.payload as { subject: string; text: string });
}

export async function expectRefused(change: () => Promise<unknown>, key: string) {
  const error = await change().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  expect((error as ActionError).messageKey).toBe(key);
  return error as ActionError;
}

export async function statuses(ids: string[]) {
  const rows = await getDb()
    .select({ id: nominations.id, status: nominations.status })
    .from(nominations)
    .where(inArray(nominations.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, r.status]));
}
