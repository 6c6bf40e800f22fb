import { eq } from 'drizzle-orm';
import type { Transaction } from '@/db/client';
import { events } from '@/db/schema';
import { NotFoundError } from '@/lib/auth/errors';
import type { EventStatus, RegistrationMode } from './enums';

export type LockedEvent = {
  id: string;
  status: EventStatus;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  registrationMode: RegistrationMode;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  modificationDeadline: Date | null;
  offerHoldHours: number;
};

/**
 * Locks an event's row for the rest of the transaction. Every change to an event, its
 * programme or its seats starts here, so that the checks that follow (dates, rooms,
 * capacities, seats counted) see what nobody else is changing. Lock order, always: the
 * event row first, then its registration rows (STYLE.md: lock, count, write).
 */
export async function lockEvent(tx: Transaction, eventId: string): Promise<LockedEvent> {
  const [row] = await tx
    .select({
      id: events.id,
      status: events.status,
      timeZone: events.timeZone,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      capacity: events.capacity,
      registrationMode: events.registrationMode,
      registrationOpensAt: events.registrationOpensAt,
      registrationClosesAt: events.registrationClosesAt,
      modificationDeadline: events.modificationDeadline,
      offerHoldHours: events.offerHoldHours,
    })
    .from(events)
    .where(eq(events.id, eventId))
    .for('update');
  if (!row) throw new NotFoundError();
  return row;
}
