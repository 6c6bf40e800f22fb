import { and, asc, desc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { type Executor, getDb } from '@/db/client';
import { events, networks, workingGroups } from '@/db/schema';
import { localized } from '@/lib/i18n/localized';
import type { Locale } from '@/lib/people/enums';
import type { NetworkKind } from './enums';

export type NetworkDto = { slug: string; acronym: string; name: string; kind: NetworkKind };

/** Networks active today: public information, shown to everyone. */
export async function listActiveNetworks(locale: Locale): Promise<NetworkDto[]> {
  const rows = await getDb()
    .select({
      slug: networks.slug,
      acronym: networks.acronym,
      nameFr: networks.nameFr,
      nameEn: networks.nameEn,
      kind: networks.kind,
    })
    .from(networks)
    .where(or(isNull(networks.activeTo), sql`${networks.activeTo} >= current_date`))
    .orderBy(asc(networks.acronym));
  return rows.map((r) => ({
    slug: r.slug,
    acronym: r.acronym,
    name: localized(locale, r.nameFr, r.nameEn),
    kind: r.kind,
  }));
}

/** Every network, ended ones included (the archive filters on them too). */
export async function listNetworkOptions(locale: Locale): Promise<NetworkDto[]> {
  const rows = await getDb()
    .select({
      slug: networks.slug,
      acronym: networks.acronym,
      nameFr: networks.nameFr,
      nameEn: networks.nameEn,
      kind: networks.kind,
    })
    .from(networks)
    .orderBy(asc(networks.acronym));
  return rows.map((r) => ({
    slug: r.slug,
    acronym: r.acronym,
    name: localized(locale, r.nameFr, r.nameEn),
    kind: r.kind,
  }));
}

export type WorkingGroupOptionDto = {
  slug: string;
  name: string;
  networkSlug: string;
  networkAcronym: string;
  validFrom: string;
  validTo: string | null;
};

/** Every working group with its network and period, for filters: public information. */
export async function listWorkingGroupOptions(locale: Locale): Promise<WorkingGroupOptionDto[]> {
  const rows = await getDb()
    .select({
      slug: workingGroups.slug,
      nameFr: workingGroups.nameFr,
      nameEn: workingGroups.nameEn,
      validFrom: workingGroups.validFrom,
      validTo: workingGroups.validTo,
      networkSlug: networks.slug,
      networkAcronym: networks.acronym,
    })
    .from(workingGroups)
    .innerJoin(networks, eq(networks.id, workingGroups.networkId))
    .orderBy(asc(networks.acronym), desc(workingGroups.validFrom), asc(workingGroups.nameFr));
  return rows.map((r) => ({
    slug: r.slug,
    name: localized(locale, r.nameFr, r.nameEn),
    networkSlug: r.networkSlug,
    networkAcronym: r.networkAcronym,
    validFrom: r.validFrom,
    validTo: r.validTo,
  }));
}

/**
 * The working groups a nominee of this event may belong to: those of the event's
 * network in force when it starts (none when the event belongs to no network).
 */
export async function eventWorkingGroups(eventId: string, locale: Locale, db: Executor = getDb()) {
  const [event] = await db
    .select({ networkId: events.networkId, startsAt: events.startsAt })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event?.networkId) return [];
  const day = event.startsAt.toISOString().slice(0, 10);
  const rows = await db
    .select({ id: workingGroups.id, nameFr: workingGroups.nameFr, nameEn: workingGroups.nameEn })
    .from(workingGroups)
    .where(
      and(
        eq(workingGroups.networkId, event.networkId),
        lte(workingGroups.validFrom, day),
        or(isNull(workingGroups.validTo), gte(workingGroups.validTo, day)),
      ),
    );
  return rows
    .map((g) => ({ id: g.id, name: localized(locale, g.nameFr, g.nameEn) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}
