import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineStats } from '../../src/engine/protocol.ts';
import { BoundedSeries } from '../../src/features/memory/boundedSeries.ts';
import { chartGeometry, niceCeilingBytes } from '../../src/features/memory/chartGeometry.ts';
import { jobEdge, keepMarkers } from '../../src/features/memory/jobMarkers.ts';
import {
  bestTotal,
  isolationStatus,
  measurementSupport,
  summarizeBreakdown,
  type UaMemoryResult,
} from '../../src/features/memory/memoryFigures.ts';
import { MemoryMonitor, type MemorySources } from '../../src/features/memory/memoryMonitor.ts';

const MIB = 1024 * 1024;

function engineStats(patch: Partial<EngineStats> = {}): EngineStats {
  return {
    wasmHeapBytes: 40 * MIB,
    wasmHeapShared: true,
    tensorBytes: 1 * MIB,
    gpuBufferBytes: null,
    gpuBufferBytesCreated: null,
    windowsRun: 0,
    windowSamples: 320_000,
    maxHeldSamples: 0,
    ...patch,
  };
}

describe('BoundedSeries', () => {
  it('stays within its capacity, keeps the first time and never loses the peak', () => {
    const series = new BoundedSeries(8);
    for (let i = 0; i < 1000; i++) series.add({ t: i, bytes: i === 537 ? 999 : i % 10 });
    const values = series.values();
    expect(values.length).toBeLessThanOrEqual(9);
    expect(values[0].t).toBe(0);
    expect(Math.max(...values.map((p) => p.bytes))).toBe(999);
    const times = values.map((p) => p.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps every point until full', () => {
    const series = new BoundedSeries(4);
    series.add({ t: 1, bytes: 10 });
    series.add({ t: 2, bytes: 30 });
    series.add({ t: 3, bytes: 20 });
    expect(series.values()).toEqual([
      { t: 1, bytes: 10 },
      { t: 2, bytes: 30 },
      { t: 3, bytes: 20 },
    ]);
    series.add({ t: 4, bytes: 5 });
    expect(series.values()).toEqual([
      { t: 1, bytes: 30 },
      { t: 3, bytes: 20 },
    ]);
  });

  it('rejects an odd capacity', () => expect(() => new BoundedSeries(3)).toThrow(RangeError));
});

describe('job markers', () => {
  it('marks a start on entering transcribing and an end on leaving it with an outcome', () => {
    expect(jobEdge('idle', 'transcribing')).toBe('start');
    expect(jobEdge('done', 'transcribing')).toBe('start');
    expect(jobEdge('transcribing', 'transcribing')).toBeNull();
    expect(jobEdge('transcribing', 'done')).toBe('end');
    expect(jobEdge('transcribing', 'cancelled')).toBe('end');
    expect(jobEdge('transcribing', 'error')).toBe('end');
    expect(jobEdge('loading-model', 'error')).toBeNull();
    expect(jobEdge('loading-model', 'idle')).toBeNull();
  });

  it('keeps the markers the chart can show, newest last', () => {
    const markers = [0, 10, 20, 30, 40].map((t) => ({ t, edge: 'start' as const }));
    expect(keepMarkers(markers, 15, 2).map((m) => m.t)).toEqual([30, 40]);
  });
});

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

describe('chart geometry', () => {
  it('rounds the axis up to 1, 2 or 5 × 10ⁿ MiB', () => {
    expect(niceCeilingBytes(0)).toBe(MIB);
    expect(niceCeilingBytes(3 * MIB)).toBe(5 * MIB);
    expect(niceCeilingBytes(130 * MIB)).toBe(200 * MIB);
    expect(niceCeilingBytes(1000 * MIB)).toBe(1000 * MIB);
  });

  it('lays out points, the peak and the job markers', () => {
    const geometry = chartGeometry(
      [
        { t: 1000, bytes: 0 },
        { t: 2000, bytes: 100 * MIB },
        { t: 3000, bytes: 50 * MIB },
      ],
      [
        { t: 500, edge: 'start' },
        { t: 1500, edge: 'start' },
        { t: 3000, edge: 'end' },
      ],
      200,
      50,
    )!;
    expect(geometry.line).toBe('0,50 100,0 200,25');
    expect(geometry.peakY).toBe(0);
    expect(geometry.markers).toEqual([
      { x: 50, edge: 'start' },
      { x: 200, edge: 'end' },
    ]);
    expect(chartGeometry([], [], 10, 10)).toBeNull();
  });
});

describe('MemoryMonitor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function slowBrowser(delayMs: number, bytes: () => number) {
    const calls = { started: 0, concurrent: 0, maxConcurrent: 0 };
    const measure = async (): Promise<UaMemoryResult> => {
      calls.started++;
      calls.concurrent++;
      calls.maxConcurrent = Math.max(calls.maxConcurrent, calls.concurrent);
      await new Promise((r) => setTimeout(r, delayMs));
      calls.concurrent--;
      return { bytes: bytes(), breakdown: [] };
    };
    return { calls, measure };
  }

  it('never overlaps slow browser measurements, shows "measuring", and keeps engine figures live meanwhile', async () => {
    let heap = 40 * MIB;
    const browser = slowBrowser(60_000, () => 100 * MIB + heap);
    const sources: MemorySources = {
      method: 'measureUserAgentSpecificMemory',
      measure: browser.measure,
      engineStats: async () => engineStats({ wasmHeapBytes: heap }),
      now: () => Date.now(),
    };
    const monitor = new MemoryMonitor(sources, { measureEveryMs: 5_000, pollEngineEveryMs: 1_000, seriesCapacity: 64, maxMarkers: 10 });
    monitor.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(monitor.getSnapshot().measuringSince).not.toBeNull();
    expect(monitor.getSnapshot().page).toBeNull();

    // The heap grows while the browser is still measuring: the total follows it at once.
    heap = 70 * MIB;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(monitor.getSnapshot().engine?.wasmHeapBytes).toBe(70 * MIB);
    expect(monitor.getSnapshot().currentBytes).toBe(70 * MIB);
    // The engine alone is no trend of the page's memory: nothing is charted until the browser answers.
    expect(monitor.getSnapshot().peakBytes).toBe(0);
    expect(monitor.getSnapshot().series).toEqual([]);

    monitor.markJob('end'); // asks for a measurement while one is running
    await vi.advanceTimersByTimeAsync(200_000);
    expect(browser.calls.maxConcurrent).toBe(1);
    // 60 s each, the job-end one queued right after the first, then 5 s pauses: 0, 60, 120(+5)…
    expect(browser.calls.started).toBeGreaterThanOrEqual(3);
    expect(browser.calls.started).toBeLessThanOrEqual(4);
    const { page, currentBytes } = monitor.getSnapshot();
    expect(page?.tookMs).toBe(60_000);
    // The shared heap is in the browser's figure once, not twice.
    expect(page?.countedHeapBytes).toBe(70 * MIB);
    expect(currentBytes).toBe(170 * MIB);
    monitor.stop();
  });

  it('tracks the peak of the total and a series for the chart with job markers', async () => {
    let heap = 10 * MIB;
    let js = 20 * MIB;
    const monitor = new MemoryMonitor(
      {
        method: 'measureUserAgentSpecificMemory',
        measure: async () => ({ bytes: js + heap, breakdown: [] }),
        engineStats: async () => engineStats({ wasmHeapBytes: heap }),
        now: () => Date.now(),
      },
      { measureEveryMs: 1_000, pollEngineEveryMs: 500, seriesCapacity: 16, maxMarkers: 10 },
    );
    monitor.start();
    monitor.markJob('start');
    await vi.advanceTimersByTimeAsync(2_000);
    js = 300 * MIB;
    heap = 60 * MIB;
    await vi.advanceTimersByTimeAsync(2_000);
    js = 25 * MIB;
    monitor.markJob('end');
    await vi.advanceTimersByTimeAsync(100);
    const snapshot = monitor.getSnapshot();
    expect(snapshot.currentBytes).toBe(85 * MIB);
    expect(snapshot.peakBytes).toBe(360 * MIB);
    expect(snapshot.markers.map((m) => m.edge)).toEqual(['start', 'end']);
    expect(Math.max(...snapshot.series.map((p) => p.bytes))).toBe(360 * MIB);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(monitor.getSnapshot().series.length).toBeLessThanOrEqual(17);
    expect(monitor.getSnapshot().peakBytes).toBe(360 * MIB);
    monitor.stop();
  });

  it('measures at once when a job ends, not at the next tick', async () => {
    const browser = slowBrowser(30, () => 50 * MIB);
    const monitor = new MemoryMonitor(
      { method: 'measureUserAgentSpecificMemory', measure: browser.measure, engineStats: async () => engineStats(), now: () => Date.now() },
      { measureEveryMs: 60_000, pollEngineEveryMs: 60_000, seriesCapacity: 16, maxMarkers: 10 },
    );
    monitor.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(browser.calls.started).toBe(1);
    monitor.markJob('end');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(browser.calls.started).toBe(2);
    expect(monitor.getSnapshot().page?.at).toBeGreaterThanOrEqual(1_000);
    monitor.stop();
  });

  it('falls back to the page JS heap plus the engine heap, which that figure does not include', async () => {
    const monitor = new MemoryMonitor(
      { method: 'performance.memory', jsHeapBytes: () => 30 * MIB, engineStats: async () => engineStats(), now: () => Date.now() },
      { measureEveryMs: 1_000, pollEngineEveryMs: 1_000, seriesCapacity: 16, maxMarkers: 10 },
    );
    monitor.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(monitor.getSnapshot().page?.countedHeapBytes).toBe(0);
    expect(monitor.getSnapshot().currentBytes).toBe(70 * MIB);
    monitor.stop();
  });

  it('reports a failed measurement and keeps going', async () => {
    let fail = true;
    const monitor = new MemoryMonitor(
      {
        method: 'measureUserAgentSpecificMemory',
        measure: async () => {
          if (fail) throw new Error('SecurityError');
          return { bytes: 5 * MIB, breakdown: [] };
        },
        engineStats: async () => engineStats({ wasmHeapBytes: null, wasmHeapShared: false }),
        now: () => Date.now(),
      },
      { measureEveryMs: 1_000, pollEngineEveryMs: 1_000, seriesCapacity: 16, maxMarkers: 10 },
    );
    monitor.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(monitor.getSnapshot().lastError).toMatch(/SecurityError/);
    fail = false;
    await vi.advanceTimersByTimeAsync(1_500);
    expect(monitor.getSnapshot().lastError).toBeNull();
    expect(monitor.getSnapshot().currentBytes).toBe(5 * MIB);
    monitor.stop();
  });

  it('notifies subscribers and stops cleanly', async () => {
    const monitor = new MemoryMonitor(
      { method: 'engine only', engineStats: async () => engineStats(), now: () => Date.now() },
      { measureEveryMs: 1_000, pollEngineEveryMs: 1_000, seriesCapacity: 16, maxMarkers: 10 },
    );
    const seen = vi.fn();
    const unsubscribe = monitor.subscribe(seen);
    monitor.start();
    await vi.advanceTimersByTimeAsync(3_500);
    const calls = seen.mock.calls.length;
    expect(calls).toBeGreaterThanOrEqual(4);
    expect(monitor.getSnapshot().currentBytes).toBe(40 * MIB);
    monitor.stop();
    unsubscribe();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.mock.calls.length).toBe(calls);
    expect(vi.getTimerCount()).toBe(0);
  });
});
