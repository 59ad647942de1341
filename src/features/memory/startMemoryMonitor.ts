import type { EngineStats } from '../../engine/protocol.ts';
import { useJobStore } from '../../jobs/jobStore.ts';
import { jobEdge } from './jobMarkers.ts';
import { measurementSupport, type MeasurementSupport, type UaMemoryResult } from './memoryFigures.ts';
import { MemoryMonitor } from './memoryMonitor.ts';

interface MemoryApis {
  measureUserAgentSpecificMemory?: () => Promise<UaMemoryResult>;
  memory?: { usedJSHeapSize: number };
}

const perf = performance as Performance & MemoryApis;

/** Which measurement this browser and page allow. */
export const memorySupport: MeasurementSupport = measurementSupport({
  hasUaMeasurement: typeof perf.measureUserAgentSpecificMemory === 'function',
  crossOriginIsolated: self.crossOriginIsolated,
  hasJsHeapSize: perf.memory !== undefined,
});

/** Starts sampling the page's memory for the app's whole life, marking every job's start and end. */
export function startMemoryMonitor(engineStats: () => Promise<EngineStats>): MemoryMonitor {
  const monitor = new MemoryMonitor({
    method: memorySupport.method,
    measure: () => perf.measureUserAgentSpecificMemory!(),
    jsHeapBytes: () => perf.memory!.usedJSHeapSize,
    engineStats,
    now: () => performance.now(),
  });
  monitor.start();
  useJobStore.subscribe((state, previous) => {
    const edge = jobEdge(previous.status.state, state.status.state);
    if (edge !== null) monitor.markJob(edge);
  });
  return monitor;
}
