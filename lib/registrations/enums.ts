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
