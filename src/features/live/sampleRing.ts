/**
 * A fixed-capacity FIFO of samples: the only audio the page holds between the microphone and the
 * engine. Its size is set once, so a session of any length uses the same memory; when the engine
 * falls so far behind that it is full, `write` says so instead of overwriting unread audio.
 */
export class SampleRing {
  private readonly buffer: Float32Array;
  private start = 0;
  private size = 0;

  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new RangeError(`A ring needs a positive capacity, got ${capacity}`);
    this.buffer = new Float32Array(capacity);
  }

  get capacity(): number {
    return this.buffer.length;
  }

  /** Samples written and not read yet. */
  get length(): number {
    return this.size;
  }

  /** Appends as many samples as fit; returns how many did (fewer than given only when full). */
  write(samples: Float32Array): number {
    const count = Math.min(samples.length, this.buffer.length - this.size);
    const end = (this.start + this.size) % this.buffer.length;
    const firstPart = Math.min(count, this.buffer.length - end);
    this.buffer.set(samples.subarray(0, firstPart), end);
    this.buffer.set(samples.subarray(firstPart, count), 0);
    this.size += count;
    return count;
  }

  /** Removes the oldest samples, as many as fit in `into`; returns the part of `into` they fill. */
  read(into: Float32Array): Float32Array {
    const count = Math.min(into.length, this.size);
    const out = into.subarray(0, count);
    const firstPart = Math.min(count, this.buffer.length - this.start);
    out.set(this.buffer.subarray(this.start, this.start + firstPart));
    out.set(this.buffer.subarray(0, count - firstPart), firstPart);
    this.start = (this.start + count) % this.buffer.length;
    this.size -= count;
    return out;
  }
}
