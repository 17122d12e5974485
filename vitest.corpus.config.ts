import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** The real-content test: `npm run test:corpus`, run by .ci/run when ../shared/corpus exists. */
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['tests/corpus/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
  },
});
