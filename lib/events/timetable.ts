import { zonedDate } from './time';

type Timed = { startsAt: Date; endsAt: Date; title?: string };

export type TimeSlot<S extends Timed> = { startsAt: Date; endsAt: Date; sessions: S[] };
export type TimetableDay<S extends Timed> = { day: string; slots: TimeSlot<S>[] };

/**
 * The programme by calendar day in the event's zone, each day cut into time slots: a slot
 * holds the sessions that overlap one another (parallel workshops), so that they can be shown
 * side by side. Sessions are taken in start order; a session that starts before the slot ends
 * joins it.
 */
export function buildTimetable<S extends Timed>(
  sessions: S[],
  timeZone: string,
): TimetableDay<S>[] {
  // Same start: shortest first, then by title (Workshop A before Workshop B).
  const sorted = [...sessions].sort(
    (a, b) =>
      a.startsAt.getTime() - b.startsAt.getTime() ||
      a.endsAt.getTime() - b.endsAt.getTime() ||
      (a.title ?? '').localeCompare(b.title ?? ''),
  );
  const days: TimetableDay<S>[] = [];
  for (const session of sorted) {
    const day = zonedDate(session.startsAt, timeZone);
    let current = days.at(-1);
    if (!current || current.day !== day) {
      current = { day, slots: [] };
      days.push(current);
    }
    const slot = current.slots.at(-1);
    if (slot && session.startsAt.getTime() < slot.endsAt.getTime()) {
      slot.sessions.push(session);
      if (session.endsAt > slot.endsAt) slot.endsAt = session.endsAt;
    } else {
      current.slots.push({
        startsAt: session.startsAt,
        endsAt: session.endsAt,
        sessions: [session],
      });
    }
  }
  return days;
}
