import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  char,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { localeEnum, organisationKindEnum, roleEnum } from './enums';
import { events } from './events';

// users, accounts, sessions and verification tokens follow the shape the Auth.js
// Drizzle adapter expects; the e-mail address is the identity key.
export const users = pgTable(
  'users',
  {
    id: text()
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text(),
    email: text().notNull(),
    emailVerified: timestamp({ withTimezone: true, mode: 'date' }),
    image: text(),
    locale: localeEnum().notNull().default('fr'),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`)],
);

export const accounts = pgTable(
  'accounts',
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable(
  'sessions',
  {
    sessionToken: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expires: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
    /** When this session passed the second factor (a code, a recovery code, an OIDC MFA sign-in). */
    secondFactorAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: timestamp({ withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

export const organisations = pgTable(
  'organisations',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    acronym: text(),
    nameFr: text().notNull(),
    nameEn: text().notNull(),
    kind: organisationKindEnum().notNull(),
    /** ISO 3166-1 alpha-2, upper case; null for international organisations. */
    country: char({ length: 2 }),
    parentId: uuid().references((): AnyPgColumn => organisations.id, {
      onDelete: 'restrict',
    }),
    ...timestamps,
  },
  (t) => [check('organisations_country_iso', sql`${t.country} ~ '^[A-Z]{2}$'`)],
);

// A role held by a user. Nominators act for one organisation, check-in staff for one
// event. An organiser grant without an event lets a person create events; one with an
// event lets them manage that event. Admins hold their role platform-wide.
export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum().notNull(),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'cascade' }),
    eventId: uuid().references(() => events.id, { onDelete: 'cascade' }),
    grantedBy: text().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('role_grants_unique').on(
      t.userId,
      t.role,
      sql`coalesce(${t.organisationId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`coalesce(${t.eventId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
    check(
      'role_grants_scope',
      sql`(${t.role} = 'nominator' and ${t.organisationId} is not null and ${t.eventId} is null)
        or (${t.role} = 'checkin_staff' and ${t.eventId} is not null and ${t.organisationId} is null)
        or (${t.role} = 'organiser' and ${t.organisationId} is null)
        or (${t.role} = 'admin' and ${t.organisationId} is null and ${t.eventId} is null)`,
    ),
  ],
);
