// The runtime's own limit: one ONNX Runtime Web session in a worker (as the app runs it), without
// transformers.js, run on back-to-back windows. One build per page load: ORT initialises once.
import * as Comlink from 'comlink';
import type { RuntimeApi } from './runtime.worker.ts';

const runtime = Comlink.wrap<RuntimeApi>(new Worker(new URL('./runtime.worker.ts', import.meta.url), { type: 'module', name: 'runtime' }));

Object.assign(window, { runtime: { run: runtime.run } });
