import { describe, expect, it } from 'vitest';
import { REDACTED, redactJson } from '@/lib/privacy/redact';
import {
  erasePersonSchema,
  eraseRequestSchema,
  requestErasureSchema,
} from '@/lib/privacy/validation';
import { lastYearToReview, rosterToReview } from '@/lib/rosters/review';

describe('redactJson', () => {
  it('replaces every spelling of the terms in strings, at any depth, keys and other values kept', () => {
    const value = {
      to: 'nominator@example.org',
      text: 'ONDINE QUASTORF a été acceptée (ondine@example.org).',
      nested: [{ name: 'Ondine Quastorf', n: 3, ok: true, none: null }],
    };
    expect(redactJson(value, ['ondine@example.org', 'Ondine Quastorf'])).toEqual({
      to: 'nominator@example.org',
      text: `${REDACTED} a été acceptée (${REDACTED}).`,
      nested: [{ name: REDACTED, n: 3, ok: true, none: null }],
    });
  });

  it('reads terms literally (dots and brackets are not patterns)', () => {
    expect(redactJson('a.b@x.org axb@xyorg', ['a.b@x.org'])).toBe(`${REDACTED} axb@xyorg`);
    expect(redactJson({ a: 'x' }, [])).toEqual({ a: 'x' });
  });
});

describe('rosters to review', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it('flags the rosters whose year is over two years old', () => {
    expect(rosterToReview(2023, now)).toBe(true);
    expect(rosterToReview(2024, now)).toBe(false);
    expect(rosterToReview(2027, now)).toBe(false);
    expect(lastYearToReview(now)).toBe(2023);
  });
});

describe('erasure forms', () => {
  it('need the box ticked', () => {
    expect(requestErasureSchema.safeParse({}).success).toBe(false);
    expect(requestErasureSchema.safeParse({ confirm: 'on' }).success).toBe(true);
    const refused = erasePersonSchema.safeParse({ email: 'a@example.org' });
    expect(refused.error?.issues[0]?.message).toBe('dataRights.errors.confirm');
  });

  it('take a valid e-mail, lower-cased, and a request id', () => {
    expect(erasePersonSchema.parse({ email: ' A@Example.org ', confirm: 'on' }).email).toBe(
      'a@example.org',
    );
    expect(erasePersonSchema.safeParse({ email: 'nope', confirm: 'on' }).success).toBe(false);
    expect(eraseRequestSchema.safeParse({ requestId: 'x', confirm: 'on' }).success).toBe(false);
  });
});
