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
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { callStatusEnum, localeEnum, nominationStatusEnum } from './enums';
import { events } from './events';
import { workingGroups } from './networks';
import { organisations, users } from './people';
import { registrations } from './registrations';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });

/**
 * A call for nominations, one per event on nomination: the profile sought, and the
 * deadlines for nominating, for the nominees to confirm and for replacing or withdrawing.
 */
export const nominationCalls = pgTable(
  'nomination_calls',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .unique()
      .references(() => events.id, { onDelete: 'cascade' }),
    status: callStatusEnum().notNull().default('draft'),
    profileFr: text().notNull(),
    profileEn: text().notNull(),
    nominationsCloseAt: instant().notNull(),
    confirmationDeadline: instant().notNull(),
    withdrawalDeadline: instant().notNull(),
    /** Submissions after the deadline are taken, flagged late, for an organiser to decide. */
    acceptsLate: boolean().notNull().default(false),
    openedAt: instant(),
    createdBy: text().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    check(
      'nomination_calls_deadlines',
      sql`${t.nominationsCloseAt} <= ${t.confirmationDeadline} and ${t.nominationsCloseAt} <= ${t.withdrawalDeadline}`,
    ),
  ],
);

/** The organisations invited to nominate, each with its number of places. */
export const nominationQuotas = pgTable(
  'nomination_quotas',
  {
    id: uuid().primaryKey().defaultRandom(),
    callId: uuid()
      .notNull()
      .references(() => nominationCalls.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    quota: integer().notNull(),
    ...timestamps,
  },
  (t) => [
    unique('nomination_quotas_call_organisation').on(t.callId, t.organisationId),
    check('nomination_quotas_positive', sql`${t.quota} > 0`),
  ],
);

/**
 * Places of a call per country (the organisations' country) or per working group (the
 * nominees'), across organisations: acceptances never pass them. Exactly one of the two.
 */
export const nominationGroupQuotas = pgTable(
  'nomination_group_quotas',
  {
    id: uuid().primaryKey().defaultRandom(),
    callId: uuid()
      .notNull()
      .references(() => nominationCalls.id, { onDelete: 'cascade' }),
    country: char({ length: 2 }),
    workingGroupId: uuid().references(() => workingGroups.id, { onDelete: 'cascade' }),
    quota: integer().notNull(),
    ...timestamps,
  },
  (t) => [
    unique('nomination_group_quotas_country').on(t.callId, t.country),
    unique('nomination_group_quotas_working_group').on(t.callId, t.workingGroupId),
    check('nomination_group_quotas_positive', sql`${t.quota} > 0`),
    check(
      'nomination_group_quotas_one_kind',
      sql`(${t.country} is null) <> (${t.workingGroupId} is null)`,
    ),
    check('nomination_group_quotas_country_iso', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

/**
 * A person nominated by an organisation, ranked by its nominators (1 first). One live
 * nomination per e-mail per call, whichever organisation made it.
 */
export const nominations = pgTable(
  'nominations',
  {
    id: uuid().primaryKey().defaultRandom(),
    callId: uuid()
      .notNull()
      .references(() => nominationCalls.id, { onDelete: 'cascade' }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    status: nominationStatusEnum().notNull().default('draft'),
    rank: integer().notNull(),
    /** Submitted after the nominations deadline: waits for an organiser. */
    late: boolean().notNull().default(false),
    /** Lower-cased, NFC, like registrations.email. */
    email: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    function: text().notNull(),
    unit: text().notNull().default(''),
    workingGroupId: uuid().references(() => workingGroups.id, { onDelete: 'set null' }),
    justification: text().notNull().default(''),
    /** The language of the nominee's mails. */
    locale: localeEnum().notNull(),
    /** The organiser's reason, given with a rejection. */
    reason: text(),
    /** The nomination this one replaces (withdrawn for it). */
    replacesId: uuid().references((): AnyPgColumn => nominations.id, { onDelete: 'set null' }),
    /** The registration the nominee completed. */
    registrationId: uuid()
      .unique()
      .references(() => registrations.id, { onDelete: 'set null' }),
    /** SHA-256 (hex) of the personal link sent to the nominee once accepted. */
    tokenHash: text().unique(),
    invitedAt: instant(),
    nominatedBy: text().references(() => users.id, { onDelete: 'set null' }),
    submittedAt: instant(),
    decidedAt: instant(),
    decidedBy: text().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('nominations_call_organisation_rank_idx').on(t.callId, t.organisationId, t.rank),
    uniqueIndex('nominations_call_email_live')
      .on(t.callId, t.email)
      .where(sql`${t.status} not in ('rejected', 'declined', 'withdrawn', 'replaced')`),
    check('nominations_rank_positive', sql`${t.rank} > 0`),
  ],
);

/** What happened to a nomination, by whom, when: its history. */
export const nominationChanges = pgTable(
  'nomination_changes',
  {
    id: uuid().primaryKey().defaultRandom(),
    nominationId: uuid()
      .notNull()
      .references(() => nominations.id, { onDelete: 'cascade' }),
    fromStatus: nominationStatusEnum(),
    toStatus: nominationStatusEnum().notNull(),
    actorId: text().references(() => users.id, { onDelete: 'set null' }),
    note: text(),
    at: instant().notNull().defaultNow(),
  },
  (t) => [index('nomination_changes_nomination_idx').on(t.nominationId, t.at)],
);

export type NominationRow = typeof nominations.$inferSelect;
export type NominationCallRow = typeof nominationCalls.$inferSelect;
