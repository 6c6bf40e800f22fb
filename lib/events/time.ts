// Time zones without a library: organisers type wall-clock times in the event's IANA zone,
// the database stores UTC instants, pages show dates in the event's zone. Everything here is
// computed from the platform's Intl time-zone data (ICU), never from the server's own zone.

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// One formatter per zone name; formatters are expensive to build. Bounded so that arbitrary
// zone strings cannot grow it without limit.
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 500;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws a RangeError for a zone Intl does not know.
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

let supportedZones: Set<string> | undefined;

function isSupportedZone(timeZone: string): boolean {
  if (!supportedZones) {
    supportedZones = new Set(
      typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [],
    );
  }
  return supportedZones.has(timeZone);
}

/**
 * True for an IANA zone name that Intl knows, spelled exactly as Intl spells it: the name is
 * listed by `Intl.supportedValuesOf('timeZone')` or is its own canonical form ('UTC' included).
 * Intl itself accepts any letter case ('europe/paris'); such spellings are refused so that only
 * one spelling of a zone is ever stored. Never throws.
 */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz === '') return false;
  let canonical: string;
  try {
    canonical = new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  return tz === canonical || isSupportedZone(tz);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function parseLocal(value: string): WallClock | null {
  if (typeof value !== 'string') return null;
  const match = LOCAL_DATE_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined ||
    second === undefined
  ) {
    return null;
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, hour, minute, second };
}

/**
 * True for a real calendar date and time written `YYYY-MM-DDTHH:mm` or `YYYY-MM-DDTHH:mm:ss`
 * (the values of `<input type="datetime-local">`), years 0001 to 9999.
 */
export function isLocalDateTime(value: string): boolean {
  return parseLocal(value) !== null;
}

/** Milliseconds since the epoch of a wall clock read as if it were UTC (years < 100 included). */
function wallClockMs(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

function wallClockAt(ms: number, timeZone: string): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let beforeChrist = false;
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    switch (part.type) {
      case 'era':
        beforeChrist = part.value === 'BC' || part.value === 'B';
        break;
      case 'year':
      case 'month':
      case 'day':
      case 'hour':
      case 'minute':
      case 'second':
        wall[part.type] = Number(part.value);
        break;
    }
  }
  if (beforeChrist) wall.year = 1 - wall.year;
  return wall;
}

/** Offset of the zone at `ms`, in milliseconds (exact, seconds of historical offsets included). */
function offsetMs(ms: number, timeZone: string): number {
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return wallClockMs(wallClockAt(wholeSecond, timeZone)) - wholeSecond;
}

function validInstant(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError('Invalid date');
  return ms;
}

function pad(value: number, length = 2): string {
  return String(value).padStart(length, '0');
}

function formatDate(wall: WallClock): string {
  if (wall.year < 1 || wall.year > 9999) {
    throw new RangeError(`Year ${wall.year} cannot be written as YYYY`);
  }
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

/**
 * The UTC instant at which the wall clock in `timeZone` shows `local` (`YYYY-MM-DDTHH:mm[:ss]`).
 * A wall time skipped by a forward transition (spring DST gap) is moved forward by the length of
 * the gap: 02:30 on a day Paris jumps from 02:00 to 03:00 gives 03:30 local time. A wall time
 * that occurs twice (fall-back) gives the earlier instant. Throws a RangeError for an invalid
 * value or a zone Intl does not know. (Same rules as Temporal's `disambiguation: 'compatible'`.)
 */
export function zonedLocalToUtc(local: string, timeZone: string): Date {
  const wall = parseLocal(local);
  if (!wall) throw new RangeError(`Invalid local date-time: ${JSON.stringify(local)}`);
  const wallMs = wallClockMs(wall);
  // The offsets in force a day either side of the wall time bracket any transition near it.
  const offsetBefore = offsetMs(wallMs - DAY_MS, timeZone);
  const offsetAfter = offsetMs(wallMs + DAY_MS, timeZone);
  const candidates = [...new Set([offsetBefore, offsetAfter])]
    .map((offset) => wallMs - offset)
    .filter((ms) => wallClockMs(wallClockAt(ms, timeZone)) === wallMs);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In a gap: read the wall time with the offset in force before the gap, which lands after it.
  return new Date(wallMs - offsetBefore);
}

/** The wall time `YYYY-MM-DDTHH:mm` shown in `timeZone` at `instant` (seconds dropped). */
export function utcToZonedLocal(instant: Date, timeZone: string): string {
  const wall = wallClockAt(validInstant(instant), timeZone);
  return `${formatDate(wall)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** The calendar date `YYYY-MM-DD` in `timeZone` at `instant`. */
export function zonedDate(instant: Date, timeZone: string): string {
  return formatDate(wallClockAt(validInstant(instant), timeZone));
}

/**
 * Offset of `timeZone` from UTC at `instant`, in minutes, east positive (Paris in summer: 120,
 * St John's in winter: -210). Historical local mean times give fractional values
 * (Paris before 1911: 9.35).
 */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  return offsetMs(validInstant(instant), timeZone) / MINUTE_MS;
}
