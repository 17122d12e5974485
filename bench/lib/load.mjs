/** Throughput and latency of one URL under load (autocannon), after one request to warm it. */
import autocannon from 'autocannon';

export async function loadTest(url, { connections = 32, durationSec = 20 } = {}) {
  await fetch(url).then((response) => response.arrayBuffer());
  const result = await autocannon({ url, connections, duration: durationSec });
  return {
    url,
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}
