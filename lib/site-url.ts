import { headers } from 'next/headers';

/**
 * The app's own origin for links in e-mails: AUTH_URL when set (behind a proxy that
 * rewrites the host), else the host the request came to, as Auth.js does.
 */
export async function appOrigin(): Promise<string> {
  const configured = process.env.AUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // A malformed setting: the request's own origin is next best.
    }
  }
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto = h.get('x-forwarded-proto') ?? (host.startsWith('localhost') ? 'http' : 'https');
  return `${proto.split(',')[0]?.trim()}://${host.split(',')[0]?.trim()}`;
}
