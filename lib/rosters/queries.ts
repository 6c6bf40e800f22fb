import {
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  lte,
  notInArray,
  or,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, getDb } from '@/db/client';
import {
  designationRosterEntries as entries,
  networks,
  nominations,
  organisations,
  designationRosters as rosters,
  workingGroups,
} from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { NotFoundError } from '@/lib/auth/errors';
import { allows, type Viewer } from '@/lib/auth/permissions';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import { likePattern } from '@/lib/text/like';
import { lastYearToReview, rosterToReview } from './review';
import type { GroupChoice } from './validation';

// Reads of the rosters. A nominator reaches only the rosters of the organisations their
// grants name; anything else is "not found", never "forbidden", so that an id says nothing.

/** The organisations whose rosters the viewer keeps; null: all of them (an admin). */
export function rosterOrganisationIds(viewer: Viewer): string[] | null {
  if (viewer.grants.some((g) => g.role === 'admin')) return null;
  return viewer.grants
    .filter((g) => g.role === 'nominator' && g.organisationId)
    .map((g) => g.organisationId as string);
}

const entryGroup = alias(workingGroups, 'entry_group');

/** A roster the viewer may keep, or NotFoundError (unknown, or another organisation's). */
export async function rosterFor(db: Executor, viewer: Viewer | null, rosterId: string) {
  const [row] = await db
    .select({
      id: rosters.id,
      organisationId: rosters.organisationId,
      year: rosters.year,
      networkId: rosters.networkId,
      workingGroupId: rosters.workingGroupId,
    })
    .from(rosters)
    .where(eq(rosters.id, rosterId));
  if (!row || !allows(viewer, 'nominations.nominate', { organisationId: row.organisationId })) {
    throw new NotFoundError();
  }
  return row;
}

/** The working groups of a network, which a roster's rows may name. */
export async function groupsOfNetwork(db: Executor, networkId: string): Promise<GroupChoice[]> {
  return db
    .select({
      id: workingGroups.id,
      nameFr: workingGroups.nameFr,
      nameEn: workingGroups.nameEn,
      slug: workingGroups.slug,
    })
    .from(workingGroups)
    .where(eq(workingGroups.networkId, networkId))
    .orderBy(desc(workingGroups.validFrom), asc(workingGroups.nameFr));
}

/** "2027 — RAN — Youth & Education", or "2027 — RAN" for a whole network. */
export const rosterTitle = (r: { year: number; network: string; group: string | null }) =>
  [String(r.year), r.network, r.group].filter(Boolean).join(' — ');

const rosterColumns = {
  id: rosters.id,
  year: rosters.year,
  organisationId: rosters.organisationId,
  organisationFr: organisations.nameFr,
  organisationEn: organisations.nameEn,
  networkId: rosters.networkId,
  network: networks.acronym,
  workingGroupId: rosters.workingGroupId,
  groupFr: workingGroups.nameFr,
  groupEn: workingGroups.nameEn,
};

type RosterRow = {
  id: string;
  year: number;
  organisationId: string;
  organisationFr: string;
  organisationEn: string;
  networkId: string;
  network: string;
  workingGroupId: string | null;
  groupFr: string | null;
  groupEn: string | null;
};

function rosterDto(r: RosterRow, locale: Locale) {
  const group = r.groupFr === null ? null : localized(locale, r.groupFr, r.groupEn);
  return {
    id: r.id,
    year: r.year,
    organisationId: r.organisationId,
    organisation: localized(locale, r.organisationFr, r.organisationEn),
    networkId: r.networkId,
    workingGroupId: r.workingGroupId,
    title: rosterTitle({ year: r.year, network: r.network, group }),
    toReview: rosterToReview(r.year),
  };
}

/** The rosters of the viewer's organisations, latest year first, with their sizes. */
export async function listRosters(viewer: Viewer, locale: Locale) {
  const ids = rosterOrganisationIds(viewer);
  if (ids?.length === 0) return [];
  const db = getDb();
  const rows = await db
    .select({ ...rosterColumns, size: count(entries.id) })
    .from(rosters)
    .innerJoin(organisations, eq(organisations.id, rosters.organisationId))
    .innerJoin(networks, eq(networks.id, rosters.networkId))
    .leftJoin(workingGroups, eq(workingGroups.id, rosters.workingGroupId))
    .leftJoin(entries, eq(entries.rosterId, rosters.id))
    .where(ids ? inArray(rosters.organisationId, ids) : undefined)
    .groupBy(rosters.id, organisations.id, networks.id, workingGroups.id)
    .orderBy(desc(rosters.year), asc(networks.acronym), asc(workingGroups.nameFr));
  return rows.map((r) => ({ ...rosterDto(r, locale), size: Number(r.size) }));
}

/**
 * Admins: every roster whose year is over two years old, oldest first, with its size: the
 * people on it may have moved on, and their data is kept only while it serves.
 */
export async function rostersToReview(viewer: Viewer | null, locale: Locale, now = new Date()) {
  assertCan(viewer, 'admin.access');
  const rows = await getDb()
    .select({ ...rosterColumns, size: count(entries.id) })
    .from(rosters)
    .innerJoin(organisations, eq(organisations.id, rosters.organisationId))
    .innerJoin(networks, eq(networks.id, rosters.networkId))
    .leftJoin(workingGroups, eq(workingGroups.id, rosters.workingGroupId))
    .leftJoin(entries, eq(entries.rosterId, rosters.id))
    .where(lte(rosters.year, lastYearToReview(now)))
    .groupBy(rosters.id, organisations.id, networks.id, workingGroups.id)
    .orderBy(asc(rosters.year), asc(organisations.nameFr));
  return rows.map((r) => ({ ...rosterDto(r, locale), size: Number(r.size) }));
}

/** What the new-roster form offers: the viewer's organisations, networks and their groups. */
export async function rosterFormChoices(viewer: Viewer, locale: Locale) {
  const ids = rosterOrganisationIds(viewer);
  const db = getDb();
  const [orgs, nets, groups] = await Promise.all([
    ids?.length === 0
      ? []
      : db
          .select({
            id: organisations.id,
            nameFr: organisations.nameFr,
            nameEn: organisations.nameEn,
          })
          .from(organisations)
          .where(ids ? inArray(organisations.id, ids) : undefined),
    db
      .select({ id: networks.id, acronym: networks.acronym, activeTo: networks.activeTo })
      .from(networks)
      .orderBy(asc(networks.acronym)),
    db
      .select({
        id: workingGroups.id,
        networkId: workingGroups.networkId,
        nameFr: workingGroups.nameFr,
        nameEn: workingGroups.nameEn,
        validTo: workingGroups.validTo,
      })
      .from(workingGroups)
      .orderBy(desc(workingGroups.validFrom), asc(workingGroups.nameFr)),
  ]);
  return {
    organisations: orgs
      .map((o) => ({ id: o.id, name: localized(locale, o.nameFr, o.nameEn) }))
      .sort((a, b) => a.name.localeCompare(b.name, locale)),
    networks: nets.map((n) => ({
      id: n.id,
      acronym: n.acronym,
      groups: groups
        .filter((g) => g.networkId === n.id)
        .map((g) => ({ id: g.id, name: localized(locale, g.nameFr, g.nameEn) })),
    })),
  };
}

export const ENTRIES_SHOWN = 200;

export type RosterEntryDto = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  function: string;
  unit: string;
  workingGroupId: string | null;
  workingGroup: string | null;
  locale: Locale;
};

const entryColumns = {
  id: entries.id,
  email: entries.email,
  firstName: entries.firstName,
  lastName: entries.lastName,
  function: entries.function,
  unit: entries.unit,
  workingGroupId: entries.workingGroupId,
  groupFr: entryGroup.nameFr,
  groupEn: entryGroup.nameEn,
  locale: entries.locale,
};

function entryDto(
  r: Omit<RosterEntryDto, 'workingGroup'> & { groupFr: string | null; groupEn: string | null },
  locale: Locale,
): RosterEntryDto {
  const { groupFr, groupEn, ...rest } = r;
  return { ...rest, workingGroup: groupFr === null ? null : localized(locale, groupFr, groupEn) };
}

const matching = (q: string | undefined): SQL | undefined => {
  const text = q?.trim();
  if (!text) return undefined;
  const pattern = likePattern(text);
  return or(
    ilike(entries.email, pattern),
    ilike(entries.firstName, pattern),
    ilike(entries.lastName, pattern),
    ilike(entries.function, pattern),
    ilike(entries.unit, pattern),
  );
};

/**
 * One roster and its people (those matching the search, the first ENTRIES_SHOWN by
 * name), for its organisation's nominators. The read of a list of people is audited.
 */
export async function rosterDetail(
  viewer: Viewer | null,
  rosterId: string,
  locale: Locale,
  search?: string,
) {
  const db = getDb();
  const roster = await rosterFor(db, viewer, rosterId);
  const where = and(eq(entries.rosterId, rosterId), matching(search));
  const [[head], list, [total], [found], groups] = await Promise.all([
    db
      .select(rosterColumns)
      .from(rosters)
      .innerJoin(organisations, eq(organisations.id, rosters.organisationId))
      .innerJoin(networks, eq(networks.id, rosters.networkId))
      .leftJoin(workingGroups, eq(workingGroups.id, rosters.workingGroupId))
      .where(eq(rosters.id, rosterId)),
    db
      .select(entryColumns)
      .from(entries)
      .leftJoin(entryGroup, eq(entryGroup.id, entries.workingGroupId))
      .where(where)
      .orderBy(asc(entries.lastName), asc(entries.firstName), asc(entries.email))
      .limit(ENTRIES_SHOWN),
    db.select({ n: count() }).from(entries).where(eq(entries.rosterId, rosterId)),
    db.select({ n: count() }).from(entries).where(where),
    groupsOfNetwork(db, roster.networkId),
  ]);
  if (!head) throw new NotFoundError();
  await recordAudit(db, {
    actorId: viewer?.id ?? null,
    action: 'rosters.read',
    subjectType: 'designation_roster',
    subjectId: rosterId,
    data: { shown: list.length },
  });
  return {
    ...rosterDto(head, locale),
    total: Number(total?.n ?? 0),
    found: Number(found?.n ?? 0),
    entries: list.map((r) => entryDto(r, locale)),
    groups: groups.map((g) => ({ id: g.id, name: localized(locale, g.nameFr, g.nameEn) })),
  };
}

/** One entry of a roster the viewer keeps, for its edit form (NotFoundError otherwise). */
export async function rosterEntry(
  viewer: Viewer | null,
  rosterId: string,
  entryId: string,
  locale: Locale,
) {
  const db = getDb();
  await rosterFor(db, viewer, rosterId);
  const [row] = await db
    .select(entryColumns)
    .from(entries)
    .leftJoin(entryGroup, eq(entryGroup.id, entries.workingGroupId))
    .where(and(eq(entries.id, entryId), eq(entries.rosterId, rosterId)));
  if (!row) throw new NotFoundError();
  return entryDto(row, locale);
}

/** Every entry of a roster in file order, for its CSV export (audited). */
export async function rosterForExport(viewer: Viewer | null, rosterId: string, locale: Locale) {
  const db = getDb();
  const roster = await rosterFor(db, viewer, rosterId);
  const [head] = await db
    .select(rosterColumns)
    .from(rosters)
    .innerJoin(organisations, eq(organisations.id, rosters.organisationId))
    .innerJoin(networks, eq(networks.id, rosters.networkId))
    .leftJoin(workingGroups, eq(workingGroups.id, rosters.workingGroupId))
    .where(eq(rosters.id, roster.id));
  if (!head) throw new NotFoundError();
  const list = await db
    .select(entryColumns)
    .from(entries)
    .leftJoin(entryGroup, eq(entryGroup.id, entries.workingGroupId))
    .where(eq(entries.rosterId, rosterId))
    .orderBy(asc(entries.lastName), asc(entries.firstName), asc(entries.email));
  await recordAudit(db, {
    actorId: viewer?.id ?? null,
    action: 'rosters.export',
    subjectType: 'designation_roster',
    subjectId: rosterId,
    data: { count: list.length },
  });
  return { ...rosterDto(head, locale), entries: list.map((r) => entryDto(r, locale)) };
}

export const PICKS_SHOWN = 20;

/**
 * The people of an organisation's rosters whom a call could take (not already nominated
 * in it, whatever the outcome of a live nomination), matching the search: the nominator
 * picks one to prefill the form.
 */
export async function rosterPicks(
  viewer: Viewer | null,
  callId: string,
  organisationId: string,
  locale: Locale,
  search?: string,
) {
  if (!allows(viewer, 'nominations.nominate', { organisationId })) throw new NotFoundError();
  const db = getDb();
  const nominated = db
    .select({ email: nominations.email })
    .from(nominations)
    .where(
      and(
        eq(nominations.callId, callId),
        notInArray(nominations.status, ['rejected', 'declined', 'withdrawn', 'replaced']),
      ),
    );
  const rows = await db
    .select({
      ...entryColumns,
      rosterId: rosters.id,
      year: rosters.year,
      network: networks.acronym,
      rosterGroupFr: workingGroups.nameFr,
      rosterGroupEn: workingGroups.nameEn,
    })
    .from(entries)
    .innerJoin(rosters, eq(rosters.id, entries.rosterId))
    .innerJoin(networks, eq(networks.id, rosters.networkId))
    .leftJoin(workingGroups, eq(workingGroups.id, rosters.workingGroupId))
    .leftJoin(entryGroup, eq(entryGroup.id, entries.workingGroupId))
    .where(
      and(
        eq(rosters.organisationId, organisationId),
        notInArray(entries.email, nominated),
        matching(search),
      ),
    )
    .orderBy(desc(rosters.year), asc(entries.lastName), asc(entries.firstName))
    .limit(PICKS_SHOWN);
  return rows.map(({ rosterId, year, network, rosterGroupFr, rosterGroupEn, ...r }) => ({
    ...entryDto(r, locale),
    rosterId,
    roster: rosterTitle({
      year,
      network,
      group: rosterGroupFr === null ? null : localized(locale, rosterGroupFr, rosterGroupEn),
    }),
  }));
}

/** One roster entry of the organisation, to prefill a nomination (null when not its own). */
export async function rosterEntryForNomination(
  viewer: Viewer | null,
  organisationId: string,
  entryId: string,
  locale: Locale,
): Promise<NomineePrefill | null> {
  if (!allows(viewer, 'nominations.nominate', { organisationId })) return null;
  const [row] = await getDb()
    .select({
      ...entryColumns,
      rosterGroupId: rosters.workingGroupId,
      rosterGroupFr: workingGroups.nameFr,
      rosterGroupEn: workingGroups.nameEn,
    })
    .from(entries)
    .innerJoin(rosters, eq(rosters.id, entries.rosterId))
    .leftJoin(workingGroups, eq(workingGroups.id, rosters.workingGroupId))
    .leftJoin(entryGroup, eq(entryGroup.id, entries.workingGroupId))
    .where(and(eq(entries.id, entryId), eq(rosters.organisationId, organisationId)));
  if (!row) return null;
  const { rosterGroupId, rosterGroupFr, rosterGroupEn, ...rest } = row;
  const entry = entryDto(rest, locale);
  if (entry.workingGroupId || !rosterGroupId || rosterGroupFr === null) return entry;
  // A person of a working group's roster given no group of their own is in the roster's.
  return {
    ...entry,
    workingGroupId: rosterGroupId,
    workingGroup: localized(locale, rosterGroupFr, rosterGroupEn),
  };
}

export type NomineePrefill = RosterEntryDto;
