import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, rateLimits, recoveryCodes, secondFactors, sessions } from '@/db/schema';
import { ActionError, ForbiddenError } from '@/lib/auth/errors';
import { allows, secondFactorWouldAllow, type Viewer } from '@/lib/auth/permissions';
import { sealSecret } from '@/lib/second-factor/crypto';
import {
  enrol,
  regenerateRecoveryCodes,
  resetSecondFactor,
  SECOND_FACTOR_LIMIT,
  verifyCode,
  verifyRecoveryCode,
} from '@/lib/second-factor/mutations';
import { loadSessionViewer, secondFactorStatus } from '@/lib/second-factor/queries';
import { newTotpSecret, totpAt } from '@/lib/second-factor/totp';
import { makeViewer } from '../helpers/fixtures';

async function openSession(userId: string): Promise<string> {
  const token = crypto.randomBytes(16).toString('hex');
  await getDb()
    .insert(sessions)
    .values({ sessionToken: token, userId, expires: new Date(Date.now() + 3600_000) });
  return token;
}

async function passedAt(token: string): Promise<Date | null> {
  const [row] = await getDb()
    .select({ at: sessions.secondFactorAt })
    .from(sessions)
    .where(eq(sessions.sessionToken, token));
  return row?.at ?? null;
}

/** The message key of the ActionError a call fails with (null when it succeeds). */
async function refusal(fn: () => Promise<unknown>): Promise<string | null> {
  return fn().then(
    () => null,
    (e: unknown) => {
      if (e instanceof ActionError) return e.messageKey;
      throw e;
    },
  );
}

const now = () => Date.now();
const nextStep = (secret: string) => totpAt(secret, now() + 30_000);

/** An organiser enrolled with a known secret; answers the secret, codes and session. */
async function enrolled() {
  const viewer = await makeViewer([{ role: 'organiser' }]);
  const secret = newTotpSecret();
  const token = await openSession(viewer.id);
  const codes = await enrol(viewer, {
    sealedSecret: sealSecret(secret, viewer.id),
    code: totpAt(secret),
    sessionToken: token,
  });
  return { viewer, secret, token, codes };
}

describe('a session without the second factor', () => {
  it('does not carry organiser or admin grants, and keeps the others', async () => {
    const viewer = await makeViewer([{ role: 'organiser' }, { role: 'admin' }]);
    const token = await openSession(viewer.id);
    const pending = await loadSessionViewer(viewer.id, token);
    expect(pending?.grants).toEqual([]);
    expect(pending?.withheldGrants?.map((g) => g.role).sort()).toEqual(['admin', 'organiser']);
    expect(allows(pending, 'events.create')).toBe(false);
    expect(allows(pending, 'admin.access')).toBe(false);
    expect(allows(pending, 'account.view')).toBe(true);
    expect(secondFactorWouldAllow(pending, (v) => allows(v, 'events.create'))).toBe(true);
    // Another person's session token does not lend its mark.
    await getDb()
      .update(sessions)
      .set({ secondFactorAt: new Date() })
      .where(eq(sessions.sessionToken, token));
    const other = await makeViewer([{ role: 'organiser' }]);
    expect((await loadSessionViewer(other.id, token))?.grants).toEqual([]);
    const passed = await loadSessionViewer(viewer.id, token);
    expect(passed?.withheldGrants).toBeUndefined();
    expect(allows(passed, 'events.create')).toBe(true);
    expect(allows(passed, 'admin.access')).toBe(true);
  });

  it('is not asked of nominators and participants', async () => {
    const org = await getDb().execute(sql`select id from organisations limit 1`);
    const rows = (Array.isArray(org) ? org : (org as { rows: { id: string }[] }).rows) as {
      id: string;
    }[];
    const grants = rows[0] ? [{ role: 'nominator' as const, organisationId: rows[0].id }] : [];
    const viewer = await makeViewer(grants);
    const token = await openSession(viewer.id);
    const loaded = await loadSessionViewer(viewer.id, token);
    expect(loaded?.withheldGrants).toBeUndefined();
    expect(loaded?.grants).toHaveLength(grants.length);
  });
});

describe('enrolment', () => {
  it('refuses a wrong code or a secret sealed for someone else, and writes nothing', async () => {
    const viewer = await makeViewer([{ role: 'organiser' }]);
    const other = await makeViewer([{ role: 'organiser' }]);
    const secret = newTotpSecret();
    const token = await openSession(viewer.id);
    const wrong = totpAt(secret) === '000000' ? '111111' : '000000';
    expect(
      await refusal(() =>
        enrol(viewer, {
          sealedSecret: sealSecret(secret, viewer.id),
          code: wrong,
          sessionToken: token,
        }),
      ),
    ).toBe('secondFactor.errors.wrongCode');
    expect(
      await refusal(() =>
        enrol(viewer, {
          sealedSecret: sealSecret(secret, other.id),
          code: totpAt(secret),
          sessionToken: token,
        }),
      ),
    ).toBe('secondFactor.errors.setupExpired');
    expect(await secondFactorStatus(viewer.id)).toEqual({ enrolled: false, recoveryCodesLeft: 0 });
    expect(await passedAt(token)).toBeNull();
  });

  it('stores the secret sealed and ten hashed recovery codes, and marks the session', async () => {
    const { viewer, secret, token, codes } = await enrolled();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(await passedAt(token)).toBeInstanceOf(Date);
    const [row] = await getDb()
      .select()
      .from(secondFactors)
      .where(eq(secondFactors.userId, viewer.id));
    expect(row?.sealedSecret).toBeTruthy();
    expect(row?.sealedSecret).not.toContain(secret);
    const stored = await getDb()
      .select({ hash: recoveryCodes.codeHash })
      .from(recoveryCodes)
      .where(eq(recoveryCodes.userId, viewer.id));
    expect(stored).toHaveLength(10);
    for (const code of codes) {
      expect(stored.some((s) => s.hash.includes(code.replace('-', '')))).toBe(false);
    }
    // A second enrolment (another tab) does not replace the working one.
    const again = newTotpSecret();
    expect(
      await refusal(() =>
        enrol(viewer, {
          sealedSecret: sealSecret(again, viewer.id),
          code: totpAt(again),
          sessionToken: token,
        }),
      ),
    ).toBe('secondFactor.errors.alreadyEnrolled');
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, viewer.id), eq(auditLog.action, 'second_factor.enrol')));
    expect(audit?.actorId).toBe(viewer.id);
  });
});

describe('codes', () => {
  it('pass a new session; a time step is never taken twice', async () => {
    const { viewer, secret } = await enrolled();
    const token = await openSession(viewer.id);
    // The step used at enrolment is spent.
    expect(
      await refusal(() => verifyCode(viewer, { code: totpAt(secret), sessionToken: token })),
    ).toBe('secondFactor.errors.wrongCode');
    expect(await passedAt(token)).toBeNull();
    const code = nextStep(secret);
    expect(await refusal(() => verifyCode(viewer, { code, sessionToken: token }))).toBeNull();
    expect(await passedAt(token)).toBeInstanceOf(Date);
    // The same code, seen by someone else, opens nothing.
    const stolen = await openSession(viewer.id);
    expect(await refusal(() => verifyCode(viewer, { code, sessionToken: stolen }))).toBe(
      'secondFactor.errors.wrongCode',
    );
    expect(await passedAt(stolen)).toBeNull();
  });

  it('do not mark another person’s session', async () => {
    const { viewer, secret } = await enrolled();
    const someone = await makeViewer([{ role: 'organiser' }]);
    const theirs = await openSession(someone.id);
    await verifyCode(viewer, { code: nextStep(secret), sessionToken: theirs });
    expect(await passedAt(theirs)).toBeNull();
  });

  it('are limited to five attempts in five minutes, a success clearing the count', async () => {
    const { viewer, secret } = await enrolled();
    const token = await openSession(viewer.id);
    const wrong = (c: string) => (c === '000000' ? '111111' : '000000');
    for (let i = 0; i < SECOND_FACTOR_LIMIT.limit - 1; i++) {
      expect(
        await refusal(() =>
          verifyCode(viewer, { code: wrong(nextStep(secret)), sessionToken: token }),
        ),
      ).toBe('secondFactor.errors.wrongCode');
    }
    // The fifth attempt, right: passes, and the count starts again.
    expect(
      await refusal(() => verifyCode(viewer, { code: nextStep(secret), sessionToken: token })),
    ).toBeNull();
    const [cleared] = await getDb()
      .select()
      .from(rateLimits)
      .where(eq(rateLimits.key, `second-factor:${viewer.id}`));
    expect(cleared).toBeUndefined();
    const later = await openSession(viewer.id);
    for (let i = 0; i < SECOND_FACTOR_LIMIT.limit; i++) {
      await refusal(() => verifyCode(viewer, { code: '000000', sessionToken: later }));
    }
    // The sixth is refused before any code is looked at, even a right one.
    let error: unknown;
    await verifyCode(viewer, { code: totpAt(secret, now() + 60_000), sessionToken: later }).catch(
      (e: unknown) => {
        error = e;
      },
    );
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).messageKey).toBe('secondFactor.errors.rateLimited');
    expect((error as ActionError).params?.seconds).toBeGreaterThan(0);
    expect((error as ActionError).params?.seconds).toBeLessThanOrEqual(300);
    expect(await passedAt(later)).toBeNull();
  });
});

describe('recovery codes', () => {
  it('each pass a session once', async () => {
    const { viewer, codes } = await enrolled();
    const [first = '', second = ''] = codes;
    const token = await openSession(viewer.id);
    const result = await verifyRecoveryCode(viewer, {
      recoveryCode: first.toLowerCase(),
      sessionToken: token,
    });
    expect(result.left).toBe(9);
    expect(await passedAt(token)).toBeInstanceOf(Date);
    const again = await openSession(viewer.id);
    expect(
      await refusal(() => verifyRecoveryCode(viewer, { recoveryCode: first, sessionToken: again })),
    ).toBe('secondFactor.errors.wrongRecoveryCode');
    expect(await passedAt(again)).toBeNull();
    // Someone else's code is not this person's.
    const other = await enrolled();
    expect(
      await refusal(() =>
        verifyRecoveryCode(viewer, { recoveryCode: other.codes[0] ?? '', sessionToken: again }),
      ),
    ).toBe('secondFactor.errors.wrongRecoveryCode');
    expect(
      await refusal(() =>
        verifyRecoveryCode(viewer, { recoveryCode: second, sessionToken: again }),
      ),
    ).toBeNull();
    expect((await secondFactorStatus(viewer.id)).recoveryCodesLeft).toBe(8);
  });

  it('are replaced against a current code only', async () => {
    const { viewer, secret, codes } = await enrolled();
    expect(await refusal(() => regenerateRecoveryCodes(viewer, { code: '000000' }))).toBe(
      'secondFactor.errors.wrongCode',
    );
    expect((await secondFactorStatus(viewer.id)).recoveryCodesLeft).toBe(10);
    const fresh = await regenerateRecoveryCodes(viewer, { code: nextStep(secret) });
    expect(fresh).toHaveLength(10);
    const token = await openSession(viewer.id);
    expect(
      await refusal(() =>
        verifyRecoveryCode(viewer, { recoveryCode: codes[0] ?? '', sessionToken: token }),
      ),
    ).toBe('secondFactor.errors.wrongRecoveryCode');
    expect(
      await refusal(() =>
        verifyRecoveryCode(viewer, { recoveryCode: fresh[0] ?? '', sessionToken: token }),
      ),
    ).toBeNull();
  });
});

describe('an admin reset', () => {
  it('is for admins only; it removes the factor and the sessions’ marks, audited', async () => {
    const { viewer, token } = await enrolled();
    const organiser = await makeViewer([{ role: 'organiser' }]);
    await expect(resetSecondFactor(organiser, viewer.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await secondFactorStatus(viewer.id)).enrolled).toBe(true);
    const admin: Viewer = await makeViewer([{ role: 'admin' }]);
    expect(await resetSecondFactor(admin, viewer.id)).toBe(true);
    expect(await secondFactorStatus(viewer.id)).toEqual({ enrolled: false, recoveryCodesLeft: 0 });
    expect(await passedAt(token)).toBeNull();
    expect((await loadSessionViewer(viewer.id, token))?.grants).toEqual([]);
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectId, viewer.id), eq(auditLog.action, 'second_factor.reset')));
    expect(audit?.actorId).toBe(admin.id);
    // Nothing left to reset.
    expect(await resetSecondFactor(admin, viewer.id)).toBe(false);
  });
});
