import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { users } from './people';

// One authenticator (TOTP) per person. The secret is sealed with AES-256-GCM under a
// key derived from AUTH_SECRET (lib/second-factor/crypto.ts); never stored in clear.
export const secondFactors = pgTable('second_factors', {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  sealedSecret: text().notNull(),
  /** The last time step accepted: no code of that step or before is taken again. */
  lastUsedStep: bigint({ mode: 'number' }).notNull(),
  ...timestamps,
});

/** Single-use recovery codes, kept as keyed hashes; used ones keep their date. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true, mode: 'date' }),
    createdAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId, t.codeHash)],
);
