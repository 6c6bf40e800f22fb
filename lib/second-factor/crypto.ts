import crypto from 'node:crypto';
import { authSecret } from '@/lib/auth/secret';

// Keys derived from AUTH_SECRET, one per use, so that the session secret itself never
// encrypts anything and the two uses cannot be confused.
function derive(info: string, secret = authSecret()): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'passerelle-second-factor', info, 32));
}

/**
 * AES-256-GCM of a TOTP secret, bound to its owner (the user id is the additional
 * data: a sealed secret copied onto another user does not open). Text: iv.tag.ciphertext.
 */
export function sealSecret(plain: string, userId: string, secret?: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', derive('totp-secret', secret), iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

/** The secret, or null when the text was altered, belongs to someone else or another key. */
export function openSecret(sealed: string, userId: string, secret?: string): string | null {
  const parts = sealed.split('.');
  if (parts.length !== 3) return null;
  const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body || iv.length !== 12 || tag.length !== 16) return null;
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', derive('totp-secret', secret), iv);
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

// Unambiguous letters and digits (no 0/O, 1/I/L) for codes people copy by hand.
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;

/** A recovery code: 10 characters (about 49 bits), shown as XXXXX-XXXXX. */
export function newRecoveryCode(): string {
  const chars = Array.from(
    { length: 10 },
    () => RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)],
  );
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** Upper case, without spaces or dashes: what is hashed and compared. */
export function normaliseRecoveryCode(code: string): string | null {
  const clean = code.replace(/[\s-]/g, '').toUpperCase();
  return clean.length === 10 && [...clean].every((c) => RECOVERY_ALPHABET.includes(c))
    ? clean
    : null;
}

/**
 * Recovery codes are kept as keyed hashes (HMAC-SHA256): the codes are random enough that
 * a slow hash adds nothing, and the key keeps a stolen table from being checked offline.
 */
export function hashRecoveryCode(normalised: string, secret?: string): string {
  return crypto
    .createHmac('sha256', derive('recovery-code', secret))
    .update(normalised)
    .digest('base64url');
}
