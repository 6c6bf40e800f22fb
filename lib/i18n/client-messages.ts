// The catalogue namespaces that client components read. Only these are sent to the
// browser with every page (tests/unit/client-messages.test.ts keeps the list true).
export const CLIENT_NAMESPACES = [
  'actions',
  'admin',
  'attendance',
  'confidentiality',
  'dataRights',
  'errors',
  'eventEditor',
  'eventFormats',
  'eventModes',
  'eventPage',
  'events',
  'formBuilder',
  'mailings',
  'nominations',
  'organisationKinds',
  'questionKinds',
  'registrationModes',
  'registrations',
  'roles',
  'rosters',
  'sessionAccess',
  'sessionTypes',
  'secondFactor',
  'signIn',
  'validation',
  'visibility',
] as const;

export function clientMessages(messages: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(CLIENT_NAMESPACES.map((ns) => [ns, messages[ns]]));
}
