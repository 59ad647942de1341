// Drives the app's own engine worker without the UI, for measurements the app cannot be asked for
// by URL: WebGPU buffer-cache modes, model swaps and window-size changes in one worker.
import * as Comlink from 'comlink';
import type { EngineApi, EngineStats, LoadRequest } from '../../src/engine/protocol.ts';
import type { BenchLoadOptions } from '../../src/engine/worker/benchHooks.ts';

let engine: { remote: Comlink.Remote<EngineApi>; worker: Worker } | null = null;

function startWorker() {
  engine?.worker.terminate();
  const worker = new Worker(new URL('../../src/engine/worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  engine = { remote: Comlink.wrap<EngineApi>(worker), worker };
}

async function load(model: string, device: LoadRequest['device'], webgpuBufferCacheMode?: BenchLoadOptions['webgpuBufferCacheMode']) {
  if (engine === null) startWorker();
  const started = performance.now();
  const request: LoadRequest & BenchLoadOptions = { model, pageUrl: location.href, device, webgpuBufferCacheMode };
  const info = await engine!.remote.load(request, Comlink.proxy(() => {}));
  return { info, seconds: (performance.now() - started) / 1000 };
}

/** One job over `seconds` of a 440 Hz tone with noise: shapes are what matter here, not words. */
async function transcribe(seconds: number, windowSeconds: number): Promise<{ seconds: number; stats: EngineStats }> {
  const remote = engine!.remote;
  const started = performance.now();
  await remote.startJob({ windowSeconds, strideSeconds: Math.min(2, windowSeconds / 5) });
  for (let done = 0; done < seconds; done++) {
    const chunk = new Float32Array(16_000);
    for (let i = 0; i < chunk.length; i++) chunk[i] = 0.3 * Math.sin((2 * Math.PI * 440 * (done * 16_000 + i)) / 16_000) + 0.01 * (Math.random() - 0.5);
    await remote.push(Comlink.transfer(chunk, [chunk.buffer]));
  }
  await remote.finish();
  return { seconds: (performance.now() - started) / 1000, stats: await remote.stats() };
}

Object.assign(window, {
  probe: { startWorker, load, transcribe, stats: () => engine!.remote.stats() },
});
