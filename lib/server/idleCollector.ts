import { performance } from 'node:perf_hooks';
import { collectGarbage } from './collectGarbage';

/** How often the server looks at how busy it was. */
const CHECK_MS = 10_000;
/** Event-loop utilization below which an interval counts as idle (requests took < 2 % of it). */
const IDLE_UTILIZATION = 0.02;
/** Heap grown by at least this much since the last collection leaves something worth collecting. */
const GROWTH_BYTES = 32 * 1024 * 1024;

export interface IdleCollectorProbes {
  /** Event-loop utilization (0–1) since the previous call. */
  utilization(): number;
  heapTotal(): number;
  heapUsed(): number;
  collect(): void;
}

/**
 * The decision, apart from timers and V8: call `check()` once an interval. It collects when an
 * idle interval comes after the heap grew, once per quiet spell, never while work goes on.
 */
export function idleCollector(probes: IdleCollectorProbes): { check(): boolean } {
  let heapAfterCollection = probes.heapUsed();
  let collectedThisQuiet = false;
  return {
    check() {
      if (probes.utilization() >= IDLE_UTILIZATION) {
        collectedThisQuiet = false;
        return false;
      }
      if (collectedThisQuiet || probes.heapTotal() - heapAfterCollection < GROWTH_BYTES) return false;
      probes.collect();
      heapAfterCollection = probes.heapUsed();
      collectedThisQuiet = true;
      return true;
    },
  };
}

/**
 * Hands memory back after a burst of traffic. Under load V8 grows the heap to collect less often,
 * and Node, unlike a browser, never tells it when the load is over: on the corpus the server
 * held 570–670 MB after a minute or two of load and kept it. With this, within 30 s of the load
 * ending it is back to 360–400 MB (265 MB before the load): one full collection, run when no
 * reader waits.
 */
export function startIdleCollector(): void {
  let last = performance.eventLoopUtilization();
  const collector = idleCollector({
    utilization() {
      const now = performance.eventLoopUtilization();
      const { utilization } = performance.eventLoopUtilization(now, last);
      last = now;
      return utilization;
    },
    heapTotal: () => process.memoryUsage().heapTotal,
    heapUsed: () => process.memoryUsage().heapUsed,
    collect() {
      // The second pass releases the pages the first one emptied.
      collectGarbage();
      collectGarbage();
    },
  });
  setInterval(() => collector.check(), CHECK_MS).unref();
}
