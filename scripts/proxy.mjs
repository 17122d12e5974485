#!/usr/bin/env node
/**
 * The shipped cache in front of a running site, purged by it:
 *
 *   npm run proxy -- --upstream http://127.0.0.1:3000 --port 6081
 *
 * runs Debian's varnishd on deploy/varnish/broadsheet.vcl (only its backend's address changed,
 * Debian's own options: `-s malloc,256m`, every parameter at its default) on 127.0.0.1:PORT, and
 * prints the BROADSHEET_PURGE value to start the site with, so that the site purges it:
 *
 *   BROADSHEET_PURGE=varnish=http://127.0.0.1:6081 npm start -- -H 127.0.0.1 -p 3000
 *
 * The site may be started before or after; purges a site sent while the cache was not yet up are
 * retried until it is. Runs until Ctrl-C. `--vcl FILE` runs another VCL (one you changed).
 */
import { parseArgs } from 'node:util';
import { startVarnish, varnishMissing } from '../bench/lib/varnish.mjs';

const { values } = parseArgs({
  options: {
    upstream: { type: 'string', default: 'http://127.0.0.1:3000' },
    port: { type: 'string', default: '6081' },
    host: { type: 'string', default: '127.0.0.1' },
    vcl: { type: 'string', default: 'deploy/varnish/broadsheet.vcl' },
  },
});

const missing = varnishMissing();
if (missing) {
  console.error(`npm run proxy: ${missing}`);
  process.exit(1);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`npm run proxy: --port ${values.port} is not a port number`);
  process.exit(1);
}
try {
  new URL(values.upstream);
} catch {
  console.error(`npm run proxy: --upstream ${values.upstream} is not a URL (http://127.0.0.1:3000)`);
  process.exit(1);
}

const varnish = await startVarnish({ port, upstream: values.upstream, host: values.host, vcl: values.vcl, quiet: false });
console.log(`Varnish (${values.vcl}) on ${varnish.origin}, in front of ${values.upstream}.`);
console.log('Start the site with this setting so that it purges this cache when content changes:');
console.log(`  BROADSHEET_PURGE=${varnish.purgeSetting}`);
const stop = async () => {
  await varnish.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('SIGHUP', stop);
// Until stopped, or until varnishd stops on its own.
const code = await varnish.exited;
console.error(`varnishd exited (${code})`);
process.exit(1);
