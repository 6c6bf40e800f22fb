import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, ICS_PRODID, icsUtc } from '@/lib/events/ics';
import { zonedLocalToUtc } from '@/lib/events/time';
import { icsDate, parseIcs, unfold } from '../helpers/ics-parse';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const physicalLines = (folded: string) => folded.split('\r\n');

describe('icsUtc', () => {
  it('writes UTC basic format, milliseconds dropped', () => {
    expect(icsUtc(new Date('2027-04-13T07:00:00.999Z'))).toBe('20270413T070000Z');
    expect(icsUtc(new Date('1999-12-31T23:59:59Z'))).toBe('19991231T235959Z');
  });

  it('turns wall-clock times of the event zone into UTC', () => {
    // 09:00 in Paris is UTC+2 in April (summer time) and UTC+1 in January.
    expect(icsUtc(zonedLocalToUtc('2027-04-13T09:00', 'Europe/Paris'))).toBe('20270413T070000Z');
    expect(icsUtc(zonedLocalToUtc('2027-01-28T09:00', 'Europe/Paris'))).toBe('20270128T080000Z');
    expect(icsUtc(zonedLocalToUtc('2027-01-28T14:00', 'Africa/Dakar'))).toBe('20270128T140000Z');
  });

  it('refuses an invalid date', () => {
    expect(() => icsUtc(new Date('nope'))).toThrow(RangeError);
  });
});

describe('escapeText', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a\\b;c,d')).toBe('a\\\\b\\;c\\,d');
    expect(escapeText('one\ntwo\r\nthree\rfour')).toBe('one\\ntwo\\nthree\\nfour');
    // The backslash is escaped first: an escaped comma is not escaped twice.
    expect(escapeText('\\,')).toBe('\\\\\\,');
  });

  it('keeps tabs and non-ASCII text, drops other control characters', () => {
    expect(escapeText('École\tmilitaire\u0000\u0007\u007f')).toBe('École\tmilitaire');
    expect(escapeText('مؤتمر « Passerelle » 🇫🇷')).toBe('مؤتمر « Passerelle » 🇫🇷');
  });
});

describe('foldLine', () => {
  it('leaves a line of 75 octets or fewer alone', () => {
    const line = `SUMMARY:${'x'.repeat(67)}`;
    expect(octets(line)).toBe(75);
    expect(foldLine(line)).toBe(line);
  });

  it('folds long ASCII lines at 75 octets, continuation lines starting with a space', () => {
    const line = `DESCRIPTION:${'abcdefghij'.repeat(30)}`;
    const folded = foldLine(line);
    const lines = physicalLines(folded);
    expect(lines.length).toBe(Math.ceil((octets(line) - 75) / 74) + 1);
    expect(octets(lines[0] ?? '')).toBe(75);
    for (const l of lines.slice(1)) expect(l.startsWith(' ')).toBe(true);
    for (const l of lines.slice(0, -1)) expect(octets(l)).toBe(75);
    expect(unfold(folded)).toEqual([line]);
  });

  it('never cuts a multi-byte UTF-8 character', () => {
    // 8 ASCII octets, then 2-octet letters: 8 + 33 × 2 = 74, a 34th would make 76.
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const lines = physicalLines(foldLine(line));
    expect(octets(lines[0] ?? '')).toBe(74);
    for (const l of lines) {
      expect(octets(l)).toBeLessThanOrEqual(75);
      // A cut inside a sequence would leave U+FFFD after a round trip through bytes.
      expect(Buffer.from(l, 'utf8').toString('utf8')).toBe(l);
    }
    expect(unfold(foldLine(line))).toEqual([line]);
  });

  it('keeps 3- and 4-octet characters (Arabic, euro sign, emoji) whole', () => {
    const line = `LOCATION:${'€ مؤتمر 🇫🇷 '.repeat(20)}`;
    const lines = physicalLines(foldLine(line));
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) {
      expect(octets(l)).toBeLessThanOrEqual(75);
      expect(l.isWellFormed()).toBe(true);
      expect(l.includes('\uFFFD')).toBe(false);
    }
    expect(unfold(foldLine(line))).toEqual([line]);
  });
});

describe('buildCalendar', () => {
  const start = zonedLocalToUtc('2027-04-13T09:00', 'Europe/Paris');
  const end = zonedLocalToUtc('2027-04-14T17:30', 'Europe/Paris');
  const text = buildCalendar(
    [
      {
        uid: 'c0ffee00-0000-4000-8000-000000000001@passerelle',
        start,
        end,
        summary: 'Colloque international; prévention, radicalisation',
        description: `Deux jours d’échanges.\n\n${'Un long résumé. '.repeat(20)}`,
        location: 'École militaire, 1 place Joffre, 75007 Paris',
        url: 'https://passerelle.example/fr/events/colloque-2027',
      },
    ],
    new Date('2026-11-26T10:00:00.500Z'),
  );

  it('uses CRLF line endings only, ends with one, and keeps every line within 75 octets', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
  });

  it('holds one VEVENT with the required properties, in UTC', () => {
    const { calendar, events } = parseIcs(text);
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(calendar.PRODID).toBe(ICS_PRODID);
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.UID).toBe('c0ffee00-0000-4000-8000-000000000001@passerelle');
    expect(event?.DTSTAMP).toBe('20261126T100000Z');
    expect(event?.DTSTART).toBe('20270413T070000Z');
    expect(event?.DTEND).toBe('20270414T153000Z');
    expect(icsDate(event?.DTSTART ?? '').toISOString()).toBe('2027-04-13T07:00:00.000Z');
    expect(event?.SUMMARY).toBe('Colloque international; prévention, radicalisation');
    expect(event?.DESCRIPTION?.startsWith('Deux jours d’échanges.\n\nUn long résumé.')).toBe(true);
    expect(event?.LOCATION).toBe('École militaire, 1 place Joffre, 75007 Paris');
    expect(event?.URL).toBe('https://passerelle.example/fr/events/colloque-2027');
    expect(event?.STATUS).toBe('CONFIRMED');
    expect(text).toContain('SUMMARY:Colloque international\\; prévention\\, radicalisation\r\n');
  });

  it('marks a cancelled event', () => {
    const cancelled = buildCalendar([
      { uid: 'x@passerelle', start, end, summary: 'Annulé', cancelled: true },
    ]);
    expect(parseIcs(cancelled).events[0]?.STATUS).toBe('CANCELLED');
    expect(cancelled).not.toContain('DESCRIPTION');
  });
});
