import { headers } from 'next/headers';
import { enforce, limitOn } from '@/lib/rate-limit';
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
