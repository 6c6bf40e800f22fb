import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { jobStatusEnum } from './enums';

// The background queue: claimed with FOR UPDATE SKIP LOCKED so that several app
// instances share it and each job runs once.
export const jobs = pgTable(
  'jobs',
  {
    id: uuid().primaryKey().defaultRandom(),
    queue: text().notNull(),
    payload: jsonb().notNull(),
    status: jobStatusEnum().notNull().default('queued'),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(20),
    /** Higher first: a sign-in link someone is waiting for passes a burst of confirmations. */
    priority: smallint().notNull().default(0),
    runAt: timestamp({ withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lockedUntil: timestamp({ withTimezone: true, mode: 'date' }),
    lockedBy: text(),
    lastError: text(),
    finishedAt: timestamp({ withTimezone: true, mode: 'date' }),
    ...timestamps,
  },
  (t) => [
    index('jobs_due_idx')
      .on(t.priority.desc(), t.runAt)
      .where(sql`${t.status} in ('queued', 'running')`),
    index('jobs_queue_idx').on(t.queue, t.status),
  ],
);

// Messages kept by the built-in catcher when no SMTP server is configured.
export const caughtMail = pgTable(
  'caught_mail',
  {
    id: uuid().primaryKey().defaultRandom(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text(),
    jobId: uuid(),
    ...timestamps,
  },
  (t) => [index('caught_mail_created_idx').on(t.createdAt)],
);
