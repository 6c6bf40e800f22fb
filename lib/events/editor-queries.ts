import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { events, networks, programmeSessions, workingGroups } from '@/db/schema';
import { assertCan } from '@/lib/auth/assert';
import { NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { countryOptions } from '@/lib/i18n/countries';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import { EVENT_LANGUAGES, type EventStatus } from './enums';
import { speakersOf } from './queries';
import { utcToZonedLocal } from './time';
import type { EventFormInput, SessionFormInput } from './validation';

export async function eventEditorOptions(locale: Locale) {
  const db = getDb();
  const [nets, groups] = await Promise.all([
    db
      .select({
        id: networks.id,
        acronym: networks.acronym,
        nameFr: networks.nameFr,
        nameEn: networks.nameEn,
      })
      .from(networks)
      .orderBy(asc(networks.acronym)),
    db
      .select({
        id: workingGroups.id,
        networkId: workingGroups.networkId,
        nameFr: workingGroups.nameFr,
        nameEn: workingGroups.nameEn,
        validFrom: workingGroups.validFrom,
        validTo: workingGroups.validTo,
      })
      .from(workingGroups)
      .orderBy(asc(workingGroups.nameFr)),
  ]);
  const languages = new Intl.DisplayNames([locale], { type: 'language' });
  return {
    networks: nets.map((n) => ({
      value: n.id,
      label: `${n.acronym} — ${localized(locale, n.nameFr, n.nameEn)}`,
    })),
    workingGroups: groups.map((g) => ({
      value: g.id,
      networkId: g.networkId,
      label: localized(locale, g.nameFr, g.nameEn),
      validFrom: g.validFrom,
      validTo: g.validTo,
    })),
    timeZones: ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')],
    countries: countryOptions(locale),
    languages: EVENT_LANGUAGES.map((code) => ({ value: code, label: languages.of(code) ?? code })),
  };
}

export const NEW_EVENT_DEFAULTS: EventFormInput = {
  slug: '',
  format: 'colloquium',
  networkId: '',
  workingGroupId: '',
  mode: 'in_person',
  venueName: '',
  venueAddress: '',
  city: '',
  country: 'FR',
  onlineUrl: '',
  timeZone: 'Europe/Paris',
  startsAt: '',
  endsAt: '',
  workingLanguages: ['fr'],
  interpretationLanguages: [],
  confidentiality: 'public',
  visibility: 'listed',
  registrationMode: 'open',
  capacity: '',
  registrationOpensAt: '',
  registrationClosesAt: '',
  modificationDeadline: '',
  retentionDays: '365',
  offerHoldHours: '48',
  titleFr: '',
  titleEn: '',
  summaryFr: '',
  summaryEn: '',
  descriptionFr: '',
  descriptionEn: '',
};

export type EditableSession = {
  id: string;
  title: string;
  values: SessionFormInput;
};

export type EditableEvent = {
  id: string;
  slug: string;
  status: EventStatus;
  title: string;
  timeZone: string;
  values: EventFormInput;
  sessions: EditableSession[];
};

/** An event as its editor shows it: wall-clock times in its own zone. */
export async function getEventForEdit(
  viewer: Viewer | null,
  eventId: string,
  locale: Locale,
): Promise<EditableEvent> {
  assertCan(viewer, 'events.manage', { eventId });
  const db = getDb();
  const [e] = await db.select().from(events).where(eq(events.id, eventId));
  if (!e) throw new NotFoundError();
  const local = (d: Date | null) => (d ? utcToZonedLocal(d, e.timeZone) : '');
  const sessions = await db
    .select()
    .from(programmeSessions)
    .where(eq(programmeSessions.eventId, e.id))
    .orderBy(asc(programmeSessions.startsAt), asc(programmeSessions.room));
  const speakers = await speakersOf(sessions.map((s) => s.id));
  return {
    id: e.id,
    slug: e.slug,
    status: e.status,
    title: localized(locale, e.titleFr, e.titleEn),
    timeZone: e.timeZone,
    values: {
      slug: e.slug,
      format: e.format,
      networkId: e.networkId ?? '',
      workingGroupId: e.workingGroupId ?? '',
      mode: e.mode,
      venueName: e.venueName ?? '',
      venueAddress: e.venueAddress ?? '',
      city: e.city ?? '',
      country: e.country ?? '',
      onlineUrl: e.onlineUrl ?? '',
      timeZone: e.timeZone,
      startsAt: local(e.startsAt),
      endsAt: local(e.endsAt),
      workingLanguages: e.workingLanguages as EventFormInput['workingLanguages'],
      interpretationLanguages:
        e.interpretationLanguages as EventFormInput['interpretationLanguages'],
      confidentiality: e.confidentiality,
      visibility: e.visibility,
      registrationMode: e.registrationMode,
      capacity: e.capacity === null ? '' : String(e.capacity),
      registrationOpensAt: local(e.registrationOpensAt),
      registrationClosesAt: local(e.registrationClosesAt),
      modificationDeadline: local(e.modificationDeadline),
      retentionDays: String(e.retentionDays),
      offerHoldHours: String(e.offerHoldHours),
      titleFr: e.titleFr,
      titleEn: e.titleEn,
      summaryFr: e.summaryFr,
      summaryEn: e.summaryEn,
      descriptionFr: e.descriptionFr,
      descriptionEn: e.descriptionEn,
    },
    sessions: sessions.map((s) => ({
      id: s.id,
      title: localized(locale, s.titleFr, s.titleEn),
      values: {
        type: s.type,
        titleFr: s.titleFr,
        titleEn: s.titleEn,
        descriptionFr: s.descriptionFr,
        descriptionEn: s.descriptionEn,
        room: s.room ?? '',
        startsAt: local(s.startsAt),
        endsAt: local(s.endsAt),
        capacity: s.capacity === null ? '' : String(s.capacity),
        access: s.access,
        accessOrganisationKinds: s.accessOrganisationKinds,
        chathamHouse: s.chathamHouse,
        speakers: speakers
          .filter((sp) => sp.sessionId === s.id)
          .map((sp) => ({
            name: sp.name,
            function: sp.function ?? '',
            organisation: sp.organisation ?? '',
          })),
      },
    })),
  };
}
