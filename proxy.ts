import { NextRequest } from 'next/server';
import createMiddleware from 'next-intl/middleware';
import { isMalformedActionBody, malformedActionAnswer } from '@/lib/http/action-body';
import { contentSecurityPolicy } from '@/lib/http/security-headers';
import { routing } from '@/lib/i18n/routing';

// The proxy sets the locale and each page's Content-Security-Policy; who may see what is
// checked next to the data.
const intl = createMiddleware(routing);

const LOCALE_COOKIE = 'NEXT_LOCALE';

/** 128 random bits, fresh for every request: Next puts them on its own scripts. */
function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** HTTPS as the browser sees it: the public URL (AUTH_URL) or the TLS proxy's word. */
function isHttps(request: NextRequest): boolean {
  if (process.env.AUTH_URL?.startsWith('https:')) return true;
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
  return (forwarded ?? request.nextUrl.protocol.replace(':', '')) === 'https';
}

export async function proxy(request: NextRequest) {
  if (
    request.method === 'POST' &&
    request.headers.has('next-action') &&
    (await isMalformedActionBody(request))
  ) {
    return malformedActionAnswer(request.nextUrl.pathname.startsWith('/en') ? 'en' : 'fr');
  }
  const https = isHttps(request);
  const csp = contentSecurityPolicy({
    nonce: newNonce(),
    dev: process.env.NODE_ENV === 'development',
    https,
    oidcIssuer: process.env.OIDC_ISSUER,
  });
  // Next reads the nonce from the request's policy and applies it while rendering, so
  // every page is rendered for its request: a page from Next's cache would carry another
  // request's nonce (or none) and its scripts would be blocked.
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', csp);
  const response = intl(new NextRequest(request, { headers }));
  response.headers.set('Content-Security-Policy', csp);

  // next-intl cannot make its cookie HttpOnly: nothing in the browser reads it (a change
  // of language is a full page load, which sets it here).
  const locale = response.cookies.get(LOCALE_COOKIE);
  if (locale) {
    response.cookies.set(LOCALE_COOKIE, locale.value, {
      path: locale.path ?? '/',
      maxAge: locale.maxAge,
      sameSite: 'lax',
      httpOnly: true,
      secure: https,
    });
  }
  return response;
}

export const config = {
  // Pages only: route handlers, Next's assets and the DSFR's files get their headers from
  // next.config.js. Prefetches get a policy too (their payload becomes the page).
  matcher: ['/((?!api|_next|_vercel|dsfr|.*\\..*).*)'],
};
