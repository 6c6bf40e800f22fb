import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCountryCode } from '@/lib/i18n/countries';
import en from '@/lib/i18n/messages/en.json';
import fr from '@/lib/i18n/messages/fr.json';
import {
  NAME_MAX,
  ORGANISATION_MAX,
  registrationInputSchema,
} from '@/lib/registrations/validation';
import { containsMarkup } from '@/lib/text/markdown';

const has = (catalogue: object, key: string) =>
  typeof key
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], catalogue) === 'string';

// Hostile inputs: strings with control characters, bidirectional overrides, markup,
// SQL fragments, look-alike letters and very long runs, and values of the wrong type.
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    "'; drop table registrations; --",
    'Robert\u202Eexe.txt',
    'a\u0000b',
    'jеan@example.org',
    '  ',
    'x'.repeat(10_000),
    '%_\\',
  ),
  fc.string({ maxLength: 300 }).map((s) => s.repeat(3)),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string()),
  fc.object(),
);
const field = fc.oneof({ weight: 4, arbitrary: nasty }, { weight: 1, arbitrary: wrongType });

const KEYS = [
  'eventId',
  'firstName',
  'lastName',
  'email',
  'organisation',
  'function',
  'country',
  'locale',
  'privacyAcknowledged',
  'directoryConsent',
] as const;

const valid = {
  eventId: '6f1c2a4e-8b3d-4c5e-9f10-112233445566',
  firstName: 'Inès',
  lastName: 'Martin',
  email: 'ines.martin@interieur.gouv.fr',
  organisation: 'Préfecture du Nord',
  function: 'Référente radicalisation',
  country: 'FR',
  locale: 'fr',
  privacyAcknowledged: true,
  directoryConsent: false,
};

// A valid submission with one to four of its fields replaced, deleted or added to:
// most are refused, some pass, and every one is checked.
const mutated = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 4 }),
    fc.array(field, { minLength: 4, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([keys, values, drop]) => {
    const out: Record<string, unknown> = { ...valid };
    keys.forEach((k, i) => {
      if (drop && i === 0) delete out[k];
      else out[k] = values[i];
    });
    return out;
  });

const generated = fc.record(
  {
    eventId: fc.oneof(fc.uuid(), field),
    firstName: field,
    lastName: field,
    email: fc.oneof(fc.emailAddress(), field),
    organisation: field,
    function: field,
    country: fc.oneof(fc.constantFrom('FR', 'fr', 'SN', 'DD', 'UK', 'ZZ'), field),
    locale: fc.oneof(fc.constantFrom('fr', 'en'), field),
    privacyAcknowledged: fc.oneof(fc.boolean(), fc.constantFrom('on', 'true'), field),
    directoryConsent: fc.oneof(fc.boolean(), field),
  },
  { requiredKeys: [] },
);

const submission = fc.oneof(mutated, generated);

const RUNS = 3000;

describe('the registration schema, under hostile input', () => {
  it(`never throws, and lets through only clean, bounded values (${RUNS} generated submissions)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(submission, (raw) => {
        const result = registrationInputSchema.safeParse(raw);
        if (!result.success) {
          // Every refusal names a field and carries a catalogue key, never a stack.
          // Every refusal is a message both catalogues have, never a raw error.
          for (const issue of result.error.issues) {
            const key = issue.message.includes('.') ? issue.message : `validation.${issue.message}`;
            expect(has(fr, key), key).toBe(true);
            expect(has(en, key), key).toBe(true);
          }
          return;
        }
        accepted++;
        const v = result.data;
        for (const text of [v.firstName, v.lastName, v.organisation, v.function]) {
          expect(text.length).toBeGreaterThan(0);
          expect(text).toBe(text.trim());
          expect(/[\p{Cc}\p{Cf}]/u.test(text)).toBe(false);
          expect(containsMarkup(text)).toBe(false);
        }
        expect(v.firstName.length).toBeLessThanOrEqual(NAME_MAX);
        expect(v.organisation.length).toBeLessThanOrEqual(ORGANISATION_MAX);
        expect(v.email).toBe(v.email.toLowerCase());
        expect(/^[\x21-\x7e]+@[\x21-\x7e]+$/.test(v.email)).toBe(true);
        expect(isCountryCode(v.country)).toBe(true);
        expect(v.privacyAcknowledged).toBe(true);
        expect(typeof v.directoryConsent).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
    // The generator does reach valid submissions, not only refusals.
    expect(accepted).toBeGreaterThan(0);
  });

  it('accepts every well-formed submission', () => {
    const good = fc.record({
      eventId: fc.uuid(),
      firstName: fc.stringMatching(/^[A-Za-zÀ-ÿ' -]{1,40}$/).filter((s) => s.trim().length > 0),
      lastName: fc.stringMatching(/^[A-Za-zÀ-ÿ' -]{1,40}$/).filter((s) => s.trim().length > 0),
      // The shape of addresses people use (zod, like the browsers' own check, refuses
      // some RFC 5322 forms such as "!a@b.example", on purpose).
      email: fc
        .emailAddress()
        .filter(
          (e) =>
            e.length <= 254 &&
            /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+.-]*[A-Za-z0-9_+-]@([A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/.test(
              e,
            ),
        ),
      organisation: fc.constantFrom('Ministère de l’Intérieur', 'DPJJ', 'Préfecture du Nord'),
      function: fc.constantFrom('Chargée de mission', 'Éducateur'),
      country: fc.constantFrom('FR', 'be', 'SN', 'TN'),
      locale: fc.constantFrom('fr', 'en'),
      privacyAcknowledged: fc.constantFrom(true, 'on'),
    });
    fc.assert(
      fc.property(good, (raw) => {
        expect(registrationInputSchema.safeParse(raw).success).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
