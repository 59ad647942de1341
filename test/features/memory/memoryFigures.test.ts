import { describe, expect, it } from 'vitest';
import {
  bestTotal,
  isolationStatus,
  measurementSupport,
  summarizeBreakdown,
  type UaMemoryResult,
} from '../../../src/features/memory/memoryFigures.ts';

describe('memory figures', () => {
  const result: UaMemoryResult = {
    bytes: 100,
    breakdown: [
      { bytes: 10, types: ['JavaScript'], attribution: [{ scope: 'Window', url: 'http://127.0.0.1/' }] },
      { bytes: 60, types: ['JavaScript'], attribution: [{ scope: 'DedicatedWorkerGlobalScope', url: 'http://127.0.0.1/assets/engine.worker-Ab1.js' }] },
      { bytes: 5, types: ['JavaScript'], attribution: [{ scope: 'DedicatedWorkerGlobalScope', url: 'http://127.0.0.1/assets/ort-wasm-simd-threaded.asyncify-x.mjs' }] },
      { bytes: 7, types: ['JavaScript'], attribution: [{ scope: 'DedicatedWorkerGlobalScope', url: 'http://127.0.0.1/assets/engine.worker-Ab1.js' }] },
      { bytes: 18, types: ['Shared'], attribution: [] },
      { bytes: 0, types: ['DOM'], attribution: [] },
    ],
  };

  it('sums the browser breakdown into labelled parts', () => {
    expect(summarizeBreakdown(result)).toEqual([
      { label: 'engine worker', bytes: 67 },
      { label: 'shared by the browser', bytes: 18 },
      { label: 'page', bytes: 10 },
      { label: 'ONNX Runtime threads', bytes: 5 },
    ]);
  });

  it('replaces the measured WASM heap by its live size, and adds a heap the browser did not count', () => {
    expect(bestTotal({ bytes: 100, countedHeapBytes: 40 }, 50)).toBe(110);
    expect(bestTotal({ bytes: 100, countedHeapBytes: 0 }, 50)).toBe(150);
    expect(bestTotal(null, 50)).toBe(50);
    expect(bestTotal(null, null)).toBe(0);
  });

  it('says which measurement it uses and why not the best one', () => {
    expect(measurementSupport({ hasUaMeasurement: true, crossOriginIsolated: true, hasJsHeapSize: true })).toEqual({
      method: 'measureUserAgentSpecificMemory',
      fallbackReason: null,
    });
    const notIsolated = measurementSupport({ hasUaMeasurement: true, crossOriginIsolated: false, hasJsHeapSize: true });
    expect(notIsolated.method).toBe('performance.memory');
    expect(notIsolated.fallbackReason).toMatch(/needs a cross-origin isolated page.*workers not counted/);
    // Chromium hides the API from pages that are not isolated: the reason is isolation, not the browser.
    const hidden = measurementSupport({ hasUaMeasurement: false, crossOriginIsolated: false, hasJsHeapSize: true });
    expect(hidden.fallbackReason).toMatch(/needs a cross-origin isolated page/);
    const bare = measurementSupport({ hasUaMeasurement: false, crossOriginIsolated: true, hasJsHeapSize: false });
    expect(bare.method).toBe('engine only');
    expect(bare.fallbackReason).toMatch(/this browser has no performance.measureUserAgentSpecificMemory\(\), nor performance.memory/);
  });

  it('gives the reason cross-origin isolation is off', () => {
    const headers = { coop: 'same-origin', coep: 'require-corp' };
    expect(isolationStatus({ crossOriginIsolated: true, secureContext: true, headers }).isolated).toBe(true);
    expect(isolationStatus({ crossOriginIsolated: false, secureContext: false, headers }).text).toMatch(/not a secure context/);
    expect(isolationStatus({ crossOriginIsolated: false, secureContext: true, headers: { coop: null, coep: null } }).text).toBe(
      'Not cross-origin isolated: the server sent no Cross-Origin-Opener-Policy header and no Cross-Origin-Embedder-Policy header.',
    );
    expect(
      isolationStatus({ crossOriginIsolated: false, secureContext: true, headers: { coop: 'unsafe-none', coep: 'require-corp' } }).text,
    ).toMatch(/Cross-Origin-Opener-Policy "unsafe-none", not "same-origin"\.$/);
    expect(isolationStatus({ crossOriginIsolated: false, secureContext: true, headers }).text).toMatch(/although the headers ask for it/);
    expect(isolationStatus({ crossOriginIsolated: false, secureContext: true, headers: null }).text).toMatch(/could not be read/);
  });
});
