import { createTranslator } from 'next-intl';
import type { Locale } from '@/lib/people/enums';
import en from './messages/en.json';
import fr from './messages/fr.json';

export const catalogues = { fr, en } as const;

const translators = new Map<string, unknown>();

/**
 * A translator for code that runs outside a request (background jobs, e-mails). Made
 * once per locale and namespace: each keeps the messages it has parsed.
 */
export function translator<N extends keyof typeof fr>(locale: Locale, namespace: N) {
  const key = `${locale}|${namespace}`;
  let t = translators.get(key) as ReturnType<typeof make<N>> | undefined;
  if (!t) {
    t = make(locale, namespace);
    translators.set(key, t);
  }
  return t;
}

function make<N extends keyof typeof fr>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: catalogues[locale], namespace });
}
