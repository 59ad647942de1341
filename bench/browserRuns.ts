// One benchmark run = one fresh headless Chromium: the app (streaming engine, its memory panel's
// figures), the one-pass baseline page or a bare ONNX Runtime session, with the summed RSS and
// proportional set size of Chromium's processes sampled from /proc throughout.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, transcriptText, uploadFile, waitForStatus } from '../test/support/harness.ts';
import { memoryPanelAfter, pageClock } from '../test/support/memoryPanel.ts';
import { SAMPLE_RATE } from '../src/shared/audioFormat.ts';
import { judgeTranscript, type Clip } from './clips.ts';
import { ChromiumMemorySampler, chromiumPssBytes } from '../test/support/processMemory.ts';
import type { RuntimeBuild, RuntimeRun } from './runtime/runtime.worker.ts';

export interface RunRow {
  readonly pipeline: 'streaming app' | 'one-pass pipeline';
  readonly model: string;
  readonly clip: string;
  readonly audioSeconds: number;
  /** Transcription time (model already loaded), or null when it did not finish. */
  readonly wallSeconds: number | null;
  /** The memory panel's peak (same sampling and formula on the baseline page). */
  readonly peakPageBytes: number | null;
  readonly peakRssBytes: number;
  readonly peakPssBytes: number;
  readonly wasmHeapBytes: number | null;
  /** The engine's windows run (the app only). */
  readonly windowsRun: number | null;
  readonly outcome: string;
  readonly ok: boolean;
}

export interface RepeatFigures {
  /** Panel "now" after a fresh browser measurement, after the first and after the last file. */
  readonly pageBytesAfterFirst: number;
  readonly pageBytesAfterLast: number;
  /** Summed proportional set size of Chromium's processes at those two moments. */
  readonly pssBytesAfterFirst: number;
  readonly pssBytesAfterLast: number;
  readonly wasmHeapAfterFirst: number | null;
  readonly wasmHeapAfterLast: number | null;
  /** WASM heap after each file. */
  readonly wasmHeapPerFile: ReadonlyArray<number | null>;
}

/** While ORT's WASM thread waits, Chromium gives a measurement up to 60 s; the one in flight ends first. */
const FRESH_MEASUREMENT_MS = 200_000;

async function withBrowser<T>(webgpu: boolean, body: (browser: Browser) => Promise<T>): Promise<{ value: T; peakRssBytes: number; peakPssBytes: number }> {
  const browser = await launchBrowser({ webgpu });
  const sampler = new ChromiumMemorySampler();
  try {
    const value = await body(browser);
    const { rssBytes, pssBytes } = sampler.stop();
    return { value, peakRssBytes: rssBytes, peakPssBytes: pssBytes };
  } finally {
    sampler.stop();
    await browser.close();
  }
}

/** Records the status element's data-state changes with their page-clock times. */
export async function watchStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const element = document.querySelector('[data-testid="status"]')!;
    const log: Array<[string, number]> = [];
    Object.assign(window, { statusLog: log });
    new MutationObserver(() => log.push([element.getAttribute('data-state') ?? '', performance.now()])).observe(element, {
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });
}

/** Waits for the job started after log entry `from` to end; returns its outcome and page-clock span. */
export async function jobAfter(page: Page, from: number, timeoutMs: number): Promise<{ state: string; seconds: number; next: number }> {
  const handle = await page.waitForFunction(
    (start) => {
      const log = (window as unknown as { statusLog: Array<[string, number]> }).statusLog.slice(start);
      const begun = log.findIndex(([state]) => state === 'transcribing');
      if (begun < 0) return null;
      const ended = log.findIndex(([state], i) => i > begun && ['done', 'error', 'cancelled'].includes(state));
      if (ended < 0) return null;
      return { state: log[ended][0], seconds: (log[ended][1] - log[begun][1]) / 1000, next: start + ended + 1 };
    },
    from,
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue())!;
}

/**
 * The app on `clips` one after another in one page (a fresh browser). With several clips, also the
 * panel's figures after the first and after the last file, each from a measurement begun after it.
 * `settings` are more URL settings (`window=8&stride=1`). `finalMeasurement: false` takes the
 * panel's figures without waiting for a browser measurement begun after the last job: its engine
 * figures are current, and at base-bench size one measurement can take minutes.
 */
export async function runApp(
  appUrl: string,
  model: string,
  clips: readonly Clip[],
  label: string,
  { settings = '', finalMeasurement = true }: { settings?: string; finalMeasurement?: boolean } = {},
): Promise<{ row: RunRow; repeat: RepeatFigures | null }> {
  const { value, peakRssBytes, peakPssBytes } = await withBrowser(false, async (browser) => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${appUrl}?model=/models/${model}&device=wasm${settings === '' ? '' : `&${settings}`}`);
    await waitForStatus(page, ['idle'], 180_000);
    await watchStatus(page);
    let logIndex = 0;
    let seconds = 0;
    let outcome = '';
    const heaps: Array<number | null> = [];
    let afterFirst: { bytes: number; pss: number; heap: number | null } | null = null;
    for (const [i, clip] of clips.entries()) {
      await uploadFile(page, clip.file);
      const job = await jobAfter(page, logIndex, 1_800_000);
      logIndex = job.next;
      seconds += job.seconds;
      if (job.state !== 'done') {
        outcome = `${job.state}: ${(await page.getByTestId('status').textContent()) ?? ''}`;
        break;
      }
      const text = await transcriptText(page);
      if (model === 'tone-ctc') {
        const verdict = judgeTranscript(clip, text);
        if (!outcome.startsWith('not')) outcome = verdict;
      } else {
        outcome = `${text.split(' ').length} words (random weights)`;
      }
      const figures = await memoryPanelAfter(page, await pageClock(page), {
        measured: clips.length > 1 && i === 0,
        timeoutMs: FRESH_MEASUREMENT_MS,
      });
      heaps.push(figures.wasmHeapBytes);
      if (i === 0) afterFirst = { bytes: figures.currentBytes, pss: chromiumPssBytes(), heap: figures.wasmHeapBytes };
    }
    const last = await memoryPanelAfter(page, await pageClock(page), { measured: finalMeasurement, timeoutMs: FRESH_MEASUREMENT_MS });
    const pssAfterLast = chromiumPssBytes();
    if (errors.length > 0) outcome += ` (page errors: ${errors.join('; ').slice(0, 200)})`;
    const repeat: RepeatFigures | null =
      clips.length > 1 && afterFirst !== null
        ? {
            pageBytesAfterFirst: afterFirst.bytes,
            pageBytesAfterLast: last.currentBytes,
            pssBytesAfterFirst: afterFirst.pss,
            pssBytesAfterLast: pssAfterLast,
            wasmHeapAfterFirst: afterFirst.heap,
            wasmHeapAfterLast: last.wasmHeapBytes,
            wasmHeapPerFile: heaps,
          }
        : null;
    return { seconds, outcome, last, repeat };
  });
  const audioSeconds = clips.reduce((sum, c) => sum + c.seconds, 0);
  const ok = value.outcome.startsWith('exact') || (model !== 'tone-ctc' && value.outcome.includes('words'));
  return {
    row: {
      pipeline: 'streaming app',
      model,
      clip: label,
      audioSeconds,
      wallSeconds: ok ? value.seconds : null,
      peakPageBytes: value.last.peakBytes,
      peakRssBytes,
      peakPssBytes,
      wasmHeapBytes: value.last.wasmHeapBytes,
      windowsRun: value.last.windowsRun,
      outcome: value.outcome,
      ok,
    },
    repeat: value.repeat,
  };
}

interface BaselineMemory {
  currentBytes: number;
  peakBytes: number;
  measureStarted: number | null;
  engineAt: number | null;
  wasmHeapBytes: number | null;
}

type BaselineResult =
  | { ok: true; text: string; seconds: number }
  | { ok: false; error: string; seconds: number };

/**
 * The one-pass pipeline on `clips` in one page (a fresh browser), stopping at the first failure:
 * an error (out of memory), a renderer crash, or no answer within `timeoutMs`.
 */
export async function runBaseline(
  pagesUrl: string,
  model: string,
  clips: readonly Clip[],
  label: string,
  timeoutMs: number,
  { dtype = 'fp32', finalMeasurement = true }: { dtype?: 'fp32' | 'q8'; finalMeasurement?: boolean } = {},
): Promise<{ row: RunRow; repeat: RepeatFigures | null }> {
  let seenPeak: number | null = null;
  let seenHeap: number | null = null;
  const { value, peakRssBytes, peakPssBytes } = await withBrowser(false, async (browser) => {
    const { page } = await newPage(browser);
    const crashed = new Promise<'crashed'>((resolve) => page.once('crash', () => resolve('crashed')));
    await page.goto(`${pagesUrl}baseline/`);
    await page.waitForFunction(() => 'runBaseline' in window);
    const memory = () => page.evaluate(() => (window as unknown as { baselineMemory(): BaselineMemory }).baselineMemory());
    const poll = setInterval(() => {
      memory()
        .then((m) => {
          seenPeak = m.peakBytes;
          seenHeap = m.wasmHeapBytes;
        })
        .catch(() => {});
    }, 2_000);
    try {
      let seconds = 0;
      let outcome = '';
      let ok = true;
      const heaps: Array<number | null> = [];
      let afterFirst: (BaselineMemory & { pssBytes: number }) | null = null;
      for (const [i, clip] of clips.entries()) {
        await page.setInputFiles('#file', clip.file);
        const result = await Promise.race([
          page.evaluate(
            ([m, t]) => (window as unknown as { runBaseline(m: string, d: string, t: string): Promise<BaselineResult> }).runBaseline(m, 'wasm', t),
            [model, dtype] as const,
          ),
          crashed,
          new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs)),
        ]).catch((error: unknown) => ({ ok: false as const, error: String(error), seconds: NaN }));
        if (result === 'crashed' || result === 'timeout' || !result.ok) {
          ok = false;
          outcome =
            result === 'crashed'
              ? 'renderer crashed (out of memory)'
              : result === 'timeout'
                ? `no result within ${timeoutMs / 1000} s`
                : `failed after ${result.seconds.toFixed(1)} s: ${result.error.slice(0, 160)}`;
          break;
        }
        seconds += result.seconds;
        outcome = model === 'tone-ctc' ? judgeTranscript(clip, result.text) : `${result.text.split(' ').length} words (random weights)`;
        if (clips.length > 1) {
          const since = await pageClock(page);
          await page.waitForFunction(
            ([after, measured]) => {
              const m = (window as unknown as { baselineMemory(): BaselineMemory }).baselineMemory();
              return (m.engineAt ?? -1) > after && (!measured || (m.measureStarted ?? -1) > after);
            },
            [since, i === 0] as const,
            { timeout: FRESH_MEASUREMENT_MS, polling: 200 },
          );
          const m = await memory();
          heaps.push(m.wasmHeapBytes);
          if (i === 0) afterFirst = { ...m, pssBytes: chromiumPssBytes() };
        }
      }
      let last: BaselineMemory | null = null;
      if (ok) {
        const since = await pageClock(page);
        await page.waitForFunction(
          ([after, measured]) => {
            const m = (window as unknown as { baselineMemory(): BaselineMemory }).baselineMemory();
            return (m.engineAt ?? -1) > after && (!measured || (m.measureStarted ?? -1) > after);
          },
          [since, finalMeasurement] as const,
          { timeout: FRESH_MEASUREMENT_MS, polling: 200 },
        );
        last = await memory();
      }
      const repeat: RepeatFigures | null =
        ok && clips.length > 1 && afterFirst !== null && last !== null
          ? {
              pageBytesAfterFirst: afterFirst.currentBytes,
              pageBytesAfterLast: last.currentBytes,
              pssBytesAfterFirst: afterFirst.pssBytes,
              pssBytesAfterLast: chromiumPssBytes(),
              wasmHeapAfterFirst: afterFirst.wasmHeapBytes,
              wasmHeapAfterLast: last.wasmHeapBytes,
              wasmHeapPerFile: heaps,
            }
          : null;
      return { seconds, outcome, ok, last, repeat };
    } finally {
      clearInterval(poll);
    }
  });
  return {
    row: {
      pipeline: 'one-pass pipeline',
      model,
      clip: label,
      audioSeconds: clips.reduce((sum, c) => sum + c.seconds, 0),
      wallSeconds: value.ok ? value.seconds : null,
      peakPageBytes: value.last?.peakBytes ?? seenPeak,
      peakRssBytes,
      peakPssBytes,
      wasmHeapBytes: value.last?.wasmHeapBytes ?? seenHeap,
      windowsRun: null,
      outcome: value.outcome,
      ok: value.ok,
    },
    repeat: value.repeat,
  };
}

/** The engine probe page (bench/probe/) in a fresh browser. */
export async function withProbe<T>(
  pagesUrl: string,
  webgpu: boolean,
  body: (call: <R>(fn: string, ...args: unknown[]) => Promise<R>) => Promise<T>,
): Promise<{ value: T; peakRssBytes: number; peakPssBytes: number }> {
  return withBrowser(webgpu, async (browser) => {
    const { page } = await newPage(browser);
    await page.goto(`${pagesUrl}probe/`);
    await page.waitForFunction(() => 'probe' in window);
    const call = <R>(fn: string, ...args: unknown[]) =>
      page.evaluate(
        ([name, list]) => (window as unknown as { probe: Record<string, (...a: unknown[]) => Promise<unknown>> }).probe[name](...list),
        [fn, args] as const,
      ) as Promise<R>;
    return body(call);
  });
}


/** One bare ONNX Runtime Web session (bench/runtime/) in a fresh browser: `windows` back-to-back windows after a first one. */
export async function runRuntime(
  pagesUrl: string,
  build: RuntimeBuild,
  model: string,
  windowSeconds: number,
  windows: number,
  measureMemory = false,
): Promise<{ run: RuntimeRun & { measurements: number }; peakPssBytes: number }> {
  const { value, peakPssBytes } = await withBrowser(false, async (browser) => {
    const { page } = await newPage(browser);
    await page.goto(`${pagesUrl}runtime/`);
    await page.waitForFunction(() => 'runtime' in window);
    return page.evaluate(
      ([b, url, samples, count, measure]) =>
        (
          window as unknown as {
            runtime: { run(b: string, u: string, s: number, c: number, m: boolean): Promise<RuntimeRun & { measurements: number }> };
          }
        ).runtime.run(b, url, samples, count, measure),
      [build, `/models/${model}/onnx/model_quantized.onnx`, windowSeconds * SAMPLE_RATE, windows, measureMemory] as const,
    );
  });
  return { run: value, peakPssBytes };
}
