import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCountryCode } from '@/lib/i18n/countries';
import en from '@/lib/i18n/messages/en.json';
import fr from '@/lib/i18n/messages/fr.json';
import { ORGANISATION_KINDS, type OrganisationKind } from '@/lib/people/enums';
import { QUESTION_KINDS } from '@/lib/registrations/enums';
import { isShown, type QuestionDef, registrationFormSchema } from '@/lib/registrations/form';
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

// An event's form, generated: questions of every kind (some shown upon an earlier
// answer) and sessions in time slots; then answers and session choices, hostile or not.
const OPTION = fc.constantFrom('a1', 'b2', 'c3', 'd4');
const questionDef = (id: string, earlier: string[]) =>
  fc.record({
    id: fc.constant(id),
    kind: fc.constantFrom(...QUESTION_KINDS),
    purpose: fc.constantFrom('general', 'diet', 'access'),
    required: fc.boolean(),
    labelFr: fc.constant('Q'),
    labelEn: fc.constant('Q'),
    helpFr: fc.constant(''),
    helpEn: fc.constant(''),
    options: fc.constant(['a1', 'b2', 'c3'].map((o) => ({ id: o, labelFr: o, labelEn: o }))),
    showIf:
      earlier.length === 0
        ? fc.constant(null)
        : fc.option(
            fc.record({
              questionId: fc.constantFrom(...earlier),
              values: fc.array(fc.oneof(OPTION, fc.constantFrom('yes', 'no')), {
                minLength: 1,
                maxLength: 2,
              }),
            }),
            { nil: null },
          ),
    minValue: fc.option(fc.integer({ min: -5, max: 5 }), { nil: null }),
    maxValue: fc.option(fc.integer({ min: 5, max: 50 }), { nil: null }),
  });

const QIDS = Array.from({ length: 6 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
const SIDS = Array.from({ length: 4 }, (_, i) => `10000000-0000-4000-8000-00000000000${i}`);

const formDef = fc
  .tuple(
    fc.tuple(...QIDS.map((id, i) => questionDef(id, QIDS.slice(0, i)))),
    fc.integer({ min: 0, max: 6 }),
    fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 }),
    fc.array(fc.option(fc.constantFrom(...ORGANISATION_KINDS), { nil: undefined }), {
      minLength: 4,
      maxLength: 4,
    }),
  )
  .map(([questions, count, slots, kinds]) => ({
    questions: questions.slice(0, count) as QuestionDef[],
    sessions: SIDS.map((id, i) => ({
      id,
      slot: slots[i] as number,
      titleFr: 'S',
      titleEn: 'S',
      startsAt: '',
      endsAt: '',
      room: null,
      capacity: 10,
      seatsLeft: null,
      organisationKinds: kinds[i] ? [kinds[i] as OrganisationKind] : [],
    })),
  }));

const answerValue = fc.oneof(
  OPTION,
  fc.constantFrom('yes', 'no', '2030-02-29', '2028-02-29', 'FR', 'zz', '12', '1,5', '-3', '1e9'),
  fc.array(OPTION, { maxLength: 4 }),
  field,
);
const answersFor = fc.dictionary(
  fc.oneof(fc.constantFrom(...QIDS), fc.uuid(), fc.string({ maxLength: 8 })),
  answerValue,
  { maxKeys: 8 },
);
const sessionChoice = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...SIDS, ''), fc.uuid(), wrongType), { maxLength: 4 }),
  field,
);

const FORM_RUNS = 3000;

describe('an event’s form schema, under hostile answers and session choices', () => {
  it(`never throws, keeps only shown questions’ clean answers, one session per slot, within access rules (${FORM_RUNS} generated)`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        formDef,
        answersFor,
        sessionChoice,
        fc.option(fc.constantFrom(...ORGANISATION_KINDS, 'spy'), { nil: undefined }),
        (form, answers, sessionIds, organisationKind) => {
          const result = registrationFormSchema(form).safeParse({
            ...valid,
            answers,
            sessionIds,
            organisationKind,
          });
          if (!result.success) {
            for (const issue of result.error.issues) {
              const key = issue.message.includes('.')
                ? issue.message
                : `validation.${issue.message}`;
              expect(has(fr, key), key).toBe(true);
              expect(has(en, key), key).toBe(true);
            }
            return;
          }
          accepted++;
          const v = result.data;
          const byId = new Map(form.questions.map((q) => [q.id, q]));
          for (const [id, value] of Object.entries(v.answers)) {
            const q = byId.get(id);
            expect(q, `answer to an unknown question ${id}`).toBeDefined();
            if (!q) continue;
            // Only shown questions keep an answer.
            expect(isShown(q, answers, form.questions)).toBe(true);
            if (typeof value === 'string') {
              expect(containsMarkup(value)).toBe(false);
              expect(value.length).toBeLessThanOrEqual(4000);
            }
            if (q.kind === 'number') expect(Number.isFinite(value)).toBe(true);
            if (q.kind === 'country') expect(isCountryCode(value as string)).toBe(true);
          }
          for (const q of form.questions) {
            if (q.required && isShown(q, answers, form.questions)) {
              expect(v.answers[q.id]).toBeDefined();
            }
          }
          const slots = v.sessionIds.map((id) => form.sessions.find((s) => s.id === id)?.slot);
          expect(slots.every((s) => s !== undefined)).toBe(true);
          expect(new Set(slots).size).toBe(slots.length);
          for (const id of v.sessionIds) {
            const s = form.sessions.find((x) => x.id === id);
            expect(
              s?.organisationKinds.length === 0 ||
                s?.organisationKinds.includes(v.organisationKind as OrganisationKind),
            ).toBe(true);
          }
        },
      ),
      { numRuns: FORM_RUNS },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
