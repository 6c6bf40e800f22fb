import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { users } from './people';

const instant = () => timestamp({ withTimezone: true, mode: 'date' });

/**
 * A person's request to have their data erased, until an admin carries it out. It holds
 * no personal data of its own: the account it points at is anonymised by the erasure.
 */
export const erasureRequests = pgTable(
  'erasure_requests',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text().references(() => users.id, { onDelete: 'set null' }),
    requestedAt: instant().notNull().defaultNow(),
    /** When an admin erased the person; null while pending. */
    erasedAt: instant(),
    erasedBy: text().references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('erasure_requests_pending_idx').on(t.erasedAt, t.requestedAt),
    // One pending request per person: a request sent twice is one request.
    uniqueIndex('erasure_requests_one_pending').on(t.userId).where(sql`${t.erasedAt} is null`),
  ],
);
