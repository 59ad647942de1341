import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { warmUpRuntime, warmUpSettled, type WarmUpRuntime } from '../../../src/engine/worker/warmUpRuntime.ts';

// Milliseconds per run of the warm-up in the app's engine worker (Chromium, base-bench's runtime):
// on 2 threads, baseline code until the optimizing compile lands at run 19; on 1 thread, with a core
// to spare for the compile, the runs only settle from about 38 to 34 ms.
const TWO_THREADS = [226.4, 63.8, 46.9, 48.7, 67.8, 58.9, 67, 69.2, 61.6, 59.1, 61.7, 41.4, 69.7, 46.1, 42.1, 37.7, 57.8, 55.8, 45.5, 22.4, 22.1, 21, 20.3];
const ONE_THREAD = [182, 41, 37, 41, 37, 38, 56, 40, 36, 37, 36, 37, 39, 43, 37, 50, 55, 34, 34, 34, 34, 35, 35, 35, 34, 35, 35, 35];

const settledAt = (runMs: number[]) => runMs.findIndex((_, i) => warmUpSettled(runMs.slice(0, i + 1)));

describe('warmUpSettled', () => {
  it('ends when the runs have sped up by half, or have settled at their fastest', () => {
    expect(settledAt(TWO_THREADS)).toBe(21);
    expect(settledAt(ONE_THREAD)).toBe(23);
  });

  it('is not fooled by one fast run, or by a plateau slower than an earlier run', () => {
    const slow = Array<number>(25).fill(60);
    expect(settledAt([200, ...slow.slice(0, 18), 20, 60, 60, 60])).toBe(-1);
    expect(settledAt([200, 40, ...slow])).toBe(-1);
  });

  it('runs at least 20 times', () => {
    expect(warmUpSettled([100, 60, 60, 60, 10, 10, 10])).toBe(false);
    expect(settledAt([100, 60, 60, 60, ...Array<number>(30).fill(10)])).toBe(19);
  });
});

/** The real runtime, with a clock that makes run i take `runMs(i)` milliseconds. */
function timedRuntime(runMs: (run: number) => number) {
  let clock = 0;
  let runs = 0;
  let released = false;
  const runtime: WarmUpRuntime = {
    Tensor: ort.Tensor as unknown as WarmUpRuntime['Tensor'],
    InferenceSession: {
      async create(model, options) {
        expect(options.executionProviders).toEqual(['wasm']);
        const session = await ort.InferenceSession.create(model);
        return {
          async run(feeds) {
            const outputs = await session.run(feeds as ort.InferenceSession.FeedsType);
            clock += runMs(runs++);
            return outputs as unknown as Record<string, { dispose(): void }>;
          },
          async release() {
            released = true;
            await session.release();
          },
        };
      },
    },
  };
  return { runtime, now: () => clock, released: () => released };
}

describe('warmUpRuntime', () => {
  it('runs the warm-up graph until the runs speed up, then releases it', async () => {
    const timed = timedRuntime((run) => TWO_THREADS[run]);
    const report = await warmUpRuntime(timed.runtime, timed.now);
    expect(report).toEqual({ runs: 22, milliseconds: TWO_THREADS.slice(0, 22).reduce((a, b) => a + b, 0), settled: true });
    expect(timed.released()).toBe(true);
  });

  it('stops after its twenty runs when the runtime is already as fast as it gets', async () => {
    const timed = timedRuntime(() => 100);
    expect(await warmUpRuntime(timed.runtime, timed.now)).toEqual({ runs: 20, milliseconds: 2000, settled: true });
  });

  it('gives up after four seconds when the runs never settle', async () => {
    const timed = timedRuntime((run) => (run % 2 === 0 ? 200 : 100));
    const report = await warmUpRuntime(timed.runtime, timed.now);
    expect(report).toEqual({ runs: 27, milliseconds: 4100, settled: false });
    expect(timed.released()).toBe(true);
  });
});
