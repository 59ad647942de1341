// The servers' contract: cross-origin isolation headers, MODELS_DIR at /models/, and ONNX Runtime's
// runtime files served by the app itself (never a CDN), in the production build and in dev.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ortPlainWasmPaths, ortWasmPaths } from '../src/engine/worker/ortAssets.ts';
import {
  REPO_ROOT,
  SHARED,
  launchBrowser,
  newPage,
  startDevServer,
  startPreviewServer,
  type Server,
} from '../test/support/harness.ts';

const ISOLATION_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
};
const ORT_DIST = path.join(REPO_ROOT, 'node_modules/onnxruntime-web/dist');
// A local model for any load the page may start, so nothing is asked of the Hub.
const APP_PATH = '?model=/models/tone-ctc';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The installed onnxruntime-web file behind a `?url` import of ortAssets.ts. */
function installedOrtFile(devUrl: string): string {
  return path.join(ORT_DIST, path.basename(devUrl));
}

/** The hashed asset `vite build` emitted for an installed ORT file, as a URL path. */
function builtOrtAssetPath(devUrl: string): string {
  const { name, ext } = path.parse(path.basename(devUrl));
  const assets = readdirSync(path.join(REPO_ROOT, 'dist/assets'));
  const emitted = assets.filter((file) => file.startsWith(`${name}-`) && file.endsWith(ext));
  expect(emitted, `dist/assets holds one build of ${name}${ext} (is ortAssets.ts imported by the worker?)`).toHaveLength(1);
  const assetPath = `/assets/${emitted[0]}`;
  const referenced = assets
    .filter((file) => file.endsWith('.js'))
    .some((file) => readFileSync(path.join(REPO_ROOT, 'dist/assets', file), 'utf8').includes(assetPath));
  expect(referenced, `a built chunk references ${assetPath}`).toBe(true);
  return assetPath;
}

async function expectIsolated(server: Server, browser: Browser, isolated: boolean) {
  const response = await fetch(new URL(APP_PATH, server.url));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  await response.body?.cancel();
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) {
    expect(response.headers.get(name), name).toBe(isolated ? value : null);
  }

  const { page, errors, blockedRequests, close } = await newPage(browser);
  try {
    await page.goto(new URL(APP_PATH, server.url).href, { waitUntil: 'load' });
    await expect.poll(() => page.evaluate(() => window.crossOriginIsolated)).toBe(isolated);
    expect(await page.title()).toBe('In-page Transcriber');
    expect(blockedRequests).toEqual([]);
    if (isolated) expect(errors).toEqual([]);
  } finally {
    await close();
  }
}

async function expectModelsServed(server: Server) {
  const configUrl = new URL('models/tone-ctc/config.json', server.url);
  const config = await fetch(configUrl);
  expect(config.status).toBe(200);
  expect(config.headers.get('content-type')).toMatch(/^application\/json/);
  expect(config.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  expect(await config.text()).toBe(readFileSync(path.join(SHARED, 'models/tone-ctc/config.json'), 'utf8'));

  const modelFile = path.join(SHARED, 'models/tone-ctc/onnx/model.onnx');
  const modelSize = readFileSync(modelFile).byteLength;
  const head = await fetch(new URL('models/tone-ctc/onnx/model.onnx', server.url), { method: 'HEAD' });
  expect(head.status).toBe(200);
  expect(head.headers.get('content-length')).toBe(String(modelSize));

  const range = await fetch(new URL('models/tone-ctc/onnx/model.onnx', server.url), {
    headers: { Range: 'bytes=0-15' },
  });
  expect(range.status).toBe(206);
  expect(range.headers.get('content-range')).toBe(`bytes 0-15/${modelSize}`);
  expect(new Uint8Array(await range.arrayBuffer())).toEqual(new Uint8Array(readFileSync(modelFile).subarray(0, 16)));

  // Files transformers.js probes for and must miss quickly, plus escapes from MODELS_DIR.
  for (const missing of [
    'models/tone-ctc/onnx/model.onnx_data',
    'models/tone-ctc/generation_config.json',
    'models/no-such-model/config.json',
    'models/..%2FREADME.md',
  ]) {
    const started = performance.now();
    const response = await fetch(new URL(missing, server.url));
    await response.body?.cancel();
    // A path that leaves MODELS_DIR is refused as a bad request; a missing file is not found.
    expect(response.status, missing).toBe(missing.includes('..') ? 400 : 404);
    expect(performance.now() - started, missing).toBeLessThan(1000);
  }
}

/**
 * Fetches every ORT runtime file from inside an isolated page and checks it is the installed one.
 * The dev server rewrites JavaScript (Node-only imports, import.meta.url paths), so there only the
 * .wasm can be compared byte for byte.
 */
async function expectOrtServed(
  server: Server,
  browser: Browser,
  urlOf: (devUrl: string) => string,
  { jsTransformed }: { jsTransformed: boolean },
) {
  // The check imports the .mjs from evaluated code, which the app's own policy forbids.
  const { page, blockedRequests, close } = await newPage(browser, { bypassCSP: true });
  try {
    await page.goto(new URL(APP_PATH, server.url).href);
    for (const devUrl of [...Object.values(ortWasmPaths), ...Object.values(ortPlainWasmPaths)]) {
      const url = new URL(urlOf(devUrl), server.url).href;
      const served = await page.evaluate(async (url) => {
        const response = await fetch(url);
        const digest = await crypto.subtle.digest('SHA-256', await response.arrayBuffer());
        const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
        // Built by hand: the test runner rewrites a literal import() for Node.
        const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<{ default: unknown }>;
        const isModule = url.endsWith('.mjs') ? typeof (await importModule(url)).default === 'function' : null;
        return { status: response.status, type: response.headers.get('content-type') ?? '', hex, isModule };
      }, url);
      expect(served.status, url).toBe(200);
      if (devUrl.endsWith('.wasm') || !jsTransformed) {
        expect(served.hex, `${url} is the installed onnxruntime-web file`).toBe(
          sha256(readFileSync(installedOrtFile(devUrl))),
        );
      }
      if (devUrl.endsWith('.wasm')) {
        expect(served.type, url).toBe('application/wasm');
      } else {
        expect(served.type, url).toMatch(/^(text|application)\/javascript/);
        expect(served.isModule, `${url} imports as an ES module with a default factory`).toBe(true);
      }
    }
    expect(blockedRequests).toEqual([]);
  } finally {
    await close();
  }
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('ortAssets.ts names the asyncify and the plain runtime of the installed onnxruntime-web', () => {
  const names = [...Object.values(ortWasmPaths), ...Object.values(ortPlainWasmPaths)].map((url) => path.basename(url)).sort();
  expect(names).toEqual([
    'ort-wasm-simd-threaded.asyncify.mjs',
    'ort-wasm-simd-threaded.asyncify.wasm',
    'ort-wasm-simd-threaded.mjs',
    'ort-wasm-simd-threaded.wasm',
  ]);
});

describe('production build (vite preview)', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startPreviewServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  test('the page is served with COOP/COEP/CORP and is cross-origin isolated', async () => {
    await expectIsolated(server, browser, true);
  });

  test('MODELS_DIR is served at /models/ and missing files 404', async () => {
    await expectModelsServed(server);
  });

  test('the ORT runtime files are hashed build assets of the installed version', async () => {
    await expectOrtServed(server, browser, builtOrtAssetPath, { jsTransformed: false });
  });
});

describe('production build without isolation headers (NO_ISOLATION_HEADERS=1)', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startPreviewServer({ headers: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  test('the page is not cross-origin isolated', async () => {
    await expectIsolated(server, browser, false);
  });
});

describe('dev server (npm start)', () => {
  let server: Server;
  beforeAll(async () => {
    server = await startDevServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  test('the page is served with COOP/COEP/CORP and is cross-origin isolated', async () => {
    await expectIsolated(server, browser, true);
  });

  test('MODELS_DIR is served at /models/ and missing files 404', async () => {
    await expectModelsServed(server);
  });

  test('the ORT runtime files are served from node_modules', async () => {
    await expectOrtServed(server, browser, (devUrl) => devUrl, { jsTransformed: true });
  });
});
