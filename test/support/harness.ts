// Shared helpers for the browser tests: a real `vite preview` of dist/, Debian's Chromium through
// playwright-core, and the app's automation contract (labelled file input, status, transcript).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SHARED } from './sharedFixtures.ts';

export { SHARED };

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM_PATH = '/usr/bin/chromium';

const VITE_BIN = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');

export interface Server {
  /** Origin with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Served at /models/; defaults to ../shared/models. */
  modelsDir?: string;
  /** false: no COOP/COEP/CORP headers (NO_ISOLATION_HEADERS=1), so the page is not cross-origin isolated. */
  headers?: boolean;
  /** Preview only: serve this copy of the build instead of dist/ (a test can then deploy a "new version"). */
  distDir?: string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`vite exited with code ${child.exitCode} before answering:\n${output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`vite did not answer at ${url} within ${timeoutMs} ms:\n${output()}`);
}

async function startVite(args: string[], opts: ServerOptions): Promise<Server> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MODELS_DIR: path.resolve(opts.modelsDir ?? path.join(SHARED, 'models')),
  };
  delete env.NO_ISOLATION_HEADERS;
  if (opts.headers === false) env.NO_ISOLATION_HEADERS = '1';

  const child = spawn(
    process.execPath,
    [VITE_BIN, ...args, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const url = `http://127.0.0.1:${port}/`;
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilAnswering(url, child, () => output, 60_000);
  } catch (err) {
    await close();
    throw err;
  }
  return { url, close };
}

/**
 * Serves the production build (dist/, made by `npm run build` beforehand) with `vite preview` on a
 * free port of 127.0.0.1, with MODELS_DIR served at /models/.
 */
export async function startPreviewServer(opts: ServerOptions = {}): Promise<Server> {
  if (!existsSync(path.join(REPO_ROOT, 'dist/index.html'))) {
    throw new Error('dist/index.html is missing: run `npm run build` before the e2e tests');
  }
  return startVite(['preview', ...(opts.distDir ? ['--outDir', path.resolve(opts.distDir)] : [])], opts);
}

/** Serves the sources with the Vite dev server (what `npm start` runs), same options as preview. */
export async function startDevServer(opts: ServerOptions = {}): Promise<Server> {
  return startVite([], opts);
}

export interface LaunchOptions {
  /** Adds --enable-unsafe-webgpu: a WebGPU adapter on the CPU (SwiftShader). */
  webgpu?: boolean;
  extraArgs?: string[];
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // measureUserAgentSpecificMemory() resolves in ~30 ms instead of 14-20 s.
  '--enable-blink-features=ForceEagerMeasureMemory',
];

/** Headless Debian Chromium. Never pass --enable-features: it replaces Playwright's own list. */
export async function launchBrowser(opts: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(opts.webgpu ? ['--enable-unsafe-webgpu'] : []), ...(opts.extraArgs ?? [])],
  });
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught errors of the page and its dedicated workers, in order. */
  errors: string[];
  /** URLs of requests that were aborted because they left 127.0.0.1/localhost (e.g. a CDN). */
  blockedRequests: string[];
  close(): Promise<void>;
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

/**
 * A page in a fresh context that records errors and aborts (and records) every request that
 * does not go to this machine. `bypassCSP` lets a test evaluate code the app's policy forbids.
 */
export async function newPage(browser: Browser, options: { bypassCSP?: boolean } = {}): Promise<TestPage> {
  const context = await browser.newContext({ bypassCSP: options.bypassCSP ?? false });
  const errors: string[] = [];
  const blockedRequests: string[] = [];

  await context.route(
    (url) => !isLocal(url.href),
    (route) => {
      blockedRequests.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
  return { page, context, errors, blockedRequests, close: () => context.close() };
}

/** Chooses a file in the app's `<input type="file">` labelled "Audio file". */
export async function uploadFile(page: Page, absPath: string): Promise<void> {
  await page.getByLabel('Audio file').setInputFiles(absPath);
}

export interface Status {
  state: string;
  message: string;
}

function readStatusIn(wanted: string[] | null): Status | null {
  const element = document.querySelector<HTMLElement>('[data-testid="status"]');
  const state = element?.dataset.state;
  if (!element || state === undefined || (wanted && !wanted.includes(state))) return null;
  return { state, message: (element.textContent ?? '').replace(/\s+/g, ' ').trim() };
}

/** Waits until `[data-testid="status"]` has a `data-state` in `states`; returns it with the status text. */
export async function waitForStatus(page: Page, states: string[], timeoutMs: number): Promise<Status> {
  try {
    const handle = await page.waitForFunction(readStatusIn, states, { timeout: timeoutMs, polling: 100 });
    return (await handle.jsonValue()) as Status;
  } catch (err) {
    const current = await page.evaluate(readStatusIn, null).catch(() => null);
    throw new Error(
      `status did not reach [${states.join(', ')}] within ${timeoutMs} ms; ` +
        `it is ${current ? `"${current.state}": ${current.message}` : 'missing'} (${String(err)})`,
    );
  }
}

/** Text of `[data-testid="transcript"]` with whitespace runs collapsed to one space. */
export async function transcriptText(page: Page): Promise<string> {
  const text = await page.locator('[data-testid="transcript"]').textContent();
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Chooses a file and waits for the final status that names it: every final status message names
 * its file, so the previous file's status cannot be mistaken for this one's.
 */
export async function transcribeFile(page: Page, absPath: string, timeoutMs = 120_000): Promise<Status> {
  await uploadFile(page, absPath);
  await page.waitForFunction(
    (name) => {
      const status = document.querySelector<HTMLElement>('[data-testid="status"]');
      return ['done', 'error', 'cancelled'].includes(status?.dataset.state ?? '') && (status?.textContent ?? '').includes(`"${name}"`);
    },
    path.basename(absPath),
    { timeout: timeoutMs, polling: 50 },
  );
  return waitForStatus(page, ['done', 'error', 'cancelled'], 1_000);
}
