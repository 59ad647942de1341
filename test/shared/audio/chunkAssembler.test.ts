import { describe, expect, it } from 'vitest';
import { ChunkAssembler } from '../../../src/shared/audio/chunkAssembler.ts';
import { ChunkPool } from '../../../src/shared/audio/chunkPool.ts';

describe('ChunkAssembler', () => {
  it('cuts pieces of any size into fixed chunks, in order, each a separate buffer', () => {
    const assembler = new ChunkAssembler(4);
    const chunks = [
      ...assembler.push(new Float32Array([0, 1, 2])),
      ...assembler.push(new Float32Array([])),
      ...assembler.push(new Float32Array([3, 4, 5, 6, 7, 8, 9])),
    ];
    expect(chunks).toEqual([new Float32Array([0, 1, 2, 3]), new Float32Array([4, 5, 6, 7])]);
    expect(chunks[0].buffer).not.toBe(chunks[1].buffer);
    const last = assembler.finish();
    expect(last).toEqual(new Float32Array([8, 9]));
    // A view of a whole chunk's buffer, so that a pool can take it back.
    expect(last?.buffer.byteLength).toBe(16);
    expect(assembler.finish()).toBeNull();
  });

  it('does not keep a chunk it handed out', () => {
    const assembler = new ChunkAssembler(2);
    const [first] = assembler.push(new Float32Array([1, 2]));
    assembler.push(new Float32Array([3]));
    expect(first).toEqual(new Float32Array([1, 2]));
    const last = assembler.finish();
    assembler.push(new Float32Array([4]));
    expect(last).toEqual(new Float32Array([3]));
  });

  it('fills the buffers given back to its pool instead of allocating', () => {
    const pool = new ChunkPool(3, 2);
    const assembler = new ChunkAssembler(3, pool);
    for (let round = 0; round < 100; round++) {
      const chunks = assembler.push(new Float32Array([round, round, round, round + 0.5, round + 0.5, round + 0.5]));
      expect(chunks.map((c) => c[0])).toEqual([round, round + 0.5]);
      chunks.forEach((chunk) => pool.give(chunk));
    }
    expect(pool.allocated).toBe(2);
  });

  it('refuses a pool of another chunk size', () => {
    expect(() => new ChunkAssembler(4, new ChunkPool(3, 1))).toThrow(RangeError);
  });
});
