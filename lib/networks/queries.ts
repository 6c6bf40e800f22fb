import { asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { networks, workingGroups } from '@/db/schema';
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
