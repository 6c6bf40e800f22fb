import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';
import { AUDIT_PAGE_SIZE, auditLines, parseAuditParams } from '@/lib/audit/queries';
import { ForbiddenError } from '@/lib/auth/errors';
import { makeViewer } from '../helpers/fixtures';

const search = (p: Record<string, string>) => parseAuditParams(p);

describe('the audit log for the admins', () => {
  it('filters by actor, action, subject and Paris days, newest first, page after page', async () => {
    const admin = await makeViewer([{ role: 'admin' }], `audit-admin-${Date.now()}@example.org`);
    const alice = await makeViewer([], `alice-${Date.now()}@example.org`);
    const subject = crypto.randomUUID();
    // 60 lines of Alice's on one subject, a minute apart on 3 June 2030 (Paris time),
    // and one on 4 June at 00:30 Paris (22:30 UTC the day before).
    const base = Date.parse('2030-06-03T08:00:00Z');
    await getDb()
      .insert(auditLog)
      .values([
        ...Array.from({ length: 60 }, (_, i) => ({
          actorId: alice.id,
          action: i % 2 ? 'exports.download' : 'registrations.list',
          subjectType: 'event',
          subjectId: subject,
          data: { i },
          createdAt: new Date(base + i * 60_000),
        })),
        {
          actorId: alice.id,
          action: 'exports.download',
          subjectType: 'event',
          subjectId: subject,
          data: { i: 60 },
          createdAt: new Date('2030-06-03T22:30:00Z'),
        },
      ]);
    const page = await auditLines(admin, search({ subjectId: subject }));
    expect(page.items).toHaveLength(AUDIT_PAGE_SIZE);
    expect(page.items[0]?.data).toEqual({ i: 60 });
    expect(page.items[0]?.actorEmail).toBe(alice.email);
    const times = page.items.map((l) => l.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const rest = await auditLines(admin, search({ subjectId: subject, before: page.next ?? '' }));
    expect(rest.next).toBeNull();
    expect(rest.items).toHaveLength(11);
    const all = [...page.items, ...rest.items].map((l) => (l.data as { i: number }).i);
    expect(new Set(all).size).toBe(61);

    const exports = await auditLines(
      admin,
      search({ subjectId: subject, action: 'exports.download' }),
    );
    expect(exports.items).toHaveLength(31);
    const byActor = await auditLines(
      admin,
      search({ actor: alice.email.slice(0, 12).toUpperCase() }),
    );
    expect(byActor.items.every((l) => l.actorEmail === alice.email)).toBe(true);
    expect(
      (await auditLines(admin, search({ actor: 'nobody-at-all@example', subjectId: subject })))
        .items,
    ).toHaveLength(0);
    const thirdOfJune = await auditLines(
      admin,
      search({ subjectId: subject, from: '2030-06-03', to: '2030-06-03' }),
    );
    expect(thirdOfJune.items.map((l) => (l.data as { i: number }).i)).not.toContain(60);
    const fourth = await auditLines(admin, search({ subjectId: subject, from: '2030-06-04' }));
    expect(fourth.items.map((l) => (l.data as { i: number }).i)).toEqual([60]);
    expect(
      (await auditLines(admin, search({ subjectType: 'registration', subjectId: subject }))).items,
    ).toHaveLength(0);
    // Garbled filters are dropped, not an error.
    const garbled = await auditLines(
      admin,
      search({ subjectId: subject, from: '3 juin', before: 'x; drop table' }),
    );
    expect(garbled.items).toHaveLength(AUDIT_PAGE_SIZE);
    await getDb()
      .delete(auditLog)
      .where(inArray(auditLog.actorId, [alice.id]));
  });

  it('is refused to anyone but the admins', async () => {
    for (const viewer of [null, await makeViewer([]), await makeViewer([{ role: 'organiser' }])]) {
      await expect(auditLines(viewer, search({}))).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});
