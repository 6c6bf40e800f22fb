/** The columns of a roster file, in the order an export writes them. */
export const ROSTER_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'function',
  'unit',
  'workingGroup',
  'locale',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];
