import { eq, sql } from 'drizzle-orm';
import { type Executor, getDb, selectRows } from '@/db/client';
import { rateLimits } from '@/db/schema';

export class RateLimitedError extends Error {
  constructor(readonly retryAfter: number) {
    super(`rate limited, retry after ${retryAfter} s`);
    this.name = 'RateLimitedError';
  }
}

/** The translated answer to a refused request ({seconds} to wait), pages and actions alike. */
export const RATE_LIMITED_MESSAGE = 'registrations.errors.rateLimited';

/**
 * Every limit in one place: hits per fixed window, per key, counted in Postgres so that
 * they hold across app instances. A refused request answers 429 with Retry-After (HTTP),
 * the translated "try again in N seconds" (pages, actions), and writes nothing.
 */
export const LIMITS = {
  /** Public registration per client address: generous, a ministry's colleagues share one. */
  registerAddress: { prefix: 'register:address', limit: 60, windowSeconds: 60 },
  /** Per e-mail: a second attempt re-sends the personal link, so it also guards inboxes. */
  registerEmail: { prefix: 'register:email', limit: 5, windowSeconds: 600 },
  /** Magic links asked for one address; a link used to sign in clears it (see clearLimit). */
  signInEmail: { prefix: 'signin:email', limit: 5, windowSeconds: 900 },
  /** Magic links asked from one client address, whatever the e-mail (stops mass mailing). */
  signInAddress: { prefix: 'signin:address', limit: 100, windowSeconds: 600 },
  /** OIDC (ProConnect) callback attempts from one client address. */
  oidcCallbackAddress: { prefix: 'oidc:address', limit: 60, windowSeconds: 600 },
  /** One personal link (manage, invitation, nominee): its pages and actions. */
  linkToken: { prefix: 'link:token', limit: 30, windowSeconds: 60 },
  /** Every personal link opened from one address, unknown ones included: stops guessing. */
  linkAddress: { prefix: 'link:address', limit: 120, windowSeconds: 60 },
  /** New manage links sent for one registration (each goes to its registered e-mail). */
  linkReissue: { prefix: 'link:reissue', limit: 3, windowSeconds: 3600 },
  /** Check-in scans by one member of staff: a door scans fast, one a second is normal. */
  scanUser: { prefix: 'scan:user', limit: 120, windowSeconds: 60 },
  /** Check-in scans at one event, all doors together. */
  scanEvent: { prefix: 'scan:event', limit: 1200, windowSeconds: 60 },
  /** Name searches at the desk by one member of staff (the page re-runs it after a scan). */
  deskSearchUser: { prefix: 'desk-search:user', limit: 120, windowSeconds: 60 },
  /** Second-factor codes tried by one person: 5 in 5 minutes, so a 6-digit code can't be guessed. */
  secondFactorUser: { prefix: 'second-factor', limit: 5, windowSeconds: 300 },
} as const satisfies Record<string, { prefix: string; limit: number; windowSeconds: number }>;

export type LimitName = keyof typeof LIMITS;

export type Limit = { key: string; limit: number; windowSeconds: number };

/** One limit of the table on one subject (an address, an e-mail, a user, a token's hash). */
export function limitOn(name: LimitName, subject: string): Limit {
  const { prefix, limit, windowSeconds } = LIMITS[name];
  return { key: `${prefix}:${subject}`, limit, windowSeconds };
}

/** The limits a public registration counts against; the e-mail is the normalised one. */
export function registrationLimits(address: string, email: string): Limit[] {
  return [limitOn('registerAddress', address), limitOn('registerEmail', email)];
}

/**
 * Counts one hit per entry, each key in its own fixed window, in one statement (safe
 * across instances; a key may come several times, counted in the order given). Answers,
 * for each entry, the seconds to wait when it passed its limit, or null. Keys are
 * written in a fixed order, so that two callers never wait for each other in a circle.
 */
export async function countHits(db: Executor, hits: readonly Limit[]): Promise<(number | null)[]> {
  if (hits.length === 0) return [];
  const byKey = new Map<string, { windowSeconds: number; limit: number; n: number }>();
  for (const h of hits) {
    const seen = byKey.get(h.key);
    if (seen) seen.n++;
    else byKey.set(h.key, { windowSeconds: h.windowSeconds, limit: h.limit, n: 1 });
  }
  const wanted = sql.join(
    [...byKey.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, w]) => sql`(${key}::text, ${Math.trunc(w.windowSeconds)}::int, ${w.n}::int)`),
    sql`, `,
  );
  const expired = sql`rate_limits.window_start <= now()
    - make_interval(secs => (select w.win from wanted w where w.key = excluded.key))`;
  const rows = await selectRows<{ key: string; hits: number; left: number }>(
    db,
    sql`with wanted(key, win, n) as (values ${wanted}),
    up as (
      insert into rate_limits (key, window_start, hits)
      select key, now(), n from wanted order by key
      on conflict (key) do update set
        hits = case when ${expired} then excluded.hits else rate_limits.hits + excluded.hits end,
        window_start = case when ${expired} then now() else rate_limits.window_start end
      returning key, hits, window_start
    )
    select up.key, up.hits,
      ceil(extract(epoch from (up.window_start + make_interval(secs => w.win) - now())))::int
        as left
    from up join wanted w using (key)`,
  );
  // Each entry's place in its window: the hits before this statement, then its turn.
  const counted = new Map(
    rows.map((r) => [
      r.key,
      { next: Number(r.hits) - (byKey.get(r.key)?.n ?? 0), left: Math.max(1, Number(r.left)) },
    ]),
  );
  return hits.map((h) => {
    const c = counted.get(h.key);
    if (!c) throw new Error(`rate limit ${h.key} not counted`);
    c.next++;
    return c.next > h.limit ? c.left : null;
  });
}

/**
 * Counts one hit on each key, outside any transaction, and throws RateLimitedError with
 * the seconds left when a limit is passed (the longest wait, when several are).
 */
export async function hitAll(limits: readonly Limit[]): Promise<void> {
  const waits = (await countHits(getDb(), limits)).filter((w): w is number => w !== null);
  if (waits.length > 0) throw new RateLimitedError(Math.max(...waits));
}

/** Counts one hit on `key` in a fixed window (see hitAll). */
export async function hit(key: string, limit: number, windowSeconds: number): Promise<void> {
  await hitAll([{ key, limit, windowSeconds }]);
}

/** Both limits of a public registration, on their own (registrations count them in `register`). */
export async function limitRegistration(address: string, email: string): Promise<void> {
  await hitAll(registrationLimits(address, email));
}

/** Counts one hit on each limit of the table (see hitAll). */
export async function enforce(...limits: Limit[]): Promise<void> {
  await hitAll(limits);
}

/** Forgets a key's count (e.g. a magic link used: the person is who they said). */
export async function clearLimit(limit: Limit): Promise<void> {
  await getDb().delete(rateLimits).where(eq(rateLimits.key, limit.key));
}
