import { describe, expect, it } from 'vitest';
import { zonedLocalToUtc } from '@/lib/events/time';
import { buildTimetable } from '@/lib/events/timetable';

const at = (local: string, zone = 'Europe/Paris') => zonedLocalToUtc(local, zone);
const s = (id: string, start: string, end: string, zone?: string) => ({
  id,
  title: id,
  startsAt: at(start, zone),
  endsAt: at(end, zone),
});

describe('buildTimetable', () => {
  it('groups by day in the event zone, overlapping sessions in one slot, in title order', () => {
    const days = buildTimetable(
      [
        s('D', '2027-04-13T14:00', '2027-04-13T16:00'),
        s('open', '2027-04-13T09:00', '2027-04-13T10:30'),
        s('B', '2027-04-13T11:00', '2027-04-13T12:30'),
        s('A', '2027-04-13T11:00', '2027-04-13T12:30'),
        s('C', '2027-04-13T11:30', '2027-04-13T13:00'),
        s('lunch', '2027-04-13T13:00', '2027-04-13T14:00'),
        s('E', '2027-04-13T14:00', '2027-04-13T16:00'),
        s('day2', '2027-04-14T09:00', '2027-04-14T12:30'),
      ],
      'Europe/Paris',
    );
    expect(days.map((d) => d.day)).toEqual(['2027-04-13', '2027-04-14']);
    expect(days[0]?.slots.map((slot) => slot.sessions.map((x) => x.id))).toEqual([
      ['open'],
      ['A', 'B', 'C'],
      ['lunch'],
      ['D', 'E'],
    ]);
    // The slot runs until its last session ends.
    expect(days[0]?.slots[1]?.endsAt.toISOString()).toBe('2027-04-13T11:00:00.000Z');
  });

  it('uses the event zone, not UTC, for the day', () => {
    // 00:30 in Tokyo on the 14th is still the 13th in UTC.
    const days = buildTimetable(
      [s('late', '2027-04-14T00:30', '2027-04-14T01:30', 'Asia/Tokyo')],
      'Asia/Tokyo',
    );
    expect(days[0]?.day).toBe('2027-04-14');
  });

  it('gives no day for no session', () => {
    expect(buildTimetable([], 'Europe/Paris')).toEqual([]);
  });
});
