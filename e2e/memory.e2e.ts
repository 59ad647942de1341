// Bounded memory in the real app: the engine worker holds one window of audio (plus the chunk
// being pushed) whatever the file's length, the decoder runs at most a window ahead into chunk
// buffers the engine hands back (so no file leaves garbage in the worker), a second
// run leaves ONNX Runtime's WASM heap where the first left it, and the memory panel reports the
// browser's own measurement.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newPage,
  SHARED,
  startPreviewServer,
  transcriptText,
  uploadFile,
  waitForStatus,
  type Server,
  type TestPage,
} from '../test/support/harness.ts';
import { longManifest, sentenceManifest } from '../test/support/sharedFixtures.ts';
import { CHUNK_SAMPLES } from '../src/shared/audioFormat.ts';
import { memoryPanel, memoryPanelAfter, pageClock, type MemoryPanelFigures } from '../test/support/memoryPanel.ts';
import { openSideTab } from '../test/support/sidePanel.ts';

const TEN_MINUTES = path.join(SHARED, 'audio/tones/long/ten-minutes.opus');
const longText = longManifest().text;
/** The bound under test: the engine never holds more audio than this many windows. */
const MAX_WINDOWS_HELD = 2;

let server: Server;
let browser: Browser;
let app: TestPage;

beforeAll(async () => {
  server = await startPreviewServer();
  browser = await launchBrowser();
  app = await newPage(browser);
  // The window and stride the figures below are counted in, whatever the default budget's are.
  await app.page.goto(`${server.url}?model=/models/tone-ctc&device=wasm&window=20&stride=2`);
  await waitForStatus(app.page, ['idle'], 120_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function transcribeTenMinutes(page: Page): Promise<MemoryPanelFigures> {
  await uploadFile(page, TEN_MINUTES);
  await waitForStatus(page, ['transcribing'], 30_000);
  const status = await waitForStatus(page, ['done', 'error', 'cancelled'], 300_000);
  expect(status.state, status.message).toBe('done');
  expect(await transcriptText(page)).toBe(longText);
  return memoryPanelAfter(page, await pageClock(page));
}

async function transcribeSentence(page: Page): Promise<string> {
  const [{ file, text }] = sentenceManifest();
  await uploadFile(page, path.join(SHARED, 'audio/tones/sentences', file));
  const status = await waitForStatus(page, ['done', 'error'], 60_000);
  expect(await transcriptText(page)).toBe(text);
  return status.state;
}

describe('bounded memory on the WASM backend', () => {
  it('holds at most one window and one chunk of a ten-minute file, and a second run does not raise the WASM heap', async () => {
    const before = await memoryPanel(app.page);
    const first = await transcribeTenMinutes(app.page);

    expect(first.windowSamples).toBe(20 * 16_000);
    // 600 s in 16 s steps: every window ran, yet the worker never held more than one plus a chunk.
    expect(first.windowsRun! - (before.windowsRun ?? 0)).toBe(38);
    expect(first.maxHeldSamples).toBeGreaterThanOrEqual(first.windowSamples);
    expect(first.maxHeldSamples).toBeLessThanOrEqual(first.windowSamples + CHUNK_SAMPLES);
    expect(first.maxHeldSamples! / first.windowSamples).toBeLessThanOrEqual(MAX_WINDOWS_HELD);
    // The decoder ran ahead of the model (they overlap), but never by more than one window.
    expect(first.readAheadLimitSamples).toBe(first.windowSamples);
    expect(first.readAheadPeakSamples).toBeGreaterThan(0);
    expect(first.readAheadPeakSamples).toBeLessThanOrEqual(first.readAheadLimitSamples! + CHUNK_SAMPLES);
    expect(first.wasmHeapBytes).toBeGreaterThan(0);
    expect(first.tensorBytes).toBe(first.windowSamples * 4);
    // The engine hands every chunk back to be filled again: a handful of buffers for 150 chunks
    // (the read-ahead's, the one being pushed and the one being decoded).
    expect(first.chunkBuffersMade).toBeGreaterThan(0);
    expect(first.chunkBuffersMade).toBeLessThanOrEqual(first.readAheadLimitSamples! / CHUNK_SAMPLES + 3);

    const second = await transcribeTenMinutes(app.page);
    expect(second.windowsRun! - first.windowsRun!).toBe(38);
    expect(second.wasmHeapBytes).toBeLessThanOrEqual(first.wasmHeapBytes!);
    expect(second.maxHeldSamples).toBe(first.maxHeldSamples);
    expect(second.chunkBuffersMade).toBe(first.chunkBuffersMade);
    expect(app.errors).toEqual([]);
  });

  it('gives a swapped-in model a fresh worker, so the old model\'s WASM heap is returned', async () => {
    const { page } = app;
    const small = (await memoryPanelAfter(page, await pageClock(page))).wasmHeapBytes!;
    const load = async (model: string) => {
      await page.getByLabel('Model (Hub id or URL)').fill(model);
      await page.getByRole('button', { name: 'Load model' }).click();
      await waitForStatus(page, ['loading-model'], 10_000);
      expect((await waitForStatus(page, ['idle', 'error'], 120_000)).state).toBe('idle');
      return (await memoryPanelAfter(page, await pageClock(page))).wasmHeapBytes!;
    };
    const large = await load('/models/attn-bench');
    expect(large).toBeGreaterThan(2 * small);
    // Back to tone-ctc: in the same worker the heap would stay at attn-bench's size.
    expect(await load('/models/tone-ctc')).toBeLessThanOrEqual(small);
    const status = await transcribeSentence(page);
    expect(status).toBe('done');
  });

  it("shows the browser's measurement of the page and its workers, including the shared WASM heap", async () => {
    // While ORT's WASM thread waits, Chromium gives the measurement up to 60 s.
    const figures = await memoryPanelAfter(app.page, 0, { measured: true, timeoutMs: 150_000 });
    expect(figures.method).toBe('measureUserAgentSpecificMemory');
    expect(figures.isolated).toBe(true);
    expect(figures.currentBytes).toBeGreaterThan(figures.wasmHeapBytes!);
    expect(figures.peakBytes).toBeGreaterThanOrEqual(figures.currentBytes);
    await openSideTab(app.page, 'Memory');
    const panel = app.page.getByTestId('memory-panel');
    await expect.poll(() => panel.textContent()).toMatch(/engine worker/);
    expect(await app.page.getByTestId('isolation-status').textContent()).toMatch(/^Cross-origin isolated/);
    expect(await panel.getByRole('img').getAttribute('aria-label')).toMatch(/^Memory over the last .*peak/);
  });

  it('breaks the total down into the model weights, the runtime, audio held and the page', async () => {
    const { page } = app;
    await openSideTab(page, 'Memory');
    const table = page.getByRole('table', { name: 'Where the bytes are' });
    await table.waitFor();
    // Each part's row, and the panel's total, from one render.
    const { total, parts } = await page.evaluate(() => {
      const panel = document.querySelector('[data-testid="memory-panel"]')!;
      const rows = [...panel.querySelectorAll<HTMLElement>('[data-testid="memory-breakdown"] tr[data-part]')];
      return {
        total: Number(panel.getAttribute('data-current-bytes')),
        parts: Object.fromEntries(rows.map((row) => [row.dataset.part!, row.dataset.bytes === '' ? null : Number(row.dataset.bytes)])),
      };
    });
    const figures = await memoryPanel(page);
    expect(Object.keys(parts)).toEqual(['weights', 'runtime', 'audio', 'page']);
    // tone-ctc's one graph file, as served.
    expect(parts.weights).toBe(statSync(path.join(SHARED, 'models/tone-ctc/onnx/model.onnx')).size);
    expect(parts.weights! + parts.runtime!).toBe(figures.wasmHeapBytes);
    expect(parts.runtime).toBeGreaterThan(0);
    // Idle, the engine still keeps its window buffer and that window's model input.
    expect(parts.audio).toBeGreaterThanOrEqual(figures.windowSamples * 4 + figures.tensorBytes!);
    expect(parts.page).toBeGreaterThan(0);
    expect(Math.abs(parts.weights! + parts.runtime! + parts.audio! + parts.page! - total)).toBeLessThanOrEqual(1);
    const text = (await table.textContent()) ?? '';
    for (const label of ['model weights', "runtime's working memory", 'audio held', 'page and the rest']) expect(text).toContain(label);
  });
});

describe('memory panel without cross-origin isolation', () => {
  it('says why isolation is off and falls back to the page heap plus the engine heap', async () => {
    const plain = await startPreviewServer({ headers: false });
    // Without its service worker, which would add the headers and reload, the app stays unisolated.
    const context = await browser.newContext({ serviceWorkers: 'block' });
    const t = { page: await context.newPage(), close: () => context.close() };
    try {
      await t.page.goto(`${plain.url}?model=/models/tone-ctc&device=wasm`);
      await waitForStatus(t.page, ['idle'], 120_000);
      const figures = await memoryPanelAfter(t.page, await pageClock(t.page), { measured: true });
      expect(figures.isolated).toBe(false);
      expect(figures.method).toBe('performance.memory');
      expect(figures.currentBytes).toBeGreaterThan(figures.wasmHeapBytes!);
      const panel = t.page.getByTestId('memory-panel');
      await expect
        .poll(() => t.page.getByTestId('isolation-status').textContent())
        .toMatch(/^Not cross-origin isolated: the server sent no Cross-Origin-Opener-Policy header and no Cross-Origin-Embedder-Policy header\.$/);
      expect(await panel.textContent()).toMatch(/needs a cross-origin isolated page: showing the page's JavaScript heap/);
    } finally {
      await t.close();
      await plain.close();
    }
  });
});
