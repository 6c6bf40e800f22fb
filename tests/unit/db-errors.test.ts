import net from 'node:net';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isUniqueViolation } from '@/db/errors';

// A real failure from the real driver: a server that is not there (the fault drills in
// tests/e2e/drills.spec.ts restart a real PostgreSQL under load).
const closedPort = async () => {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
};

describe('isDatabaseUnavailable', () => {
  it('is true when nothing listens, through drizzle as through postgres.js', async () => {
    const client = postgres(`postgres://postgres@127.0.0.1:${await closedPort()}/x`, {
      max: 1,
      connect_timeout: 2,
    });
    const bare = await client`select 1`.catch((e: unknown) => e);
    expect(isDatabaseUnavailable(bare)).toBe(true);
    const wrapped = await drizzle({ client })
      .execute(sql`select 1`)
      .catch((e: unknown) => e);
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    await client.end({ timeout: 1 });
  });

  it('is true for the SQLSTATEs of a server stopping or starting, and of a deadlock', () => {
    for (const code of ['57P01', '57P03', '08006', '40001', '40P01']) {
      expect(isDatabaseUnavailable({ code })).toBe(true);
      expect(isDatabaseUnavailable(new Error('wrapped', { cause: { code } }))).toBe(true);
    }
  });

  it('is false for mistakes that trying again will not mend', () => {
    for (const code of ['23505', '22P02', '42P01', '23503']) {
      expect(isDatabaseUnavailable({ code })).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isUniqueViolation({ code: '57P01' })).toBe(false);
  });
});
