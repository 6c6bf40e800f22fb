import { and, count, eq, isNull } from 'drizzle-orm';
import { type Executor, getDb } from '@/db/client';
import { recoveryCodes, secondFactors, sessions } from '@/db/schema';
import { type Viewer, withSecondFactor } from '@/lib/auth/permissions';
import { loadViewer } from '@/lib/people/queries';

/**
 * The viewer of one session: the person's grants, less their organiser and admin grants
 * while this session has not passed the second factor.
 */
export async function loadSessionViewer(
  userId: string,
  sessionToken: string | undefined,
  db: Executor = getDb(),
): Promise<Viewer | null> {
  const viewer = await loadViewer(userId, db);
  if (!viewer) return null;
  const [session] = sessionToken
    ? await db
        .select({ at: sessions.secondFactorAt })
        .from(sessions)
        .where(and(eq(sessions.sessionToken, sessionToken), eq(sessions.userId, userId)))
    : [];
  return withSecondFactor(viewer, Boolean(session?.at));
}

export type SecondFactorStatus = { enrolled: boolean; recoveryCodesLeft: number };

export async function secondFactorStatus(
  userId: string,
  db: Executor = getDb(),
): Promise<SecondFactorStatus> {
  const [factor] = await db
    .select({ userId: secondFactors.userId })
    .from(secondFactors)
    .where(eq(secondFactors.userId, userId));
  const [left] = await db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return { enrolled: Boolean(factor), recoveryCodesLeft: Number(left?.n ?? 0) };
}

/** The people who hold an authenticator, for the admin's user list. */
export async function enrolledUserIds(db: Executor = getDb()): Promise<Set<string>> {
  const rows = await db.select({ userId: secondFactors.userId }).from(secondFactors);
  return new Set(rows.map((r) => r.userId));
}
