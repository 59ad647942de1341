import * as Comlink from 'comlink';
import { MemoryMonitor } from '../../src/features/memory/memoryMonitor.ts';
import type { UaMemoryResult } from '../../src/features/memory/memoryFigures.ts';
import type { BaselineApi } from './baseline.worker.ts';

const worker = Comlink.wrap<BaselineApi>(new Worker(new URL('./baseline.worker.ts', import.meta.url), { type: 'module', name: 'baseline' }));
const perf = performance as Performance & { measureUserAgentSpecificMemory(): Promise<UaMemoryResult> };
// The same sampling and the same total as the app's memory panel.
const monitor = new MemoryMonitor({
  method: 'measureUserAgentSpecificMemory',
  measure: () => perf.measureUserAgentSpecificMemory(),
  engineStats: () => worker.stats(),
  now: () => performance.now(),
});
monitor.start();

const state = document.getElementById('state')!;

/** Transcription time excludes the model load, as the app's figures do. */
async function runBaseline(model: string, device: 'wasm' | 'webgpu', dtype: 'fp32' | 'q8') {
  const file = (document.getElementById('file') as HTMLInputElement).files![0];
  let started = performance.now();
  try {
    state.textContent = 'loading';
    await worker.load(model, device, dtype);
    started = performance.now();
    state.textContent = 'decoding';
    // What a naive app does: the whole file's bytes, decoded whole, in one Float32Array.
    const context = new OfflineAudioContext(1, 1, 16_000);
    const decoded = await context.decodeAudioData(await file.arrayBuffer());
    const samples = decoded.getChannelData(0);
    state.textContent = 'transcribing';
    const text = await worker.transcribe(Comlink.transfer(samples, [samples.buffer]));
    state.textContent = 'done';
    return { ok: true as const, text, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    state.textContent = 'error';
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false as const, error: message, seconds: (performance.now() - started) / 1000 };
  }
}

function memory() {
  const { currentBytes, peakBytes, page, engine } = monitor.getSnapshot();
  return {
    currentBytes,
    peakBytes,
    measureStarted: page === null ? null : page.at - page.tookMs,
    engineAt: monitor.getSnapshot().engineAt,
    wasmHeapBytes: engine?.wasmHeapBytes ?? null,
  };
}

Object.assign(window, { runBaseline, baselineMemory: memory });
