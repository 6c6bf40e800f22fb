import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  char,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import {
  localeEnum,
  organisationKindEnum,
  questionKindEnum,
  questionPurposeEnum,
  registrationStatusEnum,
} from './enums';
import { events, programmeSessions } from './events';
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
    /** Declared by the person; decides the sessions reserved to some kinds of organisation. */
    organisationKind: organisationKindEnum(),
    locale: localeEnum().notNull(),
    status: registrationStatusEnum().notNull(),
    /** Until when an offered seat is held for this person. */
    offerExpiresAt: instant(),
    /** SHA-256 of the personal manage link's token; a new token revokes the old link. */
    manageTokenHash: text().notNull().unique(),
    /**
     * The link revoked last (by the person asking for a new one, or by an organiser), kept
     * so that it opens a page saying so (and offering a new link to the registered e-mail).
     */
    revokedManageTokenHash: text(),
    /** Until when the manage link works; null: the event's end plus MANAGE_LINK_DAYS. */
    manageTokenExpiresAt: instant(),
    /** What the ticket's QR code carries: shown at the door, gives no access to the registration. */
    ticketCode: text().notNull().unique().default(sql`replace(gen_random_uuid()::text, '-', '')`),
    /** The answers to the event's questions, by question id (hidden questions left out). */
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
    // An event's registrations in arrival order: the lists' default order and the
    // exports' keyset pagination (batch after batch, never a sort of the whole event).
    index('registrations_event_seq_idx').on(t.eventId, t.seq),
    index('registrations_user_idx').on(t.userId),
    index('registrations_revoked_token_idx').on(t.revokedManageTokenHash),
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

/** The parallel sessions a registration chose; a seat in each while the registration holds one. */
export const registrationSessions = pgTable(
  'registration_sessions',
  {
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    sessionId: uuid()
      .notNull()
      .references(() => programmeSessions.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.registrationId, t.sessionId] }),
    index('registration_sessions_session_idx').on(t.sessionId),
  ],
);

export type QuestionOption = { id: string; labelFr: string; labelEn: string };
/** Show the question only when the answer to an earlier question is one of these values. */
export type QuestionCondition = { questionId: string; values: string[] };

/** The questions an event asks beyond the fixed fields, in order. */
export const registrationQuestions = pgTable(
  'registration_questions',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    kind: questionKindEnum().notNull(),
    purpose: questionPurposeEnum().notNull().default('general'),
    labelFr: text().notNull(),
    labelEn: text().notNull(),
    helpFr: text().notNull().default(''),
    helpEn: text().notNull().default(''),
    required: boolean().notNull().default(false),
    options: jsonb().$type<QuestionOption[]>().notNull().default(sql`'[]'::jsonb`),
    showIf: jsonb().$type<QuestionCondition | null>(),
    /** Bounds of a number answer. */
    minValue: integer(),
    maxValue: integer(),
    ...timestamps,
  },
  (t) => [
    index('registration_questions_event_idx').on(t.eventId, t.position),
    check(
      'registration_questions_needs_optional',
      sql`${t.purpose} = 'general' or not ${t.required}`,
    ),
  ],
);
