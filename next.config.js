const createNextIntlPlugin = require('next-intl/plugin');

const rules = require('./lib/http/header-rules.json');

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

// The fixed security headers on every response (pages, route handlers, static files),
// as lib/http/security-headers.ts headerRules() describes them (a unit test checks that
// both agree); each page's Content-Security-Policy, with its nonce, comes from proxy.ts.
function securityHeaders(production) {
  return [
    {
      source: '/:path*',
      headers: [
        ...(production ? [{ key: 'Strict-Transport-Security', value: rules.hsts }] : []),
        ...rules.base,
        { key: 'Permissions-Policy', value: rules.permissions.join(', ') },
      ],
    },
    ...rules.tokenRoutes.map((route) => ({
      ...route,
      headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }],
    })),
  ];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files from its own package folder; pdfkit
  // reads its data files from its own folder too.
  serverExternalPackages: ['@electric-sql/pglite', 'pdfkit'],
  transpilePackages: ['@codegouvfr/react-dsfr'],
  poweredByHeader: false,
  experimental: {
    authInterrupts: true,
    // A roster import sends its CSV file to a server action: 50,000 rows are about 5 MB,
    // and lib/rosters/validation.ts refuses files over 7 MB with a translated message
    // before this limit (1 MB by default) could answer with a bare error.
    serverActions: { bodySizeLimit: '8mb' },
  },
  async headers() {
    return securityHeaders(process.env.NODE_ENV === 'production');
  },
};

module.exports = withNextIntl(nextConfig);
