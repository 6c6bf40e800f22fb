// iCalendar (RFC 5545) for "add to my calendar": one VEVENT per event or session, times in
// UTC so that every calendar places them right whatever its own zone. Written by hand: the
// subset needed is small and a library would be more code to trust than this.

export const ICS_PRODID = '-//SG-CIPDR//Passerelle//FR';
const LINE_OCTETS = 75;

export type IcsEvent = {
  /** Globally unique and stable across downloads, so calendars update instead of duplicating. */
  uid: string;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  cancelled?: boolean;
};

/** `YYYYMMDDTHHMMSSZ` (UTC, seconds kept, milliseconds dropped). */
export function icsUtc(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid date');
  return instant
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Control characters other than tab and line breaks are not allowed in TEXT values. */
function stripControls(value: string): string {
  return Array.from(value, (c) => {
    const code = c.charCodeAt(0);
    return (code < 0x20 && c !== '\t' && c !== '\n' && c !== '\r') || code === 0x7f ? '' : c;
  }).join('');
}

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return stripControls(value)
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();
const octets = (text: string) => encoder.encode(text).length;

/**
 * Folds a content line so that no physical line exceeds 75 octets (without the CRLF), the
 * continuation lines starting with one space (§3.1). Cuts fall between characters, never
 * inside a multi-byte UTF-8 sequence.
 */
export function foldLine(line: string): string {
  if (octets(line) <= LINE_OCTETS) return line;
  const out: string[] = [];
  let current = '';
  let size = 0;
  // The first line holds 75 octets; the others hold the leading space and 74 more.
  let limit = LINE_OCTETS;
  for (const char of line) {
    const n = octets(char);
    if (size + n > limit) {
      out.push(current);
      current = ' ';
      size = 1;
      limit = LINE_OCTETS;
    }
    current += char;
    size += n;
  }
  out.push(current);
  return out.join('\r\n');
}

function property(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}

function vevent(event: IcsEvent, stamp: Date): string[] {
  const lines = [
    'BEGIN:VEVENT',
    property('UID', escapeText(event.uid)),
    property('DTSTAMP', icsUtc(stamp)),
    property('DTSTART', icsUtc(event.start)),
    property('DTEND', icsUtc(event.end)),
    property('SUMMARY', escapeText(event.summary)),
  ];
  if (event.description) lines.push(property('DESCRIPTION', escapeText(event.description)));
  if (event.location) lines.push(property('LOCATION', escapeText(event.location)));
  // A URI value, not TEXT: not escaped, and line breaks cannot occur in a URL.
  if (event.url) lines.push(property('URL', event.url.replace(/[\r\n]/g, '')));
  lines.push(property('STATUS', event.cancelled ? 'CANCELLED' : 'CONFIRMED'));
  lines.push('END:VEVENT');
  return lines;
}

/** A whole VCALENDAR, CRLF line endings included (a final CRLF too). */
export function buildCalendar(events: IcsEvent[], stamp: Date = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    property('PRODID', ICS_PRODID),
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...events.flatMap((e) => vevent(e, stamp)),
    'END:VCALENDAR',
  ];
  return `${lines.join('\r\n')}\r\n`;
}
