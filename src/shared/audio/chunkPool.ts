/**
 * Chunk buffers the engine worker hands back once it has copied them into its window, to be filled
 * again. A chunk dropped in the worker instead is garbage its collector reaches late (the worker
 * allocates little of its own), so each file would leave megabytes of native memory behind.
 * Buffers stay owned by one side at a time: a chunk is given back only after the engine returned it.
 */
export class ChunkPool {
  private readonly free: ArrayBuffer[] = [];
  private made = 0;

  constructor(
    readonly chunkSamples: number,
    /** The most buffers kept between uses: enough for the chunks in flight, no more. */
    private readonly capacity: number,
  ) {
    if (!(Number.isInteger(chunkSamples) && chunkSamples > 0)) throw new RangeError(`A chunk needs a positive length, got ${chunkSamples}`);
  }

  /** A chunk-sized array to fill: one given back when there is one, else a new one. */
  take(): Float32Array {
    const buffer = this.free.pop();
    if (buffer !== undefined) return new Float32Array(buffer);
    this.made++;
    return new Float32Array(this.chunkSamples);
  }

  /**
   * Takes back a chunk, or any view of a chunk-sized buffer (a short last chunk). Anything else,
   * a buffer still detached by a transfer included, is left to the collector.
   */
  give(chunk: Float32Array): void {
    const { buffer } = chunk;
    if (!(buffer instanceof ArrayBuffer) || buffer.byteLength !== this.chunkSamples * Float32Array.BYTES_PER_ELEMENT) return;
    if (this.free.length < this.capacity && !this.free.includes(buffer)) this.free.push(buffer);
  }

  /** Buffers allocated so far: stays flat while chunks come back (a test hook). */
  get allocated(): number {
    return this.made;
  }
}
