// Live-recording benchmark: a long session on Chromium's fake capture device (the tone paragraph,
// looped), transcribed by tone-ctc on WASM with the recording kept on OPFS. Prints the first-word
// latency and memory over time: the browser's resident memory (every Chromium process) and the
// app's own figure from its memory panel.
//
//   npx tsx bench/liveRecording.ts [--minutes=10]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { wordErrorRate } from '../src/features/transcript/wordErrorRate.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/harness.ts';
import { firstWordLatency, installWordTimer } from '../test/support/micLatency.ts';
import { formatsManifest } from '../test/support/sharedFixtures.ts';
import { ChromiumMemorySampler } from '../test/support/processMemory.ts';
import { OUT, SHARED, viteBuild, vitePreview } from '../test/support/servers.ts';

const MIC_INPUT = path.join(SHARED, 'audio/tones/mic-input-16k.wav');
const PARAGRAPH = formatsManifest().text;
const APP_QUERY = '?model=/models/tone-ctc&device=wasm';
const SAMPLE_EVERY_MS = 30_000;
const MiB = 2 ** 20;

export interface LiveRecordingSample {
  readonly minutes: number;
  readonly rssBytes: number;
  /** The memory panel's current total (page + workers + the engine's WASM heap), or null before its first figure. */
  readonly appBytes: number | null;
  readonly committedWords: number;
}

export interface LiveRecordingResult {
  readonly minutes: number;
  readonly firstTextMs: number;
  readonly firstWordMs: number;
  readonly peakRssBytes: number;
  readonly peakAppBytes: number | null;
  readonly samples: readonly LiveRecordingSample[];
  readonly words: number;
  readonly wordErrorRate: number;
  readonly recordingBytes: number;
}

async function sampleApp(page: Page): Promise<{ appBytes: number | null; words: number }> {
  return page.evaluate(() => {
    const panel = document.querySelector<HTMLElement>('[data-testid="memory-panel"]');
    const bytes = Number(panel?.dataset.currentBytes ?? NaN);
    const text = (document.querySelector('[data-testid="transcript"]')?.textContent ?? '').trim();
    return { appBytes: Number.isFinite(bytes) && bytes > 0 ? bytes : null, words: text === '' ? 0 : text.split(/\s+/).length };
  });
}

/**
 * The looped paragraph, cut to `words` words. The tone encoding has no word delimiter at either end
 * of the clip, so its last and first words run together across the loop ("ENEMIESYOU"), as the
 * model rightly hears them.
 */
function loopedReference(words: number): string {
  const repetitions = Math.ceil(words / PARAGRAPH.split(' ').length) + 1;
  return Array.from({ length: repetitions }, () => PARAGRAPH).join('').split(' ').slice(0, words).join(' ');
}

export async function runLiveRecordingBench(minutes = 10, log: (line: string) => void = console.log): Promise<LiveRecordingResult> {
  const outDir = path.join(OUT, 'live-recording-app');
  viteBuild(outDir);
  const server = await vitePreview(outDir);
  // A persistent profile keeps OPFS on disk; an incognito context would keep the recording in memory.
  const profile = mkdtempSync(path.join(tmpdir(), 'live-bench-'));
  const rss = new ChromiumMemorySampler(1_000);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    acceptDownloads: true,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${MIC_INPUT}`, // loops
    ],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}${APP_QUERY}`);
    await page.waitForSelector('[data-testid="status"][data-state="idle"]', { timeout: 120_000 });
    await installWordTimer(page, 'YOU');
    await page.getByRole('button', { name: 'Record' }).click();
    await page.waitForSelector('[data-testid="transcript-tail"]', { timeout: 30_000 });
    const startedAt = Date.now();
    const samples: LiveRecordingSample[] = [];
    let peakAppBytes: number | null = null;
    while (Date.now() - startedAt < minutes * 60_000) {
      await page.waitForTimeout(Math.min(SAMPLE_EVERY_MS, minutes * 60_000 - (Date.now() - startedAt)));
      const { appBytes, words } = await sampleApp(page);
      const sample = { minutes: (Date.now() - startedAt) / 60_000, rssBytes: rss.sample().rssBytes, appBytes, committedWords: words };
      samples.push(sample);
      if (appBytes !== null) peakAppBytes = Math.max(peakAppBytes ?? 0, appBytes);
      log(
        `  ${sample.minutes.toFixed(1).padStart(5)} min  RSS ${(sample.rssBytes / MiB).toFixed(0).padStart(5)} MiB  ` +
          `app ${appBytes === null ? '    -' : (appBytes / MiB).toFixed(1).padStart(6)} MiB  ${words} words committed`,
      );
    }
    const latency = await firstWordLatency(page);
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.waitForSelector('[data-testid="status"][data-state="done"]', { timeout: 120_000 });
    const transcript = ((await page.getByTestId('transcript').textContent()) ?? '').trim();
    const words = transcript.split(/\s+/).length;
    const recordingBytes = await page.evaluate(async () => {
      const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle('recordings');
      const names: string[] = [];
      for await (const name of (folder as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
      return (await (await folder.getFileHandle(names[0])).getFile()).size;
    });
    return {
      minutes,
      ...latency,
      peakRssBytes: rss.stop().rssBytes,
      peakAppBytes,
      samples,
      words,
      wordErrorRate: wordErrorRate(loopedReference(words), transcript),
      recordingBytes,
    };
  } finally {
    rss.stop();
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const mib = (bytes: number | null) => (bytes === null ? '-' : `${(bytes / MiB).toFixed(1)} MiB`);

/** Lowest and highest of the samples in the session's second half: flat memory keeps them close. */
function secondHalfRange(result: LiveRecordingResult, figure: (s: LiveRecordingSample) => number | null): string {
  const values = result.samples
    .filter((s) => s.minutes >= result.minutes / 2)
    .map(figure)
    .filter((v): v is number => v !== null);
  return values.length === 0 ? '-' : `${mib(Math.min(...values))} to ${mib(Math.max(...values))}`;
}

/** The bench row: peak memory and first-word latency, plus how flat memory stayed. */
export function formatLiveRecordingRow(result: LiveRecordingResult): string {
  return [
    `live recording, ${result.minutes} min (fake device, tone-ctc, WASM):`,
    `first text ${result.firstTextMs} ms, first word ${result.firstWordMs} ms after the first sound;`,
    `peak RSS ${mib(result.peakRssBytes)} (second half ${secondHalfRange(result, (s) => s.rssBytes)});`,
    `app memory peak ${mib(result.peakAppBytes)} (second half ${secondHalfRange(result, (s) => s.appBytes)});`,
    `${result.words} words, WER ${(result.wordErrorRate * 100).toFixed(2)} % against the looped paragraph;`,
    `recording on OPFS ${mib(result.recordingBytes)}`,
  ].join(' ');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const minutes = Number(/^--minutes=(.+)$/.exec(process.argv.find((a) => a.startsWith('--minutes=')) ?? '')?.[1] ?? 10);
  const result = await runLiveRecordingBench(minutes);
  console.log(formatLiveRecordingRow(result));
}
