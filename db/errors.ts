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
