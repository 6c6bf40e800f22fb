import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { rateLimits } from '@/db/schema';
import { countHits, hit, limitRegistration, RateLimitedError } from '@/lib/rate-limit';

async function refusal(fn: () => Promise<unknown>): Promise<RateLimitedError | null> {
  return fn().then(
    () => null,
    (e: unknown) => {
      if (e instanceof RateLimitedError) return e;
      throw e;
    },
  );
}

describe('rate limits', () => {
  it('let the limit through, refuse the next with the seconds left, and start again after the window', async () => {
    const key = `test:${Date.now()}`;
    for (let i = 0; i < 3; i++) await hit(key, 3, 60);
    const refused = await refusal(() => hit(key, 3, 60));
    expect(refused?.retryAfter).toBeGreaterThan(55);
    expect(refused?.retryAfter).toBeLessThanOrEqual(60);
    // The window has passed.
    await getDb()
      .update(rateLimits)
      .set({ windowStart: sql`now() - interval '61 seconds'` })
      .where(eq(rateLimits.key, key));
    expect(await refusal(() => hit(key, 3, 60))).toBeNull();
    const [row] = await getDb().select().from(rateLimits).where(eq(rateLimits.key, key));
    expect(row?.hits).toBe(1);
  });

  it('count concurrent hits exactly', async () => {
    const key = `test:concurrent:${Date.now()}`;
    const results = await Promise.all(
      Array.from({ length: 30 }, () => refusal(() => hit(key, 10, 60))),
    );
    expect(results.filter((r) => r === null)).toHaveLength(10);
    expect(results.filter((r) => r instanceof RateLimitedError)).toHaveLength(20);
  });

  it('count a key given several times in one statement, in the order given', async () => {
    const key = `test:repeated:${Date.now()}`;
    const other = `${key}:other`;
    const l = { key, limit: 3, windowSeconds: 60 };
    const waits = await countHits(getDb(), [l, l, { ...l, key: other }, l, l]);
    expect(waits.slice(0, 4)).toEqual([null, null, null, null]);
    expect(waits[4]).toBeGreaterThan(55);
    const rows = await getDb().select().from(rateLimits).where(eq(rateLimits.key, key));
    expect(rows[0]?.hits).toBe(4);
  });

  it('limit a registration per e-mail address whatever the client address', async () => {
    const email = `limited-${Date.now()}@example.org`;
    for (let i = 0; i < 5; i++) await limitRegistration(`192.0.2.${i}`, email);
    expect(await refusal(() => limitRegistration('192.0.2.99', email))).toBeInstanceOf(
      RateLimitedError,
    );
    // Another person from the same address is not held up by it.
    expect(await refusal(() => limitRegistration('192.0.2.99', `other-${email}`))).toBeNull();
  });
});
