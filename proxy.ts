import { type NextRequest, NextResponse } from 'next/server';
import createMiddleware from 'next-intl/middleware';
import { SESSION_COOKIES } from '@/lib/auth/cookies';
import { routing } from '@/lib/i18n/routing';
import { LOCALES } from '@/lib/people/enums';

// The proxy sets the locale and picks which rendering a page request gets; who may see
// what is checked next to the data.
const intl = createMiddleware(routing);

const locales = LOCALES.join('|');
/** The pages anonymous visitors share, without query string: see app/[locale]/cached. */
const CACHEABLE = new RegExp(
  `^/(${locales})(/events(/[^/]+)?|/legal-notice|/accessibility|/personal-data)?/?$`,
);
const CACHED_PREFIX = new RegExp(`^/(${locales})/cached(?=/|$)`);

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // The cached renderings have no address of their own.
  if (CACHED_PREFIX.test(pathname)) {
    const url = request.nextUrl.clone();
    url.pathname = pathname.replace('/cached', '');
    return NextResponse.redirect(url, 308);
  }
  const response = intl(request);
  if (
    response.headers.has('location') ||
    (request.method !== 'GET' && request.method !== 'HEAD') ||
    search !== '' ||
    !CACHEABLE.test(pathname) ||
    SESSION_COOKIES.some((name) => request.cookies.has(name))
  ) {
    return response;
  }
  const url = request.nextUrl.clone();
  url.pathname = pathname.replace(CACHEABLE, (_, locale: string, rest = '') =>
    `/${locale}/cached${rest}`.replace(/\/$/, ''),
  );
  // next-intl's own answer, turned into a rewrite (its headers and cookies are kept).
  response.headers.delete('x-middleware-next');
  response.headers.set('x-middleware-rewrite', url.toString());
  return response;
}

export const config = {
  matcher: ['/((?!api|_next|_vercel|dsfr|.*\\..*).*)'],
};
