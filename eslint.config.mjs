import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier/flat';

/**
 * The store's boundary: above lib/store, code reaches what the site knows only through
 * `@/lib/store` (getStore and the types of lib/store/types.ts), never an engine's modules or a
 * database driver. Engines, their tests, and command-line tools (npm run check, sync, import)
 * are below it.
 */
const storeEngines = ['@/lib/store/sqlite', '@/lib/store/sqlite/*', '@/lib/store/postgres', '@/lib/store/postgres/*', '@/lib/store/ingest/*'];
const storeBoundary = (drivers) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: drivers.map((name) => ({ name, message: 'Databases are reached through @/lib/store (getStore), not a driver.' })),
      patterns: [{ group: storeEngines, message: 'Code above the store reaches it through @/lib/store (getStore and its types), never an engine.' }],
    },
  ],
});

/** Next.js's own rules (core web vitals, TypeScript); formatting is Prettier's alone. */
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  prettier,
  { files: ['app/**', 'components/**', 'lib/**', 'proxy.ts', 'instrumentation.ts'], rules: storeBoundary(['better-sqlite3', 'pg']) },
  // The page cache and the cache-folder lock keep SQLite files of the server's own, not the store's.
  { files: ['lib/server/pageCache/**', 'lib/server/cacheFolderLock.ts'], rules: storeBoundary(['pg']) },
  { files: ['lib/store/**'], rules: { 'no-restricted-imports': 'off' } },
  globalIgnores([
    '.next/**',
    '.vercel/**',
    '.next-*/**',
    'out/**',
    'build/**',
    'next-env.d.ts',
    'public/vendor/**',
    'test-results/**',
    'playwright-report/**',
    '.proto/**',
  ]),
]);
