import {
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
import { events } from './events';
import { jobs } from './jobs';
import { users } from './people';
import { registrations } from './registrations';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });

/** Who a mailing goes to, as the organiser chose it (see lib/mailings/validation.ts). */
export type MailingSegment = {
  statuses: string[];
  sessionId: string | null;
  organisation: string | null;
  country: string | null;
  attendance: 'any' | 'attended' | 'absent';
};

/**
 * A message an organiser sent to a segment of an event's people: the segment, the
 * template in both languages, who sent it and when. A background job writes one
 * recipient row and queues one mail per person.
 */
export const mailings = pgTable(
  'mailings',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sentBy: text().references(() => users.id, { onDelete: 'set null' }),
    segment: jsonb().$type<MailingSegment>().notNull(),
    subjectFr: text().notNull(),
    subjectEn: text().notNull(),
    bodyFr: text().notNull(),
    bodyEn: text().notNull(),
    /** The people the segment matched when the organiser sent it. */
    recipientCount: integer().notNull(),
    /** The sending form's own key: a send clicked twice makes one mailing. */
    clientKey: text().notNull(),
    /** When the job had queued a mail for everyone. */
    queuedAt: instant(),
    ...timestamps,
  },
  (t) => [
    index('mailings_event_idx').on(t.eventId, t.createdAt),
    unique('mailings_client_key').on(t.eventId, t.clientKey),
  ],
);

/**
 * One row per person a mailing was queued for, with the outbox job that carries the
 * mail: the key makes a job that runs again skip whoever already has theirs.
 */
export const mailingRecipients = pgTable(
  'mailing_recipients',
  {
    mailingId: uuid()
      .notNull()
      .references(() => mailings.id, { onDelete: 'cascade' }),
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    jobId: uuid().references(() => jobs.id, { onDelete: 'set null' }),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.mailingId, t.registrationId] }),
    index('mailing_recipients_job_idx').on(t.jobId),
  ],
);
