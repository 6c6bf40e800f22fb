import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  char,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import {
  confidentialityEnum,
  eventFormatEnum,
  eventModeEnum,
  eventStatusEnum,
  organisationKindEnum,
  registrationModeEnum,
  sessionAccessEnum,
  sessionTypeEnum,
  visibilityEnum,
} from './enums';
import { networks, workingGroups } from './networks';
import { users } from './people';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });

export const events = pgTable(
  'events',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    status: eventStatusEnum().notNull().default('draft'),
    format: eventFormatEnum().notNull(),
    networkId: uuid().references(() => networks.id, { onDelete: 'restrict' }),
    workingGroupId: uuid().references(() => workingGroups.id, { onDelete: 'restrict' }),
    mode: eventModeEnum().notNull(),
    venueName: text(),
    venueAddress: text(),
    city: text(),
    /** ISO 3166-1 alpha-2 of the venue; null online. */
    country: char({ length: 2 }),
    onlineUrl: text(),
    /** IANA time zone in which the event's dates are shown and typed. */
    timeZone: text().notNull(),
    startsAt: instant().notNull(),
    endsAt: instant().notNull(),
    workingLanguages: text().array().notNull().default(sql`'{}'::text[]`),
    interpretationLanguages: text().array().notNull().default(sql`'{}'::text[]`),
    confidentiality: confidentialityEnum().notNull().default('public'),
    visibility: visibilityEnum().notNull().default('listed'),
    registrationMode: registrationModeEnum().notNull(),
    /** Seats for the whole event; null when there is no limit (a webinar). */
    capacity: integer(),
    registrationOpensAt: instant(),
    registrationClosesAt: instant(),
    modificationDeadline: instant(),
    /** How long a freed seat is held for the first person on the waiting list. */
    offerHoldHours: integer().notNull().default(48),
    /** Days after the end of the event before personal data is anonymised. */
    retentionDays: integer().notNull().default(365),
    /** When the retention job anonymised the event's personal data; null until then. */
    anonymisedAt: instant(),
    titleFr: text().notNull(),
    titleEn: text().notNull(),
    summaryFr: text().notNull().default(''),
    summaryEn: text().notNull().default(''),
    /** Lightweight Markdown, HTML refused on save; rendered escaped. */
    descriptionFr: text().notNull().default(''),
    descriptionEn: text().notNull().default(''),
    cancellationReasonFr: text(),
    cancellationReasonEn: text(),
    publishedAt: instant(),
    cancelledAt: instant(),
    archivedAt: instant(),
    duplicatedFromId: uuid().references((): AnyPgColumn => events.id, { onDelete: 'set null' }),
    createdBy: text().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    check('events_dates', sql`${t.endsAt} > ${t.startsAt}`),
    check('events_capacity', sql`${t.capacity} is null or ${t.capacity} >= 0`),
    check('events_retention', sql`${t.retentionDays} between 1 and 3650`),
    check('events_offer_hold', sql`${t.offerHoldHours} between 1 and 336`),
    check(
      'events_registration_window',
      sql`${t.registrationOpensAt} is null or ${t.registrationClosesAt} is null or ${t.registrationClosesAt} > ${t.registrationOpensAt}`,
    ),
    check('events_country_iso', sql`${t.country} ~ '^[A-Z]{2}$'`),
    index('events_catalogue_idx').on(t.status, t.visibility, t.confidentiality, t.startsAt),
  ],
);

// "Sessions" is taken by sign-in sessions: the parts of a programme are programme sessions.
export const programmeSessions = pgTable(
  'programme_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    type: sessionTypeEnum().notNull(),
    titleFr: text().notNull(),
    titleEn: text().notNull(),
    descriptionFr: text().notNull().default(''),
    descriptionEn: text().notNull().default(''),
    room: text(),
    startsAt: instant().notNull(),
    endsAt: instant().notNull(),
    capacity: integer(),
    access: sessionAccessEnum().notNull().default('everyone'),
    /** For access = organisation_kinds: who may attend (e.g. ministry staff only). */
    accessOrganisationKinds: organisationKindEnum().array().notNull().default(sql`'{}'`),
    chathamHouse: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    check('programme_sessions_dates', sql`${t.endsAt} > ${t.startsAt}`),
    check('programme_sessions_capacity', sql`${t.capacity} is null or ${t.capacity} >= 0`),
    index('programme_sessions_event_idx').on(t.eventId, t.startsAt),
  ],
);

export const sessionSpeakers = pgTable(
  'session_speakers',
  {
    id: uuid().primaryKey().defaultRandom(),
    sessionId: uuid()
      .notNull()
      .references(() => programmeSessions.id, { onDelete: 'cascade' }),
    position: integer().notNull().default(0),
    name: text().notNull(),
    function: text(),
    organisation: text(),
    ...timestamps,
  },
  (t) => [index('session_speakers_session_idx').on(t.sessionId, t.position)],
);
