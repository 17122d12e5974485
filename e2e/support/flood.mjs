// A search flood in a process of its own, so that the browser tests' reader, timed in the test's
// process, does not share an event loop with 32 busy connections:
//   node e2e/support/flood.mjs <origin> <seconds> <path>...   → prints {"codes": {...}, "errors": n}
import autocannon from 'autocannon';

const [origin, seconds, ...paths] = process.argv.slice(2);
const codes = {};
const instance = autocannon({ url: origin, connections: 32, duration: Number(seconds), requests: paths.map((path) => ({ path })) }, (error, result) => {
  if (error) throw error;
  process.stdout.write(JSON.stringify({ codes, errors: result.errors + result.timeouts }));
});
instance.on('response', (_client, statusCode) => (codes[statusCode] = (codes[statusCode] ?? 0) + 1));
