// Reads the memory panel's automation contract: `[data-testid="memory-panel"]` and its data-*
// attributes (figures in bytes or samples, times on the page's performance.now() clock).
import type { Page } from 'playwright-core';

export interface MemoryPanelFigures {
  currentBytes: number;
  peakBytes: number;
  method: string;
  isolated: boolean;
  /** When the last browser measurement resolved, or null before the first. */
  measuredAt: number | null;
  /** When that measurement began. */
  measureStarted: number | null;
  /** When the engine worker's figures were last read, or null before the first. */
  engineAt: number | null;
  wasmHeapBytes: number | null;
  tensorBytes: number | null;
  gpuBufferBytes: number | null;
  windowsRun: number | null;
  windowSamples: number;
  maxHeldSamples: number | null;
  readAheadPeakSamples: number | null;
  readAheadLimitSamples: number | null;
  /** Audio chunk buffers the page has allocated, over every file. */
  chunkBuffersMade: number | null;
}

function readPanel(): Record<string, string> | null {
  const panel = document.querySelector('[data-testid="memory-panel"]');
  if (!panel) return null;
  return Object.fromEntries([...panel.attributes].filter((a) => a.name.startsWith('data-')).map((a) => [a.name, a.value]));
}

const numberOrNull = (value: string | undefined) => (value === undefined || value === '' ? null : Number(value));

export async function memoryPanel(page: Page): Promise<MemoryPanelFigures> {
  const a = await page.evaluate(readPanel);
  if (a === null) throw new Error('The page has no [data-testid="memory-panel"].');
  return {
    currentBytes: Number(a['data-current-bytes']),
    peakBytes: Number(a['data-peak-bytes']),
    method: a['data-method'],
    isolated: a['data-isolated'] === 'true',
    measuredAt: numberOrNull(a['data-measured-at']),
    measureStarted: numberOrNull(a['data-measure-started']),
    engineAt: numberOrNull(a['data-engine-at']),
    wasmHeapBytes: numberOrNull(a['data-wasm-heap-bytes']),
    tensorBytes: numberOrNull(a['data-tensor-bytes']),
    gpuBufferBytes: numberOrNull(a['data-gpu-buffer-bytes']),
    windowsRun: numberOrNull(a['data-windows-run']),
    windowSamples: Number(a['data-window-samples']),
    maxHeldSamples: numberOrNull(a['data-max-held-samples']),
    readAheadPeakSamples: numberOrNull(a['data-read-ahead-peak-samples']),
    readAheadLimitSamples: numberOrNull(a['data-read-ahead-limit-samples']),
    chunkBuffersMade: numberOrNull(a['data-chunk-buffers-made']),
  };
}

export const pageClock = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/**
 * Waits until the panel shows figures taken after `since` (page clock): the engine's, and with
 * `measured`, also a browser measurement begun after it (one takes up to a minute while WASM
 * threads run, and the one in progress at `since` must end first).
 */
export async function memoryPanelAfter(
  page: Page,
  since: number,
  opts: { measured?: boolean; timeoutMs?: number } = {},
): Promise<MemoryPanelFigures> {
  await page.waitForFunction(
    ([after, measured]) => {
      // No helper functions in here: tsx would wrap them in a __name() the page does not have.
      const panel = document.querySelector('[data-testid="memory-panel"]');
      const engineAt = Number(panel?.getAttribute('data-engine-at') || -1);
      const measureStarted = Number(panel?.getAttribute('data-measure-started') || -1);
      return engineAt > after && (!measured || measureStarted > after);
    },
    [since, opts.measured ?? false] as const,
    { timeout: opts.timeoutMs ?? 30_000, polling: 200 },
  );
  return memoryPanel(page);
}
