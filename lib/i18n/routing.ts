import { defineRouting } from 'next-intl/routing';
import { LOCALES } from '@/lib/people/enums';

export const routing = defineRouting({
  locales: LOCALES,
  defaultLocale: 'fr',
  localePrefix: 'always',
});

export function isLocale(value: unknown): value is (typeof LOCALES)[number] {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
