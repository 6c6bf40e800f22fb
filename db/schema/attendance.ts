import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { scanKindEnum } from './enums';
import { events, programmeSessions } from './events';
import { users } from './people';
import { registrations } from './registrations';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });

/**
 * Every scan at the door, kept: an entry or an exit of one registration, at the event's
 * entrance (no session) or at one session, or the undoing of an earlier scan. Who is in
 * is rebuilt from them, in the order they were made on the devices.
 */
export const checkinScans = pgTable(
  'checkin_scans',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    registrationId: uuid()
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    /** The session scanned for; null: the event's entrance. */
    sessionId: uuid().references(() => programmeSessions.id, { onDelete: 'cascade' }),
    kind: scanKindEnum().notNull(),
    /** The scan an undo cancels. */
    undoesId: uuid().references((): AnyPgColumn => checkinScans.id, { onDelete: 'cascade' }),
    /** When the scan was made on the device: a scan queued offline keeps its own time. */
    scannedAt: instant().notNull(),
    recordedAt: instant().notNull().defaultNow(),
    scannedBy: text().references(() => users.id, { onDelete: 'set null' }),
    /** Where: the door or device, as its staff named it. */
    door: text().notNull().default(''),
    /** The device's own id for the scan: a scan sent twice is stored once. */
    clientScanId: text().notNull(),
  },
  (t) => [
    unique('checkin_scans_client').on(t.eventId, t.clientScanId),
    index('checkin_scans_registration_idx').on(t.registrationId, t.sessionId, t.scannedAt),
    index('checkin_scans_event_idx').on(t.eventId, t.sessionId),
    // Every read of who came asks whether an undo points at a scan (standing.ts): without
    // this index each scan and each count read the whole table, all events together.
    index('checkin_scans_undoes_idx').on(t.undoesId).where(sql`${t.undoesId} is not null`),
    check('checkin_scans_undo', sql`(${t.kind} = 'undo') = (${t.undoesId} is not null)`),
  ],
);
