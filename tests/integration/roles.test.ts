import crypto from 'node:crypto';
import { asc, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, events, organisations, roleGrants, users } from '@/db/schema';
import { ActionError, ForbiddenError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { grantRole, revokeRole } from '@/lib/people/mutations';
import { listOrganisations, listUsersWithRoles } from '@/lib/people/queries';
import { grantRoleSchema } from '@/lib/people/validation';
import { grantsOf, makeViewer } from '../helpers/fixtures';

let ministry: string;
let direction: string;
let unOffice: string;
let admin: Viewer;
let organiser: Viewer;
let nominator: Viewer;
let participant: Viewer;

async function counts() {
  const db = getDb();
  const [g] = await db.select({ c: count() }).from(roleGrants);
  const [a] = await db.select({ c: count() }).from(auditLog);
  return { grants: g?.c ?? 0, audit: a?.c ?? 0 };
}

/** The audit lines about one user, oldest first. */
function auditOf(userId: string) {
  return getDb()
    .select()
    .from(auditLog)
    .where(eq(auditLog.subjectId, userId))
    .orderBy(asc(auditLog.createdAt));
}

/** Parses like the server action does, then calls the mutation. */
function grant(viewer: Viewer | null, input: Record<string, unknown>) {
  return grantRole(viewer, grantRoleSchema.parse(input));
}

async function insertOrganisation(values: typeof organisations.$inferInsert) {
  const [row] = await getDb().insert(organisations).values(values).returning();
  if (!row) throw new Error('no organisation');
  return row.id;
}

beforeAll(async () => {
  ministry = await insertOrganisation({
    slug: 'test-ministry',
    acronym: 'MT',
    nameFr: 'Ministère des Tests',
    nameEn: 'Ministry of Tests',
    kind: 'ministry',
    country: 'FR',
  });
  direction = await insertOrganisation({
    slug: 'test-direction',
    nameFr: 'Direction des essais',
    nameEn: 'Directorate of Trials',
    kind: 'direction',
    country: 'FR',
    parentId: ministry,
  });
  unOffice = await insertOrganisation({
    slug: 'test-un',
    acronym: 'UNT',
    nameFr: 'Bureau des Nations unies pour les tests',
    nameEn: 'United Nations Office for Tests',
    kind: 'international_organisation',
    country: null,
  });
  admin = await makeViewer([{ role: 'admin' }]);
  organiser = await makeViewer([{ role: 'organiser' }]);
  nominator = await makeViewer([{ role: 'nominator', organisationId: ministry }]);
  participant = await makeViewer([]);
});

describe('grantRole', () => {
  it('lets an admin grant the organiser role, with one audit line', async () => {
    const target = await makeViewer([]);
    const before = await counts();
    const id = await grant(admin, { userId: target.id, role: 'organiser', organisationId: '' });

    expect(await counts()).toEqual({ grants: before.grants + 1, audit: before.audit + 1 });
    const grants = await grantsOf(target.id);
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({
      id,
      role: 'organiser',
      organisationId: null,
      eventId: null,
      grantedBy: admin.id,
    });
    expect(await auditOf(target.id)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        action: 'role.grant',
        subjectType: 'user',
        subjectId: target.id,
        data: { grantId: id, role: 'organiser', organisationId: null },
      }),
    ]);
  });

  it('lets an admin grant the nominator role for an existing organisation', async () => {
    const target = await makeViewer([]);
    const before = await counts();
    const id = await grant(admin, {
      userId: target.id,
      role: 'nominator',
      organisationId: direction,
    });
    expect(await counts()).toEqual({ grants: before.grants + 1, audit: before.audit + 1 });
    expect(await grantsOf(target.id)).toEqual([
      expect.objectContaining({ id, role: 'nominator', organisationId: direction, eventId: null }),
    ]);
    expect(await auditOf(target.id)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        action: 'role.grant',
        subjectId: target.id,
        data: { grantId: id, role: 'nominator', organisationId: direction },
      }),
    ]);

    // The same person may nominate for a second organisation.
    await grant(admin, { userId: target.id, role: 'nominator', organisationId: unOffice });
    expect((await grantsOf(target.id)).map((g) => g.organisationId).sort()).toEqual(
      [direction, unOffice].sort(),
    );
  });

  it('refuses an unknown organisation and writes nothing', async () => {
    const target = await makeViewer([]);
    const before = await counts();
    const error = await grant(admin, {
      userId: target.id,
      role: 'nominator',
      organisationId: crypto.randomUUID(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(error).toMatchObject({
      messageKey: 'actions.invalid',
      fieldErrors: { organisationId: ['invalidChoice'] },
    });
    expect(await counts()).toEqual(before);
    expect(await grantsOf(target.id)).toEqual([]);
  });

  it('refuses an unknown user and writes nothing', async () => {
    const before = await counts();
    await expect(
      grant(admin, { userId: crypto.randomUUID(), role: 'organiser' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await counts()).toEqual(before);
  });

  it('forbids organisers, nominators, participants and anonymous callers', async () => {
    const target = await makeViewer([]);
    const before = await counts();
    for (const viewer of [organiser, nominator, participant, null]) {
      for (const input of [
        { userId: target.id, role: 'organiser' },
        { userId: target.id, role: 'admin' },
        { userId: target.id, role: 'nominator', organisationId: ministry },
      ]) {
        await expect(grant(viewer, input)).rejects.toBeInstanceOf(ForbiddenError);
      }
    }
    expect(await counts()).toEqual(before);
    expect(await grantsOf(target.id)).toEqual([]);
  });

  it('refuses a duplicate grant with admin.alreadyGranted and no extra audit line', async () => {
    const target = await makeViewer([]);
    await grant(admin, { userId: target.id, role: 'organiser' });
    await grant(admin, { userId: target.id, role: 'nominator', organisationId: ministry });
    const before = await counts();

    for (const input of [
      { userId: target.id, role: 'organiser' },
      { userId: target.id, role: 'nominator', organisationId: ministry },
    ]) {
      const error = await grant(admin, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ActionError);
      expect(error).not.toBeInstanceOf(ForbiddenError);
      expect((error as ActionError).messageKey).toBe('admin.alreadyGranted');
    }
    expect(await counts()).toEqual(before);
  });
});

describe('revokeRole', () => {
  it('lets an admin revoke a grant, with one audit line', async () => {
    const target = await makeViewer([{ role: 'nominator', organisationId: unOffice }]);
    const [existing] = await grantsOf(target.id);
    if (!existing) throw new Error('no grant');
    const before = await counts();

    await revokeRole(admin, existing.id);

    expect(await counts()).toEqual({ grants: before.grants - 1, audit: before.audit + 1 });
    expect(await grantsOf(target.id)).toEqual([]);
    expect(await auditOf(target.id)).toEqual([
      expect.objectContaining({
        actorId: admin.id,
        action: 'role.revoke',
        subjectType: 'user',
        subjectId: target.id,
        data: { grantId: existing.id, role: 'nominator', organisationId: unOffice, eventId: null },
      }),
    ]);
  });

  it('lets an admin revoke another admin but not their own admin grant', async () => {
    const self = await makeViewer([{ role: 'admin' }, { role: 'organiser' }]);
    const other = await makeViewer([{ role: 'admin' }]);
    const ownGrants = await grantsOf(self.id);
    const ownAdmin = ownGrants.find((g) => g.role === 'admin');
    const ownOrganiser = ownGrants.find((g) => g.role === 'organiser');
    if (!ownAdmin || !ownOrganiser) throw new Error('missing grants');
    const before = await counts();

    const error = await revokeRole(self, ownAdmin.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).messageKey).toBe('admin.cannotRevokeSelfAdmin');
    expect(await counts()).toEqual(before);
    expect(await grantsOf(self.id)).toHaveLength(2);

    // Their other roles, and other admins, can go.
    await revokeRole(self, ownOrganiser.id);
    const [otherAdmin] = await grantsOf(other.id);
    if (!otherAdmin) throw new Error('no grant');
    await revokeRole(self, otherAdmin.id);
    expect(await grantsOf(other.id)).toEqual([]);
    expect(await counts()).toEqual({ grants: before.grants - 2, audit: before.audit + 2 });
  });

  it('never leaves the platform without an admin, even when two admins revoke each other at once', async () => {
    // Start from exactly two admins; the file's other admins come back afterwards.
    const saved = await getDb().delete(roleGrants).where(eq(roleGrants.role, 'admin')).returning();
    const a = await makeViewer([{ role: 'admin' }]);
    const b = await makeViewer([{ role: 'admin' }]);
    const [grantA] = await grantsOf(a.id);
    const [grantB] = await grantsOf(b.id);
    if (!grantA || !grantB) throw new Error('missing grants');
    const results = await Promise.allSettled([revokeRole(a, grantB.id), revokeRole(b, grantA.id)]);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(((refused[0] as PromiseRejectedResult).reason as ActionError).messageKey).toBe(
      'admin.lastAdmin',
    );
    const admins = await getDb().select().from(roleGrants).where(eq(roleGrants.role, 'admin'));
    expect(admins).toHaveLength(1);
    if (saved.length > 0) await getDb().insert(roleGrants).values(saved);
  });

  it('answers NotFoundError for an unknown grant', async () => {
    const before = await counts();
    await expect(revokeRole(admin, crypto.randomUUID())).rejects.toBeInstanceOf(NotFoundError);
    expect(await counts()).toEqual(before);
  });

  it('forbids everyone but admins and writes nothing', async () => {
    const target = await makeViewer([{ role: 'organiser' }]);
    const [existing] = await grantsOf(target.id);
    if (!existing) throw new Error('no grant');
    const before = await counts();
    for (const viewer of [organiser, nominator, participant, target, null]) {
      await expect(revokeRole(viewer, existing.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await counts()).toEqual(before);
    expect(await grantsOf(target.id)).toHaveLength(1);
  });
});

describe('role_grants scope constraint', () => {
  it('refuses direct inserts whose scope does not fit the role', async () => {
    const target = await makeViewer([]);
    const db = getDb();
    // A real event, so that only the scope check (not the foreign key) can refuse the rows.
    const [event] = await db
      .insert(events)
      .values({
        slug: `scope-${crypto.randomUUID()}`,
        format: 'webinar',
        mode: 'online',
        onlineUrl: 'https://meet.example.org/scope',
        timeZone: 'Europe/Paris',
        startsAt: new Date('2027-01-01T09:00:00Z'),
        endsAt: new Date('2027-01-01T10:00:00Z'),
        registrationMode: 'open',
        titleFr: 'Portée',
        titleEn: 'Scope',
      })
      .returning({ id: events.id });
    const eventId = event?.id ?? '';
    const bad = [
      { userId: target.id, role: 'nominator' as const },
      {
        userId: target.id,
        role: 'nominator' as const,
        organisationId: ministry,
        eventId,
      },
      { userId: target.id, role: 'organiser' as const, organisationId: ministry },
      { userId: target.id, role: 'admin' as const, eventId },
      { userId: target.id, role: 'checkin_staff' as const },
    ];
    for (const values of bad) {
      await expect(db.insert(roleGrants).values(values)).rejects.toThrow();
    }
    expect(await grantsOf(target.id)).toEqual([]);
    // The well-formed shapes are accepted.
    await db.insert(roleGrants).values([
      { userId: target.id, role: 'nominator', organisationId: ministry },
      { userId: target.id, role: 'checkin_staff', eventId },
    ]);
    expect(await grantsOf(target.id)).toHaveLength(2);
  });
});

describe('listUsersWithRoles', () => {
  it('returns DTOs with exactly the public fields, organisation names in the locale', async () => {
    const target = await makeViewer([{ role: 'nominator', organisationId: ministry }]);
    const fr = await listUsersWithRoles(admin, 'fr');
    const en = await listUsersWithRoles(admin, 'en');

    const [everyone] = await getDb().select({ c: count() }).from(users);
    expect(fr).toHaveLength(everyone?.c ?? -1);
    expect(fr.map((u) => u.id)).toEqual(
      expect.arrayContaining([admin, organiser, nominator, participant, target].map((v) => v.id)),
    );
    for (const user of fr) {
      expect(Object.keys(user).sort()).toEqual(['email', 'grants', 'id', 'name']);
      for (const g of user.grants) {
        expect(Object.keys(g).sort()).toEqual(['eventId', 'id', 'organisationName', 'role']);
      }
    }
    const mine = fr.find((u) => u.id === target.id);
    const [targetGrant] = await grantsOf(target.id);
    expect(mine).toEqual({
      id: target.id,
      email: target.email,
      name: target.name,
      grants: [
        {
          id: targetGrant?.id,
          role: 'nominator',
          organisationName: 'Ministère des Tests',
          eventId: null,
        },
      ],
    });
    expect(en.find((u) => u.id === target.id)?.grants[0]?.organisationName).toBe(
      'Ministry of Tests',
    );
    expect(fr.find((u) => u.id === participant.id)?.grants).toEqual([]);
    expect(fr.find((u) => u.id === admin.id)?.grants).toEqual([
      expect.objectContaining({ role: 'admin', organisationName: null, eventId: null }),
    ]);
  });

  it('is for admins only', async () => {
    for (const viewer of [organiser, nominator, participant, null]) {
      await expect(listUsersWithRoles(viewer, 'fr')).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe('listOrganisations', () => {
  it('lists organisations for admins and organisers, in the locale, with the parent', async () => {
    for (const viewer of [admin, organiser]) {
      const fr = await listOrganisations(viewer, 'fr');
      expect(fr.map((o) => o.id)).toEqual([unOffice, direction, ministry]);
      for (const o of fr) {
        expect(Object.keys(o).sort()).toEqual([
          'acronym',
          'country',
          'id',
          'kind',
          'name',
          'parentName',
        ]);
      }
      expect(fr[1]).toEqual({
        id: direction,
        name: 'Direction des essais',
        acronym: null,
        kind: 'direction',
        country: 'FR',
        parentName: 'Ministère des Tests',
      });
    }
    const en = await listOrganisations(admin, 'en');
    expect(en.map((o) => [o.name, o.parentName])).toEqual([
      ['United Nations Office for Tests', null],
      ['Directorate of Trials', 'Ministry of Tests'],
      ['Ministry of Tests', null],
    ]);
  });

  it('is refused to nominators, participants and anonymous callers', async () => {
    for (const viewer of [nominator, participant, null]) {
      await expect(listOrganisations(viewer, 'fr')).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
