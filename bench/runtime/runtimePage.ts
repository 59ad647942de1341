// The runtime's own limit: one ONNX Runtime Web session in a worker (as the app runs it), without
// transformers.js, run on back-to-back windows. One build per page load: ORT initialises once.
// `measureMemory` adds what the app's memory panel does meanwhile: a browser measurement of the
// page and its workers at the pace the panel keeps during a job, one at a time.
import * as Comlink from 'comlink';
import { DEFAULT_TIMING } from '../../src/features/memory/memoryMonitor.ts';
import type { RuntimeApi, RuntimeBuild } from './runtime.worker.ts';

const runtime = Comlink.wrap<RuntimeApi>(new Worker(new URL('./runtime.worker.ts', import.meta.url), { type: 'module', name: 'runtime' }));
const perf = performance as Performance & { measureUserAgentSpecificMemory(): Promise<unknown> };

async function run(build: RuntimeBuild, modelUrl: string, windowSamples: number, windows: number, measureMemory: boolean) {
  let running = true;
  let measurements = 0;
  const measuring = (async () => {
    while (measureMemory && running) {
      await perf.measureUserAgentSpecificMemory();
      measurements++;
      await new Promise((resolve) => setTimeout(resolve, DEFAULT_TIMING.measureEveryDuringJobMs));
    }
  })();
  try {
    return { ...(await runtime.run(build, modelUrl, windowSamples, windows)), measurements };
  } finally {
    running = false;
    void measuring;
  }
}

Object.assign(window, { runtime: { run } });
