import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { events } from './events';
import { users } from './people';
import { registrations } from './registrations';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });

/**
 * The one sending of an event's certificates of attendance, by whom and when: a second
 * press finds it and sends nothing.
 */
export const certificateMailings = pgTable('certificate_mailings', {
  eventId: uuid()
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  requestedBy: text().references(() => users.id, { onDelete: 'set null' }),
  requestedAt: instant().notNull().defaultNow(),
  /** When the job had queued every attendee's mail; null while it runs. */
  completedAt: instant(),
  ...timestamps,
});

/** One line per attendee whose certificate mail is queued: a retried job skips them. */
export const certificateMails = pgTable(
  'certificate_mails',
  {
    registrationId: uuid()
      .primaryKey()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    ...timestamps,
  },
  (t) => [index('certificate_mails_event_idx').on(t.eventId)],
);
