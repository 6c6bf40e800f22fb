import { and, eq, isNull, sql } from 'drizzle-orm';
import { type Executor, getDb } from '@/db/client';
import { rateLimits, recoveryCodes, secondFactors, sessions } from '@/db/schema';
import { recordAudit } from '@/lib/audit/mutations';
import { assertCan } from '@/lib/auth/assert';
import { ActionError } from '@/lib/auth/errors';
import type { Viewer } from '@/lib/auth/permissions';
import { enforce, LIMITS, limitOn, RateLimitedError } from '@/lib/rate-limit';
import {
  hashRecoveryCode,
  newRecoveryCode,
  normaliseRecoveryCode,
  openSecret,
  RECOVERY_CODE_COUNT,
  sealSecret,
} from './crypto';
import { base32Decode, matchTotp } from './totp';

/** Code attempts per person (lib/rate-limit.ts). */
export const SECOND_FACTOR_LIMIT = LIMITS.secondFactorUser;

const limitKey = (userId: string) => limitOn('secondFactorUser', userId).key;

/** Counts an attempt before any code is checked; a success clears the count. */
async function countAttempt(userId: string): Promise<void> {
  try {
    await enforce(limitOn('secondFactorUser', userId));
  } catch (error) {
    if (error instanceof RateLimitedError) {
      throw new ActionError('secondFactor.errors.rateLimited', undefined, {
        seconds: error.retryAfter,
      });
    }
    throw error;
  }
}

async function clearAttempts(db: Executor, userId: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, limitKey(userId)));
}

/** Marks a session as having passed the second factor (its own user's only). */
export async function markSession(
  db: Executor,
  sessionToken: string,
  userId: string,
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ secondFactorAt: new Date() })
    .where(and(eq(sessions.sessionToken, sessionToken), eq(sessions.userId, userId)))
    .returning({ token: sessions.sessionToken });
  return rows.length > 0;
}

/** Ten fresh codes replace the old ones (used or not); answers them in clear, once. */
async function replaceRecoveryCodes(db: Executor, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(
    codes.map((code) => ({
      userId,
      codeHash: hashRecoveryCode(normaliseRecoveryCode(code) ?? code),
    })),
  );
  return codes;
}

/**
 * Takes a code against the person's authenticator: the step it matches becomes the last
 * used one in the same statement, so two requests with one code cannot both pass.
 */
async function takeCode(db: Executor, userId: string, code: string): Promise<boolean> {
  const [factor] = await db
    .select({ sealed: secondFactors.sealedSecret, last: secondFactors.lastUsedStep })
    .from(secondFactors)
    .where(eq(secondFactors.userId, userId));
  if (!factor) return false;
  const secret = openSecret(factor.sealed, userId);
  if (!secret) return false;
  const step = matchTotp(secret, code, { lastUsedStep: factor.last });
  if (step === null) return false;
  const taken = await db
    .update(secondFactors)
    .set({ lastUsedStep: step })
    .where(and(eq(secondFactors.userId, userId), sql`${secondFactors.lastUsedStep} < ${step}`))
    .returning({ userId: secondFactors.userId });
  return taken.length > 0;
}

export type Enrolment = { sealedSecret: string; code: string; sessionToken: string };

/**
 * Confirms an authenticator with a current code: stores its (sealed) secret, marks this
 * session and answers ten recovery codes. The secret comes back from the page sealed for
 * this person, so nothing is written before the code proves the app holds it.
 */
export async function enrol(viewer: Viewer, input: Enrolment): Promise<string[]> {
  await countAttempt(viewer.id);
  const secret = openSecret(input.sealedSecret, viewer.id);
  if (!secret || !base32Decode(secret)) throw new ActionError('secondFactor.errors.setupExpired');
  const step = matchTotp(secret, input.code);
  if (step === null) {
    throw new ActionError('secondFactor.errors.wrongCode', {
      code: ['secondFactor.errors.wrongCode'],
    });
  }
  return getDb().transaction(async (tx) => {
    const inserted = await tx
      .insert(secondFactors)
      .values({
        userId: viewer.id,
        sealedSecret: sealSecret(secret, viewer.id),
        lastUsedStep: step,
      })
      .onConflictDoNothing()
      .returning({ userId: secondFactors.userId });
    // Already enrolled (another tab): a second enrolment would replace a working factor.
    if (inserted.length === 0) throw new ActionError('secondFactor.errors.alreadyEnrolled');
    const codes = await replaceRecoveryCodes(tx, viewer.id);
    await markSession(tx, input.sessionToken, viewer.id);
    await clearAttempts(tx, viewer.id);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'second_factor.enrol',
      subjectType: 'user',
      subjectId: viewer.id,
    });
    return codes;
  });
}

/** A current code from the authenticator passes this session. */
export async function verifyCode(
  viewer: Viewer,
  input: { code: string; sessionToken: string },
): Promise<void> {
  await countAttempt(viewer.id);
  await getDb().transaction(async (tx) => {
    if (!(await takeCode(tx, viewer.id, input.code))) {
      throw new ActionError('secondFactor.errors.wrongCode', {
        code: ['secondFactor.errors.wrongCode'],
      });
    }
    await markSession(tx, input.sessionToken, viewer.id);
    await clearAttempts(tx, viewer.id);
  });
}

/** A recovery code passes this session once; it is then spent. */
export async function verifyRecoveryCode(
  viewer: Viewer,
  input: { recoveryCode: string; sessionToken: string },
): Promise<{ left: number }> {
  await countAttempt(viewer.id);
  const wrong = () =>
    new ActionError('secondFactor.errors.wrongRecoveryCode', {
      recoveryCode: ['secondFactor.errors.wrongRecoveryCode'],
    });
  const normalised = normaliseRecoveryCode(input.recoveryCode);
  if (!normalised) throw wrong();
  return getDb().transaction(async (tx) => {
    const used = await tx
      .update(recoveryCodes)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(recoveryCodes.userId, viewer.id),
          eq(recoveryCodes.codeHash, hashRecoveryCode(normalised)),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    if (used.length === 0) throw wrong();
    await markSession(tx, input.sessionToken, viewer.id);
    await clearAttempts(tx, viewer.id);
    const [left] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, viewer.id), isNull(recoveryCodes.usedAt)));
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'second_factor.recovery_use',
      subjectType: 'user',
      subjectId: viewer.id,
      data: { left: Number(left?.n ?? 0) },
    });
    return { left: Number(left?.n ?? 0) };
  });
}

/** Ten new recovery codes (the old ones stop working), against a current code. */
export async function regenerateRecoveryCodes(
  viewer: Viewer,
  input: { code: string },
): Promise<string[]> {
  await countAttempt(viewer.id);
  return getDb().transaction(async (tx) => {
    if (!(await takeCode(tx, viewer.id, input.code))) {
      throw new ActionError('secondFactor.errors.wrongCode', {
        code: ['secondFactor.errors.wrongCode'],
      });
    }
    const codes = await replaceRecoveryCodes(tx, viewer.id);
    await clearAttempts(tx, viewer.id);
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'second_factor.recovery_regenerate',
      subjectType: 'user',
      subjectId: viewer.id,
    });
    return codes;
  });
}

/**
 * An admin removes someone's authenticator and recovery codes (a lost phone). Their
 * sessions lose the second factor too: the next organiser page asks them to enrol again.
 */
export async function resetSecondFactor(viewer: Viewer | null, userId: string): Promise<boolean> {
  assertCan(viewer, 'secondFactor.reset');
  return getDb().transaction(async (tx) => {
    const removed = await tx
      .delete(secondFactors)
      .where(eq(secondFactors.userId, userId))
      .returning({ userId: secondFactors.userId });
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    await tx.update(sessions).set({ secondFactorAt: null }).where(eq(sessions.userId, userId));
    if (removed.length === 0) return false;
    await recordAudit(tx, {
      actorId: viewer.id,
      action: 'second_factor.reset',
      subjectType: 'user',
      subjectId: userId,
    });
    return true;
  });
}
