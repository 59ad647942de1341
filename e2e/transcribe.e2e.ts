import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  newPage,
  SHARED,
  startPreviewServer,
  transcribeFile,
  transcriptText,
  uploadFile,
  waitForStatus,
  type Server,
  type TestPage,
} from '../test/support/harness.ts';
import { formatsManifest, longManifest, sentenceManifest } from '../test/support/sharedFixtures.ts';
import { openSideTab } from '../test/support/sidePanel.ts';

const FORMATS = path.join(SHARED, 'audio/tones/formats');
const BAD = path.join(SHARED, 'audio/bad');
const formats = formatsManifest();
const sentences = sentenceManifest();
const longText = longManifest().text;

let server: Server;

beforeAll(async () => {
  server = await startPreviewServer();
});

afterAll(async () => {
  await server?.close();
});

async function openApp(browser: Browser, query = '?model=/models/tone-ctc'): Promise<TestPage> {
  const t = await newPage(browser);
  await t.page.goto(`${server.url}${query}`);
  return t;
}

// The whole flow runs on both backends; on WebGPU the adapter is SwiftShader (the CPU), so slow.
const backends = [
  { backend: 'wasm', launch: {}, query: '?model=/models/tone-ctc', reason: /WASM, \d+ threads?.*WebGPU/ },
  { backend: 'webgpu', launch: { webgpu: true }, query: '?model=/models/tone-ctc&device=webgpu', reason: /WebGPU/ },
] as const;

describe.each(backends)('file transcription on the $backend backend', ({ backend, launch, query, reason }) => {
  let browser: Browser;
  let app: TestPage;

  beforeAll(async () => {
    browser = await launchBrowser(launch);
    app = await openApp(browser, query);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads the model once and says which backend runs and why', async () => {
    await waitForStatus(app.page, ['idle'], 120_000);
    const shown = app.page.getByTestId('backend');
    await expect.poll(() => shown.getAttribute('data-backend')).toBe(backend);
    expect(await shown.textContent()).toMatch(reason);
    expect(await app.page.evaluate(() => crossOriginIsolated)).toBe(true);
  });

  it.each(formats.files)('transcribes %s exactly', async (file) => {
    const status = await transcribeFile(app.page, path.join(FORMATS, file));
    expect(status).toEqual({ state: 'done', message: expect.stringMatching(/^Done/) });
    expect(await transcriptText(app.page)).toBe(formats.text);
  });

  const badFiles: Array<[string, string, RegExp]> = [
    ['empty.wav', 'error', /"empty\.wav".*(no audio|empty)/i],
    ['not-audio.wav', 'error', /"not-audio\.wav".*not.*audio/i],
    ['random-bytes.ogg', 'error', /"random-bytes\.ogg"/],
    ['truncated.mp3', 'error', /"truncated\.mp3".*(truncated|cut off|incomplete)/i],
    ['silence-5s.wav', 'done', /No speech found in "silence-5s\.wav"/],
    ['white-noise-5s.wav', 'done', /No speech found in "white-noise-5s\.wav"/],
  ];

  it.each(badFiles)('gives %s a clear message and stays usable', async (file, state, message) => {
    const status = await transcribeFile(app.page, path.join(BAD, file));
    expect(status.state).toBe(state);
    expect(status.message).toMatch(message);
    if (state === 'done') expect(await transcriptText(app.page)).toBe('');
    const { file: next, text } = sentences[1];
    expect((await transcribeFile(app.page, path.join(SHARED, 'audio/tones/sentences', next))).state).toBe('done');
    expect(await transcriptText(app.page)).toBe(text);
  });

  it('keeps what a truncated file gave before its message', async () => {
    // The fixture is not tone audio, so its words are noise; what matters is that they are kept.
    const status = await transcribeFile(app.page, path.join(BAD, 'truncated.mp3'));
    expect(status.state).toBe('error');
    expect((await transcriptText(app.page)).length).toBeGreaterThan(0);
  });

  it('cancels within one chunk, keeps the text so far, and transcribes the next file', async () => {
    await uploadFile(app.page, path.join(SHARED, 'audio/tones/long/ten-minutes.opus'));
    await app.page.waitForFunction(() => (document.querySelector('[data-testid="transcript"]')?.textContent ?? '').split(' ').length > 20, null, {
      timeout: 120_000,
    });
    await app.page.getByRole('button', { name: 'Cancel' }).click();
    const cancelled = await waitForStatus(app.page, ['cancelled'], 15_000);
    expect(cancelled.message).toMatch(/Cancelled "ten-minutes\.opus"/);
    const kept = await transcriptText(app.page);
    expect(kept.split(' ').length).toBeGreaterThan(20);
    expect(longText.startsWith(kept.replace(/ \S+$/, ''))).toBe(true);
    expect(kept.length).toBeLessThan(longText.length / 2);

    const { file, text } = sentences[0];
    const status = await transcribeFile(app.page, path.join(SHARED, 'audio/tones/sentences', file));
    expect(status.state).toBe('done');
    expect(await transcriptText(app.page)).toBe(text);
  });

  it('queues files dropped during a job, visibly, and runs them in turn', async () => {
    const files = sentences.slice(2, 5);
    await app.page.getByLabel('Audio file').setInputFiles(files.map((s) => path.join(SHARED, 'audio/tones/sentences', s.file)));
    await expect.poll(() => app.page.getByTestId('queue').locator('li').count()).toBeGreaterThan(0);
    await app.page.waitForFunction(() => document.querySelector('[data-testid="queue"]') === null, null, { timeout: 120_000 });
    expect((await waitForStatus(app.page, ['done'], 60_000)).message).toMatch(files[2].file);
    expect(await transcriptText(app.page)).toBe(files[2].text);
    await openSideTab(app.page, 'Library');
    const earlier = await app.page.getByRole('region', { name: 'Earlier transcripts' }).textContent();
    for (const { file } of files.slice(0, 2)) expect(earlier).toContain(file);
  });

  it('never reached for a CDN and logged no errors', () => {
    expect(app.blockedRequests).toEqual([]);
    expect(app.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});

describe('while the model loads', () => {
  it('queues a file instead of ignoring it', async () => {
    const browser = await launchBrowser();
    try {
      const app = await newPage(browser);
      await app.page.route('**/models/tone-ctc/onnx/model.onnx', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.continue();
      });
      await app.page.goto(`${server.url}?model=/models/tone-ctc`);
      const { file, text } = sentences[3];
      await uploadFile(app.page, path.join(SHARED, 'audio/tones/sentences', file));
      expect((await waitForStatus(app.page, ['loading-model', 'transcribing', 'done'], 5_000)).state).toBe('loading-model');
      await expect.poll(() => app.page.getByTestId('queue').textContent()).toContain(file);
      expect((await waitForStatus(app.page, ['done'], 60_000)).state).toBe('done');
      expect(await transcriptText(app.page)).toBe(text);
    } finally {
      await browser.close();
    }
  });

  it('names a model that does not exist', async () => {
    const browser = await launchBrowser();
    try {
      const app = await openApp(browser, '?model=/models/no-such-model');
      const status = await waitForStatus(app.page, ['error'], 30_000);
      expect(status.message).toMatch(/no-such-model.*not found/);
    } finally {
      await browser.close();
    }
  });
});
