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

/**
 * The reading half of the suite runs a second time against a server on the PostgreSQL store
 * (issue 27: one interface, two engines, the same tests), where Debian's PostgreSQL is installed;
 * the specs that change content or start servers of their own run once.
 */
const POSTGRES_BIN = process.env.POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
const withPostgres = existsSync(`${POSTGRES_BIN}/initdb`);
const postgresPort = Number(process.env.E2E_PG_PORT ?? 3102);
const postgresOrigin = `http://${testHost}:${postgresPort}`;
const READING_SPECS =
  /(accessibility|article-fields|article|authors|feeds-and-metadata|home|legacy-urls|not-found|responsive|search|taxonomies|theme-and-images|widgets-and-menus)\.spec\.ts$/;
if (!withPostgres) console.warn(`[e2e] ${POSTGRES_BIN}/initdb is missing: the suite runs on SQLite only (apt-get install postgresql)`);

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
    ...(withPostgres ? [{ name: 'postgres', testMatch: READING_SPECS, use: { ...browser, baseURL: postgresOrigin } }] : []),
    {
      // Timing comparisons (a reader's latency, quiet against under a flood) run after every
      // other test, alone, so no other test's load is counted as the flood's.
      name: 'alone',
      testMatch: EXCLUSIVE,
      dependencies: withPostgres ? ['chromium', 'postgres'] : ['chromium'],
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
    ...(withPostgres
      ? [
          {
            command: `node e2e/support/postgres-site.mjs ${postgresPort} ${process.env.E2E_PG_DB_PORT ?? 3593} .next-postgres`,
            url: `${postgresOrigin}/en`,
            reuseExistingServer: false,
            timeout: 120_000,
            // SIGTERM, not Playwright's default SIGKILL: the script stops its PostgreSQL.
            gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 15_000 },
          },
        ]
      : []),
  ],
});
