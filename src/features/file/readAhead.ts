/**
 * Back-pressure between a producer (the audio decoder) and a slower consumer (the model): pulls
 * from `source` while the consumer works, so the two overlap, but stops pulling once `limit` worth
 * of items (by `weight`) wait unconsumed. A pull starts only below the limit, so at most
 * `limit` − 1 + the heaviest item's weight is ever buffered.
 */
export class ReadAhead<T> implements AsyncIterable<T> {
  private readonly buffer: T[] = [];
  private bufferedWeight = 0;
  private peakWeight = 0;
  private pulling = false;
  private exhausted = false;
  private failure: { readonly error: unknown } | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  /** Dropped once iteration starts, so figures kept after a job do not keep its decoder (and file) alive. */
  private source: AsyncIterable<T> | null;

  constructor(
    source: AsyncIterable<T>,
    readonly limit: number,
    private readonly weight: (item: T) => number,
  ) {
    if (!(limit > 0)) throw new RangeError(`The read-ahead limit must be positive, not ${limit}.`);
    this.source = source;
  }

  /** Weight waiting unconsumed now. */
  get buffered(): number {
    return this.bufferedWeight;
  }

  /** The most weight that ever waited unconsumed. */
  get peak(): number {
    return this.peakWeight;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    if (this.source === null) throw new Error('A ReadAhead can be iterated only once.');
    const iterator = this.source[Symbol.asyncIterator]();
    this.source = null;
    try {
      for (;;) {
        this.fill(iterator);
        while (this.buffer.length === 0) {
          if (this.failure !== null) throw this.failure.error;
          if (this.exhausted) return;
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
        const item = this.buffer.shift()!;
        this.bufferedWeight -= this.weight(item);
        this.fill(iterator);
        yield item;
      }
    } finally {
      this.stopped = true;
      this.buffer.length = 0;
      this.bufferedWeight = 0;
      // An async generator queues return() behind a pending next(), so this also waits for it.
      if (!this.exhausted && this.failure === null) await iterator.return?.();
    }
  }

  private fill(iterator: AsyncIterator<T>): void {
    if (this.pulling || this.exhausted || this.failure !== null || this.stopped || this.bufferedWeight >= this.limit) return;
    this.pulling = true;
    iterator.next().then(
      (result) => {
        this.pulling = false;
        if (result.done) {
          this.exhausted = true;
        } else if (!this.stopped) {
          this.buffer.push(result.value);
          this.bufferedWeight += this.weight(result.value);
          this.peakWeight = Math.max(this.peakWeight, this.bufferedWeight);
        }
        this.settle(iterator);
      },
      (error: unknown) => {
        this.pulling = false;
        this.failure = { error };
        this.settle(iterator);
      },
    );
  }

  private settle(iterator: AsyncIterator<T>): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
    this.fill(iterator);
  }
}
