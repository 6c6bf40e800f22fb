import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { roleGrants, users } from '@/db/schema';
import type { Viewer } from '@/lib/auth/permissions';
import type { GrantedRole } from '@/lib/people/enums';
import { loadViewer } from '@/lib/people/queries';

let counter = 0;

/** Creates a user holding the given roles and returns them as a Viewer. */
export async function makeViewer(
  roles: { role: GrantedRole; organisationId?: string; eventId?: string }[] = [],
  email = `person${++counter}-${Date.now()}@example.test`,
): Promise<Viewer> {
  const db = getDb();
  const [user] = await db.insert(users).values({ email, name: email }).returning({ id: users.id });
  if (!user) throw new Error('no user');
  for (const r of roles) {
    await db.insert(roleGrants).values({
      userId: user.id,
      role: r.role,
      organisationId: r.organisationId ?? null,
      eventId: r.eventId ?? null,
    });
  }
  const viewer = await loadViewer(user.id);
  if (!viewer) throw new Error('no viewer');
  return viewer;
}

export async function grantsOf(userId: string) {
  return getDb().select().from(roleGrants).where(eq(roleGrants.userId, userId));
}
