export interface BoundedQueueOptions {
  /**
   * The share of the time the work may take, above 0 and at most 1: after a task that took
   * `t` ms the next waits `t × (1 − share) / share`, so work on the server's own thread leaves
   * it free the rest of the time. 1 (the default): the next starts at once.
   */
  share?: number;
  now?: () => number;
  /** Waits `ms` (a timer; tests pass their own). */
  rest?: (ms: number) => Promise<void>;
}

/**
 * Work that runs at most `running` at a time, with at most `waiting` more in line; past that it
 * is refused at once, never queued without end. A flood of such work then holds a fixed number
 * of places, and the caller can answer 503 with Retry-After instead of letting the line grow.
 */
export class BoundedQueue {
  private active = 0;
  private readonly line: (() => void)[] = [];
  private readonly share: number;
  private readonly now: () => number;
  private readonly rest: (ms: number) => Promise<void>;

  constructor(
    readonly running: number,
    readonly waiting: number,
    options: BoundedQueueOptions = {},
  ) {
    this.share = options.share !== undefined && options.share > 0 && options.share <= 1 ? options.share : 1;
    this.now = options.now ?? performance.now.bind(performance);
    this.rest = options.rest ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Work running (or resting after it) and waiting now. */
  get load(): number {
    return this.active + this.line.length;
  }

  /** Runs `task` in its turn; `undefined` at once when every place is taken. */
  run<T>(task: () => Promise<T>): Promise<T> | undefined {
    if (this.active >= this.running && this.line.length >= this.waiting) return undefined;
    return this.turn().then(async () => {
      const started = this.now();
      try {
        return await task();
      } finally {
        void this.leave(this.now() - started);
      }
    });
  }

  private turn(): Promise<void> {
    if (this.active < this.running) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.line.push(resolve));
  }

  /** The place rests its share, then passes on, after the event loop has served what came in meanwhile. */
  private async leave(took: number): Promise<void> {
    const rest = (took * (1 - this.share)) / this.share;
    if (rest > 0) await this.rest(rest);
    else if (this.line.length > 0) await new Promise((resolve) => setImmediate(resolve));
    const next = this.line.shift();
    if (next) next();
    else this.active--;
  }
}
