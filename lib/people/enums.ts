// Enumerations shared by the database, the zod schemas and the UI.

export const ROLES = ['admin', 'organiser', 'nominator', 'checkin_staff'] as const;
export type GrantedRole = (typeof ROLES)[number];
/** Every signed-in person is a participant; the other roles are granted. */
export type Role = GrantedRole | 'participant';

export const ORGANISATION_KINDS = [
  'ministry',
  'direction',
  'agency',
  'prefecture',
  'foreign_ministry',
  'international_organisation',
  'ngo',
  'university',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
