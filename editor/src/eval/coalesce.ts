/**
 * Coalescing for a stream of requests (slider moves): one runs at a time, and while it runs only
 * the newest submission waits; older waiting ones are dropped. Each run is told the time of the
 * earliest input it answers (null when none was an input), so latency is measured from the
 * first unanswered event.
 */

/** Runs `work` on the newest submitted value, one at a time. */
export class Coalescer<T> {
  private busy = false;
  private waiting: { value: T; since: number | null } | null = null;

  constructor(private readonly work: (value: T, since: number | null) => Promise<void>) {}

  /** Submits a value; `since` is when its input happened (performance.now()), null for a redraw. */
  submit(value: T, since: number | null): void {
    const before = this.waiting?.since ?? null;
    this.waiting = { value, since: before === null ? since : since === null ? before : Math.min(before, since) };
    if (!this.busy) void this.pump();
  }

  private async pump(): Promise<void> {
    this.busy = true;
    try {
      while (this.waiting) {
        const next = this.waiting;
        this.waiting = null;
        await this.work(next.value, next.since);
      }
    } finally {
      this.busy = false;
    }
  }
}
