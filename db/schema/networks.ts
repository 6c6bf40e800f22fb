import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { networkKindEnum } from './enums';

export const networks = pgTable(
  'networks',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    acronym: text().notNull(),
    nameFr: text().notNull(),
    nameEn: text().notNull(),
    kind: networkKindEnum().notNull(),
    activeFrom: date({ mode: 'string' }),
    /** Null while the network is active (ESCN ended in 2019). */
    activeTo: date({ mode: 'string' }),
    ...timestamps,
  },
  (t) => [
    check(
      'networks_period',
      sql`${t.activeTo} is null or ${t.activeFrom} is null or ${t.activeTo} >= ${t.activeFrom}`,
    ),
  ],
);

// Working groups are restructured over time (RAN in 2015, 2021, 2024): each keeps its
// validity period and points to the group that took over its work.
export const workingGroups = pgTable(
  'working_groups',
  {
    id: uuid().primaryKey().defaultRandom(),
    networkId: uuid()
      .notNull()
      .references(() => networks.id, { onDelete: 'restrict' }),
    slug: text().notNull().unique(),
    nameFr: text().notNull(),
    nameEn: text().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    successorId: uuid().references((): AnyPgColumn => workingGroups.id, {
      onDelete: 'set null',
    }),
    ...timestamps,
  },
  (t) => [
    check('working_groups_period', sql`${t.validTo} is null or ${t.validTo} >= ${t.validFrom}`),
  ],
);
