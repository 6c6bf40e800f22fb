import type { Locale } from '@/lib/people/enums';

// Relative paths are resolved against this placeholder origin, so that they are judged
// the way a browser reads them (backslashes, tabs, dot segments, %2e all resolved).
const SAME_SITE = 'http://passerelle.invalid';

/** The language of a sign-in link, read from the page the person is sent back to. */
export function localeFromCallback(url: string): Locale {
  try {
    const callback = new URL(url).searchParams.get('callbackUrl') ?? '';
    const path = new URL(callback, SAME_SITE).pathname;
    return path === '/en' || path.startsWith('/en/') ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

/** A same-site path for after sign-in; anything else (another host, a scheme) goes home. */
export function safeCallbackPath(value: unknown, locale: Locale): string {
  const home = `/${locale}`;
  if (typeof value !== 'string' || !value.startsWith('/')) return home;
  let url: URL;
  try {
    url = new URL(value, SAME_SITE);
  } catch {
    return home;
  }
  if (url.origin !== SAME_SITE) return home;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return home;
  return `${url.pathname}${url.search}${url.hash}`;
}
