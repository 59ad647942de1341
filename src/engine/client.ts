import * as Comlink from 'comlink';
import { EngineDiedError } from './engineDied.ts';
import type { EngineApi } from './protocol.ts';
// Vite builds the worker from this import, so the page's import graph leads into the worker's code.
import EngineWorkerScript from './worker/engine.worker.ts?worker';

export type EngineRemote = Comlink.Remote<EngineApi>;

export interface EngineWorker {
  readonly remote: EngineRemote;
  /** Ends the worker, freeing all its memory: the only way to shrink a WebAssembly heap. */
  terminate(): void;
  /** `call`, or a rejection once the worker has ended (a call to an ended worker never settles). */
  whileAlive<T>(call: Promise<T>): Promise<T>;
  /** Resolves once the worker has died on its own (never after terminate()). */
  readonly died: Promise<EngineDiedError>;
}

interface LockManagerLike {
  request(name: string, callback: () => unknown): Promise<unknown>;
}

/**
 * Starts the engine worker of this page and watches it. A worker that is terminated from outside
 * (as the browser does when it runs out of memory) or closes itself fires no event, and one busy
 * inside WebAssembly cannot answer a ping, so it holds a Web Lock for its whole life instead: the
 * browser frees the lock the moment the worker ends, whatever ends it, and the page is waiting for it.
 */
export function startEngineWorker(locks: LockManagerLike | undefined = navigator.locks): EngineWorker {
  const worker = new EngineWorkerScript({ name: 'engine' });
  let ended = false;
  let reject!: (reason: Error) => void;
  const gone = new Promise<never>((_, rejectGone) => (reject = rejectGone));
  gone.catch(() => {});
  let announce!: (error: EngineDiedError) => void;
  const died = new Promise<EngineDiedError>((resolve) => (announce = resolve));
  const die = (error: EngineDiedError) => {
    if (ended) return;
    ended = true;
    worker.terminate();
    reject(error);
    announce(error);
  };
  let started = false;
  // Before the worker first answers, an error event means its script did not load or run; later
  // ones are uncaught errors the worker survives.
  worker.addEventListener('error', (event) => {
    if (started) return;
    event.preventDefault();
    die(new EngineDiedError(`The engine could not start: its script failed${event.message ? ` (${event.message})` : ' to load'}.`));
  });
  const remote = Comlink.wrap<EngineApi>(worker);
  const lock = `engine-alive-${crypto.randomUUID()}`;
  remote.holdLifeLock(lock).then(
    () => {
      started = true;
      void locks?.request(lock, () => die(new EngineDiedError('The engine stopped unexpectedly: the browser ended it, most likely because it ran out of memory.')));
    },
    () => {},
  );
  return {
    remote,
    terminate() {
      if (ended) return;
      ended = true;
      worker.terminate();
      reject(new Error('The engine worker was restarted.'));
    },
    whileAlive: (call) => Promise.race([call, gone]),
    died,
  };
}
