import { headers } from 'next/headers';

function configuredOrigin(): string | null {
  const configured = process.env.AUTH_URL;
  if (!configured) return null;
  try {
    return new URL(configured).origin;
  } catch {
    // A malformed setting: the request's own origin is next best.
    return null;
  }
}

/**
 * The app's own origin for links in e-mails and calendars: AUTH_URL when set (it should
 * be in production), else the host the request came to, as Auth.js does.
 */
export function appOriginOf(request: { nextUrl: URL }): string {
  return configuredOrigin() ?? request.nextUrl.origin;
}

/** The same, in a server action or a page (from the request's headers). */
export async function appOrigin(): Promise<string> {
  const configured = configuredOrigin();
  if (configured) return configured;
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto.split(',')[0]?.trim()}://${host.split(',')[0]?.trim()}`;
}

/** Outside a request (a script, a test): AUTH_URL, else the local default. */
export function defaultOrigin(): string {
  return configuredOrigin() ?? 'http://localhost:3000';
}

/**
 * The client's address, for rate limits. X-Forwarded-For is a list each proxy appends
 * to, and its first entries are whatever the client sent: the address is read from the
 * right, past the `TRUSTED_PROXY_HOPS` proxies of the deployment (default 1: the load
 * balancer's entry, the address it saw). Without a proxy, Next sets the header to the
 * socket's address when the client sent none.
 */
export function clientAddressOf(h: Headers): string {
  const hops = Math.max(1, Math.trunc(Number(process.env.TRUSTED_PROXY_HOPS ?? 1)) || 1);
  const entries = (h.get('x-forwarded-for') ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return entries[Math.max(0, entries.length - hops)] || h.get('x-real-ip') || 'unknown';
}
