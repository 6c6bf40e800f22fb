import { asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, getDb } from '@/db/client';
import { organisations, roleGrants, users } from '@/db/schema';
import { assertCan } from '@/lib/auth/assert';
import type { Grant, Viewer } from '@/lib/auth/permissions';
import { localized } from '@/lib/i18n/localized';
import type { GrantedRole, Locale, OrganisationKind } from './enums';

export async function loadViewer(userId: string, db: Executor = getDb()): Promise<Viewer | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const grants: Grant[] = await db
    .select({
      role: roleGrants.role,
      organisationId: roleGrants.organisationId,
      eventId: roleGrants.eventId,
    })
    .from(roleGrants)
    .where(eq(roleGrants.userId, userId));
  return { ...user, grants };
}

export type OrganisationDto = {
  id: string;
  name: string;
  acronym: string | null;
  kind: OrganisationKind;
  country: string | null;
  parentName: string | null;
};

export async function listOrganisations(
  viewer: Viewer | null,
  locale: Locale,
): Promise<OrganisationDto[]> {
  assertCan(viewer, 'organisations.list');
  const parent = alias(organisations, 'parent');
  const rows = await getDb()
    .select({
      id: organisations.id,
      nameFr: organisations.nameFr,
      nameEn: organisations.nameEn,
      acronym: organisations.acronym,
      kind: organisations.kind,
      country: organisations.country,
      parentFr: parent.nameFr,
      parentEn: parent.nameEn,
    })
    .from(organisations)
    .leftJoin(parent, eq(parent.id, organisations.parentId))
    .orderBy(asc(organisations.country), asc(organisations.nameFr));
  return rows
    .map((r) => ({
      id: r.id,
      name: localized(locale, r.nameFr, r.nameEn),
      acronym: r.acronym,
      kind: r.kind,
      country: r.country,
      parentName: localized(locale, r.parentFr, r.parentEn) ?? null,
    }))
    .sort(
      (a, b) =>
        (a.country ?? '').localeCompare(b.country ?? '') || a.name.localeCompare(b.name, locale),
    );
}

export type UserGrantDto = {
  id: string;
  role: GrantedRole;
  organisationName: string | null;
  eventId: string | null;
};

export type UserDto = {
  id: string;
  email: string;
  name: string | null;
  grants: UserGrantDto[];
};

export async function listUsersWithRoles(
  viewer: Viewer | null,
  locale: Locale,
): Promise<UserDto[]> {
  assertCan(viewer, 'users.list');
  const db = getDb();
  const people = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .orderBy(asc(users.email));
  if (people.length === 0) return [];
  const grants = await db
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      eventId: roleGrants.eventId,
      orgFr: organisations.nameFr,
      orgEn: organisations.nameEn,
    })
    .from(roleGrants)
    .leftJoin(organisations, eq(organisations.id, roleGrants.organisationId))
    .where(
      inArray(
        roleGrants.userId,
        people.map((p) => p.id),
      ),
    )
    .orderBy(asc(roleGrants.role));
  return people.map((p) => ({
    ...p,
    grants: grants
      .filter((g) => g.userId === p.id)
      .map((g) => ({
        id: g.id,
        role: g.role,
        eventId: g.eventId,
        organisationName: localized(locale, g.orgFr, g.orgEn) ?? null,
      })),
  }));
}
