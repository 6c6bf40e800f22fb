import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import {
  events,
  networks,
  organisations,
  programmeSessions,
  roleGrants,
  users,
  workingGroups,
} from '@/db/schema';
import { seed } from '@/db/seed';
import { DEMO_ACCOUNTS, NETWORKS, ORGANISATIONS, WORKING_GROUPS } from '@/db/seed-data';
import { DEMO_EVENTS } from '@/db/seed-events';

async function counts() {
  const db = getDb();
  const [n] = await db.select({ c: count() }).from(networks);
  const [w] = await db.select({ c: count() }).from(workingGroups);
  const [o] = await db.select({ c: count() }).from(organisations);
  const [u] = await db.select({ c: count() }).from(users);
  const [g] = await db.select({ c: count() }).from(roleGrants);
  const [e] = await db.select({ c: count() }).from(events);
  const [s] = await db.select({ c: count() }).from(programmeSessions);
  return { n: n?.c, w: w?.c, o: o?.c, u: u?.c, g: g?.c, e: e?.c, s: s?.c };
}

describe('seed', () => {
  it('loads the demo data and is idempotent', async () => {
    await seed();
    const first = await counts();
    expect(first).toEqual({
      n: NETWORKS.length,
      w: WORKING_GROUPS.length,
      o: ORGANISATIONS.length,
      u: DEMO_ACCOUNTS.length,
      // Each account's role, plus the demo organiser's grant on every demo event.
      g: DEMO_ACCOUNTS.filter((a) => a.role !== 'participant').length + DEMO_EVENTS.length,
      e: DEMO_EVENTS.length,
      s: DEMO_EVENTS.reduce((sum, ev) => sum + ev.sessions.length, 0),
    });
    await seed();
    expect(await counts()).toEqual(first);
  });

  it('keeps the lineage of restructured working groups and the end of ESCN', async () => {
    const db = getDb();
    const groups = await db.select().from(workingGroups);
    const edu = groups.find((g) => g.slug === 'ran-edu-2016');
    const ye = groups.find((g) => g.slug === 'ran-y-e');
    expect(edu?.successorId).toBe(ye?.id);
    const escn = (await db.select().from(networks)).find((n) => n.slug === 'escn');
    expect(escn?.activeTo).toBe('2019-12-31');
  });
});
