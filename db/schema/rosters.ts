import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { localeEnum } from './enums';
import { networks, workingGroups } from './networks';
import { organisations, users } from './people';

/**
 * An organisation's designation roster for one year: the people it designates for a
 * network, or for one working group of it (e.g. "2027 — RAN Youth & Education"). Kept
 * by the organisation's nominators; nominations are prefilled from it.
 */
export const designationRosters = pgTable(
  'designation_rosters',
  {
    id: uuid().primaryKey().defaultRandom(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    year: integer().notNull(),
    networkId: uuid()
      .notNull()
      .references(() => networks.id, { onDelete: 'restrict' }),
    /** Null: the roster is for the whole network. */
    workingGroupId: uuid().references(() => workingGroups.id, { onDelete: 'restrict' }),
    createdBy: text().references(() => users.id, { onDelete: 'set null' }),
    updatedBy: text().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    // One roster per organisation, year and network or working group (a null group too).
    unique('designation_rosters_scope')
      .on(t.organisationId, t.year, t.networkId, t.workingGroupId)
      .nullsNotDistinct(),
    check('designation_rosters_year', sql`${t.year} between 2000 and 2100`),
  ],
);

/** A person on a roster, with what a nomination of them needs. One row per e-mail. */
export const designationRosterEntries = pgTable(
  'designation_roster_entries',
  {
    id: uuid().primaryKey().defaultRandom(),
    rosterId: uuid()
      .notNull()
      .references(() => designationRosters.id, { onDelete: 'cascade' }),
    /** Lower-cased, NFC, like nominations.email. */
    email: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    function: text().notNull(),
    unit: text().notNull().default(''),
    workingGroupId: uuid().references(() => workingGroups.id, { onDelete: 'set null' }),
    locale: localeEnum().notNull(),
    ...timestamps,
  },
  (t) => [
    unique('designation_roster_entries_email').on(t.rosterId, t.email),
    index('designation_roster_entries_name_idx').on(t.rosterId, t.lastName, t.firstName),
  ],
);

export type DesignationRosterRow = typeof designationRosters.$inferSelect;
export type DesignationRosterEntryRow = typeof designationRosterEntries.$inferSelect;
