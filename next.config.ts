import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { headerRules } from './lib/http/security-headers';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
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
  // The fixed security headers on every response (pages, route handlers, static files);
  // each page's Content-Security-Policy comes from proxy.ts.
  async headers() {
    return headerRules({ production: process.env.NODE_ENV === 'production' });
  },
};

export default withNextIntl(nextConfig);
