// Accurate decoding in the real app: beam search with a language model the user adds, kept in
// Cache Storage, listed and deleted in the storage panel.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, SHARED, startPreviewServer, transcribeFile, transcriptText, waitForStatus, type Server } from '../test/support/harness.ts';
import { sentenceManifest } from '../test/support/sharedFixtures.ts';

const sentences = sentenceManifest().slice(0, 3);
let server: Server;
let browser: Browser;
let dir: string;
let arpa: string;

beforeAll(async () => {
  server = await startPreviewServer();
  browser = await launchBrowser();
  dir = mkdtempSync(path.join(os.tmpdir(), 'lm-'));
  const words = [...new Set(sentenceManifest().flatMap((s) => s.text.split(' ')))];
  const p = Math.log10(1 / (words.length + 2)).toFixed(4);
  const unigrams = ['<s>', '</s>', ...words].map((w) => `${p}\t${w}`);
  arpa = path.join(dir, 'tones.arpa');
  writeFileSync(arpa, `\\data\\\nngram 1=${unigrams.length}\n\n\\1-grams:\n${unigrams.join('\n')}\n\n\\end\\\n`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('accurate decoding', () => {
  it('transcribes exactly with beam search and a language model the user adds, which the storage panel lists and deletes', async () => {
    const { page, close, errors } = await newPage(browser);
    try {
      await page.goto(`${server.url}?model=/models/tone-ctc&decoding=accurate`);
      await waitForStatus(page, ['idle'], 60_000);
      await page.getByRole('tab', { name: 'Model' }).click();
      await page.getByText('Settings', { exact: true }).click();
      expect(await page.getByLabel('Decoding', { exact: true }).inputValue()).toBe('accurate');
      await page.getByLabel('Add a language model (ARPA, .arpa or .arpa.gz)').setInputFiles(arpa);
      await expect.poll(() => page.getByTestId('language-model-status').textContent(), { timeout: 30_000 }).toMatch(/^Language model tones\.arpa: \d+ words/);
      expect(await page.getByLabel('Language model', { exact: true }).inputValue()).toBe('tones.arpa');

      for (const sentence of sentences) {
        const status = await transcribeFile(page, path.join(SHARED, 'audio/tones/sentences', sentence.file), 60_000);
        expect(status.state).toBe('done');
        expect(await transcriptText(page)).toBe(sentence.text);
      }

      await page.getByRole('tab', { name: 'Storage' }).click();
      await page.getByText('Offline use and storage').click();
      const stored = page.getByTestId('language-model');
      await expect.poll(() => stored.count(), { timeout: 10_000 }).toBe(1);
      await page.getByRole('button', { name: 'Delete the language model tones.arpa' }).click();
      await expect.poll(() => stored.count(), { timeout: 10_000 }).toBe(0);
      expect(await page.evaluate(async () => (await (await caches.open('language-models')).keys()).length)).toBe(0);
      expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await close();
    }
  });
});
