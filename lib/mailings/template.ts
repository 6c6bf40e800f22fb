import { containsMarkup } from '@/lib/text/markdown';

// An organiser's message is plain text with placeholders between braces, filled in for
// each person. Nothing else is special: no markup (the mail is plain text, and a tag or
// a script is refused rather than sent), no nested or escaped braces.

/**
 * What a message may say of its recipient and of the event:
 * - {firstName}, {lastName}: as the person registered;
 * - {eventTitle}: the event's title in the person's language;
 * - {eventDates}: its dates and times, in its own time zone;
 * - {eventPlace}: its venue and city (or "online");
 * - {manageLink}: the person's own link to their registration (a fresh one: the link
 *   of earlier mails stops working, as with every mail that carries it).
 */
export const PLACEHOLDERS = [
  'firstName',
  'lastName',
  'eventTitle',
  'eventDates',
  'eventPlace',
  'manageLink',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

export type TemplateProblem =
  | { kind: 'markup' }
  | { kind: 'unbalancedBrace' }
  | { kind: 'unknownPlaceholder'; name: string };

type Part = string | { placeholder: Placeholder };

export type ParsedTemplate =
  | { ok: true; parts: Part[]; used: Set<Placeholder> }
  | { ok: false; problem: TemplateProblem };

const isPlaceholder = (name: string): name is Placeholder =>
  (PLACEHOLDERS as readonly string[]).includes(name);

/** Splits a text into literal parts and placeholders, or says what is wrong with it. */
export function parseTemplate(text: string): ParsedTemplate {
  if (containsMarkup(text)) return { ok: false, problem: { kind: 'markup' } };
  const parts: Part[] = [];
  const used = new Set<Placeholder>();
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '}') return { ok: false, problem: { kind: 'unbalancedBrace' } };
    if (c !== '{') {
      literal += c;
      continue;
    }
    const end = text.indexOf('}', i + 1);
    const next = text.indexOf('{', i + 1);
    if (end === -1 || (next !== -1 && next < end)) {
      return { ok: false, problem: { kind: 'unbalancedBrace' } };
    }
    const name = text.slice(i + 1, end).trim();
    if (!isPlaceholder(name)) {
      return { ok: false, problem: { kind: 'unknownPlaceholder', name: name.slice(0, 40) } };
    }
    if (literal) parts.push(literal);
    literal = '';
    parts.push({ placeholder: name });
    used.add(name);
    i = end;
  }
  if (literal) parts.push(literal);
  return { ok: true, parts, used };
}

/** Fills a template in; the values are put in as they are, never read as placeholders. */
export function renderTemplate(text: string, values: PlaceholderValues): string {
  const parsed = parseTemplate(text);
  if (!parsed.ok) throw new Error(`invalid template: ${parsed.problem.kind}`);
  return parsed.parts.map((p) => (typeof p === 'string' ? p : values[p.placeholder])).join('');
}

/** The placeholders a text uses (none when it is not a valid template). */
export function placeholdersIn(text: string): Set<Placeholder> {
  const parsed = parseTemplate(text);
  return parsed.ok ? parsed.used : new Set();
}
