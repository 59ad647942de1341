import { errorText } from '../../shared/errorText.ts';
import type { EngineStats } from '../../engine/protocol.ts';
import { BoundedSeries, type SeriesPoint } from './boundedSeries.ts';
import { keepMarkers, type JobEdge, type JobMarker } from './jobMarkers.ts';
import {
  bestTotal,
  summarizeBreakdown,
  type MeasurementMethod,
  type MemoryPart,
  type PageFigure,
  type UaMemoryResult,
} from './memoryFigures.ts';

export interface MemorySources {
  readonly method: MeasurementMethod;
  /** performance.measureUserAgentSpecificMemory(), when that is the method. */
  readonly measure?: () => Promise<UaMemoryResult>;
  /** performance.memory.usedJSHeapSize, when that is the method. */
  readonly jsHeapBytes?: () => number;
  readonly engineStats: () => Promise<EngineStats>;
  /** The page's clock, in milliseconds. */
  readonly now: () => number;
}

export interface MonitorTiming {
  /** Pause between the end of one page measurement and the start of the next. */
  readonly measureEveryMs: number;
  /**
   * The same pause while a job runs: with WASM threads a measurement waits up to a minute for the
   * engine's threads, and while one is pending the model runs slower.
   */
  readonly measureEveryDuringJobMs: number;
  /** Pause between engine polls (cheap: the worker answers from counters). */
  readonly pollEngineEveryMs: number;
  readonly seriesCapacity: number;
  readonly maxMarkers: number;
}

export const DEFAULT_TIMING: MonitorTiming = {
  measureEveryMs: 5_000,
  measureEveryDuringJobMs: 60_000,
  pollEngineEveryMs: 1_000,
  seriesCapacity: 240,
  maxMarkers: 40,
};

export interface PageMeasurement extends PageFigure {
  readonly method: MeasurementMethod;
  /** When it resolved. */
  readonly at: number;
  /** How long the browser took. */
  readonly tookMs: number;
  readonly parts: readonly MemoryPart[];
}

export interface MemorySnapshot {
  readonly method: MeasurementMethod;
  /** Best total now (see bestTotal), in bytes. */
  readonly currentBytes: number;
  readonly peakBytes: number;
  readonly page: PageMeasurement | null;
  /** Start time of the page measurement in progress, or null. */
  readonly measuringSince: number | null;
  readonly lastError: string | null;
  readonly engine: EngineStats | null;
  readonly engineAt: number | null;
  readonly series: readonly SeriesPoint[];
  readonly markers: readonly JobMarker[];
}

interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Samples the page's memory without ever stacking calls: a browser measurement can take from
 * 30 ms to a minute (while WASM threads run), so the next starts only after the last has ended,
 * and the engine's cheap figures keep the total live in between; while a job runs they do so
 * for longer. Tracks the peak, a bounded series for a chart, and job start/end markers.
 */
export class MemoryMonitor {
  private readonly series: BoundedSeries;
  private readonly listeners = new Set<() => void>();
  private snapshot: MemorySnapshot;
  private measureTimer: unknown = null;
  private engineTimer: unknown = null;
  private measureInFlight = false;
  private measureAgain = false;
  private engineInFlight = false;
  private pollAgain = false;
  private running = false;
  private jobRunning = false;

  constructor(
    private readonly sources: MemorySources,
    private readonly timing: MonitorTiming = DEFAULT_TIMING,
    private readonly timers: Timers = globalThis,
  ) {
    this.series = new BoundedSeries(timing.seriesCapacity);
    this.snapshot = {
      method: sources.method,
      currentBytes: 0,
      peakBytes: 0,
      page: null,
      measuringSince: null,
      lastError: null,
      engine: null,
      engineAt: null,
      series: [],
      markers: [],
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.measureNow();
    this.pollEngineNow();
  }

  stop(): void {
    this.running = false;
    this.timers.clearTimeout(this.measureTimer);
    this.timers.clearTimeout(this.engineTimer);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): MemorySnapshot => this.snapshot;

  /** Marks a job edge on the chart; at an end, takes fresh figures at once (or right after the ones in progress). */
  markJob(edge: JobEdge): void {
    const t = this.sources.now();
    const since = this.snapshot.series[0]?.t ?? t;
    this.update({ markers: keepMarkers([...this.snapshot.markers, { t, edge }], since, this.timing.maxMarkers) });
    this.jobRunning = edge === 'start';
    if (edge === 'end') {
      this.measureNow();
      this.pollEngineNow();
    } else if (this.running && !this.measureInFlight) {
      this.timers.clearTimeout(this.measureTimer);
      this.scheduleMeasurement();
    }
  }

  private measureNow(): void {
    if (!this.running) return;
    if (this.measureInFlight) {
      this.measureAgain = true;
      return;
    }
    this.timers.clearTimeout(this.measureTimer);
    void this.measurePage();
  }

  private pollEngineNow(): void {
    if (!this.running) return;
    if (this.engineInFlight) {
      this.pollAgain = true;
      return;
    }
    this.timers.clearTimeout(this.engineTimer);
    void this.pollEngine();
  }

  private async measurePage(): Promise<void> {
    const { method, measure, jsHeapBytes, now } = this.sources;
    if (method === 'engine only') return;
    this.measureInFlight = true;
    this.measureAgain = false;
    try {
      // Fresh engine figures first: the browser's figure includes the heap as it is now.
      const engine = await this.sources.engineStats().catch(() => null);
      if (engine !== null) this.update({ engine, engineAt: now() }, now());
      const counted = method === 'measureUserAgentSpecificMemory' ? this.countableHeap() : 0;
      const started = now();
      this.update({ measuringSince: started });
      const result: UaMemoryResult =
        method === 'measureUserAgentSpecificMemory' ? await measure!() : { bytes: jsHeapBytes!(), breakdown: [] };
      const at = now();
      const page: PageMeasurement = {
        method,
        bytes: result.bytes,
        countedHeapBytes: Math.min(counted, result.bytes),
        at,
        tookMs: at - started,
        parts: summarizeBreakdown(result),
      };
      this.update({ page, measuringSince: null, lastError: null }, at);
    } catch (error) {
      this.update({ measuringSince: null, lastError: `Memory measurement failed: ${errorText(error)}` });
    } finally {
      this.measureInFlight = false;
      if (this.running) this.scheduleMeasurement();
    }
  }

  private scheduleMeasurement(): void {
    const pause = this.measureAgain ? 0 : this.jobRunning ? this.timing.measureEveryDuringJobMs : this.timing.measureEveryMs;
    this.measureTimer = this.timers.setTimeout(() => void this.measurePage(), pause);
  }

  private async pollEngine(): Promise<void> {
    this.engineInFlight = true;
    this.pollAgain = false;
    try {
      const engine = await this.sources.engineStats();
      const at = this.sources.now();
      this.update({ engine, engineAt: at }, at);
    } catch {
      // The worker is gone or restarting; the next poll tells.
    } finally {
      this.engineInFlight = false;
      if (this.running) {
        this.engineTimer = this.timers.setTimeout(() => void this.pollEngine(), this.pollAgain ? 0 : this.timing.pollEngineEveryMs);
      }
    }
  }

  /** The engine heap a browser measurement includes: a shared heap only. */
  private countableHeap(): number {
    const engine = this.snapshot.engine;
    return engine?.wasmHeapShared ? (engine.wasmHeapBytes ?? 0) : 0;
  }

  private update(patch: Partial<MemorySnapshot>, sampledAt?: number): void {
    const next = { ...this.snapshot, ...patch };
    if (sampledAt !== undefined) {
      next.currentBytes = bestTotal(next.page, next.engine?.wasmHeapBytes ?? null);
      // Before the first page figure the total is the engine's alone: shown, but not charted as a trend.
      if (next.page !== null || next.method === 'engine only') {
        this.series.add({ t: sampledAt, bytes: next.currentBytes });
        next.peakBytes = Math.max(next.peakBytes, next.currentBytes);
        next.series = this.series.values();
      }
    }
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
