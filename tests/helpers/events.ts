import { count, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { getDb } from '@/db/client';
import {
  auditLog,
  events,
  networks,
  programmeSessions,
  roleGrants,
  sessionSpeakers,
  workingGroups,
} from '@/db/schema';
import type { SeedEvent, SeedSession } from '@/db/seed-events';
import { ActionError } from '@/lib/auth/errors';

let counter = 0;

/** A slug no other test uses. */
export const uniqueSlug = (prefix = 'event') => `${prefix}-${++counter}-${Date.now().toString(36)}`;

/** An in-person event as the editor's form posts it (strings only), in Europe/Paris. */
export function eventForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slug: uniqueSlug(),
    format: 'colloquium',
    networkId: '',
    workingGroupId: '',
    mode: 'in_person',
    venueName: 'École militaire',
    venueAddress: '1 place Joffre, 75007 Paris',
    city: 'Paris',
    country: 'FR',
    onlineUrl: '',
    timeZone: 'Europe/Paris',
    startsAt: '2027-09-14T09:00',
    endsAt: '2027-09-15T17:30',
    workingLanguages: ['fr', 'en'],
    interpretationLanguages: '',
    confidentiality: 'public',
    visibility: 'listed',
    registrationMode: 'approval',
    capacity: '100',
    registrationOpensAt: '',
    registrationClosesAt: '',
    modificationDeadline: '',
    retentionDays: '',
    titleFr: 'Colloque de test',
    titleEn: 'Test colloquium',
    summaryFr: '',
    summaryEn: '',
    descriptionFr: '',
    descriptionEn: '',
    ...overrides,
  };
}

/** A session of the default event (first day, 10:00–12:00), as a form posts it. */
export function sessionForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'parallel_workshop',
    titleFr: 'Atelier',
    titleEn: 'Workshop',
    descriptionFr: '',
    descriptionEn: '',
    room: 'Salle Lyautey',
    startsAt: '2027-09-14T10:00',
    endsAt: '2027-09-14T12:00',
    capacity: '',
    access: 'everyone',
    ...overrides,
  };
}

/** The form a person would type to recreate a demo event (network and group by id). */
export async function demoEventForm(e: SeedEvent, slug: string): Promise<Record<string, unknown>> {
  return {
    slug,
    format: e.format,
    networkId: e.network ? await networkId(e.network) : '',
    workingGroupId: e.workingGroup ? await workingGroupId(e.workingGroup) : '',
    mode: e.mode,
    venueName: e.venueName ?? '',
    venueAddress: e.venueAddress ?? '',
    city: e.city ?? '',
    country: e.country ?? '',
    onlineUrl: e.onlineUrl ?? '',
    timeZone: e.timeZone,
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    // A single choice arrives as a string from FormData.
    workingLanguages: e.workingLanguages.length === 1 ? e.workingLanguages[0] : e.workingLanguages,
    interpretationLanguages: e.interpretationLanguages ?? '',
    confidentiality: e.confidentiality,
    visibility: e.visibility,
    registrationMode: e.registrationMode,
    capacity: e.capacity === undefined ? '' : String(e.capacity),
    registrationOpensAt: e.registrationOpensAt ?? '',
    registrationClosesAt: e.registrationClosesAt ?? '',
    modificationDeadline: e.modificationDeadline ?? '',
    retentionDays: '',
    titleFr: e.titleFr,
    titleEn: e.titleEn,
    summaryFr: e.summaryFr,
    summaryEn: e.summaryEn,
    descriptionFr: e.descriptionFr,
    descriptionEn: e.descriptionEn,
  };
}

export function demoSessionForm(s: SeedSession): Record<string, unknown> {
  return {
    type: s.type,
    titleFr: s.titleFr,
    titleEn: s.titleEn,
    descriptionFr: '',
    descriptionEn: '',
    room: s.room ?? '',
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    capacity: s.capacity === undefined ? '' : String(s.capacity),
    access: s.access ?? 'everyone',
    accessOrganisationKinds: s.accessOrganisationKinds ?? '',
    chathamHouse: s.chathamHouse ? 'on' : undefined,
    speakers: (s.speakers ?? []).map((sp) => ({
      name: sp.name,
      function: sp.function ?? '',
      organisation: sp.organisation ?? '',
    })),
  };
}

export async function networkId(slug: string): Promise<string> {
  const [row] = await getDb()
    .select({ id: networks.id })
    .from(networks)
    .where(eq(networks.slug, slug));
  if (!row) throw new Error(`no network ${slug}: has the seed run?`);
  return row.id;
}

export async function workingGroupId(slug: string): Promise<string> {
  const [row] = await getDb()
    .select({ id: workingGroups.id })
    .from(workingGroups)
    .where(eq(workingGroups.slug, slug));
  if (!row) throw new Error(`no working group ${slug}: has the seed run?`);
  return row.id;
}

export async function eventBySlug(slug: string) {
  const [row] = await getDb().select().from(events).where(eq(events.slug, slug));
  if (!row) throw new Error(`no event ${slug}`);
  return row;
}

export async function eventById(id: string) {
  const [row] = await getDb().select().from(events).where(eq(events.id, id));
  if (!row) throw new Error(`no event ${id}`);
  return row;
}

export async function rowCounts() {
  const db = getDb();
  const [e] = await db.select({ c: count() }).from(events);
  const [s] = await db.select({ c: count() }).from(programmeSessions);
  const [sp] = await db.select({ c: count() }).from(sessionSpeakers);
  const [g] = await db.select({ c: count() }).from(roleGrants);
  const [a] = await db.select({ c: count() }).from(auditLog);
  return {
    events: e?.c ?? 0,
    sessions: s?.c ?? 0,
    speakers: sp?.c ?? 0,
    grants: g?.c ?? 0,
    audit: a?.c ?? 0,
  };
}

/** Every row the events domain writes, to prove that a refused change wrote nothing. */
export async function snapshot() {
  const db = getDb();
  return {
    counts: await rowCounts(),
    events: await db.select().from(events).orderBy(events.id),
    sessions: await db.select().from(programmeSessions).orderBy(programmeSessions.id),
    speakers: await db.select().from(sessionSpeakers).orderBy(sessionSpeakers.id),
    grants: await db.select().from(roleGrants).orderBy(roleGrants.id),
  };
}

/** Runs a change that must fail, and returns its error after checking that nothing was written. */
export async function refused(change: () => Promise<unknown>): Promise<unknown> {
  const before = await snapshot();
  const error = await change().then(
    () => new Error('expected the change to be refused'),
    (e: unknown) => e,
  );
  expect(await snapshot()).toEqual(before);
  return error;
}

/** The change is refused with one field error, and writes nothing. */
export async function expectFieldError(change: () => Promise<unknown>, field: string, key: string) {
  const error = await refused(change);
  expect(error).toBeInstanceOf(ActionError);
  expect(error).toMatchObject({ messageKey: 'actions.invalid', fieldErrors: { [field]: [key] } });
}
