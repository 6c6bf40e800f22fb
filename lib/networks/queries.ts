import { asc, isNull, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { networks } from '@/db/schema';
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
    name: locale === 'fr' ? r.nameFr : r.nameEn,
    kind: r.kind,
  }));
}
