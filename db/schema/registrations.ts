import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  char,
  check,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { localeEnum, registrationStatusEnum } from './enums';
import { events } from './events';
import { users } from './people';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });

export const registrations = pgTable(
  'registrations',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** Arrival order, taken while the event row is locked: the waiting list's order. */
    seq: bigserial({ mode: 'number' }).notNull(),
    userId: text().references(() => users.id, { onDelete: 'set null' }),
    /** Lower-cased, NFC: one registration per e-mail per event. */
    email: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    organisation: text().notNull(),
    function: text().notNull(),
    /** ISO 3166-1 alpha-2. */
    country: char({ length: 2 }).notNull(),
    locale: localeEnum().notNull(),
    status: registrationStatusEnum().notNull(),
    /** Until when an offered seat is held for this person. */
    offerExpiresAt: instant(),
    /** SHA-256 of the personal manage link's token; a new token revokes the old link. */
    manageTokenHash: text().notNull().unique(),
    answers: jsonb().notNull().default(sql`'{}'::jsonb`),
    /** Consent to appear in the list of participants shown to other participants. */
    directoryConsent: boolean().notNull().default(false),
    privacyAcknowledgedAt: instant().notNull(),
    ...timestamps,
  },
  (t) => [
    unique('registrations_event_email').on(t.eventId, t.email),
    check('registrations_country_iso', sql`${t.country} ~ '^[A-Z]{2}$'`),
    check(
      'registrations_offer',
      sql`(${t.status} = 'offered') = (${t.offerExpiresAt} is not null)`,
    ),
    index('registrations_event_status_idx').on(t.eventId, t.status, t.seq),
    index('registrations_user_idx').on(t.userId),
  ],
);

/** Every change of a registration's status, by whom (null: the person or the system). */
export const registrationChanges = pgTable(
  'registration_changes',
  {
    id: uuid().primaryKey().defaultRandom(),
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    fromStatus: registrationStatusEnum(),
    toStatus: registrationStatusEnum().notNull(),
    actorId: text().references(() => users.id, { onDelete: 'set null' }),
    note: text(),
    at: instant().notNull().defaultNow(),
  },
  (t) => [index('registration_changes_registration_idx').on(t.registrationId, t.at)],
);

export type RegistrationRow = typeof registrations.$inferSelect;
