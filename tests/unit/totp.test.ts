import { describe, expect, it } from 'vitest';
import { isMultiFactor, oidcSignInIsMultiFactor } from '@/lib/auth/amr';
import {
  hashRecoveryCode,
  newRecoveryCode,
  normaliseRecoveryCode,
  openSecret,
  sealSecret,
} from '@/lib/second-factor/crypto';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  newTotpSecret,
  otpauthUri,
  stepAt,
  totpAt,
} from '@/lib/second-factor/totp';
import { codeSchema, recoveryCodeSchema } from '@/lib/second-factor/validation';

const RFC_KEY = Buffer.from('12345678901234567890');

describe('HOTP and TOTP', () => {
  it('gives the RFC 4226 appendix D values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314'];
    expected.forEach((code, counter) => {
      expect(hotp(RFC_KEY, counter)).toBe(code);
    });
  });

  it('gives the RFC 6238 appendix B values (SHA-1, 8 digits)', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [seconds, code] of vectors) {
      expect(hotp(RFC_KEY, stepAt(seconds * 1000), 8)).toBe(code);
    }
  });

  it('reads and writes base32 as authenticator apps do', () => {
    const secret = base32Encode(RFC_KEY);
    expect(secret).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode(secret.toLowerCase().replace(/(.{4})/g, '$1 '))).toEqual(RFC_KEY);
    expect(base32Decode('not base32!')).toBeNull();
    expect(base32Decode(newTotpSecret())).toHaveLength(20);
    // The 6-digit code at 59 s is the RFC's 8-digit one, cut to its last 6 digits.
    expect(totpAt(secret, 59_000)).toBe('287082');
  });

  it('accepts a code one step either side of now, and no further', () => {
    const secret = base32Encode(RFC_KEY);
    const now = 1_111_111_111_000;
    const step = stepAt(now);
    expect(matchTotp(secret, totpAt(secret, now), { now })).toBe(step);
    expect(matchTotp(secret, totpAt(secret, now - 30_000), { now })).toBe(step - 1);
    expect(matchTotp(secret, totpAt(secret, now + 30_000), { now })).toBe(step + 1);
    expect(matchTotp(secret, totpAt(secret, now - 60_000), { now })).toBeNull();
    expect(matchTotp(secret, totpAt(secret, now + 60_000), { now })).toBeNull();
    // Apps show "123 456": the space is allowed; other input is not a code.
    const code = totpAt(secret, now);
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, { now })).toBe(step);
    expect(matchTotp(secret, 'abcdef', { now })).toBeNull();
    expect(matchTotp(secret, `${code}0`, { now })).toBeNull();
  });

  it('never takes a step at or before the last one used (replay)', () => {
    const secret = base32Encode(RFC_KEY);
    const now = 1_234_567_890_000;
    const step = stepAt(now);
    const code = totpAt(secret, now);
    expect(matchTotp(secret, code, { now, lastUsedStep: step })).toBeNull();
    expect(matchTotp(secret, code, { now, lastUsedStep: step + 1 })).toBeNull();
    expect(matchTotp(secret, code, { now, lastUsedStep: step - 1 })).toBe(step);
    // The next step's code still works after this one was used (clock ahead, or a second sign-in).
    expect(matchTotp(secret, totpAt(secret, now + 30_000), { now, lastUsedStep: step })).toBe(
      step + 1,
    );
  });

  it('writes the otpauth URI apps read from the QR code', () => {
    const uri = new URL(otpauthUri('ABCDEFGH', 'inès@example.org'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe('ABCDEFGH');
    expect(uri.searchParams.get('issuer')).toBe('Passerelle');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Passerelle:inès@example.org');
  });
});

describe('sealed secrets and recovery codes', () => {
  const KEY = 'unit-test-auth-secret-0123456789abcdef';

  it('opens a sealed secret for its owner only, and under the same key only', () => {
    const sealed = sealSecret('SECRETBASE32', 'user-a', KEY);
    expect(sealed).not.toContain('SECRETBASE32');
    expect(openSecret(sealed, 'user-a', KEY)).toBe('SECRETBASE32');
    expect(openSecret(sealed, 'user-b', KEY)).toBeNull();
    expect(openSecret(sealed, 'user-a', `${KEY}-other`)).toBeNull();
    const [iv, tag, body] = sealed.split('.');
    const flipped = `${iv}.${tag}.${body?.startsWith('A') ? 'B' : 'A'}${body?.slice(1)}`;
    expect(openSecret(flipped, 'user-a', KEY)).toBeNull();
    expect(openSecret('garbage', 'user-a', KEY)).toBeNull();
    // A new nonce each time: the same secret never seals to the same text.
    expect(sealSecret('SECRETBASE32', 'user-a', KEY)).not.toBe(sealed);
  });

  it('makes recovery codes people can type, hashed the same however they are typed', () => {
    const codes = new Set(Array.from({ length: 50 }, newRecoveryCode));
    expect(codes.size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
    const [code = ''] = codes;
    const a = normaliseRecoveryCode(code);
    const b = normaliseRecoveryCode(` ${code.toLowerCase().replace('-', ' ')} `);
    expect(a).not.toBeNull();
    expect(a).toBe(b);
    expect(hashRecoveryCode(a ?? '', KEY)).toBe(hashRecoveryCode(b ?? '', KEY));
    expect(hashRecoveryCode(a ?? '', KEY)).not.toContain(a);
    expect(normaliseRecoveryCode('ABCDE-FGH1O')).toBeNull();
  });

  it('validates the forms: six digits, ten-character recovery codes', () => {
    expect(codeSchema.safeParse('123 456').data).toBe('123456');
    expect(codeSchema.safeParse('12345').error?.issues[0]?.message).toBe(
      'secondFactor.errors.codeFormat',
    );
    expect(recoveryCodeSchema.safeParse({ recoveryCode: 'abcde-fgh23' }).data?.recoveryCode).toBe(
      'ABCDEFGH23',
    );
    expect(recoveryCodeSchema.safeParse({ recoveryCode: 'abc' }).success).toBe(false);
  });
});

describe('multi-factor sign-ins (RFC 8176 amr)', () => {
  it('counts mfa, otp, hardware and software keys, sms; not a password alone', () => {
    expect(isMultiFactor(['pwd', 'mfa'])).toBe(true);
    expect(isMultiFactor(['otp'])).toBe(true);
    expect(isMultiFactor(['hwk'])).toBe(true);
    expect(isMultiFactor('sms')).toBe(true);
    expect(isMultiFactor(['pwd'])).toBe(false);
    expect(isMultiFactor(undefined)).toBe(false);
    expect(isMultiFactor([42, { mfa: true }])).toBe(false);
  });

  it('reads the amr of the userinfo answer or of the ID token', () => {
    const jwt = (claims: object) =>
      `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
    expect(oidcSignInIsMultiFactor({ amr: ['mfa'] }, undefined)).toBe(true);
    expect(oidcSignInIsMultiFactor({}, jwt({ amr: ['pwd', 'otp'] }))).toBe(true);
    expect(oidcSignInIsMultiFactor({}, jwt({ amr: ['pwd'] }))).toBe(false);
    expect(oidcSignInIsMultiFactor({}, 'not-a-jwt')).toBe(false);
    expect(oidcSignInIsMultiFactor(undefined, undefined)).toBe(false);
  });
});
