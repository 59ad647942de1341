// Live transcription from the microphone, with Chromium's fake capture device playing the tone
// paragraph (44.1 kHz stereo, starting when the device opens), the real tone-ctc model on WASM.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordErrorRate } from '../src/features/transcript/wordErrorRate.ts';
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
import { formatsManifest, sentenceManifest } from '../test/support/sharedFixtures.ts';
import { firstWordLatency, installWordTimer, type LatencyFigures } from '../test/support/micLatency.ts';
import { openSideTab } from '../test/support/sidePanel.ts';

const MIC_INPUT = path.join(SHARED, 'audio/tones/mic-input-16k.wav');
const sentences = sentenceManifest();
const PARAGRAPH = formatsManifest().text;
/** mic-input-16k.wav: 396 160 samples at 16 kHz. */
const CLIP_SECONDS = 396_160 / 16_000;
const APP_QUERY = '?model=/models/tone-ctc&device=wasm';

const fakeUi = '--use-fake-ui-for-media-stream';
const fakeDevice = '--use-fake-device-for-media-stream';
const fakeAudio = (file: string, loop = false) => `--use-file-for-fake-audio-capture=${file}${loop ? '' : '%noloop'}`;

interface ExportedJson {
  text: string;
  words: Array<{ text: string; start: number; end: number }>;
}

let server: Server;

beforeAll(async () => {
  server = await startPreviewServer();
});

afterAll(async () => {
  await server?.close();
});

async function openApp(browser: Browser): Promise<TestPage> {
  const t = await newPage(browser);
  await t.page.goto(`${server.url}${APP_QUERY}`);
  await waitForStatus(t.page, ['idle'], 60_000);
  return t;
}

async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(file) };
}

/** The current job's words, through the app's own JSON export. */
async function exportedWords(page: Page, source: RegExp): Promise<ExportedJson> {
  const group = page.getByRole('group', { name: source });
  const { bytes } = await downloadText(page, () => group.getByRole('button', { name: 'Save JSON' }).click());
  return JSON.parse(bytes.toString('utf8')) as ExportedJson;
}

function readWavHeader(bytes: Buffer) {
  return {
    riff: bytes.toString('ascii', 0, 4),
    wave: bytes.toString('ascii', 8, 12),
    channels: bytes.readUInt16LE(22),
    rate: bytes.readUInt32LE(24),
    bits: bytes.readUInt16LE(34),
    dataBytes: bytes.readUInt32LE(40),
    riffSize: bytes.readUInt32LE(4),
  };
}

describe('recording from a microphone (fake device)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser({ extraArgs: [fakeUi, fakeDevice, fakeAudio(MIC_INPUT)] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows words within 1.5 s, commits the paragraph on Stop, and saves a WAV that transcribes to the same words as a file', async () => {
    const { page, errors, blockedRequests, close } = await openApp(browser);
    try {
      await installWordTimer(page, 'YOU');
      await page.getByRole('button', { name: 'Record' }).click();
      await waitForStatus(page, ['transcribing'], 30_000);
      await expect.poll(() => page.getByTestId('mic-phase').getAttribute('data-phase')).toBe('recording');
      // A tentative tail shows before anything is committed (the first window is 20 s long).
      await page.getByTestId('transcript-tail').waitFor({ timeout: 5_000 });
      expect(await transcriptText(page)).toBe('');

      // The level meter moves, and the elapsed time is the audio captured so far.
      await expect.poll(() => page.locator('meter#mic-level').evaluate((m: HTMLMeterElement) => m.value), { timeout: 5_000 }).toBeGreaterThan(0.3);
      await page.waitForFunction(
        (clip) => {
          const [m, s] = (document.querySelector('[data-testid="mic-elapsed"]')?.textContent ?? '0:00').split(':').map(Number);
          // The display rounds to whole seconds: one more makes sure the whole clip was heard.
          return m * 60 + s >= Math.ceil(clip) + 1;
        },
        CLIP_SECONDS,
        { timeout: 60_000, polling: 100 },
      );
      await page.getByRole('button', { name: 'Stop' }).click();
      const done = await waitForStatus(page, ['done', 'error'], 60_000);
      expect(done.state, done.message).toBe('done');
      expect(done.message).toMatch(/Done: "Microphone recording \d\d:\d\d", \d+ words/);

      const live = await transcriptText(page);
      const wer = wordErrorRate(PARAGRAPH, live);
      console.log(`[mic] live transcript WER ${(wer * 100).toFixed(2)} %: ${live}`);
      expect(wer).toBeLessThanOrEqual(0.02);
      expect(await page.getByTestId('transcript-tail').count()).toBe(0);

      const latency: LatencyFigures = await firstWordLatency(page);
      console.log(`[mic] latency (WASM): ${JSON.stringify(latency)}`);
      expect(latency.firstTextMs).toBeLessThanOrEqual(1500);
      expect(latency.firstWordMs).toBeLessThanOrEqual(1500);

      // The saved recording: a 16 kHz mono WAV whose header was patched with its real size.
      const saveLink = page.getByTestId('save-recording');
      const saved = await downloadText(page, () => saveLink.click());
      expect(saved.name).toMatch(/^recording-\d{4}-\d\d-\d\d-\d{6}\.wav$/);
      const header = readWavHeader(saved.bytes);
      expect(header).toMatchObject({ riff: 'RIFF', wave: 'WAVE', channels: 1, rate: 16_000, bits: 16 });
      expect(header.dataBytes).toBe(saved.bytes.length - 44);
      expect(header.riffSize).toBe(saved.bytes.length - 8);
      const seconds = header.dataBytes / 2 / 16_000;
      expect(seconds).toBeGreaterThanOrEqual(CLIP_SECONDS);
      expect(seconds).toBeLessThan(CLIP_SECONDS + 4);
      // ... which the page's own players can play: the recorder's, and the workspace's for this job.
      expect(await page.getByTestId('player').getAttribute('src')).toBe(await saveLink.getAttribute('href'));
      const playable = await page.getByRole('group', { name: 'The recording' }).locator('audio').evaluate(
        (audio: HTMLAudioElement) =>
          new Promise<number>((resolve, reject) => {
            if (audio.readyState >= 1) resolve(audio.duration);
            audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
            audio.addEventListener('error', () => reject(new Error(`audio error ${audio.error?.code}`)), { once: true });
            audio.load();
          }),
      );
      expect(playable).toBeCloseTo(seconds, 1);

      // Live and file transcription share window, stride and samples: the same words, same times.
      const liveJson = await exportedWords(page, /Save the transcript of Microphone recording/);
      expect(liveJson.text).toBe(live);
      const recording = path.join(mkdtempSync(path.join(tmpdir(), 'mic-e2e-')), saved.name);
      writeFileSync(recording, saved.bytes);
      await uploadFile(page, recording);
      await waitForStatus(page, ['transcribing'], 30_000);
      const fileDone = await waitForStatus(page, ['done', 'error'], 120_000);
      expect(fileDone.state, fileDone.message).toBe('done');
      const fileJson = await exportedWords(page, new RegExp(`Save the transcript of ${saved.name.replace('.', '\\.')}`));
      expect(fileJson.words).toEqual(liveJson.words);

      expect(errors).toEqual([]);
      expect(blockedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shares the one engine with files: refused while a file runs, and a file dropped while recording waits its turn', async () => {
    const { page, errors, close } = await openApp(browser);
    try {
      await uploadFile(page, path.join(SHARED, 'audio/tones/long/ten-minutes.opus'));
      await waitForStatus(page, ['transcribing'], 30_000);
      await page.getByRole('button', { name: 'Record' }).click();
      await expect.poll(() => page.getByTestId('mic-problem').textContent()).toMatch(/A file is being transcribed\. Press Record again when it is done, or cancel it first\./);
      expect((await waitForStatus(page, ['transcribing'], 1_000)).message).toMatch(/ten-minutes\.opus/);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await waitForStatus(page, ['cancelled'], 15_000);

      await page.getByRole('button', { name: 'Record' }).click();
      await page.getByTestId('transcript-tail').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('mic-problem').count()).toBe(0);
      const sentence = sentences[0];
      await uploadFile(page, path.join(SHARED, 'audio/tones/sentences', sentence.file));
      await expect.poll(() => page.getByTestId('queue').textContent()).toContain(sentence.file);
      await page.getByRole('button', { name: 'Stop' }).click();
      // The recording finishes, then the waiting file runs.
      await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 60_000 }).toMatch(`Done: "${sentence.file}"`);
      expect(await transcriptText(page)).toBe(sentence.text);
      await openSideTab(page, 'Library');
      const history = page.getByRole('region', { name: 'Earlier transcripts' });
      await expect.poll(() => history.textContent()).toMatch(/Microphone recording \d\d:\d\d \(done, \d+ words\)/);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('when the microphone cannot be used', () => {
  async function expectRefusal(args: string[], expected: RegExp) {
    const browser = await launchBrowser({ extraArgs: args });
    try {
      const { page, close } = await openApp(browser);
      try {
        await page.getByRole('button', { name: 'Record' }).click();
        const status = await waitForStatus(page, ['error'], 30_000);
        expect(status.message).toMatch(expected);
        expect(await page.getByRole('alert').textContent()).toBe(status.message);
        // Nothing started: no live job, and Record can be pressed again.
        expect(await page.getByRole('heading', { name: /Transcript/ }).textContent()).toBe('Transcript');
        await expect.poll(() => page.getByRole('button', { name: 'Record' }).isEnabled()).toBe(true);
      } finally {
        await close();
      }
    } finally {
      await browser.close();
    }
  }

  it('says how to allow access when permission is denied', async () => {
    // Without the fake UI flag, headless Chromium answers the permission prompt with "deny".
    await expectRefusal([fakeDevice, fakeAudio(MIC_INPUT)], /^Microphone access was denied\. Allow it for this site .*press Record again\.$/);
  });

  it('says no microphone was found when there is no device', async () => {
    // Without the fake device flag, headless Chromium has no capture device at all.
    await expectRefusal([fakeUi], /^No microphone was found\. Connect one.*press Record again\.$/);
  });
});
