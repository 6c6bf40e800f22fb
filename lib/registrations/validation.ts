import { z } from 'zod';
import { isCountryCode } from '@/lib/i18n/countries';
import { LOCALES } from '@/lib/people/enums';
import { emailSchema } from '@/lib/people/validation';
import { containsMarkup } from '@/lib/text/markdown';

// The fixed fields of every registration form, shared by the form (react-hook-form) and
// the server action. Messages are catalogue keys under `validation.`.

export const NAME_MAX = 100;
export const ORGANISATION_MAX = 200;

// Control characters (other than none: these are one-line fields) and bidirectional
// overrides, which can make a name read differently from what it is.
const HIDDEN = /[\p{Cc}\p{Cf}]/u;

/** A one-line text field: trimmed, NFC, no control characters, no markup. */
export const line = (max: number) =>
  z
    .string({ error: 'required' })
    .transform((v) => v.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, { error: 'required' })
        .max(max, { error: 'tooLong' })
        .refine((v) => !HIDDEN.test(v), { error: 'invalidCharacters' })
        .refine((v) => !containsMarkup(v), { error: 'noHtml' }),
    );

const checkbox = z.preprocess(
  (v) => v === true || v === 'true' || v === 'on',
  z.boolean({ error: 'invalidChoice' }),
);

export const manageTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, { error: 'invalidChoice' });

/** A person's e-mail address, normalised; look-alike letters from other scripts refused. */
export const personEmailSchema = z
  .string({ error: 'required' })
  .refine((v) => !HIDDEN.test(v), { error: 'invalidEmail' })
  // Only plain ASCII addresses: look-alike letters from other scripts are refused.
  .refine((v) => /^[\x20-\x7e]*$/.test(v), { error: 'invalidEmail' })
  .pipe(emailSchema);

export const registrationInputSchema = z.object({
  eventId: z.uuid({ error: 'invalidChoice' }),
  firstName: line(NAME_MAX),
  lastName: line(NAME_MAX),
  email: personEmailSchema,
  organisation: line(ORGANISATION_MAX),
  function: line(ORGANISATION_MAX),
  country: z
    .string({ error: 'required' })
    .transform((v) => v.trim().toUpperCase())
    .pipe(
      z
        .string()
        .min(1, { error: 'required' })
        .refine((v) => isCountryCode(v), { error: 'invalidCountry' }),
    ),
  locale: z.enum(LOCALES, { error: 'invalidChoice' }),
  privacyAcknowledged: checkbox.refine((v) => v, { error: 'privacyRequired' }),
  directoryConsent: checkbox.default(false),
  /** The personal link's token of an invitation (events on invitation only). */
  invitationToken: manageTokenSchema.optional(),
});

export type RegistrationInput = z.output<typeof registrationInputSchema>;
export type RegistrationFormInput = z.input<typeof registrationInputSchema>;
