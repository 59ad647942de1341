// The app at the size users run: base-bench (wav2vec2-base-960h's graph, q8, random weights) on the
// WASM backend with short windows. Its words are meaningless, so only the engine's work and the
// memory figures are checked, that the WASM backend runs ONNX Runtime's plain build, and that the
// model file's bytes are not left behind once the session holds the weights.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SAMPLE_RATE } from '../src/shared/audioFormat.ts';
import { launchBrowser, newPage, SHARED, startPreviewServer, uploadFile, waitForStatus, type Server, type TestPage } from '../test/support/harness.ts';
import { memoryPanel, memoryPanelAfter, pageClock } from '../test/support/memoryPanel.ts';
import { collectPageAndWorkers, EXPOSE_GC_ARGS } from '../test/support/forcedCollection.ts';
import { chromiumPssBytes } from '../test/support/processMemory.ts';
import { MIB } from '../test/support/bytes.ts';

const WINDOW_SECONDS = 8;
const STRIDE_SECONDS = 1;
const AUDIO_SECONDS = 30;

let server: Server;
let browser: Browser;
let app: TestPage;
let audioDir: string;
let clip: string;
const requested: string[] = [];

beforeAll(async () => {
  audioDir = mkdtempSync(path.join(os.tmpdir(), 'base-bench-e2e-'));
  clip = path.join(audioDir, 'thirty-seconds.opus');
  const tenMinutes = path.join(SHARED, 'audio/tones/long/ten-minutes.opus');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', tenMinutes, '-t', String(AUDIO_SECONDS), '-c', 'copy', clip]);
  server = await startPreviewServer();
  browser = await launchBrowser({ extraArgs: EXPOSE_GC_ARGS });
  app = await newPage(browser);
  app.page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  await app.page.goto(`${server.url}?model=/models/base-bench&device=wasm&window=${WINDOW_SECONDS}&stride=${STRIDE_SECONDS}`);
  await waitForStatus(app.page, ['idle'], 120_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (audioDir) rmSync(audioDir, { recursive: true, force: true });
});

it("holds the model's weights once, and leaves no copy of its file's bytes once it is loaded", async () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1000));
  // From the cache, as on every visit after the first, which also downloads and stores the file.
  await app.page.reload();
  await waitForStatus(app.page, ['idle'], 120_000);
  await settle();
  // Given the file whole, ONNX Runtime copied it into its heap beside the weights it unpacked (206 MiB
  // of heap for the 90 MiB file); given the graph with the file as its external data, it copies each
  // weight once, into its tensor (120 MiB).
  const fileBytes = statSync(path.join(SHARED, 'models/base-bench/onnx/model_quantized.onnx')).size;
  await expect.poll(async () => (await memoryPanel(app.page)).wasmHeapBytes, { timeout: 10_000 }).not.toBeNull();
  const heap = (await memoryPanel(app.page)).wasmHeapBytes!;
  console.log(`ONNX Runtime's heap once loaded: ${(heap / MIB).toFixed(0)} MiB for a ${(fileBytes / MIB).toFixed(0)} MiB file`);
  expect(heap).toBeLessThan(1.6 * fileBytes);
  const loaded = chromiumPssBytes('allocated');
  const collected = await collectPageAndWorkers(app.page);
  await settle();
  const freed = loaded - chromiumPssBytes('allocated');
  console.log(`loaded from the cache: ${(loaded / MIB).toFixed(0)} MiB allocated; a forced collection freed ${(freed / MIB).toFixed(0)} MiB`);
  // The file is 95 MB: left to the engine worker's collector, a forced collection freed 90 MiB or more.
  expect(freed / MIB, `${(freed / MIB).toFixed(0)} MiB freed by collecting ${collected}`).toBeLessThan(40);
}, 60_000);

it('loads base-bench on WASM (q8, the plain runtime), runs every window of 30 s and reports its memory', async () => {
  const { page, errors } = app;
  await expect.poll(() => page.getByTestId('backend').getAttribute('data-backend')).toBe('wasm');
  const ortWasm = requested.filter((p) => /\/ort-wasm-simd-threaded[.-][^/]*\.wasm$/.test(p));
  expect(ortWasm.length, `the ORT runtime files fetched: ${ortWasm.join(', ')}`).toBeGreaterThan(0);
  expect(ortWasm.every((p) => !p.includes('asyncify')), `no asyncify runtime on WASM: ${ortWasm.join(', ')}`).toBe(true);
  expect(requested).toContain('/models/base-bench/onnx/model_quantized.onnx');

  const before = await memoryPanel(page);
  await uploadFile(page, clip);
  await waitForStatus(page, ['transcribing'], 30_000);
  const status = await waitForStatus(page, ['done', 'error', 'cancelled'], 60_000);
  expect(status.state, status.message).toBe('done');

  const after = await memoryPanelAfter(page, await pageClock(page));
  expect(after.windowSamples).toBe(WINDOW_SECONDS * SAMPLE_RATE);
  // Windows advance by the window less both strides; the first starts at 0 and the last reaches the end.
  const step = WINDOW_SECONDS - 2 * STRIDE_SECONDS;
  expect(after.windowsRun! - (before.windowsRun ?? 0)).toBe(Math.ceil((AUDIO_SECONDS - 2 * STRIDE_SECONDS) / step));
  expect(after.maxHeldSamples).toBeGreaterThanOrEqual(after.windowSamples);
  // base-bench's weights alone are about 90 MiB in ORT's heap.
  expect(after.wasmHeapBytes).toBeGreaterThan(90 * 1024 * 1024);
  expect(after.tensorBytes).toBe(after.windowSamples * 4);
  expect(after.isolated).toBe(true);
  expect(after.method).toBe('measureUserAgentSpecificMemory');
  // A browser measurement started while ORT's threads ran can take a minute: any finished one will do.
  await expect.poll(async () => (await memoryPanel(page)).measuredAt, { timeout: 60_000, interval: 500 }).not.toBeNull();
  const measured = await memoryPanel(page);
  expect(measured.currentBytes).toBeGreaterThanOrEqual(measured.wasmHeapBytes!);
  expect(measured.peakBytes).toBeGreaterThanOrEqual(measured.currentBytes);
  expect(errors).toEqual([]);
}, 120_000);
