import { describe, expect, it } from 'vitest';
import { ChunkAssembler } from '../../../src/shared/audio/chunkAssembler.ts';

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
    expect(last?.buffer.byteLength).toBe(8);
    expect(assembler.finish()).toBeNull();
  });

  it('does not keep a chunk it handed out', () => {
    const assembler = new ChunkAssembler(2);
    const [first] = assembler.push(new Float32Array([1, 2]));
    assembler.push(new Float32Array([3]));
    expect(first).toEqual(new Float32Array([1, 2]));
  });
});
