// The HTTP hardening of every response, as data: next.config.js sets the fixed headers (from header-rules.json)
// on every path (pages, route handlers, static files); proxy.ts sets the page's
// Content-Security-Policy with a nonce of its own for each request.

import rules from './header-rules.json';

type Header = { key: string; value: string };

/** The origin of a URL setting (OIDC_ISSUER), or null when unset or malformed. */
function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export type CspOptions = {
  nonce: string;
  /** `next dev` evaluates code for its error overlay and injects styles without a nonce. */
  dev?: boolean;
  /** Over HTTPS, any http:// subresource left in content is fetched over HTTPS. */
  https?: boolean;
  /** The OIDC server (ProConnect): the sign-in form's POST is redirected there. */
  oidcIssuer?: string;
};

/**
 * The Content-Security-Policy of a page. Scripts run only with the request's nonce
 * (Next puts it on its own scripts and inline data) or when loaded by such a script
 * ('strict-dynamic': the DSFR module and the code-split chunks). WebAssembly may be
 * compiled for the check-in desk's QR decoder (zxing-wasm). Style attributes are
 * allowed: DSFR markup and our components set `style` on elements, which a nonce
 * cannot cover; <style> elements need the nonce.
 */
export function contentSecurityPolicy({
  nonce,
  dev = false,
  https = false,
  oidcIssuer,
}: CspOptions) {
  const issuer = originOf(oidcIssuer);
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    [
      'script-src',
      "'self'",
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
      "'wasm-unsafe-eval'",
      ...(dev ? ["'unsafe-eval'"] : []),
    ],
    ['style-src', "'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    ['style-src-elem', "'self'", ...(dev ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    ['style-src-attr', "'unsafe-inline'"],
    // DSFR icons and pictograms are data: SVGs in its stylesheet; QR tickets are data: PNGs.
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    // The camera preview plays a MediaStream, not a URL.
    ['media-src', "'self'", 'blob:'],
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
    ['frame-src', "'none'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'", ...(issuer ? [issuer] : [])],
    ['frame-ancestors', "'none'"],
    ...(https ? ([['upgrade-insecure-requests']] as [string][]) : []),
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** The nonce in a Content-Security-Policy (the one proxy.ts set on the request). */
export function nonceOfPolicy(policy: string | null): string | undefined {
  return policy?.match(/'nonce-([A-Za-z0-9+/=_-]+)'/)?.[1];
}

/**
 * Camera for the check-in desk (same origin only); every other powerful feature off.
 * Only features Chromium knows: it warns in the console about the others.
 */
export const PERMISSIONS_POLICY = rules.permissions.join(', ');

/** The headers every response carries (HSTS is ignored over plain HTTP, e.g. localhost). */
export function baseSecurityHeaders({ production }: { production: boolean }): Header[] {
  return [
    ...(production ? [{ key: 'Strict-Transport-Security', value: rules.hsts }] : []),
    ...rules.base,
    { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
  ];
}

/**
 * The addresses that carry a secret (a manage link's token, an invitation or nominee
 * token, a magic link): their pages send no Referer at all, so that a link followed from
 * them (or an image they load) cannot leak it.
 */
export const TOKEN_ROUTES = rules.tokenRoutes as {
  source: string;
  has?: { type: 'query'; key: string }[];
}[];

/**
 * What next.config.js `headers()` answers (it reads the same header-rules.json: a
 * config file in JavaScript cannot import this module); later entries override earlier
 * ones for the same key.
 */
export function headerRules({ production }: { production: boolean }) {
  return [
    { source: '/:path*', headers: baseSecurityHeaders({ production }) },
    ...TOKEN_ROUTES.map((route) => ({
      ...route,
      headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }],
    })),
  ];
}
