import { describe, expect, it } from 'vitest';
import en from '@/lib/i18n/messages/en.json';
import fr from '@/lib/i18n/messages/fr.json';
import { icuArguments } from '../helpers/icu';

type Catalogue = { [key: string]: string | Catalogue };

function flatten(messages: Catalogue, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const frMessages = flatten(fr);
const enMessages = flatten(en);

describe('translation catalogues', () => {
  it('have exactly the same key paths', () => {
    expect([...enMessages.keys()].sort()).toEqual([...frMessages.keys()].sort());
    expect(frMessages.size).toBeGreaterThan(50);
  });

  it('have no empty or blank message', () => {
    const blank = [...frMessages, ...enMessages].filter(([, v]) => v.trim() === '');
    expect(blank).toEqual([]);
  });

  it('use the same ICU placeholders for each key', () => {
    const mismatched = [...frMessages]
      .map(([key, value]) => ({
        key,
        fr: icuArguments(value),
        en: icuArguments(enMessages.get(key) ?? ''),
      }))
      .filter((m) => m.fr.join() !== m.en.join());
    expect(mismatched).toEqual([]);
  });

  it('keeps messages that really differ between the languages', () => {
    // A copy-pasted catalogue would pass the checks above.
    expect(enMessages.get('mail.magicLinkSubject')).not.toBe(
      frMessages.get('mail.magicLinkSubject'),
    );
    expect(enMessages.get('actions.forbidden')).not.toBe(frMessages.get('actions.forbidden'));
  });
});

describe('icuArguments', () => {
  it('finds simple, typed and nested arguments, not plural branch texts', () => {
    expect(icuArguments('Hello {name}, you are {email}')).toEqual(['email', 'name']);
    expect(icuArguments('{count, plural, =0 {None} one {# result} other {# results}}')).toEqual([
      'count',
    ]);
    expect(
      icuArguments('{n, plural, one {{who} invited you} other {{who} invited # people}}'),
    ).toEqual(['n', 'who']);
    expect(icuArguments('On {date, date, long}')).toEqual(['date']);
    expect(icuArguments('No argument here.')).toEqual([]);
  });

  it('rejects unbalanced braces', () => {
    expect(() => icuArguments('Hello {name')).toThrow();
    expect(() => icuArguments('Hello name}')).toThrow();
  });
});
