import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import type { Locale } from '@/lib/people/enums';
import { enforce, limitOn, RATE_LIMITED_MESSAGE, RateLimitedError } from '@/lib/rate-limit';
import { clientAddressOf } from '@/lib/site-url';
import { hashToken } from './tokens';

/**
 * Counts one use of a personal link (manage, invitation or nominee) against the link and
 * the client address, before the link is looked up: an unknown or wrong token counts
 * too, so guessing stops at the address's limit. Throws RateLimitedError.
 */
export async function limitPersonalLink(token: string, address: string): Promise<void> {
  // The token's hash, never the token: the counters' keys are not secrets.
  await enforce(
    limitOn('linkToken', hashToken(token).slice(0, 32)),
    limitOn('linkAddress', address),
  );
}

/** The same, in a page or a server action (the address from the request's headers). */
export async function limitPersonalLinkHere(token: string): Promise<void> {
  await limitPersonalLink(token, clientAddressOf(await headers()));
}

/**
 * The same, for a route handler that a personal link opens (a download): null when the
 * use is counted and allowed, else a 429 answer with Retry-After in the reader's language.
 */
export async function limitPersonalLinkRoute(
  token: string,
  request: Request,
  locale: Locale,
): Promise<Response | null> {
  try {
    await limitPersonalLink(token, clientAddressOf(request.headers));
    return null;
  } catch (error) {
    if (!(error instanceof RateLimitedError)) throw error;
    const t = await getTranslations({ locale });
    return new Response(t(RATE_LIMITED_MESSAGE, { seconds: error.retryAfter }), {
      status: 429,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'private, no-store',
        'retry-after': String(error.retryAfter),
      },
    });
  }
}
