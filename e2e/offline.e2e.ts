// The installable, offline app: the service worker precaches the app, transformers.js caches the
// model on first use, and the worker's headers make the page cross-origin isolated on a host that
// sends no COOP/COEP at all.
import { appendFileSync, cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBytes } from '../src/shared/formatBytes.ts';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  REPO_ROOT,
  SHARED,
  launchBrowser,
  newPage,
  startDevServer,
  startPreviewServer,
  transcribeFile,
  transcriptText,
  uploadFile,
  waitForStatus,
  type Server,
  type TestPage,
} from '../test/support/harness.ts';
import { sentenceManifest } from '../test/support/sharedFixtures.ts';
import { backAfterReload, theInterruptedItem } from '../test/support/libraryPage.ts';
import { openSideTab } from '../test/support/sidePanel.ts';

const SENTENCES = path.join(SHARED, 'audio/tones/sentences');
const s00 = sentenceManifest().find((s) => s.file === 's-00.wav')!;
const TONE_MODEL = '/models/tone-ctc';
// What loading tone-ctc reads (and so caches).
const TONE_MODEL_FILES = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];
const TONE_MODEL_BYTES = TONE_MODEL_FILES.reduce((sum, file) => sum + statSync(path.join(SHARED, 'models/tone-ctc', file)).size, 0);

/** crossOriginIsolated of the page now; false while it is between documents. */
function isolated(page: Page): Promise<boolean> {
  return page.evaluate(() => crossOriginIsolated).catch(() => false);
}

function controlled(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.controller !== null).catch(() => false);
}

/** The rows of the storage panel's model list, opened if needed. */
async function cachedModelRows(page: Page) {
  await openSideTab(page, 'Storage');
  const panel = page.getByTestId('storage-panel');
  if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
  return panel.getByTestId('cached-model');
}

describe('offline PWA on a static host without COOP/COEP headers', () => {
  let server: Server;
  let browser: Browser;
  let app: TestPage;

  beforeAll(async () => {
    server = await startPreviewServer({ headers: false });
    browser = await launchBrowser();
    app = await newPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the first download with its full size, then becomes cross-origin isolated by one reload', async () => {
    const { page, context } = app;
    let navigations = 0;
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++);
    // Hold the weights back (not the one-byte size probes) to look at the progress bar meanwhile.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const weights = `**${TONE_MODEL}/onnx/model.onnx`;
    await context.route(weights, async (route) => {
      if (route.request().headers().range === undefined) await held;
      await route.continue();
    });
    await page.goto(`${server.url}?model=${TONE_MODEL}`);
    expect(await isolated(page)).toBe(false);
    const bar = page.getByRole('progressbar', { name: 'Model download' });
    await expect.poll(() => bar.getAttribute('max'), { timeout: 15_000 }).toBe(String(TONE_MODEL_BYTES));
    expect(await bar.locator('xpath=..').textContent()).toMatch(new RegExp(`of ${formatBytes(TONE_MODEL_BYTES)} \\(\\d %\\)`));
    release();
    await context.unroute(weights);
    await expect.poll(() => isolated(page), { timeout: 60_000, interval: 250 }).toBe(true);
    expect(await controlled(page)).toBe(true);
    await waitForStatus(page, ['idle'], 30_000);
    const backend = page.getByTestId('backend');
    expect(await backend.getAttribute('data-threads')).toBe(String(Math.min(4, await page.evaluate(() => navigator.hardwareConcurrency))));
    // The memory panel measures with the API only an isolated page has (a measurement itself takes
    // about a minute while ORT's threads exist, so it is not awaited here).
    expect(await page.getByTestId('isolation-status').textContent()).toMatch(/^Cross-origin isolated/);
    expect(await page.getByTestId('memory-panel').textContent()).toContain('Browser measurement');
    expect(await page.evaluate(() => typeof SharedArrayBuffer)).toBe('function');
    // One reload, not a loop.
    expect(navigations).toBe(2);
  });

  it('transcribes online, then with the network off after a reload, exactly', async () => {
    const { page, context } = app;
    const file = path.join(SENTENCES, s00.file);
    expect(await transcribeFile(page, file)).toMatchObject({ state: 'done' });
    expect(await transcriptText(page)).toBe(s00.text);

    await context.setOffline(true);
    await page.reload();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await waitForStatus(page, ['idle'], 30_000);
    expect(await isolated(page)).toBe(true);
    expect(await transcribeFile(page, file)).toMatchObject({ state: 'done' });
    expect(await transcriptText(page)).toBe(s00.text);
  });

  it('names an uncached model offline and says it needs one online visit, without hanging', async () => {
    const { page } = app;
    const started = Date.now();
    await page.goto(`${server.url}?model=/models/attn-bench`);
    const status = await waitForStatus(page, ['error', 'idle'], 15_000);
    expect(status.state).toBe('error');
    expect(status.message).toMatch(/"\/models\/attn-bench".*needs one online visit/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('lists the cached model with its size, shows quota and persistence, and deletes it', async () => {
    const { page } = app;
    const rows = await cachedModelRows(page);
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.getAttribute('data-model')).toBe(TONE_MODEL);
    // The size shown is the sum of the cached files' real sizes.
    const urls = await page.evaluate(async () => (await (await caches.open('transformers-cache')).keys()).map((r) => r.url));
    expect(urls.map((url) => new URL(url).pathname).sort()).toEqual(TONE_MODEL_FILES.map((file) => `${TONE_MODEL}/${file}`).sort());
    expect(await row.getByTestId('cached-model-size').textContent()).toBe(formatBytes(TONE_MODEL_BYTES));

    const panel = page.getByTestId('storage-panel');
    expect(await panel.getByTestId('storage-quota').textContent()).toMatch(/^Storage used by this site: .+ of about .+ \(.+ %\)\.$/);
    await expect.poll(() => panel.getByTestId('persistence-status').getAttribute('data-persistence')).toMatch(/^(granted|not-granted)$/);
    await expect.poll(() => panel.getByTestId('offline-status').getAttribute('data-offline'), { timeout: 30_000 }).toBe('ready');

    await panel.getByRole('button', { name: `Delete the cached model ${TONE_MODEL}` }).click();
    await expect.poll(() => rows.count()).toBe(0);
    expect(await page.evaluate(async () => (await (await caches.open('transformers-cache')).keys()).length)).toBe(0);

    // Deleted means gone: offline, the model now needs the network again.
    await page.goto(`${server.url}?model=${TONE_MODEL}`);
    const status = await waitForStatus(page, ['error', 'idle'], 15_000);
    expect(status.message).toMatch(/"\/models\/tone-ctc".*needs one online visit/);
  });

  it('never reached for a CDN', () => {
    expect(app.blockedRequests).toEqual([]);
  });
});

describe('installable PWA', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startPreviewServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('links a valid manifest, is controlled by the service worker, and Chromium finds it installable', async () => {
    const profile = mkdtempSync(path.join(tmpdir(), 'pwa-profile-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}?model=${TONE_MODEL}`);
      await expect.poll(() => controlled(page), { timeout: 60_000 }).toBe(true);
      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      const manifest = (await (await fetch(new URL(href!, server.url))).json()) as Record<string, unknown>;
      expect(manifest).toMatchObject({ name: 'In-page Transcriber', display: 'standalone', start_url: '.' });
      const cdp = await context.newCDPSession(page);
      const { errors } = (await cdp.send('Page.getAppManifest')) as { errors: unknown[] };
      expect(errors).toEqual([]);
      const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
      expect(installabilityErrors).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

describe('a new deployment', () => {
  let server: Server;
  let deployDir: string;
  beforeAll(async () => {
    deployDir = mkdtempSync(path.join(tmpdir(), 'pwa-deploy-'));
    cpSync(path.join(REPO_ROOT, 'dist'), deployDir, { recursive: true });
    server = await startPreviewServer({ distDir: deployDir });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(deployDir, { recursive: true, force: true });
  });

  it('is offered as a reload the user starts; mid-job it saves the job first, which offers Resume after the reload', async () => {
    const browser = await launchBrowser();
    try {
      const { page } = await newPage(browser);
      await page.goto(`${server.url}?model=${TONE_MODEL}`);
      await waitForStatus(page, ['idle'], 30_000);
      await expect.poll(() => controlled(page), { timeout: 60_000 }).toBe(true);
      appendFileSync(path.join(deployDir, 'sw.js'), '\n// the next deployment\n');
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
      const notice = page.getByTestId('reload-notice');
      await notice.waitFor({ timeout: 30_000 });
      expect(await notice.getByRole('status').textContent()).toMatch(/new version/);
      const reload = notice.getByRole('button', { name: 'Reload to update' });

      // The new version waits for the user, who starts a long file meanwhile.
      await uploadFile(page, path.join(SHARED, 'audio/tones/long/ten-minutes.opus'));
      await waitForStatus(page, ['transcribing'], 10_000);
      // Some windows committed: they must all be in the library after the reload.
      await expect.poll(() => transcriptText(page).then((t) => t.split(' ').length), { timeout: 60_000 }).toBeGreaterThan(50);
      expect(await notice.textContent()).not.toMatch(/clears the transcripts|lost/);
      expect(await notice.textContent()).toMatch(/saved first.*Resume/);
      expect(await reload.isEnabled()).toBe(true);
      expect((await waitForStatus(page, ['transcribing'], 1_000)).state).toBe('transcribing');
      const wordsBefore = (await transcriptText(page)).split(' ').length;

      await page.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true));
      await reload.click();
      await page.waitForFunction(() => !(window as unknown as { beforeUpdate?: boolean }).beforeUpdate, null, { timeout: 30_000 });
      await backAfterReload(page);
      expect(await page.getByTestId('reload-notice').count()).toBe(0);
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting)).toBeNull();

      const interrupted = await theInterruptedItem(page);
      expect(await interrupted.textContent()).toContain('ten-minutes.opus');
      const saved = Number(/(\d+) words/.exec((await interrupted.textContent()) ?? '')?.[1]);
      expect(saved).toBeGreaterThanOrEqual(wordsBefore);
      await interrupted.getByRole('button', { name: 'Resume' }).click();
      // The file was not kept in this browser: Resume asks for it (and would continue with it).
      await interrupted.getByLabel('Pick the same file to resume').waitFor({ timeout: 10_000 });
    } finally {
      await browser.close();
    }
  });
});

describe('the dev server (npm start)', () => {
  it('registers no service worker, so hot reload serves fresh files', async () => {
    const server = await startDevServer();
    const browser = await launchBrowser();
    try {
      const { page } = await newPage(browser);
      await page.goto(`${server.url}?model=${TONE_MODEL}`);
      await expect.poll(() => page.getByTestId('offline-status').getAttribute('data-offline'), { timeout: 30_000 }).toBe('dev-server');
      expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
