import * as Comlink from 'comlink';
import { ortPlainWasmPaths, ortWasmPaths } from '../../src/engine/worker/ortAssets.ts';
import { wasmThreads } from '../../src/engine/worker/chooseBackend.ts';
import { installRuntimeMemoryProbe } from '../../src/engine/worker/runtimeMemoryProbe.ts';

/**
 * `plain`: `onnxruntime-web/wasm` on ort-wasm-simd-threaded.{mjs,wasm}. `asyncify`: the bundle
 * transformers.js imports (`onnxruntime-web/webgpu`) on its own asyncify runtime, what the app
 * loads for WebGPU. `webgpu-bundle-plain`: that same bundle pointed at the plain runtime.
 */
export type RuntimeBuild = 'plain' | 'asyncify' | 'webgpu-bundle-plain';

type Ort = typeof import('onnxruntime-web');

async function ortFor(build: RuntimeBuild): Promise<Ort> {
  const ort: Ort = build === 'plain' ? await import('onnxruntime-web/wasm') : await import('onnxruntime-web/webgpu');
  ort.env.wasm.wasmPaths = build === 'asyncify' ? ortWasmPaths : ortPlainWasmPaths;
  ort.env.wasm.numThreads = wasmThreads(self.crossOriginIsolated, navigator.hardwareConcurrency).threads;
  return ort;
}

export interface RuntimeRun {
  build: RuntimeBuild;
  threads: number;
  sessionSeconds: number;
  /** The first window, apart: ORT plans its memory on it. */
  firstWindowSeconds: number;
  /** The back-to-back windows after the first. */
  windowSeconds: number[];
  wasmHeapBytes: number | null;
}

const memory = installRuntimeMemoryProbe();

const api = {
  /** Creates one session on `modelUrl` and runs `1 + windows` windows of `windowSamples`, back to back. */
  async run(build: RuntimeBuild, modelUrl: string, windowSamples: number, windows: number): Promise<RuntimeRun> {
    const ort = await ortFor(build);
    const bytes = new Uint8Array(await (await fetch(modelUrl)).arrayBuffer());
    let started = performance.now();
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    const sessionSeconds = (performance.now() - started) / 1000;
    // A tone with a little noise, zero mean and unit variance as the app's normalisation leaves it.
    const input = new Float32Array(windowSamples);
    for (let i = 0; i < input.length; i++) input[i] = Math.SQRT2 * Math.sin((2 * Math.PI * 440 * i) / 16_000) + 0.01 * (Math.random() - 0.5);
    const times: number[] = [];
    for (let i = 0; i <= windows; i++) {
      started = performance.now();
      const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', input, [1, windowSamples]) };
      const outputs = await session.run(feeds);
      for (const tensor of Object.values(outputs)) tensor.dispose();
      times.push((performance.now() - started) / 1000);
    }
    await session.release();
    return {
      build,
      threads: ort.env.wasm.numThreads ?? 1,
      sessionSeconds,
      firstWindowSeconds: times[0],
      windowSeconds: times.slice(1),
      wasmHeapBytes: memory.wasmHeapBytes(),
    };
  },
};

export type RuntimeApi = typeof api;
Comlink.expose(api);
