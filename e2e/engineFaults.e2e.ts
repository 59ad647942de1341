// A dying engine in the real app: the page notices within seconds, keeps every committed word,
// says what happened, and runs the next file on a fresh engine.
import path from 'node:path';
import type { Page, Worker } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, SHARED, transcribeFile, transcriptText, uploadFile, waitForStatus } from '../test/support/harness.ts';
import { previewSuite } from '../test/support/previewSuite.ts';
import { longManifest, sentenceManifest } from '../test/support/sharedFixtures.ts';

const LONG = path.join(SHARED, 'audio/tones/long/ten-minutes.opus');
const [sentence] = sentenceManifest();
const SENTENCE = path.join(SHARED, 'audio/tones/sentences', sentence.file);

const suite = previewSuite();

async function engineWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().some((w) => /engine/.test(w.url())), { timeout: 30_000 }).toBe(true);
  return page.workers().find((w) => /engine/.test(w.url()))!;
}

async function transcribing(page: Page): Promise<string> {
  await uploadFile(page, LONG);
  await expect.poll(() => transcriptText(page), { timeout: 60_000 }).toMatch(/\w+ \w+ \w+/);
  return transcriptText(page);
}

describe('when the engine worker dies', () => {
  it('mid-job: the page says so within 5 s, keeps the words, and the next file runs on a fresh engine', async () => {
    const { page, close } = await newPage(suite.browser);
    try {
      await page.goto(`${suite.server.url}?model=/models/tone-ctc`);
      await waitForStatus(page, ['idle'], 60_000);
      const before = await transcribing(page);
      const worker = await engineWorker(page);
      const killedAt = Date.now();
      await worker.evaluate(() => self.close()).catch(() => {}); // the call dies with the worker
      const status = await waitForStatus(page, ['error'], 5_000);
      expect(Date.now() - killedAt).toBeLessThan(5_000);
      expect(status.message).toMatch(/^Transcribing "ten-minutes\.opus" stopped: The engine stopped .* The text so far is kept/);
      expect((await transcriptText(page)).startsWith(before)).toBe(true);

      const next = await transcribeFile(page, SENTENCE, 60_000);
      expect(next.state).toBe('done');
      expect(await transcriptText(page)).toBe(sentence.text);

      // The library offers the interrupted job again, and it ends exactly as an unbroken run.
      await page.getByRole('tab', { name: 'Library' }).click();
      const interrupted = page.getByRole('region', { name: 'Library' }).locator('[data-testid="library-item"][data-state="interrupted"]');
      await expect.poll(() => interrupted.count(), { timeout: 15_000 }).toBe(1);
      await interrupted.getByRole('button', { name: 'Resume' }).click();
      await interrupted.getByLabel('Pick the same file to resume').setInputFiles(LONG);
      await waitForStatus(page, ['transcribing'], 10_000);
      const resumed = await waitForStatus(page, ['done', 'error'], 120_000);
      expect(resumed.message).toMatch(/^Done: "ten-minutes\.opus"/);
      expect(await transcriptText(page)).toBe(longManifest().text);
    } finally {
      await close();
    }
  });

  it('twice at the same window: the resumed job stops with a message instead of offering the same Resume', async () => {
    const { page, close } = await newPage(suite.browser);
    try {
      await page.goto(`${suite.server.url}?model=/models/tone-ctc`);
      await waitForStatus(page, ['idle'], 60_000);
      await transcribing(page);
      await (await engineWorker(page)).evaluate(() => self.close()).catch(() => {});
      await waitForStatus(page, ['error'], 5_000);
      const kept = await transcriptText(page);

      await page.getByRole('tab', { name: 'Library' }).click();
      const library = page.getByRole('region', { name: 'Library' });
      const interrupted = library.locator('[data-testid="library-item"][data-state="interrupted"]');
      await expect.poll(() => interrupted.count(), { timeout: 15_000 }).toBe(1);
      // The fresh engine has loaded the model again before the job is resumed.
      await expect.poll(() => page.workers().filter((w) => /engine/.test(w.url())).length, { timeout: 5_000 }).toBe(1);
      const second = await engineWorker(page);
      await interrupted.getByRole('button', { name: 'Resume' }).click();
      await interrupted.getByLabel('Pick the same file to resume').setInputFiles(LONG);
      // An Ogg file is decoded again from its start up to the resumed window: it dies before committing past the first death.
      await waitForStatus(page, ['transcribing'], 10_000);
      await second.evaluate(() => self.close()).catch(() => {});
      const stopped = await waitForStatus(page, ['error'], 5_000);
      expect(stopped.message).toMatch(/^Transcribing "ten-minutes\.opus" stopped at \d+:\d\d again: the engine died twice on the window after \d+:\d\d .* Choose the Low memory budget under Settings/);
      expect((await transcriptText(page)).startsWith(kept)).toBe(true);
      const failed = library.locator('[data-testid="library-item"][data-state="error"]');
      await expect.poll(() => failed.count(), { timeout: 15_000 }).toBe(1);
      expect(await library.getByRole('button', { name: 'Resume' }).count()).toBe(0);
    } finally {
      await close();
    }
  });

  it('between jobs: the next file still runs, on a fresh engine', async () => {
    const { page, close } = await newPage(suite.browser);
    try {
      await page.goto(`${suite.server.url}?model=/models/tone-ctc`);
      await waitForStatus(page, ['idle'], 60_000);
      const worker = await engineWorker(page);
      await worker.evaluate(() => self.close()).catch(() => {});
      await expect.poll(() => page.workers().filter((w) => /engine/.test(w.url())).length, { timeout: 5_000 }).toBe(1);
      const next = await transcribeFile(page, SENTENCE, 60_000);
      expect(next.state).toBe('done');
      expect(await transcriptText(page)).toBe(sentence.text);
    } finally {
      await close();
    }
  });
});
