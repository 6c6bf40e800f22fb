// A minimal iCalendar reader for tests: unfolds lines, then reads each VEVENT's properties
// (parameters dropped, TEXT values unescaped).

export type ParsedEvent = Record<string, string>;

export function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n');
}

export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

export function parseIcs(text: string): { calendar: ParsedEvent; events: ParsedEvent[] } {
  const calendar: ParsedEvent = {};
  const events: ParsedEvent[] = [];
  let current: ParsedEvent | null = null;
  for (const line of unfold(text)) {
    if (line === '') continue;
    if (line === 'BEGIN:VEVENT') {
      current = {};
      continue;
    }
    if (line === 'END:VEVENT') {
      if (current) events.push(current);
      current = null;
      continue;
    }
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).split(';')[0] ?? '';
    const value = unescapeText(line.slice(colon + 1));
    (current ?? calendar)[name] = value;
  }
  return { calendar, events };
}

/** `20270413T070000Z` → a Date. */
export function icsDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`not a UTC date-time: ${value}`);
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}
