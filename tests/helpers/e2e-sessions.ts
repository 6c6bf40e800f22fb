// Signed-in sessions for HTTP tests, made directly in the database (Auth.js keeps its
// sessions in the `sessions` table): no mail round trip per role.
import crypto from 'node:crypto';
import postgres from 'postgres';
import { E2E } from './e2e-env';

let sql: postgres.Sql | null = null;

/** The run's database (real Postgres only: a PGlite folder has one opener, the app). */
export function e2eSql(): postgres.Sql {
  if (!E2E.databaseUrl) throw new Error('these tests need TEST_DATABASE_URL (real Postgres)');
  sql ??= postgres(E2E.databaseUrl, { max: 4, onnotice: () => {} });
  return sql;
}

export async function closeE2eSql(): Promise<void> {
  await sql?.end();
  sql = null;
}

/**
 * The one place where tests create a session: returns the cookie to send. The session has
 * passed the second factor unless told otherwise (organisers' and admins' grants count
 * only then; tests/e2e/second-factor.spec.ts covers the refusal).
 */
export async function sessionFor(
  userId: string,
  { secondFactor = true }: { secondFactor?: boolean } = {},
): Promise<{ name: string; value: string }> {
  const token = crypto.randomBytes(32).toString('hex');
  const expires = new Date(Date.now() + 24 * 3600 * 1000);
  const passed = secondFactor ? new Date() : null;
  await e2eSql()`insert into sessions (session_token, user_id, expires, second_factor_at)
    values (${token}, ${userId}, ${expires}, ${passed})`;
  return { name: 'authjs.session-token', value: token };
}
