import { and, desc, eq, gte, ilike, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { assertCan } from '@/lib/auth/assert';
import type { Viewer } from '@/lib/auth/permissions';
import { zonedLocalToUtc } from '@/lib/events/time';
import { likePattern } from '@/lib/text/like';

export const AUDIT_PAGE_SIZE = 50;
/** The days of the date filters are Paris days: the platform's home. */
export const AUDIT_TIME_ZONE = 'Europe/Paris';

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = (max: number) =>
  z.preprocess(
    first,
    z
      .string()
      .trim()
      .max(max)
      .transform((v) => v || undefined)
      .optional()
      .catch(undefined),
  );
const day = z.preprocess(
  first,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
    .optional()
    .catch(undefined),
);

// Bad values in the URL are dropped, never an error: a hand-edited address still works.
const auditParams = z.object({
  actor: text(200),
  action: text(100),
  subjectType: text(50),
  subjectId: text(100),
  from: day,
  to: day,
  /** Where the page starts: the time (to the microsecond) and id of the line above it. */
  before: z.preprocess(
    first,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z_[0-9a-f-]{36}$/)
      .optional()
      .catch(undefined),
  ),
});

export type AuditParams = z.output<typeof auditParams>;

export function parseAuditParams(search: Record<string, string | string[] | undefined>) {
  return auditParams.parse(search);
}

export type AuditLine = {
  id: string;
  at: Date;
  actorEmail: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: unknown;
};

const nextDay = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + 24 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * One page of the audit log for the admins, newest first, filtered; the next page starts
 * after its last line (keyset: no count, no offset, however long the log).
 */
export async function auditLines(
  viewer: Viewer | null,
  params: AuditParams,
): Promise<{ items: AuditLine[]; next: string | null }> {
  assertCan(viewer, 'admin.access');
  const where: (SQL | undefined)[] = [];
  if (params.actor) where.push(ilike(users.email, likePattern(params.actor)));
  if (params.action) where.push(eq(auditLog.action, params.action));
  if (params.subjectType) where.push(eq(auditLog.subjectType, params.subjectType));
  if (params.subjectId) where.push(eq(auditLog.subjectId, params.subjectId));
  if (params.from) {
    where.push(gte(auditLog.createdAt, zonedLocalToUtc(`${params.from}T00:00`, AUDIT_TIME_ZONE)));
  }
  if (params.to) {
    where.push(
      lt(auditLog.createdAt, zonedLocalToUtc(`${nextDay(params.to)}T00:00`, AUDIT_TIME_ZONE)),
    );
  }
  if (params.before) {
    const [at, id] = params.before.split('_') as [string, string];
    where.push(sql`(${auditLog.createdAt}, ${auditLog.id}) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await getDb()
    .select({
      id: auditLog.id,
      at: auditLog.createdAt,
      cursor: sql<string>`to_char(${auditLog.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      actorEmail: users.email,
      actorName: users.name,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      data: auditLog.data,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...where))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    items: page.map(({ cursor: _cursor, ...line }) => line),
    next: rows.length > AUDIT_PAGE_SIZE && last ? `${last.cursor}_${last.id}` : null,
  };
}
