import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * The condition for a scan to count: no undo points at it. `scan` is the scan's id in
 * the query that asks (e.g. sql`s.id` for `checkin_scans s`). Every read of who came
 * goes through it, so that an undone entry or exit counts nowhere.
 */
export function standing(scan: SQL | AnyPgColumn): SQL {
  return sql`not exists (select 1 from checkin_scans u where u.undoes_id = ${scan})`;
}
