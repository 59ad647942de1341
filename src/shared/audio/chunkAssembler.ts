import { ChunkPool } from './chunkPool.ts';

/**
 * Gathers samples that arrive in pieces of any size into chunks of a fixed size. Chunks come from
 * `pool` and are the caller's once handed out (they may be transferred to a worker, and given back
 * to the pool after); only the chunk being filled is held here.
 */
export class ChunkAssembler {
  private current: Float32Array | null = null;
  private filled = 0;

  constructor(
    private readonly chunkSize: number,
    /** Where chunk buffers come from; by default a pool that keeps none, so every chunk is new. */
    private readonly pool = new ChunkPool(chunkSize, 0),
  ) {
    if (pool.chunkSamples !== chunkSize) throw new RangeError(`A pool of ${pool.chunkSamples}-sample chunks cannot fill ${chunkSize}-sample ones`);
  }

  /** Adds samples; returns the chunks they completed, in order. */
  push(samples: Float32Array): Float32Array[] {
    const completed: Float32Array[] = [];
    let offset = 0;
    while (offset < samples.length) {
      const current = (this.current ??= this.pool.take());
      const take = Math.min(this.chunkSize - this.filled, samples.length - offset);
      current.set(samples.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === this.chunkSize) {
        completed.push(current);
        this.current = null;
        this.filled = 0;
      }
    }
    return completed;
  }

  /** The last, partial chunk (a view of a whole chunk's buffer, so the pool can take it back), or null when nothing is left. */
  finish(): Float32Array | null {
    if (this.current === null) return null;
    const last = this.current.subarray(0, this.filled);
    this.current = null;
    this.filled = 0;
    return last;
  }
}
