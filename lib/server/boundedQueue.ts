/**
 * Work that runs at most `running` at a time, with at most `waiting` more in line; past that it
 * is refused at once, never queued without end. A flood of such work then holds a fixed number
 * of places, and the caller can answer 503 with Retry-After instead of letting the line grow.
 */
export class BoundedQueue {
  private active = 0;
  private readonly line: (() => void)[] = [];

  constructor(
    readonly running: number,
    readonly waiting: number,
  ) {}

  /** Work running and waiting now. */
  get load(): number {
    return this.active + this.line.length;
  }

  /** Runs `task` in its turn; `undefined` at once when every place is taken. */
  run<T>(task: () => Promise<T>): Promise<T> | undefined {
    if (this.active >= this.running && this.line.length >= this.waiting) return undefined;
    return this.turn().then(async () => {
      try {
        return await task();
      } finally {
        this.leave();
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

  private leave(): void {
    const next = this.line.shift();
    if (!next) {
      this.active--;
      return;
    }
    // The place passes straight on, after the event loop has served what came in meanwhile.
    setImmediate(next);
  }
}
