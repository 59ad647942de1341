import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './scripts/pwaOptions.ts';
import { serveModelsDir } from './scripts/serveModelsDir.ts';
import { ISOLATION_HEADERS } from './src/sw/isolationHeaders.ts';

// Cross-origin isolation unlocks SharedArrayBuffer (multi-threaded ORT) and
// performance.measureUserAgentSpecificMemory() (the memory panel). The service worker adds the
// same ISOLATION_HEADERS where the host sends none.

/**
 * Sets the isolation headers on every response of the dev and preview servers, including 404s,
 * /models/ files and worker scripts (a dedicated worker takes its COEP from its own response).
 * Registered as plain middleware so it runs before Vite's own handlers.
 */
function crossOriginIsolation(): Plugin {
  const setHeaders = (_req: IncomingMessage, res: ServerResponse, next: () => void) => {
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
    next();
  };
  return {
    name: 'cross-origin-isolation',
    configureServer: (server) => void server.middlewares.use(setHeaders),
    configurePreviewServer: (server) => void server.middlewares.use(setHeaders),
  };
}

// NO_ISOLATION_HEADERS=1 serves the app without COOP/COEP, so a test can check that the
// service worker, not the server, makes the installed app cross-origin isolated.
const withIsolationHeaders = process.env.NO_ISOLATION_HEADERS !== '1';
const modelsDir = process.env.MODELS_DIR ? path.resolve(process.env.MODELS_DIR) : undefined;

export default defineConfig(({ command }) => ({
  plugins: [
    react(),
    ...(withIsolationHeaders ? [crossOriginIsolation()] : []),
    ...(command === 'serve' && modelsDir ? [serveModelsDir(modelsDir)] : []),
    VitePWA(pwaOptions),
  ],
  worker: { format: 'es' },
  // Benchmark-only engine options are compiled out of the app (src/engine/worker/benchHooks.ts).
  define: { __ENGINE_BENCH_HOOKS__: 'false' },
  optimizeDeps: {
    // Crawl the worker sources too: a dependency first met when a worker starts would make the
    // dev server re-optimize and reload the page mid-session.
    entries: ['index.html', 'src/**/*.{ts,tsx}'],
    // Pre-bundling would move ORT's code into .vite/deps, away from the files its
    // import.meta.url-relative lookups expect; both packages are ESM bundles already.
    exclude: ['onnxruntime-web', '@huggingface/transformers'],
  },
  build: {
    // transformers.js + ORT make a ~1 MB worker chunk by design; the .wasm is an asset, not a chunk.
    chunkSizeWarningLimit: 2000,
  },
}));
