// Vite config of the bench-only pages (never part of the app's bundle): /baseline/ runs the
// one-pass transformers.js pipeline, /probe/ drives the app's engine worker directly, /runtime/ runs
// a bare ONNX Runtime Web session (the runtime's own limit). Built into
// bench/out/pages and served by `vite preview`, cross-origin isolated like the app, with
// ../shared/models at /models/.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { serveModelsDir } from '../scripts/serveModelsDir.ts';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

function isolationHeaders(): Plugin {
  const setHeaders = (_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    next();
  };
  return {
    name: 'bench-isolation-headers',
    configureServer: (server) => void server.middlewares.use(setHeaders),
    configurePreviewServer: (server) => void server.middlewares.use(setHeaders),
  };
}

export default defineConfig({
  root: benchDir,
  plugins: [isolationHeaders(), serveModelsDir(path.resolve(benchDir, '../../shared/models'))],
  worker: { format: 'es' },
  // The engine's benchmark-only load options (src/engine/worker/benchHooks.ts).
  define: { __ENGINE_BENCH_HOOKS__: 'true' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: {
        baseline: path.join(benchDir, 'baseline/index.html'),
        probe: path.join(benchDir, 'probe/index.html'),
        runtime: path.join(benchDir, 'runtime/index.html'),
      },
    },
  },
});
