/** Percentiles and summaries of latency samples, in milliseconds. */
export function percentile(samples, p) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
}

export function summary(samples) {
  return {
    count: samples.length,
    p50: round(percentile(samples, 0.5)),
    p99: round(percentile(samples, 0.99)),
    max: round(Math.max(...samples)),
  };
}

export const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
