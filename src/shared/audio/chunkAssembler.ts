/**
 * Gathers samples that arrive in pieces of any size into chunks of a fixed size. Every chunk is a
 * new array that the caller owns (it may be transferred to a worker); only the chunk being filled
 * is held here.
 */
export class ChunkAssembler {
  private current: Float32Array;
  private filled = 0;

  constructor(private readonly chunkSize: number) {
    this.current = new Float32Array(chunkSize);
  }

  /** Adds samples; returns the chunks they completed, in order. */
  push(samples: Float32Array): Float32Array[] {
    const completed: Float32Array[] = [];
    let offset = 0;
    while (offset < samples.length) {
      const take = Math.min(this.chunkSize - this.filled, samples.length - offset);
      this.current.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.chunkSize) {
        completed.push(this.current);
        this.current = new Float32Array(this.chunkSize);
        this.filled = 0;
      }
    }
    return completed;
  }

  /** The last, partial chunk, or null when nothing is left. */
  finish(): Float32Array | null {
    if (this.filled === 0) return null;
    const last = this.current.slice(0, this.filled);
    this.filled = 0;
    return last;
  }
}
