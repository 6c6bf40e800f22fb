/** Whether a database error (either engine, wrapped by Drizzle or not) is a unique violation. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (
    let e = error as
      | { code?: string; constraint?: string; constraint_name?: string; cause?: unknown }
      | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code === '23505') {
      const name = e.constraint_name ?? e.constraint;
      return !constraint || !name || name === constraint;
    }
  }
  return false;
}

// Which database failures are worth trying again: the server restarting or out of reach,
// a connection cut, a transaction chosen as a deadlock's victim. A request that meets one
// answers "unavailable, try again in a few seconds" (503 with Retry-After) rather than
// "unexpected error": its transaction was rolled back, or, if the cut came while the
// commit was answered, it was stored, and trying again finds it (registrations are keyed
// by event and e-mail, scans by their client id).

/** Seconds a client is asked to wait: a restarting server is back in a few. */
export const UNAVAILABLE_RETRY_AFTER = 3;

// postgres.js's own codes, Node's socket codes, and SQLSTATEs.
const CLIENT_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

const SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

function codeOf(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** True when the error, or one it wraps (drizzle wraps the driver's), is transient. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = codeOf(current);
    if (code && (CLIENT_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08'))) {
      return true;
    }
    // AggregateError (a connection tried on several addresses) holds the socket errors.
    const inner = (current as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.some((e) => isDatabaseUnavailable(e))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** One line for the log: the innermost code and message (drizzle's wrapper holds the SQL). */
export function describeError(error: unknown): string {
  let current: unknown = error;
  let line = String(error);
  for (let depth = 0; current && depth < 5; depth++) {
    const code = codeOf(current);
    const message =
      current instanceof Error ? (current.message.split('\n')[0] ?? '') : String(current);
    line = code ? `${code}: ${message}` : message;
    current = (current as { cause?: unknown }).cause;
  }
  return line;
}
