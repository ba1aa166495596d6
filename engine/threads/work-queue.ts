/**
 * The next unit of work to take, shared by every thread of a parallel run: one Int32 advanced
 * atomically, so no unit waits for a message round trip and none is taken twice.
 */

/** A counter over `count` units in shared memory; each thread attaches to the same buffer. */
export class WorkQueue {
  private readonly next: Int32Array;

  constructor(readonly count: number, readonly shared: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    this.next = new Int32Array(shared);
  }

  /** Takes the next unit, or −1 when none is left. */
  take(): number {
    const k = Atomics.add(this.next, 0, 1);
    return k < this.count ? k : -1;
  }
}
