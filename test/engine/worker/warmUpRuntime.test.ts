import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { warmUpRuntime, warmUpSettled, type WarmUpRuntime } from '../../../src/engine/worker/warmUpRuntime.ts';

// Milliseconds per run of the warm-up in the app's engine worker (Chromium, base-bench's runtime on
// 2 threads): baseline code until the optimizing compile lands at run 19.
const MEASURED = [226.4, 63.8, 46.9, 48.7, 67.8, 58.9, 67, 69.2, 61.6, 59.1, 61.7, 41.4, 69.7, 46.1, 42.1, 37.7, 57.8, 55.8, 45.5, 22.4, 22.1, 21, 20.3];

describe('warmUpSettled', () => {
  it('waits for three runs at half the early speed or better', () => {
    const settledAt = MEASURED.findIndex((_, i) => warmUpSettled(MEASURED.slice(0, i + 1)));
    expect(settledAt).toBe(21);
  });

  it('is not fooled by one fast run or a slow plateau', () => {
    expect(warmUpSettled([200, 60, 50, 50, 60, 20, 60, 20, 20])).toBe(false);
    expect(warmUpSettled([200, 60, 50, 50, 45, 42, 40, 41, 40, 42])).toBe(false);
  });

  it('needs runs 1–3 and three more before it can say', () => {
    expect(warmUpSettled([])).toBe(false);
    expect(warmUpSettled([100, 60, 60, 60, 10, 10])).toBe(false);
    expect(warmUpSettled([100, 60, 60, 60, 10, 10, 10])).toBe(true);
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
    const timed = timedRuntime((run) => MEASURED[run]);
    const report = await warmUpRuntime(timed.runtime, timed.now);
    expect(report).toEqual({ runs: 22, milliseconds: MEASURED.slice(0, 22).reduce((a, b) => a + b, 0), settled: true });
    expect(timed.released()).toBe(true);
  });

  it('gives up after four seconds when the runs never speed up', async () => {
    const timed = timedRuntime(() => 100);
    const report = await warmUpRuntime(timed.runtime, timed.now);
    expect(report).toEqual({ runs: 40, milliseconds: 4000, settled: false });
    expect(timed.released()).toBe(true);
  });
});
