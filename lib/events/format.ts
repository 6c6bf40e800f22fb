import { zoneOffsetMinutes } from './time';

// Dates are always shown in the event's own zone (a Paris colloquium reads 09:00 wherever
// the visitor is), with the zone named so that nobody has to guess.

type Locale = 'fr' | 'en';

// Building an Intl formatter costs far more than using one (ICU data is loaded and
// resolved each time): they are made once per locale, zone and options, and reused.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

const displayNames = new Map<string, Intl.DisplayNames>();
function names(locale: Locale, type: 'language' | 'region'): Intl.DisplayNames {
  const key = `${locale}|${type}`;
  let n = displayNames.get(key);
  if (!n) {
    n = new Intl.DisplayNames([locale], { type });
    displayNames.set(key, n);
  }
  return n;
}

// French writes 09:00, English 9:00 AM.
const hour = (locale: Locale) => (locale === 'fr' ? '2-digit' : 'numeric');

/** "UTC+2", "UTC−3:30", "UTC" for an offset in minutes east of UTC. */
export function utcOffsetLabel(offsetMinutes: number): string {
  const minutes = Math.round(offsetMinutes);
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

function zoneName(instant: Date, timeZone: string, locale: Locale): string {
  const part = dateTimeFormat(locale, { timeZone, timeZoneName: 'long' })
    .formatToParts(instant)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** The zone as people read it: "heure d’été d’Europe centrale (Europe/Paris, UTC+2)". */
export function zoneLabel(instant: Date, timeZone: string, locale: Locale): string {
  const offset = utcOffsetLabel(zoneOffsetMinutes(instant, timeZone));
  return `${zoneName(instant, timeZone, locale)} (${timeZone}, ${offset})`;
}

/** "13 avril 2027 à 09:00 – 14 avril 2027 à 17:30" in the zone; one date when on one day. */
export function formatDateTimeRange(
  start: Date,
  end: Date,
  timeZone: string,
  locale: Locale,
): string {
  return dateTimeFormat(locale, {
    timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).formatRange(start, end);
}

/** "09:00 – 10:30" in the zone. */
export function formatTimeRange(start: Date, end: Date, timeZone: string, locale: Locale): string {
  return dateTimeFormat(locale, {
    timeZone,
    hour: hour(locale),
    minute: '2-digit',
  }).formatRange(start, end);
}

/** "09:00" in the zone. */
export function formatTime(instant: Date, timeZone: string, locale: Locale): string {
  return dateTimeFormat(locale, {
    timeZone,
    hour: hour(locale),
    minute: '2-digit',
  }).format(instant);
}

/** "mardi 13 avril 2027" for a calendar day `YYYY-MM-DD`. */
export function formatDay(day: string, locale: Locale): string {
  return dateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${day}T12:00:00Z`));
}

/** "13 avril 2027 à 09:00" in the zone. */
export function formatDateTime(instant: Date, timeZone: string, locale: Locale): string {
  return dateTimeFormat(locale, {
    timeZone,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(instant);
}

export function languageName(code: string, locale: Locale): string {
  try {
    return names(locale, 'language').of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryName(code: string, locale: Locale): string {
  try {
    return names(locale, 'region').of(code) ?? code;
  } catch {
    return code;
  }
}

export function listOf(items: string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(items);
}
