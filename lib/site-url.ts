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

/** The client's address: the first X-Forwarded-For entry (set by Next or the proxy). */
export function clientAddressOf(h: Headers): string {
  return h.get('x-forwarded-for')?.split(',')[0]?.trim() || h.get('x-real-ip') || 'unknown';
}
