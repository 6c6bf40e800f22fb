import { and, eq, sql } from 'drizzle-orm';
import { type Executor, getDb } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import {
  designationRosterEntries as entries,
  networks,
  designationRosters as rosters,
  workingGroups,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import type { FileError } from '@/lib/text/csv-import';
import { groupsOfNetwork, rosterFor } from './queries';
import {
  parseRosterCsv,
  type RosterCsvRow,
  type RosterEntry,
  type RosterInput,
} from './validation';

// Writes to the rosters: each checks that the roster (or the organisation of a new one)
// is the viewer's, and writes in one transaction with its audit line.

/** Rows per INSERT of an import (about 1 MB of JSON). */
const CHUNK = 5000;

export async function createRoster(
  viewer: Viewer | null,
  input: RosterInput,
): Promise<{ id: string }> {
  assertCan(viewer, 'nominations.nominate', { organisationId: input.organisationId });
  const { networkId, workingGroupId } = input.scope;
  try {
    return await getDb().transaction(async (tx) => {
      const [network] = await tx
        .select({ id: networks.id })
        .from(networks)
        .where(eq(networks.id, networkId));
      const [group] = workingGroupId
        ? await tx
            .select({ id: workingGroups.id })
            .from(workingGroups)
            .where(
              and(eq(workingGroups.id, workingGroupId), eq(workingGroups.networkId, networkId)),
            )
        : [{ id: null }];
      if (!network || !group)
        throw new ActionError('actions.invalid', { scope: ['invalidChoice'] });
      const [row] = await tx
        .insert(rosters)
        .values({
          organisationId: input.organisationId,
          year: input.year,
          networkId,
          workingGroupId,
          createdBy: viewer.id,
          updatedBy: viewer.id,
        })
        .returning({ id: rosters.id });
      if (!row) throw new Error('insert returned nothing');
      await recordAudit(tx, {
        actorId: viewer.id,
        action: 'rosters.create',
        subjectType: 'designation_roster',
        subjectId: row.id,
        data: { organisationId: input.organisationId, year: input.year },
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'designation_rosters_scope')) {
      throw new ActionError('actions.invalid', { scope: ['rosters.errors.exists'] });
    }
    throw error;
  }
}

/** Adds a person to a roster (entryId null) or changes one; one entry per e-mail. */
export async function saveRosterEntry(
  viewer: Viewer | null,
  rosterId: string,
  entryId: string | null,
  entry: RosterEntry,
): Promise<{ id: string }> {
  try {
    return await getDb().transaction(async (tx) => {
      const roster = await rosterFor(tx, viewer, rosterId);
      // In a working group's roster, a person given no group is in the roster's.
      entry = { ...entry, workingGroupId: entry.workingGroupId ?? roster.workingGroupId };
      if (entry.workingGroupId) {
        const groups = await groupsOfNetwork(tx, roster.networkId);
        if (!groups.some((g) => g.id === entry.workingGroupId)) {
          throw new ActionError('actions.invalid', { workingGroupId: ['invalidChoice'] });
        }
      }
      let id: string | undefined;
      if (entryId) {
        const [row] = await tx
          .update(entries)
          .set(entry)
          .where(and(eq(entries.id, entryId), eq(entries.rosterId, rosterId)))
          .returning({ id: entries.id });
        id = row?.id;
        if (!id) throw new NotFoundError();
      } else {
        const [row] = await tx
          .insert(entries)
          .values({ ...entry, rosterId })
          .returning({ id: entries.id });
        id = row?.id;
        if (!id) throw new Error('insert returned nothing');
      }
      await touch(tx, rosterId, viewer as Viewer);
      await recordAudit(tx, {
        actorId: (viewer as Viewer).id,
        action: entryId ? 'rosters.entry.update' : 'rosters.entry.add',
        subjectType: 'designation_roster',
        subjectId: rosterId,
        data: { entryId: id },
      });
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error, 'designation_roster_entries_email')) {
      throw new ActionError('actions.invalid', { email: ['rosters.errors.emailTaken'] });
    }
    throw error;
  }
}

export async function removeRosterEntry(
  viewer: Viewer | null,
  rosterId: string,
  entryId: string,
): Promise<void> {
  await getDb().transaction(async (tx) => {
    await rosterFor(tx, viewer, rosterId);
    const gone = await tx
      .delete(entries)
      .where(and(eq(entries.id, entryId), eq(entries.rosterId, rosterId)))
      .returning({ id: entries.id });
    if (gone.length === 0) throw new NotFoundError();
    await touch(tx, rosterId, viewer as Viewer);
    await recordAudit(tx, {
      actorId: (viewer as Viewer).id,
      action: 'rosters.entry.remove',
      subjectType: 'designation_roster',
      subjectId: rosterId,
      data: { entryId },
    });
  });
}

/**
 * Deletes a whole roster and its people (nominations made from it stay as they are).
 */
export async function deleteRoster(
  viewer: Viewer | null,
  rosterId: string,
): Promise<{ people: number }> {
  return getDb().transaction(async (tx) => {
    const roster = await rosterFor(tx, viewer, rosterId);
    const people = await tx
      .delete(entries)
      .where(eq(entries.rosterId, rosterId))
      .returning({ id: entries.id });
    await tx.delete(rosters).where(eq(rosters.id, rosterId));
    await recordAudit(tx, {
      actorId: (viewer as Viewer).id,
      action: 'rosters.delete',
      subjectType: 'designation_roster',
      subjectId: rosterId,
      data: { organisationId: roster.organisationId, year: roster.year, people: people.length },
    });
    return { people: people.length };
  });
}

async function touch(tx: Executor, rosterId: string, viewer: Viewer) {
  await tx
    .update(rosters)
    .set({ updatedBy: viewer.id, updatedAt: new Date() })
    .where(eq(rosters.id, rosterId));
}

export type RosterImportCheck = {
  fileError: FileError | null;
  rows: RosterCsvRow[];
  /** Valid rows whose e-mail is not on the roster yet. */
  added: number;
  /** Valid rows whose e-mail is on the roster: their entry takes the file's values. */
  updated: number;
  invalid: number;
};

async function check(
  db: Executor,
  roster: { id: string; networkId: string; workingGroupId: string | null },
  text: string,
): Promise<RosterImportCheck> {
  const parsed = parseRosterCsv(text, {
    groups: await groupsOfNetwork(db, roster.networkId),
    defaultGroupId: roster.workingGroupId,
  });
  if (parsed.fileError) {
    return { fileError: parsed.fileError, rows: [], added: 0, updated: 0, invalid: 0 };
  }
  const existing = await db
    .select({ email: entries.email })
    .from(entries)
    .where(eq(entries.rosterId, roster.id));
  const known = new Set(existing.map((e) => e.email));
  let added = 0;
  let updated = 0;
  let invalid = 0;
  for (const row of parsed.rows) {
    if (!row.entry) invalid++;
    else if (known.has(row.entry.email)) updated++;
    else added++;
  }
  return { fileError: null, rows: parsed.rows, added, updated, invalid };
}

/**
 * Step one of an import: reads and checks every row of the file against the roster
 * (its network's working groups, the e-mails already on it). Writes nothing.
 */
export async function previewRosterImport(
  viewer: Viewer | null,
  rosterId: string,
  text: string,
): Promise<RosterImportCheck> {
  const db = getDb();
  const roster = await rosterFor(db, viewer, rosterId);
  return check(db, roster, text);
}

/**
 * Step two: the file again, all or nothing, in one transaction. A row whose e-mail is
 * on the roster updates that entry; entries the file does not name stay. Rows are
 * written many at a time, so that 50,000 of them take seconds.
 */
export async function importRoster(
  viewer: Viewer | null,
  rosterId: string,
  text: string,
): Promise<{ added: number; updated: number }> {
  return getDb().transaction(async (tx) => {
    const roster = await rosterFor(tx, viewer, rosterId);
    // Two imports into one roster run one after the other.
    await tx.select({ id: rosters.id }).from(rosters).where(eq(rosters.id, rosterId)).for('update');
    const result = await check(tx, roster, text);
    if (result.fileError) {
      throw new ActionError(result.fileError.key, undefined, result.fileError.params);
    }
    if (result.invalid > 0) throw new ActionError('rosters.errors.rowsHaveErrors');
    const valid = result.rows.flatMap((r) => (r.entry ? [r.entry] : []));
    for (let i = 0; i < valid.length; i += CHUNK) {
      // One parameter per chunk, a JSON array of the rows, spread by Postgres: building
      // and sending tens of thousands of bound parameters took seconds more.
      const chunk = JSON.stringify(
        valid.slice(i, i + CHUNK).map((e) => ({
          email: e.email,
          first_name: e.firstName,
          last_name: e.lastName,
          function: e.function,
          unit: e.unit,
          working_group_id: e.workingGroupId,
          locale: e.locale,
        })),
      );
      await tx.execute(sql`
        insert into ${entries} (roster_id, email, first_name, last_name, function, unit, working_group_id, locale)
        select ${rosterId}::uuid, r.email, r.first_name, r.last_name, r.function, r.unit, r.working_group_id, r.locale
        from jsonb_to_recordset(${chunk}::jsonb) as r(
          email text, first_name text, last_name text, function text, unit text,
          working_group_id uuid, locale locale
        )
        on conflict (roster_id, email) do update set
          first_name = excluded.first_name,
          last_name = excluded.last_name,
          function = excluded.function,
          unit = excluded.unit,
          working_group_id = excluded.working_group_id,
          locale = excluded.locale,
          updated_at = now()`);
    }
    await touch(tx, rosterId, viewer as Viewer);
    await recordAudit(tx, {
      actorId: (viewer as Viewer).id,
      action: 'rosters.import',
      subjectType: 'designation_roster',
      subjectId: rosterId,
      data: { added: result.added, updated: result.updated },
    });
    return { added: result.added, updated: result.updated };
  });
}
