import { AsyncLocalStorage } from 'node:async_hooks';
import { decodeJwt } from 'jose';

/**
 * RFC 8176 authentication methods that are a second factor (or say that several factors
 * were used): a sign-in reporting one of them needs no code of ours.
 */
export const MULTI_FACTOR_AMR = ['mfa', 'otp', 'hwk', 'swk', 'pop', 'sms'] as const;

export function isMultiFactor(amr: unknown): boolean {
  const values = typeof amr === 'string' ? [amr] : Array.isArray(amr) ? amr : [];
  return values.some(
    (v) => typeof v === 'string' && (MULTI_FACTOR_AMR as readonly string[]).includes(v),
  );
}

/**
 * Whether an OIDC sign-in was multi-factor, from the userinfo answer or the ID token (both
 * already checked against the provider's keys by the verifying fetch, lib/auth/proconnect.ts).
 */
export function oidcSignInIsMultiFactor(
  profile: Record<string, unknown> | undefined,
  idToken: string | undefined,
): boolean {
  if (isMultiFactor(profile?.amr)) return true;
  if (!idToken) return false;
  try {
    return isMultiFactor(decodeJwt(idToken).amr);
  } catch {
    return false;
  }
}

// The sign-in callback learns of the amr; the session is written a moment later by the
// adapter, in the same request. This carries the answer from one to the other.
type SignInContext = { multiFactor: boolean };
const store = new AsyncLocalStorage<SignInContext>();

export function withSignInContext<T>(fn: () => T): T {
  return store.run({ multiFactor: false }, fn);
}

export function signInContext(): SignInContext | undefined {
  return store.getStore();
}
