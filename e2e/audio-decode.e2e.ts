// src/features/file/decode in real Chromium: every shared format decodes to the right tones at the right time,
// bad files give their codes, an hour streams with flat memory and back-pressure, and decoding
// stops on abort.
// Tests the module directly on a Vite dev server (repo config), through e2e/audioDecodePage.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_SAMPLES, SAMPLE_RATE } from '../src/shared/audioFormat.ts';
import type * as Probe from './audioDecodePage.ts';
import { formatsManifest, repeatedLongFile, sentenceManifest, SHARED, TONES } from '../test/support/sharedFixtures.ts';
import { launchBrowser, REPO_ROOT } from '../test/support/harness.ts';

const TONE_CODE = path.join(SHARED, 'models/tone-ctc/tones.json');
const REFERENCE = path.join(TONES, 'mic-input-16k.wav');
const TEN_MINUTES = path.join(TONES, 'long/ten-minutes.opus');
const BAD = path.join(SHARED, 'audio/bad');

const formats = formatsManifest();
const sentences = sentenceManifest();
/** Every format file holds the same paragraph, 24.76 s long. */
const PARAGRAPH_SECONDS = 24.76;

const PAGE_PATH = 'audio-decode-test.html';
const PAGE_HTML = `<!doctype html><html lang="en"><title>audio decode test</title>
<label>Audio file <input type="file" id="file"></label>
<script type="module">
  import * as probe from '/e2e/audioDecodePage.ts';
  window.audioProbe = probe;
</script></html>`;

type ProbeWindow = { audioProbe: typeof Probe };

let server: ViteDevServer;
let browser: Browser;
let page: Page;
/** Uncaught errors and console errors or warnings of the page (e.g. an AudioData left unclosed). */
const pageProblems: string[] = [];

beforeAll(async () => {
  server = await createServer({
    configFile: path.join(REPO_ROOT, 'vite.config.ts'),
    root: REPO_ROOT,
    logLevel: 'warn',
    server: { host: '127.0.0.1', port: 0, fs: { allow: [REPO_ROOT, SHARED] } },
    optimizeDeps: { include: ['mediabunny'] },
  });
  await server.listen();
  const origin = server.resolvedUrls?.local[0];
  if (!origin) throw new Error('the Vite dev server has no local URL');

  browser = await launchBrowser({ extraArgs: ['--js-flags=--expose-gc'] });
  page = await browser.newPage();
  page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') pageProblems.push(`${message.type()}: ${message.text()}`);
  });
  // A bare page, cross-origin isolated like the app, so the memory API works.
  await page.route(origin + PAGE_PATH, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: PAGE_HTML,
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    }),
  );
  await page.goto(origin + PAGE_PATH);
  await page.waitForFunction(() => 'audioProbe' in window, null, { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function decode(file: string, options: Probe.DecodeOptions = {}): Promise<Probe.DecodeReport> {
  return page.evaluate(
    ([file, options]) => (window as unknown as ProbeWindow).audioProbe.decodeReport(file, options),
    [file, options] as const,
  );
}

function openingError(file: string): Promise<Probe.ErrorReport | null> {
  return page.evaluate((file) => (window as unknown as ProbeWindow).audioProbe.openingError(file), file);
}

describe('openAudioFile in Chromium', () => {
  it.each(formats.files)('streams %s to the paragraph, in time and without leading garbage', async (name) => {
    const report = await decode(path.join(TONES, 'formats', name), {
      tones: { text: formats.text, codePath: TONE_CODE },
      referencePath: REFERENCE,
    });
    expect(report.error).toBeNull();
    expect(report.mode).toBe('streaming');
    expect(report.warning).toBeNull();
    expect(report.chunkSizes).toEqual([CHUNK_SAMPLES]);
    expect(Math.abs(report.decodedSeconds - (report.durationSeconds ?? NaN))).toBeLessThan(0.02);
    expect(Math.abs(report.decodedSeconds - PARAGRAPH_SECONDS)).toBeLessThan(0.02);
    expect(report.symbols).toBe(report.expectedSymbols);
    expect(Math.abs(report.lag?.lag ?? NaN)).toBeLessThanOrEqual(1);
    expect(report.lag?.correlation).toBeGreaterThan(0.98);
    expect(report.leadPeak).toBeLessThan(0.01);
  });

  it.each(sentences)('streams sentence $file to its text', async ({ file, text }) => {
    const report = await decode(path.join(TONES, 'sentences', file), { tones: { text, codePath: TONE_CODE } });
    expect(report.error).toBeNull();
    expect(report.symbols).toBe(report.expectedSymbols);
  });

  it.each(['paragraph.mp3', 'paragraph.m4a', 'paragraph.ogg'])(
    'falls back to decoding %s whole where WebCodecs is missing, and warns about memory',
    async (name) => {
      const report = await decode(path.join(TONES, 'formats', name), {
        withoutWebCodecs: true,
        tones: { text: formats.text, codePath: TONE_CODE },
        referencePath: REFERENCE,
      });
      expect(report.mode).toBe('whole-file');
      expect(report.warning).toMatch(new RegExp(`^"${name}" is decoded in one piece because this browser has no WebCodecs.*memory`));
      expect(report.error).toBeNull();
      expect(report.chunkSizes).toEqual([CHUNK_SAMPLES]);
      expect(Math.abs(report.decodedSeconds - PARAGRAPH_SECONDS)).toBeLessThan(0.02);
      expect(report.symbols).toBe(report.expectedSymbols);
      expect(Math.abs(report.lag?.lag ?? NaN)).toBeLessThanOrEqual(1);
    },
  );

  it('still streams WAV without WebCodecs, since mediabunny decodes PCM itself', async () => {
    const report = await decode(path.join(TONES, 'formats', 'paragraph-44k1-stereo.wav'), { withoutWebCodecs: true });
    expect(report.mode).toBe('streaming');
    expect(report.decodedSeconds).toBe(PARAGRAPH_SECONDS);
  });
});

describe('files that cannot be read whole', () => {
  it.each([
    ['empty.wav', 'empty', /contains no audio/],
    ['not-audio.wav', 'not-audio', /not an audio or video file.*\(it contains text\)/],
    ['random-bytes.ogg', 'not-audio', /not an audio or video file.*\(it looks like random data\)/],
  ])('refuses %s with code %s', async (name, code, message) => {
    const error = await openingError(path.join(BAD, name));
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(message);
    expect(error?.message).toContain(`"${name}"`);
  });

  it('yields what truncated.mp3 holds, then says it ends early', async () => {
    const report = await decode(path.join(BAD, 'truncated.mp3'));
    expect(report.mode).toBe('streaming');
    // The header promises 15.7 s; the first third of the frames is there.
    expect(report.durationSeconds).toBeGreaterThan(15);
    expect(report.decodedSeconds).toBeGreaterThan(5.1);
    expect(report.decodedSeconds).toBeLessThan(5.3);
    expect(report.peak).toBeGreaterThan(0.1);
    expect(report.error?.code).toBe('truncated');
    expect(report.error?.message).toMatch(/"truncated\.mp3" ends early/);
  });

  it.each(['silence-5s.wav', 'white-noise-5s.wav'])('decodes %s normally', async (name) => {
    const report = await decode(path.join(BAD, name));
    expect(report.error).toBeNull();
    expect(report.mode).toBe('streaming');
    expect(report.decodedSeconds).toBe(5);
  });
});

describe('a long file', () => {
  it('streams an hour with back-pressure and page memory that does not grow with the file', async () => {
    // An hour, because a cache that fills slowly (mediabunny's read cache took 6 MB over an hour of
    // 32 kbit/s Opus) hardly shows in ten minutes.
    const folder = mkdtempSync(path.join(tmpdir(), 'hour-'));
    await page.setInputFiles('#file', repeatedLongFile(6, folder));
    // The browser reads the chosen file from disk as it streams.
    const report = await page
      .evaluate(() => (window as unknown as ProbeWindow).audioProbe.streamLongFile('#file'))
      .finally(() => rmSync(folder, { recursive: true }));
    console.log(
      `an hour of Opus: ${report.decodedSeconds.toFixed(2)} s decoded in ${(report.decodeMilliseconds / 1000).toFixed(1)} s; ` +
        `${report.secondsDecodedWhileIdle.toFixed(1)} s decoded while idle after the first chunk; ` +
        `page memory by minute (MB): ${report.memory.map(([, bytes]) => (bytes / 1e6).toFixed(1)).join(' ')}`,
    );
    expect(report.mode).toBe('streaming');
    expect(Math.abs(report.decodedSeconds - (report.durationSeconds ?? NaN))).toBeLessThan(0.02);
    expect(report.decodedSeconds).toBeGreaterThan(3600);

    // Back-pressure: a consumer that stops after one chunk stops the decoder a few seconds on.
    expect(report.secondsDecodedWhileIdle).toBeLessThan(10);

    // An hour of 16 kHz float PCM is 230 MB; here the page stays within 3 MB of its first minute.
    const [, firstMinute] = report.memory[0];
    const peak = Math.max(...report.memory.map(([, bytes]) => bytes));
    expect(report.memory.length).toBeGreaterThanOrEqual(59);
    expect(peak - firstMinute).toBeLessThan(3e6);
  });

  it('stops reading and decoding when the signal aborts', async () => {
    await page.setInputFiles('#file', TEN_MINUTES);
    const report = await page.evaluate(() => (window as unknown as ProbeWindow).audioProbe.abortLongFile('#file'));
    expect(report.chunksBeforeAbort).toBe(3);
    expect(report.rejection).toBe('AbortError');
    expect(report.secondsDecodedAtAbort).toBeLessThan((3 * CHUNK_SAMPLES) / SAMPLE_RATE + 3);
    expect(report.secondsDecodedLater).toBe(report.secondsDecodedAtAbort);
  });
});

describe('the page after all of the above', () => {
  it.each(formats.files)('starts %s at any second, sample for sample where the whole stream has it (a resumed job)', async (name) => {
    const report = await page.evaluate(
      ([file, from]) => (window as unknown as ProbeWindow).audioProbe.seekReport(file, from),
      [path.join(TONES, 'formats', name), 10.4] as const,
    );
    expect(report.seekedSamples, name).toBe(report.fullSamples - report.offset);
    console.log(`[seek] ${name}: largest difference ${report.maxDifference.toExponential(2)}, lag ${report.lag}`);
    expect(report.lag, name).toBe(0);
    // AAC's decoder settles to within a hair of the continuous decode; the others match exactly.
    expect(report.maxDifference, name).toBeLessThan(/\.(m4a|mp4)$/.test(name) ? 0.01 : 1e-6);
  });

  it('saw no uncaught error and no console error or warning', () => {
    expect(pageProblems).toEqual([]);
  });
});
