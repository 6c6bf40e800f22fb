import { createTranslator } from 'next-intl';
import { catalogues } from '@/lib/i18n/catalogue';
import type { Locale } from '@/lib/people/enums';
import {
  clearLimit,
  enforce,
  limitOn,
  RATE_LIMITED_MESSAGE,
  RateLimitedError,
} from '@/lib/rate-limit';
import { clientAddressOf } from '@/lib/site-url';

/** The key a magic-link request is counted on: the address as Auth.js normalises it. */
function normalisedEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Counts one magic-link request, per e-mail and per client address (RateLimitedError). */
export async function limitMagicLink(email: string, address: string): Promise<void> {
  await enforce(limitOn('signInEmail', normalisedEmail(email)), limitOn('signInAddress', address));
}

/** A link used: its owner is who they said, so their e-mail starts afresh. */
export async function clearMagicLinkLimit(email: string): Promise<void> {
  await clearLimit(limitOn('signInEmail', normalisedEmail(email)));
}

function localeOf(request: Request): Locale {
  const cookie = request.headers.get('cookie') ?? '';
  const chosen = /(?:^|;\s*)NEXT_LOCALE=(en|fr)\b/.exec(cookie)?.[1];
  if (chosen === 'en' || chosen === 'fr') return chosen;
  return /^en\b/i.test(request.headers.get('accept-language') ?? '') ? 'en' : 'fr';
}

function tooMany(request: Request, error: RateLimitedError): Response {
  const locale = localeOf(request);
  const t = createTranslator({ locale, messages: catalogues[locale] });
  return new Response(t(RATE_LIMITED_MESSAGE as never, { seconds: error.retryAfter } as never), {
    status: 429,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'Retry-After': String(error.retryAfter),
    },
  });
}

/**
 * The limits of Auth.js's own routes, before Auth.js sees the request: a magic link asked
 * for by a direct POST to /api/auth/signin/email (the sign-in form's action counts its
 * own), and OIDC callbacks, per client address. Answers 429 with Retry-After, or null.
 */
export async function limitAuthRoute(request: Request): Promise<Response | null> {
  const path = new URL(request.url).pathname;
  const address = clientAddressOf(request.headers);
  try {
    if (request.method === 'POST' && path === '/api/auth/signin/email') {
      const form = await request
        .clone()
        .formData()
        .catch(() => null);
      const email = form?.get('email');
      await limitMagicLink(typeof email === 'string' ? email : '', address);
    } else if (path.startsWith('/api/auth/callback/') && path !== '/api/auth/callback/email') {
      await enforce(limitOn('oidcCallbackAddress', address));
    }
    return null;
  } catch (error) {
    if (error instanceof RateLimitedError) return tooMany(request, error);
    throw error;
  }
}
