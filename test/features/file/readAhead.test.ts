import { describe, expect, it } from 'vitest';
import { ReadAhead } from '../../../src/features/file/readAhead.ts';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** A producer of numbered chunks that records how far it has been pulled. */
function producer(count: number, size: number, opts: { delayMs?: number; failAfter?: number } = {}) {
  const state = { pulled: 0, closed: false };
  async function* chunks() {
    try {
      for (let i = 0; i < count; i++) {
        if (opts.delayMs) await tick(opts.delayMs);
        if (opts.failAfter === i) throw new Error('corrupt at chunk ' + i);
        state.pulled++;
        yield new Float32Array(size).fill(i);
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, chunks: chunks() };
}

describe('ReadAhead (decoder back-pressure)', () => {
  it('passes every chunk through in order', async () => {
    const { chunks } = producer(25, 10);
    const seen: number[] = [];
    for await (const chunk of new ReadAhead(chunks, 35, (c) => c.length)) seen.push(chunk[0]);
    expect(seen).toEqual([...Array(25).keys()]);
  });

  it('never lets a fast decoder get more than the limit ahead of a slow consumer', async () => {
    const { state, chunks } = producer(60, 100);
    const ahead = new ReadAhead(chunks, 400, (c) => c.length);
    let consumed = 0;
    let maxAhead = 0;
    for await (const _ of ahead) {
      consumed++;
      // The "model" works for a while; the decoder keeps running meanwhile.
      await tick(2);
      maxAhead = Math.max(maxAhead, state.pulled - consumed);
    }
    expect(consumed).toBe(60);
    // It did read ahead (the two overlap) ...
    expect(maxAhead).toBeGreaterThanOrEqual(3);
    // ... but by at most limit − 1 + one chunk: 4 chunks of 100 samples.
    expect(maxAhead).toBeLessThanOrEqual(4);
    expect(ahead.peak).toBeLessThanOrEqual(400 - 1 + 100);
    expect(ahead.peak).toBeGreaterThanOrEqual(300);
  });

  it('holds the bound in weight, whatever the chunk sizes', async () => {
    async function* uneven() {
      for (const n of [1, 500, 3, 250, 250, 7, 900, 1, 1, 1]) yield new Float32Array(n);
    }
    const ahead = new ReadAhead(uneven(), 600, (c) => c.length);
    for await (const _ of ahead) await tick(1);
    expect(ahead.peak).toBeLessThanOrEqual(600 - 1 + 900);
    expect(ahead.buffered).toBe(0);
  });

  it('keeps up with a producer slower than its consumer', async () => {
    const { chunks } = producer(10, 5, { delayMs: 3 });
    let n = 0;
    for await (const _ of new ReadAhead(chunks, 1000, (c) => c.length)) n++;
    expect(n).toBe(10);
  });

  it('delivers what was decoded before a decoding error, then the error', async () => {
    const { chunks } = producer(10, 5, { failAfter: 4 });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const chunk of new ReadAhead(chunks, 1000, (c) => c.length)) {
          await tick(1);
          seen.push(chunk[0]);
        }
      })(),
    ).rejects.toThrow('corrupt at chunk 4');
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('stops the decoder when the consumer stops (cancel)', async () => {
    const { state, chunks } = producer(1000, 10);
    for await (const chunk of new ReadAhead(chunks, 50, (c) => c.length)) {
      if (chunk[0] === 3) break;
    }
    expect(state.closed).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(4 + 5);
  });

  it('rejects a limit that could never let a chunk through', () => {
    expect(() => new ReadAhead(producer(1, 1).chunks, 0, (c) => c.length)).toThrow(RangeError);
  });
});
