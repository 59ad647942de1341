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
/** Beyond this the warm-up gives up: runs too uneven to say (a busy machine, a browser that tiers differently). */
const TIME_LIMIT_MS = 4_000;
/** Runs before the warm-up may end: the compile takes a while to start and to finish. */
const MIN_RUNS = 20;
/** A clear sign on a busy machine, where the compile slows the runs until it is done. */
const SPEED_UP = 0.5;
/** A sign on a machine with a core to spare, where the runs only settle a little faster. */
const STEADY_RUNS = 8;
const STEADY_WITHIN = 1.15;

/**
 * Whether the browser's optimizing compile looks done, from the time of each run so far. It runs
 * in the background and a run keeps the baseline code until it lands, so the runs' speed is the
 * only sign of it a page can see. After at least 20 runs, either the last three took at most half
 * the median of runs 1–3 (run 0 pays for first calls and allocations), or seven of the last eight
 * came within 15 % of the fastest: a plateau slower than an earlier run is not steady.
 */
export function warmUpSettled(runMs: readonly number[]): boolean {
  if (runMs.length < MIN_RUNS) return false;
  const early = runMs.slice(1, 4).sort((a, b) => a - b)[1];
  if (runMs.slice(-3).every((ms) => ms <= early * SPEED_UP)) return true;
  const fastest = Math.min(...runMs.slice(1));
  return runMs.slice(-STEADY_RUNS).filter((ms) => ms <= fastest * STEADY_WITHIN).length >= STEADY_RUNS - 1;
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
