import type { RuntimeWarmUp } from '../protocol.ts';
import { WARM_UP_INPUT, WARM_UP_OUTPUT, warmUpGraph } from './warmUpGraph.ts';

/** The parts of ONNX Runtime Web the warm-up uses. */
export interface WarmUpRuntime {
  InferenceSession: { create(model: Uint8Array, options: { executionProviders: string[] }): Promise<WarmUpSession> };
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => unknown;
}

interface WarmUpSession {
  run(feeds: Record<string, unknown>): Promise<Record<string, { dispose(): void }>>;
  release(): Promise<void>;
}

/** A second of audio per run: enough work for the kernels to count as hot, a few milliseconds once optimized. */
const SAMPLES = 16_000;
/** Beyond this the warm-up gives up: a runtime already optimized (or a browser that tiers differently) never speeds up. */
const TIME_LIMIT_MS = 4_000;
/** Optimized code runs the graph in well under half the time of the baseline compiler's. */
const SPEED_UP = 0.5;
const SETTLED_RUNS = 3;

/**
 * Whether the runs have sped up for good: the last three each took at most half the median of
 * runs 1–3 (run 0 pays for first calls and the runtime's allocations). The browser compiles hot
 * WebAssembly functions with its optimizing compiler in the background; a run keeps the slower
 * baseline code until that is done, so the speed-up is the only sign of it a page can see.
 */
export function warmUpSettled(runMs: readonly number[]): boolean {
  if (runMs.length < 4 + SETTLED_RUNS) return false;
  const early = runMs.slice(1, 4).sort((a, b) => a - b)[1];
  return runMs.slice(-SETTLED_RUNS).every((ms) => ms <= early * SPEED_UP);
}

/**
 * Runs a miniature wav2vec2 (warmUpGraph.ts) until the browser's optimizing compile of ONNX
 * Runtime's kernels is done. That compile follows a model's first runs and briefly takes tens of
 * megabytes; done here, before the model's weights are read, its peak no longer adds to theirs or
 * to a job's first window. It costs a second or two of load, so only the Low memory budget asks for it.
 */
export async function warmUpRuntime(ort: WarmUpRuntime, now: () => number = () => performance.now()): Promise<RuntimeWarmUp> {
  const session = await ort.InferenceSession.create(warmUpGraph(), { executionProviders: ['wasm'] });
  const audio = new Float32Array(SAMPLES).map((_, i) => Math.sin(i / 10));
  const runMs: number[] = [];
  const start = now();
  try {
    while (!warmUpSettled(runMs) && now() - start < TIME_LIMIT_MS) {
      const before = now();
      const outputs = await session.run({ [WARM_UP_INPUT]: new ort.Tensor('float32', audio, [1, 1, SAMPLES]) });
      outputs[WARM_UP_OUTPUT].dispose();
      runMs.push(now() - before);
    }
  } finally {
    await session.release();
  }
  return { runs: runMs.length, milliseconds: now() - start, settled: warmUpSettled(runMs) };
}
