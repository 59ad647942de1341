// A recording cut short by a reload keeps what it committed: Chromium's fake capture device plays
// the tone paragraph in a loop, the real tone-ctc model on WASM transcribes it, and the page is
// reloaded once words are committed.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, SHARED, startPreviewServer, transcriptText, waitForStatus, type Server } from '../test/support/harness.ts';
import { backAfterReload, libraryItem } from '../test/support/libraryPage.ts';

const MIC_INPUT = path.join(SHARED, 'audio/tones/mic-input-16k.wav');
const FAKE_MIC = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${MIC_INPUT}`];

let server: Server;
let browser: Browser;

beforeAll(async () => {
  server = await startPreviewServer();
  browser = await launchBrowser({ extraArgs: FAKE_MIC });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a recording interrupted by a reload', () => {
  it('keeps the words committed before the reload, and ends as a finished recording on Resume', async () => {
    const { page, errors, close } = await newPage(browser);
    try {
      await page.goto(`${server.url}?model=/models/tone-ctc&device=wasm`);
      await waitForStatus(page, ['idle'], 60_000);
      await page.getByRole('button', { name: 'Record' }).click();
      await waitForStatus(page, ['transcribing'], 30_000);
      // The first window commits once 20 s of audio are in.
      await expect.poll(() => transcriptText(page), { timeout: 60_000, interval: 200 }).not.toBe('');
      const committed = await transcriptText(page);

      await page.reload();
      await backAfterReload(page);
      const recording = libraryItem(page, /^Microphone recording/);
      await expect.poll(() => recording.getAttribute('data-state'), { timeout: 15_000 }).toBe('interrupted');
      expect(await recording.textContent()).toMatch(/Interrupted at \d+:\d\d/);
      // Nothing of it is on the page any more: what follows comes from the library.
      expect(await transcriptText(page)).toBe('');

      await recording.getByRole('button', { name: 'Resume' }).click();
      await expect.poll(() => recording.getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
      expect(await recording.getByLabel('Pick the same file to resume').count()).toBe(0);
      await recording.getByRole('button', { name: /^Open/ }).click();
      await expect.poll(() => transcriptText(page), { timeout: 10_000 }).not.toBe('');
      const saved = await transcriptText(page);
      // Every word committed before the reload, and perhaps a window committed while it happened.
      expect(saved.startsWith(committed)).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
