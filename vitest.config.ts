import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * A test's work is bounded by its inputs (files, calls, bytes), never by the clock; a timeout
 * only catches a hang. Vitest's 5 s default failed tests that start threads or processes under
 * tsx, or read thousands of files, on a machine whose cores were busy (docs/testing.md).
 */
const HANG_MS = 120_000;

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/corpus/**'],
    environment: 'node',
    testTimeout: HANG_MS,
    hookTimeout: HANG_MS,
    globalSetup: ['tests/helpers/postgresSetup.ts'],
  },
});
