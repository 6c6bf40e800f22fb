import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { rateLimits } from '@/db/schema';

export class RateLimitedError extends Error {
  constructor(readonly retryAfter: number) {
    super(`rate limited, retry after ${retryAfter} s`);
    this.name = 'RateLimitedError';
  }
}

/**
 * Public registrations, per client address (generous: a ministry's colleagues may share
 * one address and all register in the first minute) and per e-mail address (a second
 * attempt re-sends the personal link, so this also keeps anyone's inbox from being
 * flooded).
 */
export const REGISTRATION_LIMITS = {
  address: { limit: 60, windowSeconds: 60 },
  email: { limit: 5, windowSeconds: 600 },
} as const;

/**
 * Counts one hit on `key` in a fixed window, in one statement (safe across instances),
 * and throws RateLimitedError with the seconds left when the limit is passed.
 */
export async function hit(key: string, limit: number, windowSeconds: number): Promise<void> {
  const window = sql.raw(`interval '${Math.trunc(windowSeconds)} seconds'`);
  const rows = await getDb()
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${rateLimits.windowStart} <= now() - ${window} then 1 else ${rateLimits.hits} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= now() - ${window} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      hits: rateLimits.hits,
      left: sql<number>`ceil(extract(epoch from (${rateLimits.windowStart} + ${window} - now())))::int`,
    });
  const row = rows[0];
  if (row && row.hits > limit) throw new RateLimitedError(Math.max(1, Number(row.left)));
}

/** Both limits of a public registration; the e-mail is the normalised one. */
export async function limitRegistration(address: string, email: string): Promise<void> {
  const { address: a, email: e } = REGISTRATION_LIMITS;
  await hit(`register:address:${address}`, a.limit, a.windowSeconds);
  await hit(`register:email:${email}`, e.limit, e.windowSeconds);
}
