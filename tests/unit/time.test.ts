import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isLocalDateTime,
  isValidTimeZone,
  utcToZonedLocal,
  zonedDate,
  zonedLocalToUtc,
  zoneOffsetMinutes,
} from '@/lib/events/time';

const utc = (iso: string) => new Date(iso);
const toUtcIso = (local: string, zone: string) => zonedLocalToUtc(local, zone).toISOString();

describe('isValidTimeZone', () => {
  it('accepts IANA zones known to Intl, and UTC', () => {
    for (const zone of [
      'Europe/Paris',
      'Africa/Tunis',
      'Asia/Amman',
      'UTC',
      'Pacific/Kiritimati',
      'America/St_Johns',
      'America/Argentina/Ushuaia',
      'Etc/GMT+5',
    ]) {
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
  });

  it('accepts every zone listed by Intl.supportedValuesOf', () => {
    const rejected = Intl.supportedValuesOf('timeZone').filter((zone) => !isValidTimeZone(zone));
    expect(rejected).toEqual([]);
  });

  it('refuses unknown zones, other spellings, offsets and blanks without throwing', () => {
    for (const zone of [
      'Mars/Olympus',
      '',
      ' ',
      'Europe/paris',
      'europe/paris',
      'EUROPE/PARIS',
      'utc',
      ' Europe/Paris',
      'Europe/Paris ',
      'Europe/Paris\n',
      '+01:00',
      'GMT+1',
      'Paris',
      'Europe/Paris/Louvre',
    ]) {
      expect(isValidTimeZone(zone), JSON.stringify(zone)).toBe(false);
    }
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
    expect(isValidTimeZone(42 as unknown as string)).toBe(false);
  });
});

describe('isLocalDateTime', () => {
  it('accepts datetime-local values, with or without seconds', () => {
    for (const value of [
      '2027-05-12T09:30',
      '2027-05-12T09:30:15',
      '2027-12-31T23:59',
      '2027-01-01T00:00',
      '2028-02-29T12:00',
      '2000-02-29T12:00',
      '0001-01-01T00:00',
      '9999-12-31T23:59:59',
    ]) {
      expect(isLocalDateTime(value), value).toBe(true);
    }
  });

  it('refuses other formats and impossible dates or times', () => {
    for (const value of [
      '',
      '2027-02-30T10:00',
      '2027-02-29T10:00',
      '2100-02-29T10:00',
      '2027-04-31T10:00',
      '2027-13-01T10:00',
      '2027-00-10T10:00',
      '2027-01-00T10:00',
      '0000-01-01T00:00',
      '2027-01-01T24:00',
      '2027-01-01T23:60',
      '2027-01-01T10:00:60',
      '2027-01-01T10:00:00.000',
      '2027-01-01 10:00',
      '2027-01-01t10:00',
      '2027-01-01T10:00Z',
      '2027-01-01T10:00+01:00',
      '2027-1-01T10:00',
      '2027-01-01T9:00',
      '27-01-01T10:00',
      '+02027-01-01T10:00',
      '2027-01-01',
      '10:00',
      ' 2027-01-01T10:00',
      '2027-01-01T10:00\n',
      '２０２７-01-01T10:00',
      'not a date',
    ]) {
      expect(isLocalDateTime(value), JSON.stringify(value)).toBe(false);
    }
  });
});

describe('zonedLocalToUtc', () => {
  it('uses +01:00 in Paris in winter and +02:00 in summer', () => {
    expect(toUtcIso('2027-01-15T09:30', 'Europe/Paris')).toBe('2027-01-15T08:30:00.000Z');
    expect(toUtcIso('2027-07-15T09:30', 'Europe/Paris')).toBe('2027-07-15T07:30:00.000Z');
    expect(toUtcIso('2027-07-15T09:30:45', 'Europe/Paris')).toBe('2027-07-15T07:30:45.000Z');
  });

  it('uses +01:00 all year in Tunis', () => {
    expect(toUtcIso('2027-01-15T09:30', 'Africa/Tunis')).toBe('2027-01-15T08:30:00.000Z');
    expect(toUtcIso('2027-07-15T09:30', 'Africa/Tunis')).toBe('2027-07-15T08:30:00.000Z');
  });

  it('uses +03:00 all year in Amman since 2022, and the old winter time before', () => {
    expect(toUtcIso('2027-01-15T09:30', 'Asia/Amman')).toBe('2027-01-15T06:30:00.000Z');
    expect(toUtcIso('2027-07-15T09:30', 'Asia/Amman')).toBe('2027-07-15T06:30:00.000Z');
    expect(toUtcIso('2021-01-15T09:30', 'Asia/Amman')).toBe('2021-01-15T07:30:00.000Z');
  });

  it('is the identity in UTC', () => {
    expect(toUtcIso('2027-03-28T02:30', 'UTC')).toBe('2027-03-28T02:30:00.000Z');
    expect(toUtcIso('2027-10-31T02:30', 'UTC')).toBe('2027-10-31T02:30:00.000Z');
  });

  it('handles +14:00 in Kiritimati, across the date line', () => {
    expect(toUtcIso('2027-06-01T10:00', 'Pacific/Kiritimati')).toBe('2027-05-31T20:00:00.000Z');
    expect(toUtcIso('2027-01-01T00:00', 'Pacific/Kiritimati')).toBe('2026-12-31T10:00:00.000Z');
  });

  it('handles half-hour offsets in St John’s (−03:30, −02:30 in summer)', () => {
    expect(toUtcIso('2027-01-15T09:00', 'America/St_Johns')).toBe('2027-01-15T12:30:00.000Z');
    expect(toUtcIso('2027-07-15T09:00', 'America/St_Johns')).toBe('2027-07-15T11:30:00.000Z');
  });

  it('moves a wall time inside the spring-forward gap to after the gap', () => {
    // Paris goes from 02:00 (+01:00) straight to 03:00 (+02:00) on 2027-03-28.
    expect(toUtcIso('2027-03-28T01:59', 'Europe/Paris')).toBe('2027-03-28T00:59:00.000Z');
    expect(toUtcIso('2027-03-28T02:00', 'Europe/Paris')).toBe('2027-03-28T01:00:00.000Z');
    expect(toUtcIso('2027-03-28T02:30', 'Europe/Paris')).toBe('2027-03-28T01:30:00.000Z');
    expect(
      utcToZonedLocal(zonedLocalToUtc('2027-03-28T02:30', 'Europe/Paris'), 'Europe/Paris'),
    ).toBe('2027-03-28T03:30');
    expect(toUtcIso('2027-03-28T03:00', 'Europe/Paris')).toBe('2027-03-28T01:00:00.000Z');
    expect(toUtcIso('2027-03-28T03:30', 'Europe/Paris')).toBe('2027-03-28T01:30:00.000Z');
    // St John's skips 02:00–03:00 (−03:30 → −02:30) on 2027-03-14: 02:30 is shown as 03:30.
    expect(toUtcIso('2027-03-14T01:59', 'America/St_Johns')).toBe('2027-03-14T05:29:00.000Z');
    expect(toUtcIso('2027-03-14T02:30', 'America/St_Johns')).toBe('2027-03-14T06:00:00.000Z');
    expect(toUtcIso('2027-03-14T03:30', 'America/St_Johns')).toBe('2027-03-14T06:00:00.000Z');
  });

  it('moves a wall time inside a whole skipped day forward by the day', () => {
    // Kiritimati jumped from −10:00 to +14:00: 1994-12-31 never happened there.
    expect(toUtcIso('1994-12-30T12:00', 'Pacific/Kiritimati')).toBe('1994-12-30T22:00:00.000Z');
    expect(toUtcIso('1994-12-31T12:00', 'Pacific/Kiritimati')).toBe('1994-12-31T22:00:00.000Z');
    expect(toUtcIso('1995-01-01T12:00', 'Pacific/Kiritimati')).toBe('1994-12-31T22:00:00.000Z');
  });

  it('takes the first occurrence of an ambiguous fall-back wall time', () => {
    // Paris goes back from 03:00 (+02:00) to 02:00 (+01:00) on 2027-10-31.
    expect(toUtcIso('2027-10-31T01:59', 'Europe/Paris')).toBe('2027-10-30T23:59:00.000Z');
    expect(toUtcIso('2027-10-31T02:00', 'Europe/Paris')).toBe('2027-10-31T00:00:00.000Z');
    expect(toUtcIso('2027-10-31T02:30', 'Europe/Paris')).toBe('2027-10-31T00:30:00.000Z');
    expect(toUtcIso('2027-10-31T02:59', 'Europe/Paris')).toBe('2027-10-31T00:59:00.000Z');
    expect(toUtcIso('2027-10-31T03:00', 'Europe/Paris')).toBe('2027-10-31T02:00:00.000Z');
    // St John's goes back from 02:00 (−02:30) to 01:00 (−03:30) on 2027-11-07.
    expect(toUtcIso('2027-11-07T01:30', 'America/St_Johns')).toBe('2027-11-07T04:00:00.000Z');
  });

  it('does not depend on the zone of the server', () => {
    const previous = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      expect(toUtcIso('2027-03-28T02:30', 'Europe/Paris')).toBe('2027-03-28T01:30:00.000Z');
      process.env.TZ = 'America/St_Johns';
      expect(toUtcIso('2027-10-31T02:30', 'Europe/Paris')).toBe('2027-10-31T00:30:00.000Z');
      expect(utcToZonedLocal(utc('2027-10-31T00:30Z'), 'Asia/Amman')).toBe('2027-10-31T03:30');
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it('handles years below 100 and the ends of the datetime-local range', () => {
    expect(toUtcIso('0050-06-15T12:00', 'UTC')).toBe('0050-06-15T12:00:00.000Z');
    expect(toUtcIso('0001-01-01T00:00', 'UTC')).toBe('0001-01-01T00:00:00.000Z');
    expect(toUtcIso('9999-12-31T23:59', 'UTC')).toBe('9999-12-31T23:59:00.000Z');
    expect(utcToZonedLocal(zonedLocalToUtc('0001-01-01T00:00', 'Asia/Amman'), 'Asia/Amman')).toBe(
      '0001-01-01T00:00',
    );
  });

  it('throws a RangeError for an invalid value or zone', () => {
    expect(() => zonedLocalToUtc('2027-02-30T10:00', 'Europe/Paris')).toThrow(RangeError);
    expect(() => zonedLocalToUtc('2027-01-01T24:00', 'Europe/Paris')).toThrow(RangeError);
    expect(() => zonedLocalToUtc('2027-01-01 10:00', 'Europe/Paris')).toThrow(RangeError);
    expect(() => zonedLocalToUtc('', 'Europe/Paris')).toThrow(RangeError);
    expect(() => zonedLocalToUtc('2027-01-01T10:00', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => zonedLocalToUtc('2027-01-01T10:00', '')).toThrow(RangeError);
  });
});

describe('utcToZonedLocal, zonedDate and zoneOffsetMinutes', () => {
  const instant = utc('2027-06-30T22:30:59.999Z');

  it('shows the wall time of the zone, without seconds', () => {
    expect(utcToZonedLocal(instant, 'UTC')).toBe('2027-06-30T22:30');
    expect(utcToZonedLocal(instant, 'Europe/Paris')).toBe('2027-07-01T00:30');
    expect(utcToZonedLocal(instant, 'Africa/Tunis')).toBe('2027-06-30T23:30');
    expect(utcToZonedLocal(instant, 'Asia/Amman')).toBe('2027-07-01T01:30');
    expect(utcToZonedLocal(instant, 'Pacific/Kiritimati')).toBe('2027-07-01T12:30');
    expect(utcToZonedLocal(instant, 'America/St_Johns')).toBe('2027-06-30T20:00');
    expect(utcToZonedLocal(utc('2027-01-05T23:00Z'), 'Europe/Paris')).toBe('2027-01-06T00:00');
  });

  it('gives the calendar date in the zone', () => {
    expect(zonedDate(instant, 'UTC')).toBe('2027-06-30');
    expect(zonedDate(instant, 'Europe/Paris')).toBe('2027-07-01');
    expect(zonedDate(instant, 'Africa/Tunis')).toBe('2027-06-30');
    expect(zonedDate(instant, 'America/St_Johns')).toBe('2027-06-30');
    expect(zonedDate(utc('2027-06-30T09:59Z'), 'Pacific/Kiritimati')).toBe('2027-06-30');
    expect(zonedDate(utc('2027-06-30T10:00Z'), 'Pacific/Kiritimati')).toBe('2027-07-01');
  });

  it('gives the offset in minutes, east positive', () => {
    const winter = utc('2027-01-15T12:00Z');
    const summer = utc('2027-07-15T12:00Z');
    expect(zoneOffsetMinutes(winter, 'Europe/Paris')).toBe(60);
    expect(zoneOffsetMinutes(summer, 'Europe/Paris')).toBe(120);
    expect(zoneOffsetMinutes(winter, 'Africa/Tunis')).toBe(60);
    expect(zoneOffsetMinutes(summer, 'Africa/Tunis')).toBe(60);
    expect(zoneOffsetMinutes(winter, 'Asia/Amman')).toBe(180);
    expect(zoneOffsetMinutes(utc('2021-01-15T12:00Z'), 'Asia/Amman')).toBe(120);
    expect(zoneOffsetMinutes(winter, 'UTC')).toBe(0);
    expect(zoneOffsetMinutes(winter, 'Pacific/Kiritimati')).toBe(840);
    expect(zoneOffsetMinutes(winter, 'America/St_Johns')).toBe(-210);
    expect(zoneOffsetMinutes(summer, 'America/St_Johns')).toBe(-150);
  });

  it('changes offset exactly at the transition instant', () => {
    expect(zoneOffsetMinutes(utc('2027-03-28T00:59:59.999Z'), 'Europe/Paris')).toBe(60);
    expect(zoneOffsetMinutes(utc('2027-03-28T01:00:00Z'), 'Europe/Paris')).toBe(120);
    expect(zoneOffsetMinutes(utc('2027-10-31T00:59:59.999Z'), 'Europe/Paris')).toBe(120);
    expect(zoneOffsetMinutes(utc('2027-10-31T01:00:00Z'), 'Europe/Paris')).toBe(60);
  });

  it('gives the exact local mean time offsets of the past', () => {
    // Paris Mean Time, +00:09:21, until 1911.
    expect(zoneOffsetMinutes(utc('1900-01-01T00:00Z'), 'Europe/Paris')).toBe(9.35);
    expect(toUtcIso('1900-01-01T00:00', 'Europe/Paris')).toBe('1899-12-31T23:50:39.000Z');
    expect(utcToZonedLocal(utc('1899-12-31T23:50:39Z'), 'Europe/Paris')).toBe('1900-01-01T00:00');
  });

  it('refuses instants whose year cannot be written YYYY', () => {
    expect(() => zonedDate(utc('0000-12-31T12:00Z'), 'UTC')).toThrow(RangeError);
    expect(() => utcToZonedLocal(utc('+010000-01-01T00:00Z'), 'UTC')).toThrow(RangeError);
    expect(zonedDate(utc('0001-01-01T00:00Z'), 'UTC')).toBe('0001-01-01');
  });

  it('throws a RangeError for an invalid date or zone', () => {
    const invalid = new Date(Number.NaN);
    expect(() => utcToZonedLocal(invalid, 'Europe/Paris')).toThrow(RangeError);
    expect(() => zonedDate(invalid, 'Europe/Paris')).toThrow(RangeError);
    expect(() => zoneOffsetMinutes(invalid, 'Europe/Paris')).toThrow(RangeError);
    expect(() => utcToZonedLocal(instant, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => zonedDate(instant, '')).toThrow(RangeError);
    expect(() => zoneOffsetMinutes(instant, 'Nowhere')).toThrow(RangeError);
  });
});

describe('round trips over a year', () => {
  const zones = [
    'Europe/Paris',
    'Africa/Tunis',
    'Asia/Amman',
    'UTC',
    'Pacific/Kiritimati',
    'America/St_Johns',
  ];
  const start = Date.UTC(2027, 0, 1);
  const end = Date.UTC(2028, 0, 1);
  // Whole-minute instants: every 263 minutes through 2027 (all minutes of the hour get sampled),
  // and every 5 minutes through the UTC days of the 2027 transitions in Paris and St John's.
  const instants: number[] = [];
  for (let ms = start; ms < end; ms += 263 * 60_000) instants.push(ms);
  for (const day of [Date.UTC(2027, 2, 14), Date.UTC(2027, 2, 28), Date.UTC(2027, 9, 31)]) {
    for (let ms = day; ms < day + 86_400_000; ms += 5 * 60_000) instants.push(ms);
  }
  for (let ms = Date.UTC(2027, 10, 7); ms < Date.UTC(2027, 10, 8); ms += 5 * 60_000) {
    instants.push(ms);
  }

  // The suite must not pass merely because the server is in UTC.
  let previousTz: string | undefined;
  beforeAll(() => {
    previousTz = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata';
  });
  afterAll(() => {
    if (previousTz === undefined) delete process.env.TZ;
    else process.env.TZ = previousTz;
  });

  it.each(zones)('instant → wall time → instant in %s', (zone) => {
    let ambiguous = 0;
    for (const ms of instants) {
      const instant = new Date(ms);
      const local = utcToZonedLocal(instant, zone);
      expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      expect(zonedDate(instant, zone)).toBe(local.slice(0, 10));
      const back = zonedLocalToUtc(local, zone);
      expect(back.getTime() - ms).toBe(
        (zoneOffsetMinutes(instant, zone) - zoneOffsetMinutes(back, zone)) * 60_000,
      );
      if (back.getTime() !== ms) {
        // Only the second pass through a fall-back hour maps to the first one.
        ambiguous += 1;
        expect(back.getTime()).toBeLessThan(ms);
        expect(utcToZonedLocal(back, zone)).toBe(local);
      }
    }
    // Samples falling in the repeated hour: [01:00Z, 02:00Z) on 31 October in Paris,
    // [04:30Z, 05:30Z) on 7 November in St John's, none elsewhere.
    const repeated: Record<string, number> = {
      'Europe/Paris': Date.UTC(2027, 9, 31, 1),
      'America/St_Johns': Date.UTC(2027, 10, 7, 4, 30),
    };
    const from = repeated[zone];
    const samples =
      from === undefined ? 0 : instants.filter((ms) => ms >= from && ms < from + 3_600_000).length;
    expect(samples).toBeGreaterThanOrEqual(from === undefined ? 0 : 12);
    expect(ambiguous).toBe(samples);
  });

  it.each(zones)('wall time → instant → wall time in %s', (zone) => {
    const skipped: string[] = [];
    for (let day = start; day < end; day += 86_400_000) {
      const date = new Date(day).toISOString().slice(0, 10);
      for (const time of ['00:00', '01:30', '02:00', '02:30', '02:59', '03:00', '12:45', '23:59']) {
        const local = `${date}T${time}`;
        const instant = zonedLocalToUtc(local, zone);
        expect(instant.getUTCSeconds()).toBe(0);
        const shown = utcToZonedLocal(instant, zone);
        if (shown !== local) {
          skipped.push(local);
          // A skipped wall time is shown one gap later.
          expect(shown > local).toBe(true);
        }
      }
    }
    const gaps: Record<string, string[]> = {
      'Europe/Paris': ['2027-03-28T02:00', '2027-03-28T02:30', '2027-03-28T02:59'],
      'America/St_Johns': ['2027-03-14T02:00', '2027-03-14T02:30', '2027-03-14T02:59'],
    };
    expect(skipped).toEqual(gaps[zone] ?? []);
  });
});
