import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { liveContentDir, livePort } from './e2e/support/liveContent';
import { mainOrigin, mainPort, testHost } from './e2e/support/origin';

/**
 * Browser tests drive real Chromium against `next start -H 127.0.0.1` on a production build
 * (`npm run build` runs first in `npm test`), bound to loopback the way a server behind a reverse
 * proxy is started; e2e/server-modes.spec.ts starts the other ways itself. Where Playwright cannot
 * download its own browser (this project's CI), CHROMIUM_PATH, or /usr/bin/chromium when it
 * exists, is used instead.
 */
function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

const browser = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: chromiumPath(),
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  },
};

const EXCLUSIVE = /search-flood\.spec\.ts$/;

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: mainOrigin,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: EXCLUSIVE,
      use: browser,
    },
    {
      // Timing comparisons (a reader's latency, quiet against under a flood) run after every
      // other test, alone, so no other test's load is counted as the flood's.
      name: 'alone',
      testMatch: EXCLUSIVE,
      dependencies: ['chromium'],
      use: browser,
    },
  ],
  webServer: [
    {
      command: `npx next start -H ${testHost} -p ${mainPort}`,
      url: `${mainOrigin}/en`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // The same build on a copy of the content that e2e/live-content.spec.ts changes.
      command: `node e2e/support/prepare-live-content.mjs "${liveContentDir}" .next-live && npx next start -H ${testHost} -p ${livePort}`,
      url: `http://${testHost}:${livePort}/en`,
      env: { CONTENT_DIR: liveContentDir, NEXT_DIST_DIR: '.next-live', BROADSHEET_SIDEBAR_REFRESH: '16' },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
