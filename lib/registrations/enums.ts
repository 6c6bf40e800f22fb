// Enumerations of the registrations domain, shared by the database, zod and the UI.

/**
 * pending (awaits an organiser) → confirmed | waitlisted | rejected;
 * waitlisted → offered (a seat held for a while) → confirmed | expired;
 * confirmed → cancelled (also from pending, waitlisted and offered).
 */
export const REGISTRATION_STATUSES = [
  'pending',
  'confirmed',
  'waitlisted',
  'offered',
  'expired',
  'rejected',
  'cancelled',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** The statuses that hold a seat of the event. */
export const SEAT_HOLDING: readonly RegistrationStatus[] = ['confirmed', 'offered'];

/** The statuses a person can still cancel from. */
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = [
  'pending',
  'confirmed',
  'waitlisted',
  'offered',
];

/** What an organiser can ask beyond the fixed fields (no file uploads). */
export const QUESTION_KINDS = [
  'short_text',
  'long_text',
  'single_choice',
  'multiple_choice',
  'yes_no',
  'date',
  'country',
  'number',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Kinds whose answers another question can be shown upon. */
export const CONDITION_KINDS: readonly QuestionKind[] = [
  'single_choice',
  'multiple_choice',
  'yes_no',
];

/** Kinds that offer a list of options. */
export const CHOICE_KINDS: readonly QuestionKind[] = ['single_choice', 'multiple_choice'];

/**
 * general: an ordinary question; diet and access: needs, asked in neutral wording, never
 * required, and purged the day after the event.
 */
export const QUESTION_PURPOSES = ['general', 'diet', 'access'] as const;
export type QuestionPurpose = (typeof QUESTION_PURPOSES)[number];

/** Session types a registrant chooses among; plenaries and breaks are for everyone. */
export const CHOOSABLE_SESSION_TYPES = ['parallel_workshop', 'visit'] as const;
