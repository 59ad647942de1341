import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineStats } from '../../../src/engine/protocol.ts';
import type { UaMemoryResult } from '../../../src/features/memory/memoryFigures.ts';
import { MemoryMonitor, type MemorySources, type MonitorTiming } from '../../../src/features/memory/memoryMonitor.ts';
import { MIB } from '../../support/bytes.ts';

/** A monitor's timing in a test: it pauses as long during a job as when idle unless told otherwise. */
function timing(measureEveryMs: number, pollEngineEveryMs: number, seriesCapacity: number, measureEveryDuringJobMs = measureEveryMs): MonitorTiming {
  return { measureEveryMs, measureEveryDuringJobMs, pollEngineEveryMs, seriesCapacity, maxMarkers: 10 };
}

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

/** A page measured by the browser (`measureUserAgentSpecificMemory`), on the test's fake clock. */
function measuredSources(measure: () => Promise<UaMemoryResult>, stats: () => EngineStats = () => engineStats()): MemorySources {
  return { method: 'measureUserAgentSpecificMemory', measure, engineStats: async () => stats(), now: () => Date.now() };
}

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
    const monitor = new MemoryMonitor(
      measuredSources(browser.measure, () => engineStats({ wasmHeapBytes: heap })),
      timing(5_000, 1_000, 64),
    );
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
      measuredSources(
        async () => ({ bytes: js + heap, breakdown: [] }),
        () => engineStats({ wasmHeapBytes: heap }),
      ),
      timing(1_000, 500, 16),
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
      measuredSources(browser.measure),
      timing(60_000, 60_000, 16),
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

  it('measures the page less often while a job runs, and keeps the engine figures live', async () => {
    let heap = 40 * MIB;
    const browser = slowBrowser(30, () => 100 * MIB + heap);
    const monitor = new MemoryMonitor(
      measuredSources(browser.measure, () => engineStats({ wasmHeapBytes: heap })),
      timing(5_000, 1_000, 64, 60_000),
    );
    monitor.start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(browser.calls.started).toBe(1);
    monitor.markJob('start');
    await vi.advanceTimersByTimeAsync(30_000);
    // Idle, it would have measured every 5 s; in the job the first pause is a whole minute.
    expect(browser.calls.started).toBe(1);
    heap = 90 * MIB;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(monitor.getSnapshot().currentBytes).toBe(190 * MIB);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(browser.calls.started).toBe(2);
    await vi.advanceTimersByTimeAsync(57_000);
    expect(browser.calls.started).toBe(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(browser.calls.started).toBe(3);
    monitor.markJob('end');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(browser.calls.started).toBe(4);
    // Idle again: back to the short pause.
    await vi.advanceTimersByTimeAsync(5_100);
    expect(browser.calls.started).toBe(5);
    monitor.stop();
  });

  it('falls back to the page JS heap plus the engine heap, which that figure does not include', async () => {
    const monitor = new MemoryMonitor(
      { method: 'performance.memory', jsHeapBytes: () => 30 * MIB, engineStats: async () => engineStats(), now: () => Date.now() },
      timing(1_000, 1_000, 16),
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
      measuredSources(
        async () => {
          if (fail) throw new Error('SecurityError');
          return { bytes: 5 * MIB, breakdown: [] };
        },
        () => engineStats({ wasmHeapBytes: null, wasmHeapShared: false }),
      ),
      timing(1_000, 1_000, 16),
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
      timing(1_000, 1_000, 16),
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
