import { createTranslator } from 'next-intl';
import type { Locale } from '@/lib/people/enums';
import en from './messages/en.json';
import fr from './messages/fr.json';

export const catalogues = { fr, en } as const;

/** A translator for code that runs outside a request (background jobs, e-mails). */
export function translator<N extends keyof typeof fr>(locale: Locale, namespace: N) {
  return createTranslator({ locale, messages: catalogues[locale], namespace });
}
