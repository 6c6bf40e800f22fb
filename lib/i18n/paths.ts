import { LOCALES, type Locale } from '@/lib/people/enums';

export type Href =
  | string
  | { pathname: string; query?: Record<string, string | string[] | undefined> };

const PREFIX = new RegExp(`^/(${LOCALES.join('|')})(?=/|$)`);

/** `/events` → `/fr/events`; anything not starting with one slash is left as it is. */
export function localizedPath(locale: Locale, path: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) return path;
  return path === '/' ? `/${locale}` : `/${locale}${path}`;
}

/** A path or `{ pathname, query }` as one URL string in the locale. */
export function localizedHref(locale: Locale, href: Href): string {
  if (typeof href === 'string') return localizedPath(locale, href);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(href.query ?? {})) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      query.append(key, v);
    }
  }
  const search = query.toString();
  return `${localizedPath(locale, href.pathname)}${search ? `?${search}` : ''}`;
}

/** `/fr/events` → `/events`. */
export function withoutLocale(pathname: string): string {
  return pathname.replace(PREFIX, '') || '/';
}

export function localeOr(value: unknown, fallback: Locale): Locale {
  return (LOCALES as readonly string[]).includes(value as string) ? (value as Locale) : fallback;
}
