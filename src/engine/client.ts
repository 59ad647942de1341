import * as Comlink from 'comlink';
import type { EngineApi } from './protocol.ts';
// Vite builds the worker from this import, so the page's import graph leads into the worker's code.
import EngineWorkerScript from './worker/engine.worker.ts?worker';

export type EngineRemote = Comlink.Remote<EngineApi>;

export interface EngineWorker {
  readonly remote: EngineRemote;
  /** Ends the worker, freeing all its memory: the only way to shrink a WebAssembly heap. */
  terminate(): void;
  /** `call`, or a rejection once the worker is terminated (a call to a terminated worker never settles). */
  whileAlive<T>(call: Promise<T>): Promise<T>;
}

/** Starts the engine worker of this page. */
export function startEngineWorker(): EngineWorker {
  const worker = new EngineWorkerScript({ name: 'engine' });
  let ended!: (reason: Error) => void;
  const terminated = new Promise<never>((_, reject) => (ended = reject));
  terminated.catch(() => {});
  return {
    remote: Comlink.wrap<EngineApi>(worker),
    terminate() {
      worker.terminate();
      ended(new Error('The engine worker was restarted.'));
    },
    whileAlive: (call) => Promise.race([call, terminated]),
  };
}
