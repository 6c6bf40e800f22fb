import type { Locale } from '@/lib/people/enums';

/** The language of a sign-in link, read from the page the person is sent back to. */
export function localeFromCallback(url: string): Locale {
  try {
    const callback = new URL(url).searchParams.get('callbackUrl') ?? '';
    const path = callback.startsWith('/') ? callback : new URL(callback).pathname;
    return path === '/en' || path.startsWith('/en/') ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

/** A same-site path for after sign-in; anything else (another host, a scheme) goes home. */
export function safeCallbackPath(value: unknown, locale: Locale): string {
  if (typeof value !== 'string') return `/${locale}`;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return `/${locale}`;
  if (value.startsWith('/api/')) return `/${locale}`;
  return value;
}
