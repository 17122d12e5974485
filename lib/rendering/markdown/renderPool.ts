import { Worker } from 'node:worker_threads';
import { fromSources, spawnFromSources } from '@/lib/server/spawnThread';
import type { RenderedBody, RenderOptions } from './pipeline';
import { threadCpuMs } from './threadCpu';

/** What became of one body: its HTML, or why there is none. */
export type RenderOutcome =
  | { kind: 'rendered'; body: RenderedBody }
  /** Stopped at its limit (`limit` says which), and its thread replaced. */
  | { kind: 'late'; limit: string }
  /** The renderer threw, or its thread died (out of memory). */
  | { kind: 'failed'; error: string }
  /** No render thread could be started. */
  | { kind: 'unavailable'; error: string };

/** How long a body may take: `cpuMs` of its thread's work where that can be read (Linux), else `cpuMs` of the clock; never more than `wallMs`. */
export interface RenderLimits {
  cpuMs: number;
  wallMs: number;
}

interface Job {
  markdown: string;
  options: RenderOptions;
  settle: (outcome: RenderOutcome) => void;
}

interface Running {
  id: number;
  settle: Job['settle'];
  timer: NodeJS.Timeout;
  /** The thread's CPU time when it took the body. */
  cpuAtStart?: number;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  /** Its id in the system, whose CPU time can then be read. */
  tid?: number;
  job?: Running;
}

type Reply = { ready: true; tid?: number } | { id: number; html: string; toc: RenderedBody['toc'] } | { id: number; error: string };

/**
 * A render thread's heap. The corpus's largest body takes it about 11 MB more than the thread's
 * own; a megabyte of `[` took 760 MB in the 3 s before it was stopped. Past this the thread dies
 * (ERR_WORKER_OUT_OF_MEMORY), its body is shown as text and the thread replaced.
 */
const HEAP_MB = 256;

/** A render thread, started the way Turbopack compiles into the server's bundle, or from the sources under tsx. */
export function spawnRenderThread(): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: HEAP_MB };
  return fromSources()
    ? spawnFromSources(import.meta.url, 'renderWorker.ts', undefined, { resourceLimits })
    : new Worker(new URL('./renderWorker.ts', import.meta.url), { resourceLimits });
}

/** Threads that die before they are loaded, in a row, before the pool stops starting them. */
const START_ATTEMPTS = 3;
/** How often the CPU time of busy threads is read. */
const WATCH_MS = 100;

/**
 * Threads that turn Markdown into HTML, one body each at a time, the rest waiting in order. A
 * body is given its limits from the moment a loaded thread takes it: past them its thread is
 * stopped and replaced, and the body is `late`. One slow body holds one thread, never the
 * server's, and the other threads go on rendering; a normal article waits only when every
 * thread is on a body that is not done yet, for at most the limit. Work is counted in CPU time,
 * so that a normal body on a busy machine, which waits for a core, is not taken for a slow one.
 */
export class RenderPool {
  private readonly threads = new Set<Thread>();
  private readonly waiting: Job[] = [];
  private readonly whenLoaded: (() => void)[] = [];
  private sequence = 0;
  private failedStarts = 0;
  private broken?: string;
  private watch?: NodeJS.Timeout;

  constructor(
    readonly size: number,
    readonly limits: RenderLimits,
    private readonly spawn: () => Worker = spawnRenderThread,
  ) {
    for (let i = 0; i < size; i++) this.start();
  }

  render(markdown: string, options: RenderOptions): Promise<RenderOutcome> {
    if (this.broken !== undefined) return Promise.resolve({ kind: 'unavailable', error: this.broken });
    return new Promise((settle) => {
      this.waiting.push({ markdown, options, settle });
      this.dispatch();
    });
  }

  /** Resolves once every thread has loaded its modules (or none can be started). */
  loaded(): Promise<void> {
    return new Promise((resolve) => {
      this.whenLoaded.push(resolve);
      this.sayLoaded();
      this.hold();
    });
  }

  /** Stops every thread; bodies in hand or waiting are `unavailable`. */
  async close(): Promise<void> {
    this.broken = 'the render threads were stopped';
    const threads = [...this.threads];
    this.threads.clear();
    for (const thread of threads) this.finish(thread, { kind: 'unavailable', error: this.broken });
    this.giveUpWaiting(this.broken);
    this.sayLoaded();
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private start(): void {
    if (this.broken !== undefined) return;
    let worker: Worker;
    try {
      worker = this.spawn();
    } catch (error) {
      this.startFailed(error as Error);
      return;
    }
    const thread: Thread = { worker, ready: false };
    this.threads.add(thread);
    worker.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        thread.ready = true;
        thread.tid = reply.tid;
        this.failedStarts = 0;
        this.sayLoaded();
      } else if (thread.job?.id === reply.id) {
        this.finish(thread, 'error' in reply ? { kind: 'failed', error: reply.error } : { kind: 'rendered', body: { html: reply.html, toc: reply.toc } });
      }
      this.dispatch();
    });
    // A thread that died (out of memory, or a module that would not load) is replaced; the body it had failed.
    worker.on('error', (error) => this.lost(thread, error));
    worker.on('exit', (code) => this.lost(thread, new Error(`the render thread exited with code ${code}`)));
    this.hold();
  }

  private lost(thread: Thread, error: Error): void {
    if (!this.threads.delete(thread)) return;
    void thread.worker.terminate();
    if (!thread.ready) return this.startFailed(error);
    this.finish(thread, { kind: 'failed', error: `${error.name}: ${error.message}` });
    this.start();
    this.dispatch();
  }

  private startFailed(error: Error): void {
    if (++this.failedStarts < START_ATTEMPTS) return this.start();
    if (this.threads.size === 0) {
      this.broken = `no render thread could be started: ${error.message}`;
      this.giveUpWaiting(this.broken);
    }
    this.sayLoaded();
  }

  private giveUpWaiting(error: string): void {
    for (const job of this.waiting.splice(0)) job.settle({ kind: 'unavailable', error });
  }

  private sayLoaded(): void {
    // Fewer threads than asked for when some would not start: the others serve.
    const starting = this.threads.size < this.size && this.failedStarts < START_ATTEMPTS;
    const all = this.broken !== undefined || (!starting && [...this.threads].every((thread) => thread.ready));
    if (all) for (const resolve of this.whenLoaded.splice(0)) resolve();
    this.hold();
  }

  private dispatch(): void {
    for (const thread of this.threads) {
      if (!thread.ready || thread.job) continue;
      const job = this.waiting.shift();
      if (!job) break;
      const id = ++this.sequence;
      const cpuAtStart = thread.tid === undefined ? undefined : threadCpuMs(thread.tid);
      // Where CPU time cannot be read, the clock is the only limit.
      const wallMs = cpuAtStart === undefined ? this.limits.cpuMs : this.limits.wallMs;
      const timer = setTimeout(() => this.late(thread, `${wallMs / 1000} s`), wallMs);
      thread.job = { id, settle: job.settle, timer, cpuAtStart };
      thread.worker.postMessage({ id, markdown: job.markdown, options: job.options });
    }
    this.hold();
  }

  /** Stops the bodies that have used their CPU time. */
  private watchCpu(): void {
    for (const thread of this.threads) {
      const start = thread.job?.cpuAtStart;
      if (start === undefined || thread.tid === undefined) continue;
      const used = (threadCpuMs(thread.tid) ?? start) - start;
      if (used > this.limits.cpuMs) this.late(thread, `${this.limits.cpuMs / 1000} s of work`);
    }
  }

  private late(thread: Thread, limit: string): void {
    if (!this.threads.delete(thread)) return;
    this.finish(thread, { kind: 'late', limit });
    void thread.worker.terminate();
    this.start();
    this.dispatch();
  }

  private finish(thread: Thread, outcome: RenderOutcome): void {
    const job = thread.job;
    if (!job) return;
    clearTimeout(job.timer);
    thread.job = undefined;
    job.settle(outcome);
  }

  /**
   * Threads keep a process alive only while there is a body to render or someone waits for them
   * to load (tests and scripts end when done); CPU time is read only while there is a body.
   */
  private hold(): void {
    const rendering = this.waiting.length > 0 || [...this.threads].some((thread) => thread.job);
    const busy = rendering || this.whenLoaded.length > 0;
    for (const thread of this.threads) {
      if (busy) thread.worker.ref();
      else thread.worker.unref();
    }
    if (rendering && !this.watch) {
      this.watch = setInterval(() => this.watchCpu(), WATCH_MS);
      this.watch.unref();
    } else if (!rendering && this.watch) {
      clearInterval(this.watch);
      this.watch = undefined;
    }
  }
}
