import { index, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { localeEnum } from './enums';
import { events } from './events';
import { users } from './people';
import { registrations } from './registrations';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });

/**
 * A personal invitation to an event on invitation only: its link (whose token only the
 * mail holds) lets that one person register. A new link (resend, reminder) replaces the
 * old one.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** Lower-cased, NFC, like registrations.email: one invitation per e-mail per event. */
    email: text().notNull(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    organisation: text(),
    /** The language of the invitation's mails. */
    locale: localeEnum().notNull(),
    /** SHA-256 (hex) of the link's token. */
    tokenHash: text().notNull().unique(),
    /** When the latest invitation mail (first or resent) was written to the outbox. */
    sentAt: instant().notNull(),
    lastReminderAt: instant(),
    reminderCount: smallint().notNull().default(0),
    revokedAt: instant(),
    /** The registration made with this invitation. */
    registrationId: uuid()
      .unique()
      .references(() => registrations.id, { onDelete: 'set null' }),
    createdBy: text().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    unique('invitations_event_email').on(t.eventId, t.email),
    index('invitations_event_name_idx').on(t.eventId, t.lastName, t.firstName),
  ],
);

export type InvitationRow = typeof invitations.$inferSelect;
