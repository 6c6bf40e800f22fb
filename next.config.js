const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly and data files from its own package folder.
  serverExternalPackages: ['@electric-sql/pglite'],
  transpilePackages: ['@codegouvfr/react-dsfr'],
  poweredByHeader: false,
  experimental: { authInterrupts: true },
};

module.exports = withNextIntl(nextConfig);
