import { describe, expect, it } from 'vitest';
import { ChunkPool } from '../../../src/shared/audio/chunkPool.ts';

describe('ChunkPool', () => {
  it('hands back the buffers given to it, whole, before it allocates', () => {
    const pool = new ChunkPool(4, 2);
    const a = pool.take();
    const b = pool.take();
    expect(pool.allocated).toBe(2);
    pool.give(a.subarray(0, 1)); // a short last chunk is a view of a whole buffer
    pool.give(b);
    const again = [pool.take(), pool.take()];
    expect(again.some((c) => c.buffer === a.buffer) && again.some((c) => c.buffer === b.buffer)).toBe(true);
    expect(again.every((c) => c.length === 4)).toBe(true);
    expect(pool.allocated).toBe(2);
    expect(pool.take().buffer).not.toBe(a.buffer);
    expect(pool.allocated).toBe(3);
  });

  it('keeps at most its capacity, and each buffer once', () => {
    const pool = new ChunkPool(4, 1);
    const [a, b] = [pool.take(), pool.take()];
    pool.give(a);
    pool.give(a);
    pool.give(b);
    expect(pool.take().buffer).toBe(a.buffer);
    expect(pool.take().buffer).not.toBe(b.buffer);
    expect(pool.allocated).toBe(3);
  });

  it('leaves to the collector what is not one of its chunks: another size, or a buffer still transferred away', () => {
    const pool = new ChunkPool(4, 4);
    pool.give(new Float32Array(3));
    const moved = new Float32Array(4);
    structuredClone(moved, { transfer: [moved.buffer] });
    pool.give(moved);
    pool.take();
    expect(pool.allocated).toBe(1);
  });

  it('refuses a chunk length that is not a positive integer', () => {
    expect(() => new ChunkPool(0, 1)).toThrow(RangeError);
  });
});
