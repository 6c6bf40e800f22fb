import type { Executor } from '@/db/client';
import { auditLog } from '@/db/schema';

export type AuditEntry = {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  data?: Record<string, unknown>;
};

/** Writes one audit line; call it inside the transaction of the change it records. */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    data: entry.data ?? null,
  });
}
