// Storage running out while a model is cached: transformers.js logs the refused write and loads on,
// so the page must say the model is not kept for offline use, with its size against the room left,
// and must not list the files that did fit as a cached model. The quota is the browser's own,
// shrunk for the test's origin through the DevTools protocol (Storage.overrideQuotaForOrigin), so
// the writes fail with a real QuotaExceededError; Chromium's navigator.storage.estimate() does not
// report that override, so the page's figures of the room left are checked by the unit tests.
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../src/shared/formatBytes.ts';
import { newPage, SHARED, transcribeFile, transcriptText, waitForStatus } from '../test/support/harness.ts';
import { previewSuite } from '../test/support/previewSuite.ts';
import { sentenceManifest } from '../test/support/sharedFixtures.ts';
import { openSideTab } from '../test/support/sidePanel.ts';

const TONE_MODEL_FILES = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];
const TONE_MODEL_BYTES = TONE_MODEL_FILES.reduce((sum, file) => sum + statSync(path.join(SHARED, 'models/tone-ctc', file)).size, 0);
/** Room for the library's database and the model's small files, not for its weights. */
const QUOTA_BYTES = 100_000;
const [sentence] = sentenceManifest();

const suite = previewSuite();

describe('a model that does not fit in the storage quota', () => {
  it('works, says it is not kept offline with its size and the room left, lists nothing half-cached, and caches once there is room', async () => {
    const { page, context, close } = await newPage(suite.browser);
    try {
      const cdp = await context.newCDPSession(page);
      const origin = new URL(suite.server.url).origin;
      await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: QUOTA_BYTES });
      const refused: string[] = [];
      page.on('worker', (worker) => worker.on('console', (line) => void (/QuotaExceededError/.test(line.text()) && refused.push(line.text()))));
      await page.goto(`${suite.server.url}?model=/models/tone-ctc`);
      await waitForStatus(page, ['idle'], 60_000);
      await expect.poll(async () => (await waitForStatus(page, ['idle'], 1_000)).message, { timeout: 10_000 }).toMatch(/could not keep it for offline use/);
      const { message } = await waitForStatus(page, ['idle'], 1_000);
      expect(message).toMatch(/^Ready \(/);
      expect(message).toContain(`The model "/models/tone-ctc" works now, but this browser could not keep it for offline use`);
      expect(message).toContain(`${formatBytes(TONE_MODEL_BYTES)} needed`);
      // transformers.js met the quota itself, logged it and loaded on.
      expect(refused.length).toBeGreaterThan(0);
      console.log(`[storage] ${refused.length} of ${TONE_MODEL_FILES.length} model files refused by the quota`);

      // Nothing of it is left listed as cached, and what did fit was removed.
      await openSideTab(page, 'Storage');
      const panel = page.getByTestId('storage-panel');
      await panel.locator('summary').click();
      await expect.poll(() => panel.getByTestId('model-cache-problem').textContent(), { timeout: 10_000 }).toMatch(/could not keep it for offline use/);
      expect(await panel.getByTestId('cached-model').count()).toBe(0);
      expect(await page.evaluate(async () => (await (await caches.open('transformers-cache')).keys()).length)).toBe(0);

      // The model still transcribes.
      expect((await transcribeFile(page, path.join(SHARED, 'audio/tones/sentences', sentence.file), 60_000)).state).toBe('done');
      expect(await transcriptText(page)).toBe(sentence.text);

      // With the quota back, the next load keeps it whole, and the warning goes.
      await cdp.send('Storage.overrideQuotaForOrigin', { origin });
      await page.reload();
      await waitForStatus(page, ['idle'], 60_000);
      await openSideTab(page, 'Storage');
      if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
      await expect.poll(() => panel.getByTestId('cached-model').count(), { timeout: 10_000 }).toBe(1);
      expect(await panel.getByTestId('cached-model').getAttribute('data-complete')).toBe('true');
      expect(await panel.getByTestId('model-cache-problem').count()).toBe(0);
    } finally {
      await close();
    }
  });
});
