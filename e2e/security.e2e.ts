// The app's security contract in a real browser: the Content Security Policy and companion headers
// on what the servers and the service worker serve, nothing fetched from anywhere but the app's own
// origin while a file is loaded, transcribed and exported and a recording (Chromium's fake
// microphone) is made and exported, no policy violation on the way, and a hostile file name shown as text.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, HUB_ORIGINS } from '../src/sw/securityHeaders.ts';
import {
  SHARED,
  launchBrowser,
  newPage,
  startDevServer,
  startPreviewServer,
  transcribeFile,
  transcriptText,
  waitForStatus,
  type Server,
  type TestPage,
} from '../test/support/harness.ts';
import { sentenceManifest } from '../test/support/sharedFixtures.ts';

const APP_PATH = '?model=/models/tone-ctc';
const SENTENCE = sentenceManifest()[0];
const SENTENCE_FILE = path.join(SHARED, 'audio/tones/sentences', SENTENCE.file);
const POLICY = contentSecurityPolicy({ modelOrigins: HUB_ORIGINS });
const HOSTILE_NAME = '<img src=x onerror=alert(1)>.wav';
/** Chromium's fake capture device, playing the tone paragraph once, without asking for permission. */
const FAKE_MIC_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-audio-capture=${path.join(SHARED, 'audio/tones/mic-input-16k.wav')}%noloop`,
];
/** Seconds recorded before Stop: more than one preview, less than the clip. */
const RECORD_SECONDS = 6;

interface Watched extends TestPage {
  /** Every request of the page, its dedicated workers and the service worker, with who made it. */
  requests: Array<{ url: string; by: string }>;
  /** securitypolicyviolation events of the documents, and console lines about the policy from any thread. */
  violations: string[];
  dialogs: string[];
}

const requester = (request: Request) => (request.serviceWorker() ? 'service worker' : 'page or its workers');

/** A fresh page that records its requests, policy violations and dialogs from the first byte. */
async function watchedPage(browser: Browser): Promise<Watched> {
  const t = await newPage(browser);
  const watched: Watched = { ...t, requests: [], violations: [], dialogs: [] };
  t.context.on('request', (request) => watched.requests.push({ url: request.url(), by: requester(request) }));
  // The page's, its workers' and the service worker's console: Chromium reports each blocked load there.
  t.context.on('console', (message) => {
    if (/content security policy|securitypolicyviolation/i.test(message.text())) watched.violations.push(message.text());
  });
  await t.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`securitypolicyviolation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline code'}`);
    });
  });
  t.page.on('dialog', (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return watched;
}

/** Requests that left the app's origin (blob: and data: URLs are the page's own memory). */
function foreign(requests: Watched['requests'], origin: string): string[] {
  return requests
    .filter(({ url }) => !url.startsWith('blob:') && !url.startsWith('data:') && new URL(url).origin !== origin)
    .map(({ url, by }) => `${by}: ${url}`);
}

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  expect(headers['content-security-policy'], what).toBe(POLICY);
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('no-referrer');
}

async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
}

describe('the production build under its Content Security Policy', () => {
  let server: Server;
  let browser: Browser;
  let app: Watched;
  let origin: string;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'security-e2e-'));
    server = await startPreviewServer();
    origin = new URL(server.url).origin;
    browser = await launchBrowser({ extraArgs: FAKE_MIC_ARGS });
    app = await watchedPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('sends the policy, nosniff and no-referrer with the page, the service worker, the assets and the models', async () => {
    const response = await app.page.goto(`${server.url}${APP_PATH}`);
    expectSecurityHeaders(response!.headers(), 'the page');
    for (const file of ['sw.js', 'manifest.webmanifest', 'models/tone-ctc/config.json', 'models/tone-ctc/missing.json']) {
      const answer = await fetch(new URL(file, server.url));
      await answer.body?.cancel();
      expectSecurityHeaders(Object.fromEntries(answer.headers), file);
    }
  });

  it('is enforced by the browser: a foreign fetch, an inline script and a blob: worker are refused and reported', async () => {
    const probe = await watchedPage(browser);
    try {
      await probe.page.goto(`${server.url}${APP_PATH}`);
      const outcome = await probe.page.evaluate(async () => {
        const fetched = await fetch('https://example.org/').then(
          () => 'fetched',
          () => 'refused',
        );
        const script = document.createElement('script');
        script.textContent = 'window.inlineRan = true';
        document.body.append(script);
        // (eval is not tried here: code that DevTools evaluates is exempt from the policy.)
        const worker = await new Promise<string>((resolve) => {
          try {
            const blobWorker = new Worker(URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' })));
            blobWorker.onmessage = () => resolve('ran');
            blobWorker.onerror = () => resolve('refused');
          } catch {
            resolve('refused');
          }
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        return { fetched, inline: (window as { inlineRan?: boolean }).inlineRan === true, worker };
      });
      expect(outcome).toEqual({ fetched: 'refused', inline: false, worker: 'refused' });
      await expect.poll(() => probe.violations.join('\n')).toMatch(/connect-src blocked https:\/\/example\.org/);
      expect(probe.violations.join('\n')).toMatch(/script-src(-elem)? blocked inline/);
      expect(probe.violations.join('\n')).toMatch(/worker-src blocked blob/);
    } finally {
      await probe.close();
    }
  });

  it('loads, transcribes, records and exports without a request beyond its origin or a violation', async () => {
    await waitForStatus(app.page, ['idle'], 120_000);
    await controlled(app.page);
    // Served by the service worker now, from its precache: the policy must come along.
    const reloaded = await app.page.reload();
    expect(reloaded!.fromServiceWorker()).toBe(true);
    expectSecurityHeaders(reloaded!.headers(), 'the page served by the service worker');
    await waitForStatus(app.page, ['idle'], 120_000);

    const status = await transcribeFile(app.page, SENTENCE_FILE);
    expect(status.state).toBe('done');
    expect(await transcriptText(app.page)).toBe(SENTENCE.text);

    for (const [button, extension] of [
      ['Save Text', 'txt'],
      ['Save SRT', 'srt'],
    ] as const) {
      const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByRole('button', { name: button }).click()]);
      expect(download.suggestedFilename()).toBe(SENTENCE.file.replace(/\.wav$/, `.${extension}`));
      const saved = readFileSync((await download.path())!, 'utf8');
      if (extension === 'txt') expect(saved.trim()).toBe(SENTENCE.text);
      else expect(saved).toContain(SENTENCE.text.split(' ')[0]);
    }

    // A recording: the AudioWorklet, the origin-private WAV, the engine's previews, its exports.
    await app.page.getByRole('button', { name: 'Record' }).click();
    await waitForStatus(app.page, ['transcribing'], 30_000);
    await app.page.getByTestId('transcript-tail').waitFor({ timeout: 10_000 });
    await app.page.waitForFunction(
      (seconds) => {
        const [m, s] = (document.querySelector('[data-testid="mic-elapsed"]')?.textContent ?? '0:00').split(':').map(Number);
        return m * 60 + s >= seconds;
      },
      RECORD_SECONDS,
      { timeout: 30_000, polling: 100 },
    );
    await app.page.getByRole('button', { name: 'Stop' }).click();
    const recorded = await waitForStatus(app.page, ['done', 'error'], 60_000);
    expect(recorded.message).toMatch(/^Done: "Microphone recording \d\d:\d\d", [1-9]\d* words/);
    const recordingGroup = app.page.getByRole('group', { name: /Save the transcript of Microphone recording/ });
    const [text] = await Promise.all([app.page.waitForEvent('download'), recordingGroup.getByRole('button', { name: 'Save Text' }).click()]);
    expect(readFileSync((await text.path())!, 'utf8').trim()).toBe(await transcriptText(app.page));
    const [wav] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('save-recording').click()]);
    expect(readFileSync((await wav.path())!).toString('ascii', 0, 4)).toBe('RIFF');

    const byRequester = new Set(app.requests.map((r) => r.by));
    expect(byRequester, 'the service worker was watched too').toContain('service worker');
    expect(app.requests.some((r) => r.url.includes('/models/tone-ctc/onnx/model.onnx')), 'the model was fetched while watched').toBe(true);
    expect(app.requests.some((r) => /micCapture\.worklet/.test(r.url)), 'the microphone worklet was fetched while watched').toBe(true);
    expect(foreign(app.requests, origin)).toEqual([]);
    expect(app.blockedRequests).toEqual([]);
    expect(app.violations).toEqual([]);
    expect(app.errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });

  it('shows a file named like HTML as text and runs none of it', async () => {
    const hostile = path.join(tmp, HOSTILE_NAME);
    copyFileSync(SENTENCE_FILE, hostile);
    const status = await transcribeFile(app.page, hostile);
    expect(status.state).toBe('done');
    expect(status.message).toContain(`"${HOSTILE_NAME}"`);
    expect(await transcriptText(app.page)).toBe(SENTENCE.text);
    await expect.poll(() => app.page.getByText(HOSTILE_NAME, { exact: false }).count()).toBeGreaterThan(0);
    expect(await app.page.locator('img[src="x"]').count()).toBe(0);
    expect(app.dialogs).toEqual([]);
    expect(app.violations).toEqual([]);
  });
});

describe('on a static host that sends no headers', () => {
  it('gets the policy from the service worker', async () => {
    const server = await startPreviewServer({ headers: false });
    const browser = await launchBrowser();
    try {
      const app = await watchedPage(browser);
      const first = await app.page.goto(`${server.url}${APP_PATH}`);
      expect(first!.headers()['content-security-policy']).toBeUndefined();
      await controlled(app.page);
      // The app reloads itself through the worker to become isolated; that document carries the policy.
      await expect.poll(() => app.page.evaluate(() => crossOriginIsolated).catch(() => false), { timeout: 60_000 }).toBe(true);
      const served = await app.page.reload();
      expect(served!.fromServiceWorker()).toBe(true);
      expectSecurityHeaders(served!.headers(), 'the page served by the service worker');
      await waitForStatus(app.page, ['idle'], 120_000);
      expect(foreign(app.requests, new URL(server.url).origin)).toEqual([]);
      expect(app.violations).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('the dev server', () => {
  it('runs the app, its HMR client and the model under the relaxed dev policy', async () => {
    const server = await startDevServer();
    const browser = await launchBrowser();
    try {
      const app = await watchedPage(browser);
      const response = await app.page.goto(`${server.url}${APP_PATH}`);
      const policy = response!.headers()['content-security-policy'];
      expect(policy).toBe(contentSecurityPolicy({ modelOrigins: HUB_ORIGINS, devServer: { host: new URL(server.url).host } }));
      await waitForStatus(app.page, ['idle'], 180_000);
      expect(foreign(app.requests, new URL(server.url).origin)).toEqual([]);
      expect(app.violations).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
