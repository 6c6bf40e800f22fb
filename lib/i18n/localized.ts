import type { Locale } from '@/lib/people/enums';

/** The French or English version of a bilingual column, in the reader's language. */
export const localized = <T>(locale: Locale, fr: T, en: T): T => (locale === 'fr' ? fr : en);
