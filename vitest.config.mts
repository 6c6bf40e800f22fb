import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.dirname(fileURLToPath(import.meta.url)) };
const postgres = Boolean(process.env.TEST_DATABASE_URL);

// The integration files run once per engine: on embedded PGlite always, and on the
// PostgreSQL server named by TEST_DATABASE_URL when it is set.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Some tests run thousands of generated cases or 50,000 lines: on a shared,
          // loaded machine they may take far more than the default 5 s without being wrong.
          testTimeout: 60_000,
          // next-auth and next-intl's middleware import 'next/server' without an extension;
          // bundling them lets Vite resolve it.
          server: { deps: { inline: ['next-auth', 'next-intl'] } },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration-pglite',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          env: { TEST_ENGINE: 'pglite' },
          setupFiles: ['tests/helpers/integration-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          server: { deps: { inline: ['next-auth'] } },
        },
      },
      ...(postgres
        ? [
            {
              resolve: { alias },
              test: {
                name: 'integration-postgres',
                include: ['tests/integration/**/*.test.ts'],
                environment: 'node',
                env: { TEST_ENGINE: 'postgres' },
                setupFiles: ['tests/helpers/integration-setup.ts'],
                testTimeout: 30_000,
                hookTimeout: 60_000,
                server: { deps: { inline: ['next-auth'] } },
              },
            },
          ]
        : []),
    ],
  },
});
