const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

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
    // The pages cached for anonymous visitors (app/[locale]/cached) live in memory only:
    // written to disk they would outlive the process, and a restart (on another database,
    // or before a page changed by an organiser was next requested) would serve them stale.
    isrFlushToDisk: false,
  },
};

module.exports = withNextIntl(nextConfig);
