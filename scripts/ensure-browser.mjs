#!/usr/bin/env node
// Before the browser tests: use CHROMIUM_PATH or the system Chromium (/usr/bin/chromium) when
// present; otherwise fetch Playwright's own Chromium, as on a developer's machine with internet.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const system = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(system)) {
  console.log(`browser tests use ${system}`);
} else {
  console.log('no system Chromium found: installing Playwright’s own');
  execSync('npx playwright install chromium', { stdio: 'inherit' });
}
