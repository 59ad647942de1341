import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { pwaOptions } from './scripts/pwaOptions.ts';
import { serveModelsDir } from './scripts/serveModelsDir.ts';
import { ISOLATION_HEADERS } from './src/sw/isolationHeaders.ts';
import { modelOrigins, plainHost, securityHeaders } from './src/sw/securityHeaders.ts';

// Cross-origin isolation unlocks SharedArrayBuffer (multi-threaded ORT) and
// performance.measureUserAgentSpecificMemory() (the memory panel); the Content Security Policy
// keeps every script the app's own and every fetch on the app's origin or the model host. The
// service worker adds the same headers where the host sends none.

/**
 * Sets the isolation and security headers on every response of the dev and preview servers,
 * including 404s, /models/ files and worker scripts (a dedicated worker takes its COEP and CSP
 * from its own response). Registered as plain middleware so it runs before Vite's own handlers.
 * The dev server's policy also admits its inline React Refresh preamble, inline <style> and HMR
 * WebSocket (see PolicyOptions.devServer); preview serves the build under the exact policy.
 */
function appHeaders(models: readonly string[]): Plugin {
  const preview = securityHeaders({ modelOrigins: models });
  const setHeaders = (headers: (req: IncomingMessage) => Readonly<Record<string, string>>) =>
    (req: IncomingMessage, res: ServerResponse, next: () => void) => {
      for (const [name, value] of Object.entries({ ...ISOLATION_HEADERS, ...headers(req) })) res.setHeader(name, value);
      next();
    };
  return {
    name: 'app-headers',
    configureServer: (server) =>
      void server.middlewares.use(
        setHeaders((req) => securityHeaders({ modelOrigins: models, devServer: { host: plainHost(req.headers.host) } })),
      ),
    configurePreviewServer: (server) => void server.middlewares.use(setHeaders(() => preview)),
  };
}

// NO_ISOLATION_HEADERS=1 serves the app like a static host that sends no headers of its own (no
// COOP/COEP, no CSP), so a test can check that the service worker, not the server, makes the
// installed app cross-origin isolated and puts it under its policy.
const withAppHeaders = process.env.NO_ISOLATION_HEADERS !== '1';
const modelsDir = process.env.MODELS_DIR ? path.resolve(process.env.MODELS_DIR) : undefined;

export default defineConfig(({ command, mode }) => ({
  plugins: [
    react(),
    // VITE_MODEL_HOST (env or .env file) is read here for the servers and by the service worker's build.
    ...(withAppHeaders ? [appHeaders(modelOrigins(loadEnv(mode, process.cwd(), 'VITE_').VITE_MODEL_HOST))] : []),
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
