// The HTTP hardening of every response, as data: next.config.ts sets the fixed headers
// on every path (pages, route handlers, static files); proxy.ts sets the page's
// Content-Security-Policy with a nonce of its own for each request.

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
export const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=()',
  'geolocation=()',
  'display-capture=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'midi=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
  'screen-wake-lock=()',
  'xr-spatial-tracking=()',
  'browsing-topics=()',
  'interest-cohort=()',
].join(', ');

/** The headers every response carries. */
export function baseSecurityHeaders({ production }: { production: boolean }): Header[] {
  return [
    // Browsers ignore it over plain HTTP (localhost), so it is harmless in tests.
    ...(production
      ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
      : []),
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Permissions-Policy', value: PERMISSIONS_POLICY },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
}

const NO_REFERRER = [{ key: 'Referrer-Policy', value: 'no-referrer' }];

/**
 * The addresses that carry a secret (a manage link's token, an invitation or nominee
 * token, a magic link): their pages send no Referer at all, so that a link followed from
 * them (or an image they load) cannot leak it.
 */
export const TOKEN_ROUTES: { source: string; has?: { type: 'query'; key: string }[] }[] = [
  { source: '/:locale/registrations/:token' },
  { source: '/:locale/events/:slug/register', has: [{ type: 'query', key: 'invitation' }] },
  { source: '/api/auth/callback/:path*' },
  { source: '/:path*', has: [{ type: 'query', key: 'token' }] },
];

/** next.config.ts `headers()`: later entries override earlier ones for the same key. */
export function headerRules({ production }: { production: boolean }) {
  return [
    { source: '/:path*', headers: baseSecurityHeaders({ production }) },
    ...TOKEN_ROUTES.map((route) => ({ ...route, headers: NO_REFERRER })),
  ];
}
