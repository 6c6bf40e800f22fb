import { and, eq, sql } from 'drizzle-orm';
import { type Executor, getDb } from '@/db/client';
import { organisations, roleGrants, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError, NotFoundError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import type { GrantedRole, Locale } from './enums';
import type { GrantRoleInput } from './validation';

export async function grantRole(viewer: Viewer | null, input: GrantRoleInput): Promise<string> {
  assertCan(viewer, 'roles.grant');
  return getDb().transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
    if (!user) throw new NotFoundError();
    const organisationId = input.role === 'nominator' ? input.organisationId : null;
    if (organisationId) {
      const [org] = await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(eq(organisations.id, organisationId));
      if (!org) throw new ActionError('actions.invalid', { organisationId: ['invalidChoice'] });
    }
    const [row] = await tx
      .insert(roleGrants)
      .values({ userId: user.id, role: input.role, organisationId, grantedBy: viewer.id })
      .onConflictDoNothing()
      .returning({ id: roleGrants.id });
    if (!row) throw new ActionError('admin.alreadyGranted');
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'role.grant',
      subjectType: 'user',
      subjectId: user.id,
      data: { grantId: row.id, role: input.role, organisationId },
    });
    return row.id;
  });
}

export async function revokeRole(viewer: Viewer | null, grantId: string): Promise<void> {
  assertCan(viewer, 'roles.revoke');
  await getDb().transaction(async (tx) => {
    const [grant] = await tx
      .select({
        id: roleGrants.id,
        userId: roleGrants.userId,
        role: roleGrants.role,
        organisationId: roleGrants.organisationId,
        eventId: roleGrants.eventId,
      })
      .from(roleGrants)
      .where(eq(roleGrants.id, grantId))
      .for('update');
    if (!grant) throw new NotFoundError();
    // An admin removing their own admin role could leave the platform without one.
    if (grant.role === 'admin' && grant.userId === viewer.id) {
      throw new ActionError('admin.cannotRevokeSelfAdmin');
    }
    if (grant.role === 'admin') {
      // Lock every admin grant (same order in every transaction) so that two admins
      // revoking each other at once cannot leave the platform without one.
      const admins = await tx
        .select({ id: roleGrants.id })
        .from(roleGrants)
        .where(eq(roleGrants.role, 'admin'))
        .orderBy(roleGrants.id)
        .for('update');
      if (admins.length <= 1) throw new ActionError('admin.lastAdmin');
    }
    await tx.delete(roleGrants).where(and(eq(roleGrants.id, grantId)));
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'role.revoke',
      subjectType: 'user',
      subjectId: grant.userId,
      data: {
        grantId,
        role: grant.role,
        organisationId: grant.organisationId,
        eventId: grant.eventId,
      },
    });
  });
}

/** Ensures a user row for this e-mail exists (seed and invitations). */
export async function upsertUserByEmail(email: string, name: string | null): Promise<string> {
  const db = getDb();
  const normalised = email.trim().toLowerCase();
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = ${normalised}`);
  if (existing) return existing.id;
  const [row] = await db
    .insert(users)
    .values({ email: normalised, name })
    .returning({ id: users.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/**
 * Gives someone known by their e-mail a role (in the caller's transaction): their
 * account is created if need be, the grant written and audited. Refused, on the e-mail
 * field with `alreadyKey`, when they hold that very grant already.
 */
export async function grantByEmail(
  tx: Executor,
  actorId: string,
  person: { email: string; name: string | null; locale: Locale },
  grant: { role: GrantedRole; organisationId?: string | null; eventId?: string | null },
  alreadyKey: string,
): Promise<{ userId: string; name: string | null; locale: Locale; created: boolean }> {
  const [existing] = await tx
    .select({ id: users.id, name: users.name, locale: users.locale })
    .from(users)
    .where(sql`lower(${users.email}) = ${person.email}`);
  const [created] = existing
    ? []
    : await tx
        .insert(users)
        .values({ email: person.email, name: person.name, locale: person.locale })
        .returning({ id: users.id, name: users.name, locale: users.locale });
  const user = existing ?? created;
  if (!user) throw new Error('insert returned nothing');
  const [row] = await tx
    .insert(roleGrants)
    .values({
      userId: user.id,
      role: grant.role,
      organisationId: grant.organisationId ?? null,
      eventId: grant.eventId ?? null,
      grantedBy: actorId,
    })
    .onConflictDoNothing()
    .returning({ id: roleGrants.id });
  if (!row) throw new ActionError('actions.invalid', { email: [alreadyKey] });
  await recordAudit(tx, {
    actorId,
    action: 'role.grant',
    subjectType: 'user',
    subjectId: user.id,
    data: {
      grantId: row.id,
      role: grant.role,
      organisationId: grant.organisationId ?? null,
      eventId: grant.eventId ?? null,
      created: !existing,
    },
  });
  return {
    userId: user.id,
    name: user.name ?? person.name,
    locale: user.locale,
    created: !existing,
  };
}
